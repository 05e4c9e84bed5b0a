import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { createLogger } from "@authdeck/core/logging";
import {
  dumpRedisKeys,
  type ResourceRequestSeen,
  startOidcProvider,
  startResourceServer,
  waitFor,
} from "@authdeck/test-support";
import { afterAll, describe, expect, it } from "vitest";
import { baseUrl, teamWithApp } from "../support/harness.ts";
import { type ProxyCall, spawnProxyProcess, useProxy } from "../support/proxy.ts";

// The proxy against a real OAuth server (oidc-provider) and a real API that asks it, on every
// request, whether the token is still active (RFC 7662); the refreshes are the real worker's.

const CLIENT = {
  clientId: "proxy-client",
  clientSecret: "canary-client-secret-91c4e2",
  authMethod: "client_secret_basic" as const,
};
const FIELD_SECRET = "canary-field-secret-d3a8f0";
const MiB = 1024 * 1024;

const provider = await startOidcProvider({ clients: [CLIENT], introspection: true });
const introspection = provider.introspection!;
const api = await startResourceServer({
  ...introspection,
  placements: [
    { header: "authorization", prefix: "Bearer" },
    { header: "x-api-token", prefix: "Token" },
    { query: "access_token" },
  ],
});
const { server, call: proxy, worker } = await useProxy("proxy_intro");
// Every line the web process logs while serving these calls, down to trace, for the leak scan.
const webLog: string[] = [];
const { serverDeps } = await import("~/server/deps.ts");
serverDeps().log = createLogger({
  name: "web",
  level: "trace",
  destination: { write: (line: string) => void webLog.push(line) },
});
afterAll(async () => {
  await api.close();
  await provider.close();
});

const { app, createKey, createProfile } = await teamWithApp(server, "Proxy Calls");
const key = await createKey();
const profileBase = {
  identityProviderName: "oidc-provider",
  clientId: CLIENT.clientId,
  clientSecret: CLIENT.clientSecret,
  tokenRequestUrl: provider.tokenUrl,
};
const fieldsProfile = await createProfile({
  ...profileBase,
  name: "Every field type",
  apiBaseUrl: `${api.url}/accounts/{account}`,
  fields: [
    { type: "header", key: "X-Partner-Key", value: FIELD_SECRET, secret: true },
    { type: "payload", key: "partner_id", value: "p-1", secret: false },
    { type: "query", key: "region", value: "eu", secret: false },
    { type: "path", key: "account", value: "acct-7", secret: false },
  ],
});
const queryProfile = await createProfile({
  ...profileBase,
  name: "Token in the query",
  apiBaseUrl: api.url,
  tokenPlacement: "query",
  tokenParameterName: "access_token",
});
const headerProfile = await createProfile({
  ...profileBase,
  name: "Token in a header of its own",
  apiBaseUrl: api.url,
  tokenParameterName: "X-Api-Token",
  tokenPrefix: "Token",
});

/** Every answer the proxy gave, headers and body, for the leak scan. */
const answers: Array<{ call: string; text: string; echoed: string[] }> = [];

/** One proxied call with the test's key, its answer read whole and kept for the leak scan. */
async function call(profile: { id: string }, request: Omit<ProxyCall, "appId" | "profileId">) {
  const response = await proxy({
    authorization: `Bearer ${key}`,
    appId: app.id,
    profileId: profile.id,
    ...request,
  });
  const body = await response.text();
  // What the API repeats of what it was sent is the API's answer, not Authdeck's.
  const echoed = response.headers.get("content-type")?.startsWith("application/json")
    ? [JSON.stringify(JSON.parse(body).headers ?? {})]
    : [];
  answers.push({
    call: `${request.method ?? "GET"} ${request.path}`,
    text: `${JSON.stringify([...response.headers])}\n${body}`,
    echoed,
  });
  return { status: response.status, headers: response.headers, body };
}

const seenSince = (count: number) => api.requests.slice(count);

describe("the proxy against a resource server that introspects every token", () => {
  it("sends the token in the header the profile names, with its prefix, and not the API key", async () => {
    const answer = await call(headerProfile, { path: "/things", search: "?x=1" });
    expect(answer.status).toBe(200);
    const seen = api.requests.at(-1)!;
    expect(seen).toMatchObject({ path: "/things", tokenIn: "x-api-token", active: true });
    expect(seen.headers["x-api-token"]).toBe(`Token ${seen.token}`);
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.query).toEqual([["x", "1"]]);
  });

  it("sends the token as the query parameter the profile names", async () => {
    const answer = await call(queryProfile, { path: "/things", search: "?x=1" });
    expect(answer.status).toBe(200);
    const seen = api.requests.at(-1)!;
    expect(seen).toMatchObject({ tokenIn: "access_token", active: true });
    expect(seen.query).toEqual([
      ["x", "1"],
      ["access_token", seen.token],
    ]);
    expect(seen.headers.authorization).toBeUndefined();
  });

  it("places each authorization field where its type says", async () => {
    const json = await call(fieldsProfile, {
      method: "POST",
      path: "/orders",
      search: "?x=1",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ item: "book" }),
    });
    expect(json.status).toBe(200);
    const seen = api.requests.at(-1)!;
    expect(seen).toMatchObject({
      method: "POST",
      path: "/accounts/acct-7/orders",
      tokenIn: "authorization",
      active: true,
    });
    expect(seen.headers.authorization).toBe(`Bearer ${seen.token}`);
    expect(seen.headers["x-partner-key"]).toBe(FIELD_SECRET);
    expect(seen.query).toEqual([
      ["x", "1"],
      ["region", "eu"],
    ]);
    expect(JSON.parse(seen.body)).toEqual({ item: "book", partner_id: "p-1" });

    const form = await call(fieldsProfile, {
      method: "POST",
      path: "/forms",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "a=1",
    });
    expect(form.status).toBe(200);
    expect([...new URLSearchParams(api.requests.at(-1)!.body)]).toEqual([
      ["a", "1"],
      ["partner_id", "p-1"],
    ]);
  });

  it("after the provider revokes the token: one token request, one replay, the call answered", async () => {
    expect((await call(fieldsProfile, { path: "/ping" })).status).toBe(200);
    const revoked = api.requests.at(-1)!.token!;
    await provider.revoke(revoked);
    const [tokensBefore, seenBefore] = [provider.tokenRequestCount(), api.requests.length];

    const answer = await call(fieldsProfile, { path: "/ping" });

    expect(answer.status).toBe(200);
    const seen = seenSince(seenBefore);
    expect(seen.map((s) => [s.token === revoked, s.active])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(provider.tokenRequestCount() - tokensBefore).toBe(1);
  });

  it("twenty calls at once that all meet the revoked token cause one token request", async () => {
    expect((await call(fieldsProfile, { path: "/ping" })).status).toBe(200);
    const revoked = api.requests.at(-1)!.token!;
    await provider.revoke(revoked);
    const [tokensBefore, seenBefore] = [provider.tokenRequestCount(), api.requests.length];

    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call(fieldsProfile, { path: `/ping/${i}` })),
    ).then((all) => all.map((a) => a.status));

    expect(statuses).toEqual(Array(20).fill(200));
    expect(provider.tokenRequestCount() - tokensBefore).toBe(1);
    const seen = seenSince(seenBefore);
    const refused = seen.filter((s) => s.token === revoked);
    const accepted = seen.filter((s) => s.active);
    // Each call was answered once with the new token, after at most one refusal of the old.
    expect(refused.every((s) => !s.active)).toBe(true);
    expect(refused.length).toBeLessThanOrEqual(20);
    expect(accepted).toHaveLength(20);
    expect(new Set(accepted.map((s) => s.token)).size).toBe(1);
    expect(refused.length + accepted.length).toBe(seen.length);
  });

  it("streams a 200 MiB answer while this process's memory grows by less than the answer", async () => {
    // The route runs in this process (as in `next start`, one process serves it), so the RSS
    // measured here is the web's; the API and the reader live here too and count against it.
    // Pieces already passed on are freed only when the collector runs, so RSS runs ahead of what
    // is held: a 50 MiB answer once left 79 MiB on Node 24, a 200 MiB one 54 MiB on Node 20 and
    // 104 MiB on Node 24. A proxy holding the whole answer would grow by at least all of it.
    const size = 200 * MiB;
    await call(headerProfile, { path: "/bytes/1048576" });
    const before = process.memoryUsage().rss;
    let peak = before;
    const response = await proxy({
      authorization: `Bearer ${key}`,
      appId: app.id,
      profileId: headerProfile.id,
      path: `/bytes/${size}`,
    });
    expect(response.status).toBe(200);
    let received = 0;
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    expect(received).toBe(size);
    expect(api.requests.at(-1)).toMatchObject({ path: `/bytes/${size}`, answer: "finished" });
    console.info(`RSS before ${before / MiB} MiB, peak ${peak / MiB} MiB`);
    expect(peak - before).toBeLessThan(size);
  });

  it("streams a 200 MiB answer through the proxy process while that process grows by less than 50 MB", async () => {
    // The proxy as `npm start` runs it, a process of its own with its Node flags: the API and
    // the reader stay here, so the resident memory read from /proc is the proxy's alone. A proxy
    // holding the answer would grow by all of it. Measured on 2 cores after the 16 MiB warm-up:
    // 0.1 MiB on Node 20 and 4 MiB on Node 24; without PROXY_NODE_FLAGS, 50 to 75 MiB on Node 24.
    const spawned = await spawnProxyProcess();
    const rss = async () => {
      const status = await readFile(`/proc/${spawned.pid}/status`, "utf8");
      return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]) * 1024;
    };
    const size = 200 * MiB;
    const warmUp = 16 * MiB;
    const through = (path: string) =>
      fetch(`${spawned.url}/api/v1/apps/${app.id}/profiles/${headerProfile.id}/proxy${path}`, {
        headers: { authorization: `Bearer ${key}` },
      });
    try {
      // A first streamed answer loads and compiles the code and opens the connections the
      // measured one reuses: what a running proxy has done long before.
      const first = await (await through(`/bytes/${warmUp}`)).arrayBuffer();
      expect(first.byteLength).toBe(warmUp);
      const before = await rss();
      let peak = before;
      const response = await through(`/bytes/${size}`);
      expect(response.status).toBe(200);
      let received = 0;
      let sampledAt = 0;
      const reader = response.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += value.byteLength;
        if (received - sampledAt >= MiB) {
          sampledAt = received;
          peak = Math.max(peak, await rss());
        }
      }
      expect(received).toBe(size);
      console.info(`proxy process RSS before ${before / MiB} MiB, peak ${peak / MiB} MiB`);
      expect(peak - before).toBeLessThan(50_000_000);
    } finally {
      await spawned.close();
    }
  });

  it("aborts the API call when the caller goes away mid-stream", async () => {
    const leave = new AbortController();
    const response = await proxy({
      authorization: `Bearer ${key}`,
      appId: app.id,
      profileId: headerProfile.id,
      path: `/bytes/${50 * MiB}`,
      signal: leave.signal,
    });
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    const seen: ResourceRequestSeen = api.requests.at(-1)!;
    expect(seen).toMatchObject({ path: `/bytes/${50 * MiB}`, answer: "open" });

    // What Next does when the client's connection closes: the request's signal, then the body.
    leave.abort();
    await reader.cancel().catch(() => {});

    await waitFor(() => seen.answer !== "open", 5_000);
    expect(seen.answer).toBe("closed");
  });

  it("lets no client secret, secret field value or token out: answers, logs, rows, Redis", async () => {
    // The refusals and failures too: no key, another profile id, a path that leaves the API.
    answers.push(
      ...(await Promise.all(
        [
          proxy({ appId: app.id, profileId: fieldsProfile.id, path: "/ping" }),
          proxy({
            authorization: `Bearer ${key}`,
            appId: app.id,
            profileId: "00000000-0000-4000-8000-000000000000",
            path: "/ping",
          }),
          proxy({
            authorization: `Bearer ${key}`,
            appId: app.id,
            profileId: fieldsProfile.id,
            path: "/a/%2e%2e/%2e%2e/%2e%2e/token",
          }),
        ].map(async (pending) => {
          const response = await pending;
          expect(response.status).toBeGreaterThanOrEqual(400);
          const text = `${JSON.stringify([...response.headers])}\n${await response.text()}`;
          return { call: `refused ${response.status}`, text, echoed: [] };
        }),
      )),
    );
    const tokens = [...new Set(api.requests.map((s) => s.token).filter((t) => t !== null))];
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    const canaries: Record<string, string> = {
      "client secret": CLIENT.clientSecret,
      "client secret in Basic form": Buffer.from(
        `${CLIENT.clientId}:${CLIENT.clientSecret}`,
      ).toString("base64"),
      "secret field value": FIELD_SECRET,
      ...Object.fromEntries(tokens.map((token, i) => [`access token ${i + 1}`, token])),
    };
    const found = (text: string) =>
      Object.entries(canaries)
        .filter(([, canary]) => text.includes(canary))
        .map(([name]) => name);

    // The API repeats the headers it was sent (the secret field's among them): that part of its
    // answer is left out of the scan, and nothing else of any answer may hold a canary.
    const leaks = answers
      .map((a) => ({
        call: a.call,
        found: found(a.echoed.reduce((t, e) => t.replace(e, ""), a.text)),
      }))
      .filter((a) => a.found.length > 0);
    // The scan can see: the API's repeat of the secret field is in what it leaves out.
    expect(answers.some((a) => a.echoed.some((e) => e.includes(FIELD_SECRET)))).toBe(true);
    expect(leaks).toEqual([]);

    const logs = `${webLog.join("")}\n${worker.output()}`;
    expect(worker.output()).toContain('"msg":"worker started"');
    expect(found(logs)).toEqual([]);

    // pg_dump wants a session of its own (its SET commands), so it goes around any pooler.
    const { stdout: dump } = await promisify(execFile)(
      "pg_dump",
      [process.env.DATABASE_DIRECT_URL!],
      {
        maxBuffer: 256 * MiB,
      },
    );
    expect(dump).toContain("Every field type");
    expect(found(dump)).toEqual([]);

    const { redis, queuePrefix } = server.context(null, baseUrl);
    const keys = await dumpRedisKeys(redis, queuePrefix);
    expect(keys).toContain(`${queuePrefix}:`);
    expect(found(keys)).toEqual([]);
  });
});
