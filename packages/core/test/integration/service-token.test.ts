// @module-tag resilience
import { createTestDatabase, type TestDatabase, testServers } from "@authdeck/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseKeyRing } from "../../src/config/key-ring.ts";
import { createSealer } from "../../src/crypto/index.ts";
import { createDb, type Db } from "../../src/db/index.ts";
import { discardToken, ensureTokenState, isUsable, storeToken } from "../../src/tokens/index.ts";
import { createTeamWithMembers } from "../fixtures.ts";

const CALLERS = 10;
let database: TestDatabase;
let db: Db;
let team: { id: string };
let appId: string;

beforeAll(async () => {
  database = await createTestDatabase({ baseUrl: testServers.databaseUrl, label: "service_token" });
  // As many connections as callers, like a web process, so the calls really run side by side.
  db = createDb({ databaseUrl: database.url, poolSize: CALLERS });
  ({ team } = await createTeamWithMembers({ db, now: () => new Date() }, "Token states"));
  appId = (await db.app.create({ data: { teamId: team.id, name: "Carrier" } })).id;
  // Every connection opened beforehand, so the calls below do not queue behind a connect.
  await Promise.all(
    Array.from({ length: CALLERS }, () => db.$queryRaw`SELECT pg_sleep(0.05)::text`),
  );
});

afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

let count = 0;
const newProfile = () =>
  db.authorizationProfile.create({
    data: {
      teamId: team.id,
      appId,
      name: `Carrier API ${++count}`,
      identityProviderName: "IdP",
      tokenRequestUrl: "https://idp.example.com/token",
    },
  });

describe("the token state of a profile asked for the first time", () => {
  it("is made once when ten callers ask at the same moment, and every caller gets it", async () => {
    // Several rounds: the race is one of timing, and one round alone may miss it.
    for (let round = 0; round < 5; round++) {
      const profile = await newProfile();
      const key = { teamId: team.id, profileId: profile.id, tenant: "" };

      const outcomes = await Promise.allSettled(
        Array.from({ length: CALLERS }, () => ensureTokenState(db, key)),
      );

      const failures = outcomes.flatMap((o) =>
        o.status === "rejected" ? [String(o.reason).split("\n").at(-1)] : [],
      );
      expect(failures, `round ${round}`).toEqual([]);
      const rows = await db.tokenState.findMany({ where: { profileId: profile.id } });
      expect(rows).toHaveLength(1);
      const ids = outcomes.map((o) => (o as PromiseFulfilledResult<{ id: string }>).value.id);
      expect(new Set(ids)).toEqual(new Set([rows[0]!.id]));
      expect(rows[0]).toMatchObject({ tenant: "", status: "refreshing", teamId: team.id });
    }
  });

  it("is left as it is when it exists already", async () => {
    const profile = await newProfile();
    const key = { teamId: team.id, profileId: profile.id, tenant: "acme" };
    const first = await ensureTokenState(db, key);
    await db.tokenState.update({
      where: { id: first.id },
      data: { status: "failing", consecutiveFailures: 3 },
    });

    const again = await ensureTokenState(db, key);

    expect(again).toMatchObject({ id: first.id, status: "failing", consecutiveFailures: 3 });
    expect(await db.tokenState.count({ where: { profileId: profile.id } })).toBe(1);
  });
});

describe("a profile's first token, stored by several runs at the same moment", () => {
  it("is sealed for the row it lands in, so it opens", async () => {
    const keyRing = parseKeyRing(`k1:${Buffer.alloc(32, 9).toString("base64")}`);
    if (!keyRing.ok) throw new Error(keyRing.error);
    const sealer = createSealer(keyRing.keyRing);
    for (let round = 0; round < 3; round++) {
      const profile = await newProfile();

      const outcomes = await Promise.allSettled(
        Array.from({ length: CALLERS }, (_, i) =>
          storeToken(
            { db, sealer },
            {
              teamId: team.id,
              profileId: profile.id,
              tenant: "",
              accessToken: `token-${i}`,
              refreshToken: null,
              tokenType: "Bearer",
              expiresIn: 3_600,
              jwtExp: null,
              defaultLifetimeSeconds: 3_600,
              obtainedAt: new Date(),
            },
          ),
        ),
      );

      expect(outcomes.filter((o) => o.status === "rejected")).toEqual([]);
      const [row, ...more] = await db.tokenState.findMany({ where: { profileId: profile.id } });
      expect(more).toEqual([]);
      const opened = sealer.open(row!.accessTokenSealed!, {
        table: "token_state",
        rowId: row!.id,
        column: "access_token_sealed",
      });
      expect(opened, `round ${round}`).toMatch(/^token-\d$/);
      expect(row).toMatchObject({ status: "fresh" });
    }
  });
});

describe("a token an API refused", () => {
  it("is discarded once, and a token that replaced it meanwhile is left alone", async () => {
    const keyRing = parseKeyRing(`k1:${Buffer.alloc(32, 9).toString("base64")}`);
    if (!keyRing.ok) throw new Error(keyRing.error);
    const sealer = createSealer(keyRing.keyRing);
    const profile = await newProfile();
    const store = (accessToken: string) =>
      storeToken(
        { db, sealer },
        {
          teamId: team.id,
          profileId: profile.id,
          tenant: "",
          accessToken,
          refreshToken: null,
          tokenType: "Bearer",
          expiresIn: 3_600,
          jwtExp: null,
          defaultLifetimeSeconds: 3_600,
          obtainedAt: new Date(),
        },
      );
    const read = () => db.tokenState.findFirstOrThrow({ where: { profileId: profile.id } });
    await store("refused-token");
    const refused = await read();
    expect(isUsable(refused, new Date())).toBe(true);

    // Several callers saw it refused: the first discards it, the others find nothing to do.
    expect(await discardToken(db, refused, new Date())).toBe(true);
    expect(await discardToken(db, refused, new Date())).toBe(false);
    expect(isUsable(await read(), new Date())).toBe(false);
    expect((await read()).status).toBe("expired");

    // A caller late with the refused token does not discard the one that replaced it.
    await store("new-token");
    expect(await discardToken(db, refused, new Date())).toBe(false);
    expect(isUsable(await read(), new Date())).toBe(true);
  });
});
