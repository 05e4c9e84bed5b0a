import { trpcMutation } from "./support/apps.ts";
import { expect, test } from "./support/fixtures.ts";
import { openTokenDetails } from "./support/tokens-page.ts";

test.describe.configure({ timeout: 180_000 });

test.use({
  oidc: {
    client: { clientId: "clock-e2e", clientSecret: "clock-e2e-secret-90" },
    accessTokenTTL: 40,
  },
  seed: { app: "Clock app", profile: { name: "Clock API", identityProviderName: "oidc-provider" } },
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
  seeded: { teamId, appId, profileId },
}) => {
  await trpcMutation(page, "token.refreshNow", { teamId, appId, profileId });
  await page.goto(`/t/${teamId}/apps/${appId}/tokens`);
  const card = await openTokenDetails(page, "Clock API");
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
