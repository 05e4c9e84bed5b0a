// @module-tag resilience
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { dumpRedisKeys, testServers, withDatabase } from "@authdeck/test-support";
import { describe, expect, it } from "vitest";
import { QUICK_LIMITS, testProfile, useTokenRunKit } from "../token-runs.ts";

const CANARY = "canary-secret-3b7d";
const FIELD_CANARY = "field-canary-c51a";

const kit = useTokenRunKit("recording");
// The recording server listens on 127.0.0.1, which only an admin's rule lets requests reach.
const runner = { egressAllow: ["127.0.0.0/8"] };

const profile = (tokenRequestUrl: string, overrides: Record<string, unknown> = {}) => ({
  name: "Recorded",
  identityProviderName: "Recorder",
  clientId: "client-1",
  clientSecret: CANARY,
  tokenRequestUrl,
  scopes: [{ key: "scope", value: "read write" }],
  ...overrides,
});

const form = (body: string) => Object.fromEntries(new URLSearchParams(body));
const formDecode = (value: string) => new URLSearchParams(`v=${value}`).get("v");

describe("the token request as the provider receives it", () => {
  it("puts each authorization field type in its place", async () => {
    const server = await kit.serve();
    const { run } = await testProfile(
      kit,
      profile(server.urlFor("ok", "/{region}/token"), {
        fields: [
          { type: "header", key: "X-Api-Key", value: FIELD_CANARY, secret: true },
          { type: "payload", key: "audience", value: "https://api.example.com", secret: false },
          { type: "query", key: "api-version", value: "2024-01 beta", secret: false },
          { type: "path", key: "region", value: "eu/west", secret: false },
        ],
      }),
      runner,
    );

    expect(run.status).toBe("succeeded");
    expect(server.requests).toHaveLength(1);
    const [sent] = server.requests;
    expect(sent!.method).toBe("POST");
    expect(sent!.url).toBe("/ok/eu%2Fwest/token?api-version=2024-01+beta");
    expect(sent!.headers["x-api-key"]).toBe(FIELD_CANARY);
    expect(sent!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(sent!.headers.accept).toBe("application/json");
    expect(form(sent!.body)).toEqual({
      grant_type: "client_credentials",
      scope: "read write",
      audience: "https://api.example.com",
    });
    const stored = run.request as { url: string; headers: Array<[string, string]> };
    expect(stored.headers).toContainEqual(["X-Api-Key", "********"]);
    expect(stored.url).toBe(`${server.url}/ok/eu%2Fwest/token?api-version=2024-01+beta`);
  });

  it("form-encodes a client id with ':' and non-ASCII characters before Basic", async () => {
    const server = await kit.serve();
    const clientId = "tenant:ünïcødé 客户";
    const secret = "p@ss:wörd+/=%";
    const { run } = await testProfile(
      kit,
      profile(server.urlFor("ok"), { clientId, clientSecret: secret }),
      runner,
    );

    expect(run.status).toBe("succeeded");
    const authorization = server.requests[0]!.headers.authorization ?? "";
    expect(authorization).toMatch(/^Basic [A-Za-z0-9+/]+=*$/);
    const credentials = Buffer.from(authorization.slice(6), "base64").toString("utf8");
    expect(credentials).toMatch(/^[A-Za-z0-9%+*._-]+:[A-Za-z0-9%+*._-]+$/);
    const [id, password] = credentials.split(":");
    expect(formDecode(id!)).toBe(clientId);
    expect(formDecode(password!)).toBe(secret);
  });

  it("reads a form-encoded answer", async () => {
    const server = await kit.serve();
    const { run } = await testProfile(kit, profile(server.urlFor("form")), runner);

    expect(run.status).toBe("succeeded");
    expect(run.tokenFacts).toMatchObject({ tokenType: "bearer", expiresIn: 3600 });
    // The telling mask ("…, 36 characters]") is longer than the token: masks never grow a body.
    expect(run.responseBody).toBe(
      "access_token=[access_token redacted]&token_type=bearer&expires_in=3600",
    );
  });

  it("warns about a missing expires_in and falls back to the profile's default lifetime", async () => {
    const server = await kit.serve();
    const { run, saved } = await testProfile(kit, profile(server.urlFor("no-expires-in")), runner);

    expect(run.status).toBe("succeeded");
    expect(run.warnings).toEqual([
      "No expires_in: Authdeck cannot tell when the token expires and assumes the profile's default lifetime",
    ]);
    const state = await kit.db.tokenState.findFirstOrThrow({
      where: { profileId: saved.profileId },
    });
    expect(state.expiresAt!.getTime() - state.obtainedAt!.getTime()).toBe(3300 * 1000);
  });
});

describe("a misbehaving provider", () => {
  /** A test against a provider that answers 500 to the first `failures` requests. */
  const testAfterFailures = async (failures: number) => {
    const server = await kit.serve({ failures });
    const tested = await testProfile(kit, profile(server.urlFor("fail-then-succeed")), runner);
    return { ...tested, server };
  };

  it("succeeds on the retry after a 500", async () => {
    const { run, sleeps, server } = await testAfterFailures(1);

    expect(run).toMatchObject({ status: "succeeded", httpAttempts: 2, responseStatus: 200 });
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toEqual([500]);
  });

  it("fails with the last answer when every attempt gets a 500", async () => {
    const { run, sleeps, server } = await testAfterFailures(5);

    expect(run).toMatchObject({
      status: "failed",
      httpAttempts: 3,
      responseStatus: 500,
      errorClass: "oauth_error",
      errorMessage: "server_error: try again",
    });
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([500, 1000]);
  });

  it("waits as long as a 429's Retry-After says, in seconds", async () => {
    const server = await kit.serve({ failures: 1, retryAfter: "3" });
    const { run, sleeps } = await testProfile(kit, profile(server.urlFor("rate-limited")), runner);

    expect(run).toMatchObject({ status: "succeeded", httpAttempts: 2 });
    expect(sleeps).toEqual([3000]);
    expect(server.requests).toHaveLength(2);
  });

  it("waits until a 429's Retry-After date", async () => {
    const now = new Date("2030-01-01T00:00:00Z");
    const server = await kit.serve({ failures: 1, retryAfter: "Tue, 01 Jan 2030 00:00:04 GMT" });
    const { run, sleeps } = await testProfile(kit, profile(server.urlFor("rate-limited")), {
      ...runner,
      now: () => now,
    });

    expect(run).toMatchObject({ status: "succeeded", httpAttempts: 2 });
    expect(sleeps).toEqual([4000]);
  });

  it("really waits between attempts when no sleep is injected", async () => {
    const server = await kit.serve({ failures: 1, retryAfter: "1" });
    const started = performance.now();
    const { run } = await testProfile(kit, profile(server.urlFor("rate-limited")), {
      ...runner,
      sleep: undefined,
    });

    expect(run.status).toBe("succeeded");
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it("fails at the configured timeout when the provider never answers", async () => {
    const server = await kit.serve();
    const limits = { ...QUICK_LIMITS, headersMs: 300 };
    const { run, sleeps } = await testProfile(kit, profile(server.urlFor("hang")), {
      ...runner,
      limits,
    });

    expect(run).toMatchObject({
      status: "failed",
      errorClass: "timeout",
      httpAttempts: 3,
      responseStatus: null,
    });
    expect(run.errorMessage).toBe(`127.0.0.1:${server.port} sent no answer within 300 ms`);
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([500, 1000]);
    // undici's response timers tick about once a second, so each attempt ends 0-1 s late.
    expect(run.durationMs).toBeGreaterThanOrEqual(3 * 300);
    expect(run.durationMs).toBeLessThan(3 * (300 + 1_200));
  }, 10_000);

  it("fails at the configured timeout when the body stops coming", async () => {
    const server = await kit.serve();
    const { run } = await testProfile(kit, profile(server.urlFor("stall")), {
      ...runner,
      limits: { ...QUICK_LIMITS, bodyMs: 300 },
    });

    expect(run).toMatchObject({ status: "failed", errorClass: "timeout" });
    expect(run.errorMessage).toBe(`127.0.0.1:${server.port} stopped sending its answer for 300 ms`);
    expect(run.durationMs).toBeLessThan(3 * (300 + 1_200));
  }, 10_000);

  it("stops reading a 10 MB body at the size cap", async () => {
    const server = await kit.serve({ hugeBodyBytes: 10 * 1024 * 1024 });
    const { run } = await testProfile(kit, profile(server.urlFor("huge-body")), runner);

    expect(run).toMatchObject({ status: "failed", errorClass: "body_too_large", httpAttempts: 1 });
    expect(run.errorMessage).toBe(
      "The response body is larger than 1024 KiB; reading stopped there",
    );
    expect(server.requests).toHaveLength(1);
  });

  it("does not follow a redirect and says where it pointed", async () => {
    const target = await kit.serve();
    const server = await kit.serve({ redirectTo: target.urlFor("ok") });
    const { run } = await testProfile(kit, profile(server.urlFor("redirect")), runner);

    expect(run).toMatchObject({
      status: "failed",
      errorClass: "redirect_not_followed",
      responseStatus: 302,
      httpAttempts: 1,
    });
    expect(run.errorMessage).toBe(
      `The provider answered 302 and pointed to ${target.urlFor("ok")}; token requests never follow redirects`,
    );
    expect(run.responseHeaders).toMatchObject({ location: target.urlFor("ok") });
    expect(server.requests).toHaveLength(1);
    expect(target.requests).toHaveLength(0);
  });
});

describe("secrets", () => {
  it("never appear in job data, events or rows, only in the request to the provider", async () => {
    const server = await kit.serve();
    const fields = [{ type: "header", key: "X-Api-Key", value: FIELD_CANARY, secret: true }];
    const ok = await testProfile(kit, profile(server.urlFor("ok"), { fields }), runner);
    const failed = await testProfile(
      kit,
      profile(server.urlFor("fail-then-succeed"), { name: "Failing", fields }),
      { ...runner, egressAllow: [] },
    );

    expect(ok.run.status).toBe("succeeded");
    expect(failed.run.errorClass).toBe("blocked_destination");
    // The canaries did reach the provider: their absence below means something.
    expect(server.requests[0]!.headers["x-api-key"]).toBe(FIELD_CANARY);
    expect(server.requests[0]!.headers.authorization).toContain(
      Buffer.from(`client-1:${CANARY}`).toString("base64"),
    );

    const queued = await dumpRedisKeys(kit.redis, kit.queuePrefix);
    expect(queued).toContain(ok.runId);
    expect(queued).toContain(failed.runId);
    const events = JSON.stringify([...ok.events, ...failed.events]);
    expect(events).toContain(ok.runId);
    const { stdout: rows } = await promisify(execFile)("pg_dump", ["--data-only", await dbUrl()], {
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(rows).toContain(ok.runId);
    for (const secret of [CANARY, FIELD_CANARY, server.accessToken]) {
      expect(queued).not.toContain(secret);
      expect(events).not.toContain(secret);
      expect(rows).not.toContain(secret);
    }
  });
});

describe("a provider that repeats what it was sent", () => {
  it.each([
    ["client_secret_basic", "the Authorization header"],
    ["client_secret_post", "the form body"],
  ])("has no secret of the profile stored or shown, with %s (%s)", async (method) => {
    const server = await kit.serve();
    const fields = [{ type: "header", key: "X-Api-Key", value: FIELD_CANARY, secret: true }];
    const { run } = await testProfile(
      kit,
      profile(server.urlFor("echo"), { clientAuthMethod: method, fields }),
      runner,
    );
    expect(run.status).toBe("failed");
    // The provider did repeat them: their absence below means something.
    const echoed = server.requests[0]!;
    expect(JSON.stringify(echoed)).toContain(FIELD_CANARY);
    const stored = JSON.stringify(run);
    expect(stored).toContain("invalid_request");
    for (const secret of [
      CANARY,
      FIELD_CANARY,
      Buffer.from(`client-1:${CANARY}`).toString("base64"),
      encodeURIComponent(CANARY),
    ]) {
      expect(stored).not.toContain(secret);
    }
  });
});

async function dbUrl() {
  const [current] = await kit.db.$queryRaw<
    Array<{ name: string }>
  >`SELECT current_database() AS name`;
  return withDatabase(testServers.databaseUrl, current!.name);
}
