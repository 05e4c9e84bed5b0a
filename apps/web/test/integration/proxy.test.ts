// @module-tag resilience
// @module-tag redis-queue
import { type ApiServerCall, startApiServer, startTokenServer } from "@authdeck/test-support";
import { afterAll, describe, expect, it } from "vitest";
import { teamWithApp } from "../support/harness.ts";
import { useProxy } from "../support/proxy.ts";

// How long the proxy may use a key, profile or token it read (core's tokens/service-cache.ts).
const CACHE_MS = 1_500;
const pastCacheBound = () => new Promise((resolve) => setTimeout(resolve, CACHE_MS + 50));

const { server, call } = await useProxy("proxy", {
  API_PROXY_HEADERS_TIMEOUT_SECONDS: "1",
  API_PROXY_CONNECT_TIMEOUT_SECONDS: "1",
  AUTHDECK_EGRESS_TEAM_MAY_ALLOW: "10.0.0.0/8",
  // Each test makes its own key and fewer calls than this with it, but the limit's own test.
  API_PROXY_RATE_LIMIT_PER_KEY: "8",
  // Short, so the tests of a change made behind the proxy's back wait little for it.
  API_PROXY_CACHE_MS: String(CACHE_MS),
});
const api = await startApiServer();
const provider = await startTokenServer();
afterAll(async () => {
  await api.close();
  await provider.close();
});

const setUp = async (name: string, settings: Record<string, unknown> = {}) => {
  const kit = await teamWithApp(server, name);
  const profile = await kit.createProfile({
    name: "Partner API",
    identityProviderName: "IdP",
    clientId: "client-1",
    clientSecret: "client-secret-value",
    tokenRequestUrl: provider.urlFor("ok"),
    apiBaseUrl: `${api.url}/base/v1`,
    ...settings,
  });
  const key = await kit.createKey();
  const send = (c: Omit<Parameters<typeof call>[0], "appId" | "profileId">) =>
    call({ appId: kit.app.id, profileId: profile.id, authorization: `Bearer ${key}`, ...c });
  return { ...kit, profile, key, send };
};

// The API server's default answer: the call it received, as JSON.
const echo = (c: ApiServerCall) => ({
  status: 200,
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(c),
});

const lastCall = () => {
  const received = api.calls.at(-1);
  if (!received) throw new Error("the API received no call");
  return received;
};

describe("the proxy", () => {
  it("places the token and every field type where the profile says", async () => {
    const { send } = await setUp("Placements", {
      apiBaseUrl: `${api.url}/base/{region}/v1`,
      fields: [
        { type: "header", key: "X-Partner-Key", value: "header-secret", secret: true },
        { type: "query", key: "account", value: "acc 7", secret: false },
        { type: "payload", key: "client_ref", value: "payload-secret", secret: true },
        { type: "path", key: "region", value: "eu-west", secret: false },
      ],
    });
    const response = await send({
      method: "POST",
      path: "/orders/{region}/list",
      search: "?limit=5&account=forged",
      headers: {
        "content-type": "application/json",
        "x-request-id": "r-1",
        cookie: "authdeck.session=abc",
        "x-forwarded-for": "203.0.113.9",
      },
      body: JSON.stringify({ item: 3, client_ref: "forged" }),
    });
    expect(response.status).toBe(200);
    const received = lastCall();
    expect(received.method).toBe("POST");
    expect(received.path).toBe("/base/eu-west/v1/orders/eu-west/list");
    expect(new URLSearchParams(received.query).getAll("account")).toEqual(["acc 7"]);
    expect(new URLSearchParams(received.query).get("limit")).toBe("5");
    expect(received.headers.authorization).toBe(`Bearer ${provider.accessToken}`);
    expect(received.headers["x-partner-key"]).toBe("header-secret");
    expect(received.headers["x-request-id"]).toBe("r-1");
    expect(JSON.parse(received.body)).toEqual({ item: 3, client_ref: "payload-secret" });
    // Authdeck's API key, its cookies and the hop's own headers stay with Authdeck.
    expect(received.headers.cookie).toBeUndefined();
    expect(received.headers["x-forwarded-for"]).toBeUndefined();
    expect(JSON.stringify(received.headers)).not.toContain("adk_");
  });

  it("counts each call as a use of the key and profile, in the minute's row", async () => {
    const { profile, send } = await setUp("Usage");
    for (let i = 0; i < 3; i++) expect((await send({ path: "/me" })).status).toBe(200);
    // Written once a second, in one statement for the three.
    const counted = async () =>
      (await server.db.apiKeyUsage.findMany({ where: { profileId: profile.id } })).reduce(
        (sum, row) => sum + row.calls,
        0,
      );
    for (let waited = 0; (await counted()) < 3 && waited < 5_000; waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await counted()).toBe(3);
  });

  it("places the token in a query parameter, or under another header and prefix", async () => {
    const byQuery = await setUp("Query token", {
      tokenPlacement: "query",
      tokenParameterName: "access_token",
    });
    expect((await byQuery.send({ path: "/me", search: "?access_token=forged" })).status).toBe(200);
    expect(new URLSearchParams(lastCall().query).getAll("access_token")).toEqual([
      provider.accessToken,
    ]);
    expect(lastCall().headers.authorization).toBeUndefined();

    const byHeader = await setUp("Header token", {
      tokenParameterName: "X-Partner-Token",
      tokenPrefix: "Token",
    });
    expect((await byHeader.send({ path: "/me" })).status).toBe(200);
    expect(lastCall().headers["x-partner-token"]).toBe(`Token ${provider.accessToken}`);
    expect(lastCall().headers.authorization).toBeUndefined();
  });

  it("passes the tenant to the profile, never to the API", async () => {
    const { send } = await setUp("Tenants", {
      tenancyEnabled: true,
      tokenRequestUrl: provider.urlFor("ok", "/{tenant}/token"),
      apiBaseUrl: `${api.url}/base/{tenant}`,
    });
    const byQuery = await send({ path: "/me", search: "?tenant=acme&x=1" });
    expect(byQuery.status).toBe(200);
    expect(lastCall().path).toBe("/base/acme/me");
    expect(lastCall().query).toBe("x=1");
    const byHeader = await send({ path: "/me", headers: { "Authdeck-Tenant": "globex" } });
    expect(byHeader.status).toBe(200);
    expect(lastCall().path).toBe("/base/globex/me");
    expect(lastCall().headers["authdeck-tenant"]).toBeUndefined();
    const without = await send({ path: "/me" });
    expect(without.status).toBe(400);
    expect(without.headers.get("authdeck-failure-side")).toBe("authdeck");
  });

  it("streams the API's answer back with its status, less cookies, marked as the API's failure", async () => {
    const { send } = await setUp("Answers");
    api.answer(() => ({
      status: 418,
      headers: {
        "Content-Type": "text/plain",
        "Set-Cookie": "api-session=1; Path=/",
        "X-Api-Trace": "t-9",
      },
      body: "short and stout",
    }));
    try {
      const response = await send({ path: "/teapot" });
      expect(response.status).toBe(418);
      expect(await response.text()).toBe("short and stout");
      expect(response.headers.get("x-api-trace")).toBe("t-9");
      expect(response.headers.get("set-cookie")).toBeNull();
      expect(response.headers.get("authdeck-failure-side")).toBe("api");
    } finally {
      api.answer(echo);
    }
  });

  it("streams a large answer as it comes and aborts the API call when the caller goes away", async () => {
    const { send } = await setUp("Streams");
    api.answer((c) =>
      c.path.endsWith("/export") ? { status: 200, bodyBytes: 50 * 1024 * 1024 } : echo(c),
    );
    try {
      const leaving = new AbortController();
      const response = await send({ path: "/export", signal: leaving.signal });
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      const first = await reader.read();
      expect(first.value?.byteLength).toBeGreaterThan(0);
      // The caller goes away after the first piece: the API's connection is dropped.
      leaving.abort();
      // Over HTTP the aborted body is already errored: cancelling it rejects, as expected.
      await reader.cancel().catch(() => {});
      for (let waited = 0; api.abandoned() === 0 && waited < 5_000; waited += 50)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(api.abandoned()).toBe(1);
    } finally {
      api.answer(echo);
    }
  });

  it("passes every method on, HEAD and OPTIONS included", async () => {
    const { send } = await setUp("Methods");
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]) {
      const response = await send({ method, path: "/items/7" });
      expect(response.status, method).toBe(200);
      expect(lastCall()).toMatchObject({ method, path: "/base/v1/items/7" });
      if (method === "HEAD") expect(await response.text()).toBe("");
    }
  });

  it("returns a redirect as it is, without following it", async () => {
    const { send } = await setUp("Redirects");
    api.answer((c) =>
      c.path.endsWith("/moved")
        ? { status: 302, headers: { Location: `${api.url}/base/v1/elsewhere` }, body: "" }
        : echo(c),
    );
    try {
      const before = api.calls.length;
      const response = await send({ path: "/moved" });
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe(`${api.url}/base/v1/elsewhere`);
      expect(api.calls.length).toBe(before + 1);
    } finally {
      api.answer(echo);
    }
  });

  it("answers 504 as the API's failure when the API sends no answer in time", async () => {
    const { send } = await setUp("Timeouts");
    api.answer((c) => (c.path.endsWith("/slow") ? { hang: true } : echo(c)));
    try {
      const response = await send({ path: "/slow" });
      expect(response.status).toBe(504);
      expect(response.headers.get("authdeck-failure-side")).toBe("api");
      expect(await response.json()).toMatchObject({ error: "upstream_timeout" });
    } finally {
      api.answer(echo);
    }
  });

  it("refuses a path that would leave the API Base URL, sending nothing", async () => {
    const { send } = await setUp("Confinement");
    const before = { api: api.calls.length, tokens: provider.requests.length };
    for (const path of ["/a%2Fb", "/%252e%252e/admin", "/a/b%0D%0AHost:x", "/a@other.example"]) {
      const response = await send({ path });
      expect(response.status, path).toBe(400);
      expect(response.headers.get("authdeck-failure-side")).toBe("authdeck");
      expect(await response.json()).toMatchObject({ error: "invalid_request" });
    }
    expect(api.calls.length).toBe(before.api);
    expect(provider.requests.length).toBe(before.tokens);
  });

  it("answers another app's key, a revoked key and no key without calling the API", async () => {
    const { team, owner, app, profile, key, send } = await setUp("Access");
    const otherApp = await owner.app.create({ teamId: team.id, name: "Other app" });
    const otherAppKey = await owner.apiKey.create({
      teamId: team.id,
      name: "Other",
      appIds: [otherApp.id],
    });
    const stranger = await setUp("Access stranger");
    const revoked = await owner.apiKey.create({ teamId: team.id, name: "Gone", appIds: [app.id] });
    await owner.apiKey.revoke({ teamId: team.id, apiKeyId: revoked.id });
    const before = api.calls.length;
    const as = (authorization: string | undefined) =>
      call({ appId: app.id, profileId: profile.id, path: "/me", authorization });
    expect((await as(`Bearer ${otherAppKey.key}`)).status).toBe(404);
    expect((await as(`Bearer ${stranger.key}`)).status).toBe(404);
    const gone = await as(`Bearer ${revoked.key}`);
    expect(gone.status).toBe(401);
    expect(gone.headers.get("authdeck-failure-side")).toBe("authdeck");
    expect((await as(undefined)).status).toBe(401);
    expect(api.calls.length).toBe(before);
    // The key of the app still calls it.
    expect((await send({ path: "/me" })).status).toBe(200);
    expect(key).toMatch(/^adk_/);
  });

  it("refuses another app's key of the team although the profile's copy is kept", async () => {
    const { team, owner, profile, app, send } = await setUp("Kept copy");
    const otherApp = await owner.app.create({ teamId: team.id, name: "Other app" });
    const other = await owner.apiKey.create({
      teamId: team.id,
      name: "Other",
      appIds: [otherApp.id],
    });
    // The app's own key reads the profile: the proxy keeps its copy (for CACHE_MS). The first
    // call waits for the token; the second reads the profile again if that took longer.
    expect((await send({ path: "/me" })).status).toBe(200);
    expect((await send({ path: "/me" })).status).toBe(200);
    const before = api.calls.length;
    const answer = await call({
      appId: app.id,
      profileId: profile.id,
      path: "/me",
      authorization: `Bearer ${other.key}`,
    });
    expect(answer.status).toBe(404);
    expect(api.calls.length).toBe(before);
  });

  it("stops a key revoked after use within the cache bound, sending nothing with it", async () => {
    const { team, owner, app, profile } = await setUp("Revoked in use");
    const used = await owner.apiKey.create({ teamId: team.id, name: "Used", appIds: [app.id] });
    const as = () =>
      call({
        appId: app.id,
        profileId: profile.id,
        path: "/me",
        authorization: `Bearer ${used.key}`,
      });
    expect((await as()).status).toBe(200);
    await owner.apiKey.revoke({ teamId: team.id, apiKeyId: used.id });
    await pastCacheBound();
    const before = api.calls.length;
    expect((await as()).status).toBe(401);
    expect(api.calls.length).toBe(before);
  });

  it("limits each key's calls a minute, apart from its token requests", async () => {
    const { send } = await setUp("Rate limit");
    const before = api.calls.length;
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await send({ path: "/me" })).status);
    expect(statuses).toEqual([...Array(8).fill(200), 429]);
    expect(api.calls.length).toBe(before + 8);
    const refused = await send({ path: "/me" });
    expect(refused.headers.get("authdeck-failure-side")).toBe("authdeck");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused.json()).message).toMatch(/API calls through the proxy/);
  });

  it("answers 503 as the token provider's failure when no token can be had, calling no API", async () => {
    // The provider refuses every token request (400, repeating what it was sent).
    const { send } = await setUp("No token", { tokenRequestUrl: provider.urlFor("echo") });
    const before = api.calls.length;
    const response = await send({ path: "/me" });
    expect(response.status).toBe(503);
    expect(response.headers.get("authdeck-failure-side")).toBe("token-provider");
    const answer = await response.json();
    expect(answer).toMatchObject({ error: "token_unavailable" });
    expect(JSON.stringify(answer)).not.toContain("client-secret-value");
    expect(api.calls.length).toBe(before);
  });

  it("sends nothing to an API Base URL outside the origins the secrets were saved for", async () => {
    const { profile, send } = await setUp("Secret origins", {
      fields: [{ type: "header", key: "X-Partner-Key", value: "header-secret", secret: true }],
    });
    expect((await send({ path: "/me" })).status).toBe(200);
    // A row changed behind the use-cases' back: its secrets were saved for another origin.
    await server.db.authorizationProfile.update({
      where: { id: profile.id },
      data: { secretOrigins: ["https://elsewhere.example"] },
    });
    // The proxy reads the profile again once its copy is older than the bound.
    await pastCacheBound();
    const before = api.calls.length;
    const response = await send({ path: "/me" });
    expect(response.status).toBe(409);
    expect(response.headers.get("authdeck-failure-side")).toBe("authdeck");
    expect((await response.json()).message).toMatch(/save the profile with its secrets again/);
    expect(api.calls.length).toBe(before);
  });

  it("tells a profile without an API Base URL to set one", async () => {
    const { send } = await setUp("No base", { apiBaseUrl: undefined });
    const before = provider.requests.length;
    const response = await send({ path: "/me" });
    expect(response.status).toBe(409);
    expect(response.headers.get("authdeck-failure-side")).toBe("authdeck");
    expect((await response.json()).message).toMatch(/no API Base URL: set one/);
    expect(provider.requests.length).toBe(before);
  });

  it("refuses metadata and private API addresses unless the egress rules allow them", async () => {
    for (const base of ["http://169.254.169.254/latest", "http://10.1.2.3/v1"]) {
      const { send } = await setUp(`Egress ${base}`, { apiBaseUrl: base });
      const response = await send({ path: "/meta-data" });
      expect(response.status, base).toBe(502);
      expect(response.headers.get("authdeck-failure-side")).toBe("authdeck");
      expect(await response.json()).toMatchObject({ error: "destination_refused" });
    }
    // Allowed by the team's rule (within what the operator lets teams open), the call is made:
    // whatever answers (or fails to) at that address now, it is the API's side.
    const { team, owner, send } = await setUp("Egress allowed", {
      apiBaseUrl: "http://10.1.2.3/v1",
    });
    await owner.team.setEgressAllowlist({ teamId: team.id, rules: ["10.0.0.0/8"] });
    const response = await send({ path: "/meta-data" });
    expect(response.headers.get("authdeck-failure-side")).toBe("api");
  });
});
