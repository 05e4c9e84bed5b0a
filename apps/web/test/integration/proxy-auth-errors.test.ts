import { type ApiAnswer, startApiServer, startTokenServer } from "@authdeck/test-support";
import { afterAll, describe, expect, it } from "vitest";
import { teamWithApp } from "../support/harness.ts";
import { useProxy } from "../support/proxy.ts";

const { server, call } = await useProxy("proxy_auth_errors");

// A provider that issues a new token each time, and an API that refuses the tokens revoked.
let issued = 0;
const provider = await startTokenServer({
  script: () => ({
    status: 200,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      access_token: `tok-${++issued}`,
      token_type: "Bearer",
      expires_in: 3600,
    }),
  }),
});
const revoked = new Set<string>();
const api = await startApiServer();
api.answer((c): ApiAnswer => {
  const token = String(c.headers.authorization ?? "").replace(/^Bearer /, "");
  return revoked.has(token) || !token
    ? { status: 401, headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' }, body: "" }
    : { status: 200, headers: { "Content-Type": "application/json" }, body: `{"used":"${token}"}` };
});
afterAll(async () => {
  await api.close();
  await provider.close();
});

const kit = await teamWithApp(server, "Auth errors");
const profile = await kit.createProfile({
  name: "Partner API",
  identityProviderName: "IdP",
  clientId: "client-1",
  clientSecret: "client-secret-value",
  tokenRequestUrl: provider.urlFor("scripted"),
  apiBaseUrl: `${api.url}/v1`,
});
const key = await kit.createKey();
const send = (c: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {}) =>
  call({
    appId: kit.app.id,
    profileId: profile.id,
    authorization: `Bearer ${key}`,
    path: "/things",
    ...c,
  });
const revokeCurrent = () => revoked.add(`tok-${issued}`);
const counts = () => ({ tokens: provider.requests.length, calls: api.calls.length });

describe("an API answering with an auth error status", () => {
  it("makes the proxy fetch one new token and replay the call once", async () => {
    expect((await send()).status).toBe(200);
    revokeCurrent();
    const before = counts();
    const response = await send({
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "a small body, kept for the replay",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ used: `tok-${issued}` });
    expect(counts()).toEqual({ tokens: before.tokens + 1, calls: before.calls + 2 });
    // The replay sent the same body again.
    expect(api.calls.at(-1)?.body).toBe("a small body, kept for the replay");
  });

  it("costs one token request for twenty calls refused at the same moment", async () => {
    revokeCurrent();
    const before = counts();
    const answers = await Promise.all(Array.from({ length: 20 }, () => send()));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(counts().tokens).toBe(before.tokens + 1);
    // Each call is refused at most once: calls that start after the first refusal already
    // get the new token (the refused one is dropped from the proxy's cache at once).
    expect(counts().calls).toBeGreaterThanOrEqual(before.calls + 21);
    expect(counts().calls).toBeLessThanOrEqual(before.calls + 40);
  });

  it("returns the API's error for a body too large to keep, and the next call has a new token", async () => {
    revokeCurrent();
    const before = counts();
    const large = await send({
      method: "PUT",
      headers: { "content-type": "application/octet-stream" },
      body: new Uint8Array(100 * 1024),
    });
    expect(large.status).toBe(401);
    expect(large.headers.get("authdeck-failure-side")).toBe("api");
    expect(counts()).toEqual({ tokens: before.tokens, calls: before.calls + 1 });
    expect(api.calls.at(-1)?.body.length).toBe(100 * 1024);
    // The refused token was discarded: the next call does not send it again.
    const next = await send();
    expect(next.status).toBe(200);
    expect(counts()).toEqual({ tokens: before.tokens + 1, calls: before.calls + 2 });
  });

  it("gives up after one replay when the new token is refused too", async () => {
    api.answer(() => ({ status: 401, body: "" }));
    const before = counts();
    const response = await send();
    expect(response.status).toBe(401);
    expect(counts()).toEqual({ tokens: before.tokens + 1, calls: before.calls + 2 });
  });
});
