// @module-tag resilience
import { afterAll, describe, expect, it } from "vitest";
import { createTeamWithMembers, type Server, startServer } from "../support/harness.ts";
import { tokenApi } from "../support/token-api.ts";

const server: Server = await startServer("api_no_redis");
// The web process's own connection goes to a port where no Redis listens (the harness's
// connection, used to set the test up, stays on the real one).
process.env.REDIS_URL = "redis://127.0.0.1:1";
const api = await tokenApi();

afterAll(async () => {
  await api.close();
  await server.close();
});

describe("the token API without Redis", () => {
  it("answers 503 token_unavailable with Retry-After, in about a second, not an internal error", async () => {
    const { team, users } = await createTeamWithMembers(server.db, "No Redis");
    const owner = server.callerFor(users.owner);
    const app = await owner.app.create({ teamId: team.id, name: "No Redis" });
    const { key } = await owner.apiKey.create({ teamId: team.id, name: "Svc", appIds: [app.id] });

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
