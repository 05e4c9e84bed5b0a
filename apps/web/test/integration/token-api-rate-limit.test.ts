// @module-tag resilience
import { afterAll, describe, expect, it } from "vitest";
import { createTeamWithMembers, type Server, startServer } from "../support/harness.ts";
import { tokenApi } from "../support/token-api.ts";

const LIMIT = 3;
process.env.TOKEN_API_RATE_LIMIT_PER_KEY = String(LIMIT);
const server: Server = await startServer("token_api_limit");
const api = await tokenApi();

afterAll(async () => {
  await api.close();
  await server.close();
});

describe("the token API", () => {
  it("limits each API key to its requests a minute, says when to come back, and counts keys apart", async () => {
    const { team, users } = await createTeamWithMembers(server.db, "Limited");
    const owner = server.callerFor(users.owner);
    const app = await owner.app.create({ teamId: team.id, name: "Limited" });
    const key = async (name: string) =>
      (await owner.apiKey.create({ teamId: team.id, name, appIds: [app.id] })).key;
    const [busy, quiet] = [await key("Busy"), await key("Quiet")];
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
