// @module-tag resilience
import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { parseKeyRing } from "@authdeck/core/config";
import { createSealer } from "@authdeck/core/crypto";
import { dpopKeyContext } from "@authdeck/core/profiles";
import { createRedis } from "@authdeck/core/queue";
import {
  type ApiAnswer,
  type ApiServer,
  dumpRedisKeys,
  startApiServer,
  startTokenServer,
  type TokenServer,
} from "@authdeck/test-support";
import { issueCertificate, type TestCertificate } from "@authdeck/test-support/certificates";
import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./support/accounts.ts";
import { createApiKey } from "./support/api-keys.ts";
import { trpcMutation } from "./support/apps.ts";
import { type Product, startProduct } from "./support/private-product.ts";
import {
  addAuthorizationField,
  createAppAndOpenProfiles,
  fillProfile,
  openNewProfileDialog,
  profileRow,
} from "./support/profiles.ts";
import { tokenRow } from "./support/tokens-page.ts";

// A whole session against a product of its own, so every log line of web and worker is ours.
test.describe.configure({ timeout: 240_000 });

const CLIENT_ID = "leak-client";
const SECRET = "canary-client-secret-5b1f7e";
const FIELD_SECRET = "canary-field-secret-c93d02";
const TOKEN = "canary-access-token-8e4a61";
// A private_key_jwt profile's uploaded key: its private scalar, and a line of its PEM.
const KEY = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
const KEY_PEM = KEY.export({ format: "pem", type: "pkcs8" }).toString();
const KEY_JWK = KEY.export({ format: "jwk" }) as { d?: string; x?: string };
const KEY_D = String(KEY_JWK.d);
// The same profile's next key (key rotation), uploaded too.
const NEXT_KEY = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
const NEXT_KEY_PEM = NEXT_KEY.export({ format: "pem", type: "pkcs8" }).toString();
// A Slack incoming-webhook URL's path is its credential.
const SLACK_PATH = "/services/T0CANARY/B0CANARY/canary-slack-path-4d2e91";
const CANARIES: Record<string, string> = {
  "Slack URL path": SLACK_PATH,
  "next private key (JWK d)": String((NEXT_KEY.export({ format: "jwk" }) as { d?: string }).d),
  "next private key (PEM)": NEXT_KEY_PEM.split("\n")[1] ?? NEXT_KEY_PEM,
  "private key (JWK d)": KEY_D,
  "private key (PEM)": KEY_PEM.split("\n")[1] ?? KEY_PEM,
  "client secret": SECRET,
  "client secret in Basic form": Buffer.from(`${CLIENT_ID}:${SECRET}`).toString("base64"),
  "secret field value": FIELD_SECRET,
  "access token": TOKEN,
};
const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";

let product: Product;
let tokens: TokenServer;
// A tls_client_auth profile's certificate key; the certificate itself is public.
let certificate: TestCertificate;
let partnerApi: ApiServer;
// Receives the notification channels' deliveries and echoes each back, as some receivers do.
let hooks: ApiServer;

test.beforeAll(async () => {
  certificate = await issueCertificate({ commonName: "leak-client" });
  CANARIES["certificate key (PEM)"] = certificate.key.split("\n")[1] ?? certificate.key;
  tokens = await startTokenServer({ accessToken: TOKEN });
  partnerApi = await startApiServer();
  hooks = await startApiServer();
  product = await startProduct({
    label: "e2e_leaks",
    redisUrl,
    env: { LOG_LEVEL: "trace" },
  });
});

test.afterAll(async () => {
  await product?.stop();
  await tokens?.close();
  await partnerApi?.close();
  await hooks?.close();
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

test("a canary secret and token appear in no response, log line, row or Redis key, proxy and console included", async ({
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
  const dialog = await openNewProfileDialog(page);
  await fillProfile(dialog, {
    name: "Canary IdP",
    identityProviderName: "Recording server",
    clientId: CLIENT_ID,
    clientSecret: SECRET,
    tokenRequestUrl: tokens.urlFor("ok"),
  });
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
  await expect(tokenRow(page, "Canary IdP")).toBeVisible();
  await page.goto(`/t/${teamId}/audit`);
  await expect(page.getByRole("table")).toBeVisible();

  // An API key, then the token API: refusals, and the one answer that carries the token.
  const created = await createApiKey(page, teamId, { name: "Canary service", app: "Canary app" });
  const key = await created.getByRole("textbox", { name: "API key" }).inputValue();
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

  // The proxy: a profile with an API Base URL, whose API gets the token and the secret field and
  // answers without repeating them; a 401 of the API, replayed once with a new token; no key.
  const apiProfile = await trpcMutation<{ id: string }>(page, "profile.create", {
    teamId,
    appId,
    profile: {
      name: "Canary API",
      identityProviderName: "Recording server",
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      tokenRequestUrl: tokens.urlFor("ok", "/proxy/token"),
      apiBaseUrl: partnerApi.url,
      scopes: [],
      fields: [{ type: "header", key: "X-Partner-Key", value: FIELD_SECRET, secret: true }],
    },
  });
  partnerApi.answer((call): ApiAnswer => {
    // What the console's request gets: everything the API was sent, token and field included.
    if (call.path.endsWith("/echo"))
      return {
        status: 200,
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(call),
      };
    if (call.path.endsWith("/expired"))
      return { status: 401, headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' } };
    return { status: 200, headers: { "Content-Type": "application/json" }, body: '{"ok":true}' };
  });
  const proxyUrl = `/api/v1/apps/${appId}/profiles/${apiProfile.id}/proxy`;
  const proxied = await page.evaluate(
    async ({ proxyUrl, key }) => {
      const send = async (path: string, authorization?: string) => {
        const response = await fetch(
          `${proxyUrl}${path}`,
          authorization ? { headers: { authorization } } : {},
        );
        return { status: response.status, body: await response.text() };
      };
      return [
        await send("/things", `Bearer ${key}`),
        await send("/expired", `Bearer ${key}`),
        await send("/things"),
      ];
    },
    { proxyUrl, key },
  );
  expect(proxied.map((a) => a.status)).toEqual([200, 401, 401]);
  // The same calls on the proxy process's port, what services call (outside the browser, so
  // their answers are scanned here rather than in the HAR).
  const viaProcess = async (path: string, authorization?: string) => {
    const response = await fetch(`${product.proxyURL}${proxyUrl}${path}`, {
      headers: authorization ? { authorization } : {},
    });
    const headers = JSON.stringify([...response.headers]);
    return { status: response.status, body: `${headers}\n${await response.text()}` };
  };
  const proxiedByProcess = [
    await viaProcess("/things", `Bearer ${key}`),
    await viaProcess("/expired", `Bearer ${key}`),
    await viaProcess("/things"),
  ];
  expect(proxiedByProcess.map((a) => a.status)).toEqual([200, 401, 401]);
  // The scan can see: the API was sent the token and the secret field.
  const sent = partnerApi.calls.map((c) => JSON.stringify(c.headers)).join("\n");
  expect(sent).toContain(TOKEN);
  expect(sent).toContain(FIELD_SECRET);

  // The request console: a request whose answer repeats the token and the secret field, shown
  // on every tab of its result.
  await page.goto(`/t/${teamId}/apps/${appId}/profiles/${apiProfile.id}`);
  const consoleForm = page.getByRole("form", { name: "Try a request" });
  await consoleForm.getByLabel("Path").fill("/echo");
  await consoleForm.getByRole("button", { name: "Send request" }).click();
  const consoleResult = page.getByRole("region", { name: "Request result" });
  await expect(consoleResult.getByText("HTTP 200")).toBeVisible();
  for (const tab of ["Response", "Headers", "Request"]) {
    await consoleResult.getByRole("tab", { name: tab }).click();
    await expect(consoleResult.getByRole("tabpanel")).toBeVisible();
  }
  expect(partnerApi.calls.at(-1)?.path).toBe("/echo");

  // A private_key_jwt profile with an uploaded key, tested at the endpoint that repeats what it
  // was sent (the signed assertion): its page, JWKS and verdict, and everything scanned below.
  const keyProfile = await trpcMutation<{ id: string }>(page, "profile.create", {
    teamId,
    appId,
    profile: {
      name: "Canary Key",
      identityProviderName: "Recording server",
      clientId: CLIENT_ID,
      clientAuthMethod: "private_key_jwt",
      privateKey: KEY_PEM,
      tokenRequestUrl: tokens.urlFor("echo", "/key/token"),
      scopes: [],
    },
  });
  await page.goto(`/t/${teamId}/apps/${appId}/profiles/${keyProfile.id}`);
  const jwksField = page.getByRole("textbox", { name: "JWKS URL" });
  await expect(jwksField).toHaveValue(/\/api\/jwks\//);
  // The scan can see: the product holds this very key (its JWKS is the key's public half).
  const jwks = await page.evaluate(
    async (url) => (await fetch(url)).json(),
    await jwksField.inputValue(),
  );
  expect(jwks.keys[0].x).toBe(KEY_JWK.x);
  await expect(page.getByRole("button", { name: "Copy JWKS", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Test Canary Key" }).click();
  await expect(region.getByText(/Auth Test (Passed|Failed)/)).toBeVisible();
  await region.getByRole("tab", { name: "Request" }).click();
  await expect(region.getByRole("tabpanel")).toContainText("client_assertion=********");
  // Its next key, uploaded, published and tested with: the same scan covers it.
  await trpcMutation(page, "profile.addNextKey", {
    teamId,
    appId,
    profileId: keyProfile.id,
    privateKey: NEXT_KEY_PEM,
  });
  await page.reload();
  const keys = page.getByRole("region", { name: "Signing keys" });
  await expect(keys.locator('tr[data-role="next"]')).toBeVisible();
  await keys.getByRole("button", { name: "Test with next key" }).click();
  await expect(region.getByText(/Auth Test (Passed|Failed)/)).toBeVisible();

  // A tls_client_auth profile with its certificate and key, and DPoP on (a key Authdeck makes
  // itself): its page, its edit dialog and a test.
  const certificateProfile = await trpcMutation<{ id: string }>(page, "profile.create", {
    teamId,
    appId,
    profile: {
      name: "Canary Certificate",
      identityProviderName: "Recording server",
      clientId: CLIENT_ID,
      clientAuthMethod: "tls_client_auth",
      clientCertificate: certificate.cert,
      clientCertificateKey: certificate.key,
      dpop: true,
      tokenRequestUrl: tokens.urlFor("echo", "/certificate/token"),
      scopes: [],
    },
  });
  await page.goto(`/t/${teamId}/apps/${appId}/profiles/${certificateProfile.id}`);
  await expect(page.getByText("Subject: CN=leak-client")).toBeVisible();
  await page.getByRole("button", { name: "Test Canary Certificate" }).click();
  await expect(region.getByText(/Auth Test (Passed|Failed)/)).toBeVisible();
  await region.getByRole("tab", { name: "Request" }).click();
  await expect(region.getByRole("tabpanel")).toContainText("DPoP: ********");
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await expect(
    page.getByRole("dialog").getByRole("textbox", { name: "Certificate private key" }),
  ).toHaveValue("Stored");

  // Notification channels: a webhook, whose signing secret is shown once, and a Slack URL; each
  // sent a test event that the receiver echoes back into the delivery log.
  await page.goto(`/t/${teamId}/notifications`);
  await page.getByRole("button", { name: "Add channel" }).click();
  const webhookDialog = page.getByRole("dialog", { name: "Add channel" });
  await webhookDialog.getByLabel("Name").fill("Canary webhook");
  await webhookDialog.getByLabel("URL").fill(`${hooks.url}/hooks/canary`);
  await webhookDialog.getByRole("button", { name: "Add channel" }).click();
  const added = page.getByRole("dialog", { name: "Channel added" });
  const signingSecret = await added.getByRole("textbox", { name: "Signing secret" }).inputValue();
  expect(signingSecret).toMatch(/^whsec_/);
  await added.getByRole("button", { name: "Done" }).click();
  await page.getByRole("button", { name: "Add channel" }).click();
  const slackDialog = page.getByRole("dialog", { name: "Add channel" });
  await slackDialog.getByLabel("Kind").selectOption("slack");
  await slackDialog.getByLabel("Name").fill("Canary Slack");
  await slackDialog.getByLabel("URL").fill(`${hooks.url}${SLACK_PATH}`);
  await slackDialog.getByRole("button", { name: "Add channel" }).click();
  await expect(slackDialog).toBeHidden();
  for (const name of [/Canary webhook/, /Canary Slack/]) {
    const channel = page.getByRole("region", { name });
    await channel.getByRole("button", { name: "Send test event" }).click();
    await expect(channel.getByRole("row", { name: /channel\.test/ })).toContainText("Delivered", {
      timeout: 20_000,
    });
  }
  expect(hooks.calls.map((call) => call.path)).toEqual(["/hooks/canary", SLACK_PATH]);
  await context.close();
  CANARIES["webhook signing secret"] = signingSecret;

  // The DPoP key was made by the product, so the scan learns it the one way there is: opened
  // from its row with the product's sealing key.
  const { stdout: sealed } = await promisify(execFile)("psql", [
    product.databaseUrl,
    "-At",
    "-c",
    `SELECT dpop_private_key_sealed FROM authorization_profile WHERE id = '${certificateProfile.id}'`,
  ]);
  const keyRing = parseKeyRing(product.sealingKeys);
  if (!keyRing.ok) throw new Error(keyRing.error);
  const dpopJwk = JSON.parse(
    createSealer(keyRing.keyRing).open(sealed.trim(), dpopKeyContext(certificateProfile.id)),
  ) as { d: string };
  expect(dpopJwk.d).toMatch(/^[\w-]{40,}$/);
  CANARIES["DPoP private key (JWK d)"] = dpopJwk.d;

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
  // The one answer that shows the signing secret: the channel's creation.
  const channelCreated = entries.filter((e) =>
    bodyOf(e).includes(CANARIES["webhook signing secret"]!),
  );
  expect(channelCreated.map((e) => new URL(e.request.url).pathname)).toEqual([
    "/api/trpc/notification.create",
  ]);
  const leaks = entries
    .filter((e) => e !== served[0] && e !== channelCreated[0])
    .map((e) => ({
      url: `${e.request.method} ${e.request.url}`,
      found: found(`${JSON.stringify(e.response.headers)}\n${bodyOf(e)}`),
    }))
    .filter((e) => e.found.length > 0);
  expect(leaks).toEqual([]);
  expect(found(exported)).toEqual([]);
  for (const answer of answers.slice(1)) expect(found(answer.body)).toEqual([]);
  for (const answer of [...proxied, ...proxiedByProcess]) expect(found(answer.body)).toEqual([]);

  // Every log line web and worker wrote, at trace level.
  const logs = product.output();
  expect(logs).toContain('"name":"worker"');
  expect(logs).toContain('"name":"proxy"');
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
