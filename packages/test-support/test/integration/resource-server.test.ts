import { afterAll, describe, expect, it } from "vitest";
import { startOidcProvider } from "../../src/oidc-provider.ts";
import { startResourceServer } from "../../src/resource-server.ts";

const client = {
  clientId: "api-caller",
  clientSecret: "api-caller-secret",
  authMethod: "client_secret_basic" as const,
};
const provider = await startOidcProvider({ clients: [client], introspection: true });
const introspection = provider.introspection;
if (!introspection) throw new Error("introspection was asked for");
const api = await startResourceServer({
  ...introspection,
  placements: [{ header: "authorization", prefix: "Bearer" }, { query: "access_token" }],
});
afterAll(async () => {
  await api.close();
  await provider.close();
});

async function issueToken(): Promise<string> {
  const basic = Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64");
  const response = await fetch(provider.tokenUrl, {
    method: "POST",
    headers: {
      authorization: `Basic ${basic}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

describe("the resource server", () => {
  it("lets an active token through, refuses it once revoked at the provider", async () => {
    const before = provider.tokenRequestCount();
    const token = await issueToken();
    expect(provider.tokenRequestCount()).toBe(before + 1);

    const ok = await fetch(`${api.url}/things/1?x=1&x=2`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "x-extra": "yes" },
      body: "hello",
    });
    expect(ok.status).toBe(200);
    const echo = await ok.json();
    expect(echo).toMatchObject({
      method: "POST",
      path: "/things/1",
      query: [
        ["x", "1"],
        ["x", "2"],
      ],
      body: "hello",
      tokenIn: "authorization",
      active: true,
      headers: { authorization: "Bearer [token]", "x-extra": "yes" },
    });
    expect(JSON.stringify(echo)).not.toContain(token);
    expect(api.requests.at(-1)).toMatchObject({ token, active: true });

    await provider.revoke(token);
    const refused = await fetch(`${api.url}/things/1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toBe(
      'Bearer realm="resource", error="invalid_token"',
    );
    expect(api.requests.at(-1)).toMatchObject({ token, active: false });
    // Each answer was the provider's: two introspections, one revocation.
    const asked = provider.requests.map((r) => r.path);
    expect(asked.filter((path) => path === "/token/introspection")).toHaveLength(2);
    expect(asked).toContain("/token/revocation");
  });

  it("finds the token in a query parameter, and refuses a request without one", async () => {
    const token = await issueToken();
    const ok = await fetch(`${api.url}/q?access_token=${token}`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      tokenIn: "access_token",
      query: [["access_token", "[token]"]],
    });

    const none = await fetch(`${api.url}/q`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="resource"');
    expect(api.requests.at(-1)).toMatchObject({ tokenIn: null, active: false });
  });

  it("refuses a token it made up", async () => {
    const response = await fetch(`${api.url}/q`, { headers: { authorization: "Bearer forged" } });
    expect(response.status).toBe(401);
    expect(api.requests.at(-1)).toMatchObject({ token: "forged", active: false });
  });

  it("streams /bytes/<n>, and sees a reader that goes away before the end", async () => {
    const token = await issueToken();
    const headers = { authorization: `Bearer ${token}` };
    const whole = await fetch(`${api.url}/bytes/300000`, { headers });
    expect((await whole.arrayBuffer()).byteLength).toBe(300_000);
    expect(api.requests.at(-1)?.answer).toBe("finished");

    const stop = new AbortController();
    const partial = await fetch(`${api.url}/bytes/${50 * 1024 * 1024}`, {
      headers,
      signal: stop.signal,
    });
    await partial.body?.getReader().read();
    stop.abort();
    const seen = api.requests.at(-1);
    await expect.poll(() => seen?.answer).toBe("closed");
  });
});
