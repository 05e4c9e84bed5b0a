// @module-tag resilience
// @module-tag redis-queue
import { describe, expect, it } from "vitest";
import { teamWithApp } from "../support/harness.ts";
import { useTokenApi } from "../support/token-api.ts";

const LIMIT = 3;
const { server, api } = await useTokenApi("token_api_limit", {
  TOKEN_API_RATE_LIMIT_PER_KEY: String(LIMIT),
});

describe("the token API", () => {
  it("limits each API key to its requests a minute, says when to come back, and counts keys apart", async () => {
    const { app, createKey } = await teamWithApp(server, "Limited");
    const [busy, quiet] = [await createKey("Busy"), await createKey("Quiet")];
    // A profile id that does not exist: each request is answered 404 once it is counted.
    const call = (apiKey: string) =>
      api.get({
        authorization: `Bearer ${apiKey}`,
        appId: app.id,
        profileId: crypto.randomUUID(),
      });

    for (let i = 0; i < LIMIT; i++) expect((await call(busy)).status).toBe(404);
    const limited = await call(busy);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({
      error: "rate_limited",
      message: expect.stringMatching(
        /^Too many token requests with this API key: at most 3 a minute/,
      ),
    });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await call(quiet)).status).toBe(404);
  });
});
