// @module-tag resilience
import { expect, test, tokensEndpoint } from "./support/fixtures.ts";

test.describe.configure({ timeout: 120_000 });

// Slow enough that the stream is cut before the verdict exists.
test.use({
  tokenServerOptions: { delayMs: 3_000 },
  seed: { profile: { name: "Slow IdP", identityProviderName: "Recording server" } },
  endpoint: tokensEndpoint("slow", { clientId: "sse-client", clientSecret: "sse-secret" }),
});

test("a test whose live stream is cut shows its verdict from the database once it reconnects", async ({
  page,
  seeded: { teamId, appId, profileId },
}) => {
  await page.goto(`/t/${teamId}/apps/${appId}/profiles/${profileId}`);
  await expect(page.getByText("Not tested yet")).toBeVisible();

  // Every attempt to open the run's stream fails, as a dropped connection or a proxy would.
  let cut = 0;
  await page.route(/\/api\/trpc\/testRun\.onUpdate/, async (route) => {
    cut++;
    await route.abort("connectionreset");
  });
  await page.getByRole("button", { name: "Test Slow IdP" }).click();
  const result = page.getByRole("region", { name: "Test result" });

  // The run finishes on the worker while the page hears nothing.
  const finished = async () => {
    const input = encodeURIComponent(JSON.stringify({ json: { teamId, appId, profileId } }));
    const answer = await page.request.get(`/api/trpc/testRun.list?input=${input}`);
    const runs = (await answer.json()).result.data.json as Array<{ status: string }>;
    return runs.map((run) => run.status);
  };
  await expect.poll(finished, { timeout: 30_000 }).toEqual(["succeeded"]);
  expect(cut).toBeGreaterThan(0);
  await expect(result.getByText("Auth Test Passed")).toBeHidden();

  await page.unroute(/\/api\/trpc\/testRun\.onUpdate/);
  const reconnectedFrom = Date.now();
  await expect(result.getByText("Auth Test Passed")).toBeVisible({ timeout: 30_000 });
  console.info(
    `stream cut ${cut} times; verdict shown ${Date.now() - reconnectedFrom} ms after it could reconnect`,
  );
});
