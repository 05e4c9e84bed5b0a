import { expect, type Page } from "@playwright/test";

/**
 * Creates an app with the New app dialog on the team's Apps page, which then opens the new
 * app's Authorization Profiles; returns its id. `page` is left on that app.
 */
export async function createApp(page: Page, name: string): Promise<string> {
  await page.getByRole("button", { name: "New app" }).click();
  const dialog = page.getByRole("dialog", { name: "New app" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create app" }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/apps\/[0-9a-f-]{36}\/profiles$/);
  await expect(
    page.getByRole("heading", { name: "Authorization Profiles", exact: true }),
  ).toBeVisible();
  return new URL(page.url()).pathname.split("/")[4]!;
}

/**
 * Calls a tRPC mutation as the person signed in to `page`, as the dashboard's own pages do;
 * `origin` is the open page's unless given (no page is open yet).
 */
export async function trpcMutation<T>(
  page: Page,
  path: string,
  input: unknown,
  origin = new URL(page.url()).origin,
): Promise<T> {
  const response = await page.request.post(`/api/trpc/${path}?batch=1`, {
    data: { 0: { json: input } },
    headers: { origin, "content-type": "application/json" },
  });
  expect(response.status(), await response.text()).toBe(200);
  const [answer] = await response.json();
  return answer.result.data.json as T;
}

export type NewProfile = {
  name: string;
  identityProviderName: string;
  clientId: string;
  clientSecret: string;
  tokenRequestUrl: string;
  /** As the New dialog's switch sets it; left out, the default (on). */
  autoRefresh?: boolean;
  /** As the form's Tenancy switch sets it; left out, off. */
  tenancyEnabled?: boolean;
  /** Where API calls through the proxy go; left out, none. */
  apiBaseUrl?: string;
  /** Left out, client_secret_basic. */
  clientAuthMethod?: "private_key_jwt";
};

/** A profile made through the API, for specs about what comes after the profile form. */
export async function createProfile(
  page: Page,
  ref: { teamId: string; appId: string },
  profile: NewProfile,
): Promise<string> {
  const { autoRefresh, ...fields } = profile;
  const created = await trpcMutation<{ id: string }>(page, "profile.create", {
    ...ref,
    profile: { ...fields, scopes: [], fields: [] },
    ...(autoRefresh === undefined ? {} : { autoRefresh }),
  });
  return created.id;
}

/** Calls a tRPC query as the person signed in to `page`. */
export async function trpcQuery<T>(page: Page, path: string, input: unknown): Promise<T> {
  const query = encodeURIComponent(JSON.stringify({ 0: { json: input } }));
  const response = await page.request.get(`/api/trpc/${path}?batch=1&input=${query}`);
  expect(response.status(), await response.text()).toBe(200);
  const [answer] = await response.json();
  return answer.result.data.json as T;
}
