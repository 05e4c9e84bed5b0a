import { blindOwnerToSecrets, openTestDb, secretReadRefused } from "@authdeck/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listProfiles } from "../../src/profiles/index.ts";
import { createTeamWithMembers, insertProfile } from "../fixtures.ts";

// The profile list reads no secret: run by a database user that may not read any sealed column,
// it still lists every profile and tells a token state that holds a token from one that does
// not (token_state.has_token, which PostgreSQL keeps from the sealed column).
const database = await openTestDb("profile_list_blind");
const { db } = database;
const deps = { db, now: () => new Date() };
afterAll(async () => database.close());

let list: () => ReturnType<typeof listProfiles>;
let ids: { holding: string; empty: string };

beforeAll(async () => {
  // Seeded before the blinding: Prisma's writes return every column, the sealed ones too.
  const { team, as } = await createTeamWithMembers(deps, "Blind list");
  const app = await db.app.create({ data: { teamId: team.id, name: "Blind list" } });
  const row = (name: string) => insertProfile(db, { teamId: team.id, appId: app.id, name });
  const [holding, empty] = [await row("Holding a token"), await row("Holding none")];
  ids = { holding: holding.id, empty: empty.id };
  // Both past their expiry: a state that holds a token is "expired", one that holds none "none".
  const expired = { status: "fresh" as const, expiresAt: new Date(Date.now() - 60_000) };
  await db.tokenState.createMany({
    data: [
      { teamId: team.id, profileId: holding.id, ...expired, accessTokenSealed: "v1.k1.sealed" },
      { teamId: team.id, profileId: empty.id, ...expired, accessTokenSealed: null },
    ],
  });
  const viewer = await as("viewer");
  list = () =>
    listProfiles(deps, viewer, {
      appId: app.id,
      search: "",
      sort: "name",
      direction: "asc",
      page: 1,
      pageSize: 50,
    });
  await blindOwnerToSecrets(database.url);
});

describe("the profile list", () => {
  it("is run by a user that may not read a sealed column", async () => {
    // The control: without it the test below would prove nothing.
    expect(await secretReadRefused(database.url)).toBe(true);
    await expect(db.$queryRaw`SELECT access_token_sealed FROM token_state`).rejects.toThrow(
      /permission denied/,
    );
  });

  it("lists the profiles and whether each state holds a token, reading no secret", async () => {
    const states = async () =>
      Object.fromEntries((await list()).profiles.map((p) => [p.id, p.token?.status]));
    expect(await states()).toEqual({ [ids.holding]: "expired", [ids.empty]: "none" });

    // The token discarded: has_token follows the sealed column at once.
    await db.$executeRaw`UPDATE token_state SET access_token_sealed = NULL WHERE profile_id = ${ids.holding}::uuid`;
    expect(await states()).toEqual({ [ids.holding]: "none", [ids.empty]: "none" });
  });
});
