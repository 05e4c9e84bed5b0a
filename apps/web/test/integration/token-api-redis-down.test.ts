// @module-tag resilience
// @module-tag slow-fault
import { describe, expect, it } from "vitest";
import { teamWithApp } from "../support/harness.ts";
import { useTokenApi } from "../support/token-api.ts";

// The web process's own connection goes to a port where no Redis listens (the harness's
// connection, used to set the test up, stays on the real one).
const { server, api } = await useTokenApi("api_no_redis", { REDIS_URL: "redis://127.0.0.1:1" });

describe("the token API without Redis", () => {
  it("answers 503 token_unavailable with Retry-After, in about a second, not an internal error", async () => {
    const { app, createKey } = await teamWithApp(server, "No Redis");
    const key = await createKey();

    const started = Date.now();
    const response = await api.get({
      authorization: `Bearer ${key}`,
      appId: app.id,
      profileId: crypto.randomUUID(),
    });
    const tookMs = Date.now() - started;

    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      error: "token_unavailable",
      message: expect.stringMatching(/cannot reach Redis/),
    });
    expect(response.headers.get("retry-after")).toBe("5");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(tookMs).toBeLessThan(3_000);
  });
});
