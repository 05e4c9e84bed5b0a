// @module-tag resilience
import { startTokenServer, type TokenServer } from "@authdeck/test-support";
import { expect, test } from "@playwright/test";
import { type Product, signUpByApi, startProduct, trpc } from "./support/private-product.ts";

// Two web processes behind haproxy and two workers, as scripts/scale-local.sh runs them
// (docs/scaling.md): what one web process starts, a page served by the other shows live.
test.describe.configure({ timeout: 240_000 });

// Long enough that the page on the other web process opens while the test is still sending.
const PROVIDER_DELAY_MS = 8_000;

let product: Product;
let tokens: TokenServer;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  product = await startProduct({
    label: "e2e_scaled",
    redisUrl: process.env.REDIS_URL || "redis://127.0.0.1:6379",
    scale: { web: 2, workers: 2 },
  });
  tokens = await startTokenServer({ delayMs: PROVIDER_DELAY_MS });
});

test.afterAll(async () => {
  await product?.stop();
  await tokens?.close();
});

test("a Test started through web process A streams its verdict to a page served by web process B", async ({
  context,
  page,
}) => {
  const [webA, webB] = product.webURLs as [string, string];
  const { baseURL } = product;
  // The browser's session: its cookie is for localhost, so each web process port sees it.
  await signUpByApi(context.request, baseURL, "scaled");
  const team = await trpc(context.request, baseURL, "team.create", { name: "Scaled team" });
  const teamId = team.data.id as string;
  const app = await trpc(context.request, baseURL, "app.create", { teamId, name: "Scaled app" });
  const appId = app.data.id as string;
  const profile = await trpc(context.request, baseURL, "profile.create", {
    teamId,
    appId,
    profile: {
      name: "Slow provider",
      identityProviderName: "Recording server",
      clientId: "scaled-client",
      clientSecret: "scaled-secret",
      tokenRequestUrl: tokens.urlFor("slow"),
    },
  });
  const profileId = profile.data.id as string;

  // Pressed through web A, as a browser behind the load balancer sends it (its origin).
  const started = await trpc(
    context.request,
    webA,
    "testRun.start",
    { teamId, appId, profileId },
    "mutation",
    baseURL,
  );
  expect(started.status, JSON.stringify(started.body)).toBe(200);

  await page.goto(`${webB}/t/${teamId}/apps/${appId}/profiles/${profileId}`);
  // Web B shows the run still sending (the provider holds its answer), then, without a reload,
  // the verdict the worker published: the stream comes through B's own subscription.
  await expect(page.getByText("Sending…").first()).toBeVisible();
  await expect(page.getByText("Auth Test Passed")).toBeVisible({
    timeout: PROVIDER_DELAY_MS + 20_000,
  });
  expect(page.url().startsWith(webB)).toBe(true);
  expect(tokens.requests).toHaveLength(1);
  expect(product.running()).toBe(true);
});
