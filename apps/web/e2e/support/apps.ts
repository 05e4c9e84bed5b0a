import { expect, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./accounts.ts";

/** Creates an app with the New app dialog on the team's Apps page; returns its id. */
export async function createApp(page: Page, name: string): Promise<string> {
  await page.getByRole("button", { name: "New app" }).click();
  const dialog = page.getByRole("dialog", { name: "New app" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create app" }).click();
  await expect(dialog).toBeHidden();
  const link = page.getByRole("link", { name, exact: true });
  const href = await link.getAttribute("href");
  return href!.split("/")[4]!;
}

/** Calls a tRPC mutation as the person signed in to `page`, as the dashboard's own pages do. */
export async function trpcMutation<T>(page: Page, path: string, input: unknown): Promise<T> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(`/api/trpc/${path}?batch=1`, {
    data: { 0: { json: input } },
    headers: { origin, "content-type": "application/json" },
  });
  expect(response.status(), await response.text()).toBe(200);
  const [answer] = await response.json();
  return answer.result.data.json as T;
}

type NewProfile = {
  name: string;
  identityProviderName: string;
  clientId: string;
  clientSecret: string;
  tokenRequestUrl: string;
  /** As the New dialog's switch sets it; left out, the default (on). */
  autoRefresh?: boolean;
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

/**
 * A new person with a team of their own (its owner), signed in to `page`, with one app and one
 * profile in it made as the dashboard makes them.
 */
export async function signUpWithProfile(
  page: Page,
  seed: { person: string; label: string; team: string; app: string; profile: NewProfile },
) {
  const teamId = await signUp(page, {
    name: seed.person,
    email: uniqueEmail(seed.label),
    teamName: `${seed.team} ${Date.now().toString(36)}`,
  });
  const appId = await createApp(page, seed.app);
  const profileId = await createProfile(page, { teamId, appId }, seed.profile);
  return { teamId, appId, profileId };
}

/** Calls a tRPC query as the person signed in to `page`. */
export async function trpcQuery<T>(page: Page, path: string, input: unknown): Promise<T> {
  const query = encodeURIComponent(JSON.stringify({ 0: { json: input } }));
  const response = await page.request.get(`/api/trpc/${path}?batch=1&input=${query}`);
  expect(response.status(), await response.text()).toBe(200);
  const [answer] = await response.json();
  return answer.result.data.json as T;
}
