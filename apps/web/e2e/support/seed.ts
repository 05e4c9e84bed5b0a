import type { OidcTestProvider } from "@authdeck/test-support";
import { expect, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./accounts.ts";
import { createApp, createProfile, trpcMutation, trpcQuery } from "./apps.ts";

export type SeededTeam = {
  teamId: string;
  /** An app with a passing and a failing profile, each tested once. */
  appId: string;
  /** An app without profiles. */
  emptyAppId: string;
  passingId: string;
  failingId: string;
  /** A path under /t/<team>/apps/<app>/, e.g. `profiles`. */
  appPath: (rest: string) => string;
};

export const SEED_CLIENT = { clientId: "seeded-client", clientSecret: "seeded-client-secret" };

/** Starts a test of the profile and waits for its verdict. */
export async function testAndWait(
  page: Page,
  ref: { teamId: string; appId: string },
  profileId: string,
) {
  const { runId } = await trpcMutation<{ runId: string }>(page, "testRun.start", {
    ...ref,
    profileId,
  });
  await expect
    .poll(
      async () =>
        (await trpcQuery<{ status: string }>(page, "testRun.get", { ...ref, runId })).status,
      { timeout: 30_000 },
    )
    .toMatch(/^(succeeded|failed)$/);
}

/**
 * A team as someone a few minutes into Authdeck has it: two apps, a passing and a failing
 * profile with one test each, an API key and a pending invitation. `page` is left signed in.
 */
export async function seedTeam(
  page: Page,
  provider: OidcTestProvider,
  label: string,
): Promise<SeededTeam> {
  const teamId = await signUp(page, {
    name: "Dana Dashboard",
    email: uniqueEmail(label),
    teamName: "Acme Platform",
  });
  const appId = await createApp(page, "Payments");
  await page.goto(`/t/${teamId}`);
  const emptyAppId = await createApp(page, "Search");
  const ref = { teamId, appId };
  const common = { identityProviderName: "Acme IdP", tokenRequestUrl: provider.tokenUrl };
  const passingId = await createProfile(page, ref, {
    name: "Ledger API",
    ...common,
    ...SEED_CLIENT,
  });
  const failingId = await createProfile(page, ref, {
    name: "Billing API",
    ...common,
    clientId: SEED_CLIENT.clientId,
    clientSecret: "an-old-secret",
  });
  await testAndWait(page, ref, passingId);
  await testAndWait(page, ref, failingId);
  await trpcMutation(page, "apiKey.create", { teamId, name: "Checkout service", appIds: [appId] });
  await trpcMutation(page, "invitation.create", { teamId, role: "editor" });
  return {
    teamId,
    appId,
    emptyAppId,
    passingId,
    failingId,
    appPath: (rest) => `/t/${teamId}/apps/${appId}/${rest}`,
  };
}
