import { type OidcTestProvider, startOidcProvider } from "@authdeck/test-support";
import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./support/accounts.ts";
import { createApp, createProfile, trpcMutation } from "./support/apps.ts";

test.describe.configure({ timeout: 180_000 });

const CLIENT = { clientId: "clock-e2e", clientSecret: "clock-e2e-secret-90" };
let provider: OidcTestProvider;

test.beforeAll(async () => {
  provider = await startOidcProvider({
    clients: [{ ...CLIENT, authMethod: "client_secret_basic" }],
    accessTokenTTL: 40,
  });
});

test.afterAll(async () => {
  await provider?.close();
});

/** "12 seconds ago" → 12, "just now" → 0. */
const secondsAgo = (text: string) => {
  if (text === "just now") return 0;
  const match = /^(\d+) seconds? ago$/.exec(text);
  if (!match) throw new Error(`not a span in seconds: ${text}`);
  return Number(match[1]);
};

test("on the Tokens page the time a token was obtained agrees with its countdown, second by second", async ({
  page,
}) => {
  const teamId = await signUp(page, {
    name: "Cleo Clock",
    email: uniqueEmail("clock"),
    teamName: `Clock ${Date.now().toString(36)}`,
  });
  const appId = await createApp(page, "Clock app");
  const profileId = await createProfile(
    page,
    { teamId, appId },
    {
      name: "Clock API",
      identityProviderName: "oidc-provider",
      ...CLIENT,
      tokenRequestUrl: provider.tokenUrl,
    },
  );
  await trpcMutation(page, "token.refreshNow", { teamId, appId, profileId });
  await page.goto(`/t/${teamId}/apps/${appId}/tokens`);
  const card = page.getByRole("region", { name: "Clock API" });
  await expect(card.locator("[data-countdown]")).toHaveText(/^expires in \d+ s$/);

  // Thirty one-second samples, each read in one go so both come from the same render.
  for (let sample = 0; sample < 30; sample++) {
    const seen = await card.evaluate((el) => {
      const row = el.querySelector("[data-token-tenant]")!;
      const countdown = row.querySelector("time[data-countdown]")!;
      const obtained = row.querySelector("time[data-relative]")!;
      return {
        countdown: countdown.textContent!,
        expiresAt: countdown.getAttribute("datetime")!,
        obtained: obtained.textContent!,
        obtainedAt: obtained.getAttribute("datetime")!,
      };
    });
    const lifetime = Math.floor((Date.parse(seen.expiresAt) - Date.parse(seen.obtainedAt)) / 1_000);
    const age = secondsAgo(seen.obtained);
    const left = /^expires in (\d+) s$/.exec(seen.countdown);
    const expired = /^expired (\d+) s ago$/.exec(seen.countdown);
    // Both floor the same instant: age + left is the lifetime, or one second short of it.
    const implied = left ? lifetime - Number(left[1]) : lifetime + Number(expired![1]);
    expect(
      Math.abs(age - implied),
      `"${seen.obtained}" beside "${seen.countdown}" for a ${lifetime} s token`,
    ).toBeLessThanOrEqual(1);
    await page.waitForTimeout(1_000);
  }
});
