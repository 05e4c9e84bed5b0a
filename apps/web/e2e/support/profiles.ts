import { expect, type Locator, type Page } from "@playwright/test";

/** Creates an app through the New app dialog and opens its Authorization Profiles page. */
export async function createApp(page: Page, teamId: string, name: string): Promise<string> {
  await page.goto(`/t/${teamId}`);
  await page.getByRole("button", { name: "New app" }).click();
  const dialog = page.getByRole("dialog", { name: "New app" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create app" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("link", { name }).click();
  await expect(page).toHaveURL(/\/apps\/[0-9a-f-]{36}\/profiles$/);
  await expect(
    page.getByRole("heading", { name: "Authorization Profiles", exact: true }),
  ).toBeVisible();
  return new URL(page.url()).pathname.split("/")[4]!;
}

type ProcedureAnswer = { result?: { data: { json: unknown } }; error?: { json: unknown } };

/** Calls a tRPC mutation as the signed-in page would, for set-up the test is not about. */
export async function mutate<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.post(`/api/trpc/${path}?batch=1`, {
    data: { 0: { json: input } },
    headers: { origin: new URL(page.url()).origin, "content-type": "application/json" },
  });
  const [answer] = (await response.json()) as ProcedureAnswer[];
  if (!answer?.result) throw new Error(`${path} failed: ${JSON.stringify(answer?.error)}`);
  return answer.result.data.json as T;
}

export type FieldInput = {
  type: "Header" | "Payload" | "Query String" | "Path Param";
  key: string;
  value: string;
  secret?: boolean;
};

/** "+ Add Authorization Field", filled and Done. */
export async function addAuthorizationField(dialog: Locator, field: FieldInput) {
  await dialog.getByRole("button", { name: "+ Add Authorization Field" }).click();
  await fillAuthorizationField(dialog, field);
  await dialog.getByRole("button", { name: "Done" }).click();
}

export async function fillAuthorizationField(dialog: Locator, field: FieldInput) {
  await dialog.getByLabel("Field Type").selectOption({ label: field.type });
  await dialog.getByLabel("Field Key").fill(field.key);
  await dialog.getByLabel("Field Value").fill(field.value);
  await dialog.getByLabel("Secret", { exact: true }).setChecked(field.secret ?? false);
}

/** The row of a profile in the list. */
export const profileRow = (page: Page, name: string) =>
  page.getByRole("table", { name: "Authorization profiles" }).getByRole("row", { name });
