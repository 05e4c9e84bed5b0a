// @module-tag resilience
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { createRedis } from "@authdeck/core/queue";
import { dumpRedisKeys, startTokenServer, type TokenServer } from "@authdeck/test-support";
import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./support/accounts.ts";
import { type Product, startProduct } from "./support/private-product.ts";
import { addAuthorizationField, createAppAndOpenProfiles, profileRow } from "./support/profiles.ts";

// A whole session against a product of its own, so every log line of web and worker is ours.
test.describe.configure({ timeout: 240_000 });

const CLIENT_ID = "leak-client";
const SECRET = "canary-client-secret-5b1f7e";
const FIELD_SECRET = "canary-field-secret-c93d02";
const TOKEN = "canary-access-token-8e4a61";
const CANARIES = {
  "client secret": SECRET,
  "client secret in Basic form": Buffer.from(`${CLIENT_ID}:${SECRET}`).toString("base64"),
  "secret field value": FIELD_SECRET,
  "access token": TOKEN,
};
const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";

let product: Product;
let tokens: TokenServer;

test.beforeAll(async () => {
  tokens = await startTokenServer({ accessToken: TOKEN });
  product = await startProduct({
    label: "e2e_leaks",
    redisUrl,
    env: { LOG_LEVEL: "trace" },
  });
});

test.afterAll(async () => {
  await product?.stop();
  await tokens?.close();
});

const found = (text: string) =>
  Object.entries(CANARIES)
    .filter(([, canary]) => text.includes(canary))
    .map(([name]) => name);

type HarEntry = {
  request: { method: string; url: string; postData?: { text?: string } };
  response: {
    status: number;
    headers: Array<{ name: string; value: string }>;
    content: { text?: string; encoding?: string };
  };
};

const TOKEN_API = /\/api\/v1\/apps\/[^/]+\/profiles\/[^/]+\/token(\?|$)/;

test("a canary secret and token appear in no response, log line, row or Redis key", async ({
  browser,
}, testInfo) => {
  const harPath = testInfo.outputPath("session.har");
  const context = await browser.newContext({
    baseURL: product.baseURL,
    recordHar: { path: harPath, content: "embed" },
  });
  const page = await context.newPage();

  const teamId = await signUp(page, {
    name: "Lee Leak",
    email: uniqueEmail("leaks"),
    teamName: "Canaries",
  });
  const appId = await createAppAndOpenProfiles(page, teamId, "Canary app");

  // The secret and a secret field, typed into the form as a person would.
  await page.getByRole("button", { name: "New", exact: true }).first().click();
  const dialog = page.getByRole("dialog", { name: "New Authorization Mechanism" });
  await dialog.getByLabel("Name", { exact: true }).fill("Canary IdP");
  await dialog.getByLabel("Identity Provider Name").fill("Recording server");
  await dialog.getByLabel("Client ID").fill(CLIENT_ID);
  await dialog.getByLabel("Client Secret Key", { exact: true }).fill(SECRET);
  await dialog.getByLabel("Token Request URL").fill(tokens.urlFor("ok"));
  await addAuthorizationField(dialog, {
    type: "Header",
    key: "X-Partner-Key",
    value: FIELD_SECRET,
    secret: true,
  });
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog).toBeHidden();

  // A passing test: its result, headers, response and request tabs.
  await profileRow(page, "Canary IdP").getByRole("button", { name: "Test Canary IdP" }).click();
  const result = page.getByRole("dialog", { name: "Test Authorization" });
  await expect(result.getByText("Auth Test Passed")).toBeVisible();
  await result.getByRole("link", { name: "Open profile and test history" }).click();
  await expect(page.getByRole("heading", { name: "Canary IdP" })).toBeVisible();
  const profileId = new URL(page.url()).pathname.split("/").at(-1)!;
  const region = page.getByRole("region", { name: "Test result" });
  for (const tab of ["Headers", "Response", "Request"]) {
    await region.getByRole("tab", { name: tab }).click();
    await expect(region.getByRole("tabpanel")).toBeVisible();
  }

  // A failing test at an endpoint that repeats everything it was sent, secrets included.
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog", { name: "Edit Authorization Mechanism" });
  await expect(edit.getByRole("button", { name: "Replace Client Secret Key" })).toBeVisible();
  await edit.getByLabel("Token Request URL").fill(tokens.urlFor("echo"));
  await edit.getByRole("button", { name: "Save", exact: true }).click();
  await expect(edit).toBeHidden();
  await page.getByRole("button", { name: "Test Canary IdP" }).click();
  await expect(region.getByText("Auth Test Failed")).toBeVisible();
  await region.getByRole("tab", { name: "Response" }).click();
  await expect(region.getByRole("tabpanel")).toContainText("[secret redacted]");
  // The endpoint repeats the Authorization header in one of its own: the Headers tab masks it.
  await region.getByRole("tab", { name: "Headers" }).click();
  await expect(region.getByRole("tabpanel")).toContainText(
    "x-received-authorization: Basic [redacted]",
  );
  await region.getByRole("tab", { name: "Request" }).click();
  await expect(region.getByRole("tabpanel")).toContainText("Authorization: Basic ********");

  // Back to a working URL, so the token API has a token to hand out.
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await edit.getByLabel("Token Request URL").fill(tokens.urlFor("ok"));
  await edit.getByRole("button", { name: "Save", exact: true }).click();
  await expect(edit).toBeHidden();
  await page.getByRole("button", { name: "Test Canary IdP" }).click();
  await expect(region.getByText("Auth Test Passed")).toBeVisible();

  // The profile list, its export, the token dashboard, the audit log.
  await page.goto(`/t/${teamId}/apps/${appId}/profiles`);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export" }).click();
  const exported = await readFile(await (await download).path(), "utf8");
  await page.goto(`/t/${teamId}/apps/${appId}/tokens`);
  await expect(page.getByRole("region", { name: "Canary IdP" })).toBeVisible();
  await page.goto(`/t/${teamId}/audit`);
  await expect(page.getByRole("table")).toBeVisible();

  // An API key, then the token API: refusals, and the one answer that carries the token.
  await page.goto(`/t/${teamId}/api-keys`);
  await page.getByRole("button", { name: "Create API key" }).click();
  const keyDialog = page.getByRole("dialog", { name: "Create API key" });
  await keyDialog.getByLabel("Key name").fill("Canary service");
  await keyDialog.getByRole("checkbox", { name: "Canary app" }).check();
  await keyDialog.getByRole("button", { name: "Create API key" }).click();
  const key = await page
    .getByRole("dialog", { name: "API key created" })
    .getByRole("textbox", { name: "API key" })
    .inputValue();
  const tokenUrl = `/api/v1/apps/${appId}/profiles/${profileId}/token`;
  const answers = await page.evaluate(
    async ({ tokenUrl, key }) => {
      const get = async (url: string, authorization?: string) => {
        const response = await fetch(url, authorization ? { headers: { authorization } } : {});
        return { status: response.status, body: await response.text() };
      };
      return [
        await get(tokenUrl, `Bearer ${key}`),
        await get(`${tokenUrl}?tenant=acme`, `Bearer ${key}`),
        await get(tokenUrl),
        await get(tokenUrl.replace(/profiles\/[^/]+/, "profiles/nope"), `Bearer ${key}`),
      ];
    },
    { tokenUrl, key },
  );
  expect(answers.map((a) => a.status)).toEqual([200, 400, 401, 404]);
  await context.close();

  // Every response of the session, headers and bodies, except the token API's one 200.
  const har = JSON.parse(await readFile(harPath, "utf8")) as { log: { entries: HarEntry[] } };
  const entries = har.log.entries;
  const served = entries.filter((e) => TOKEN_API.test(e.request.url) && e.response.status === 200);
  expect(served).toHaveLength(1);
  const bodyOf = (e: HarEntry) =>
    e.response.content.encoding === "base64"
      ? Buffer.from(e.response.content.text ?? "", "base64").toString("utf8")
      : (e.response.content.text ?? "");
  // The scan can see: the excluded answer holds the token, the profile form's request the secret.
  expect(bodyOf(served[0]!)).toContain(TOKEN);
  expect(entries.some((e) => e.request.postData?.text?.includes(SECRET))).toBe(true);
  const leaks = entries
    .filter((e) => e !== served[0])
    .map((e) => ({
      url: `${e.request.method} ${e.request.url}`,
      found: found(`${JSON.stringify(e.response.headers)}\n${bodyOf(e)}`),
    }))
    .filter((e) => e.found.length > 0);
  expect(leaks).toEqual([]);
  expect(found(exported)).toEqual([]);
  for (const answer of answers.slice(1)) expect(found(answer.body)).toEqual([]);

  // Every log line web and worker wrote, at trace level.
  const logs = product.output();
  expect(logs).toContain('"name":"worker"');
  expect(found(logs)).toEqual([]);

  // Every row (the tokens are sealed: never in clear), every key and value under the prefix.
  const { stdout: dump } = await promisify(execFile)("pg_dump", [product.databaseUrl], {
    maxBuffer: 256 * 1024 * 1024,
  });
  expect(dump).toContain("Canary IdP");
  expect(found(dump)).toEqual([]);
  const redis = createRedis(redisUrl, "worker");
  try {
    const keys = await dumpRedisKeys(redis, product.queuePrefix);
    // The queue's jobs are there to be searched.
    expect(keys).toContain(`${product.queuePrefix}:tokens:`);
    expect(found(keys)).toEqual([]);
  } finally {
    redis.disconnect();
  }
  console.info(
    `scanned ${entries.length} responses, ${logs.split("\n").length} log lines, ` +
      `${dump.length} bytes of pg_dump`,
  );
});
