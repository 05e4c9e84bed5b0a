// @module-tag resilience
import {
  createTestDatabase,
  type PgBouncer,
  startPgBouncer,
  type TestDatabase,
  testServers,
  withDatabase,
} from "@authdeck/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/apps/index.ts";
import { parseKeyRing } from "../../src/config/key-ring.ts";
import { createSealer } from "../../src/crypto/index.ts";
import { createDb, type Db } from "../../src/db/index.ts";
import { createChannel, MAX_CHANNELS_PER_TEAM } from "../../src/notifications/create-channel.ts";
import { createProfile } from "../../src/profiles/index.ts";
import { profileFieldsSchema } from "../../src/schemas/profile.ts";
import { PROFILE_COUNT_LIMITS } from "../../src/shared/profile-limits.ts";
import { createTeamWithMembers } from "../fixtures.ts";

// The product's client through a PgBouncer in transaction pooling mode with only two server
// connections for six client connections, whatever AUTHDECK_TEST_POSTGRES says: client sessions
// take turns on the same server sessions, so anything that leans on session state (a named
// prepared statement, a session lock, a startup parameter PgBouncer refuses) breaks here.

let database: TestDatabase;
let bouncer: PgBouncer;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase({ baseUrl: testServers.databaseUrl, label: "pgbouncer" });
  bouncer = await startPgBouncer({ upstream: testServers.databaseUrl, poolSize: 2 });
  db = createDb({ databaseUrl: withDatabase(bouncer.url, database.name), poolSize: 6 });
});
afterAll(async () => {
  await db?.$disconnect();
  await bouncer?.close();
  await database?.drop();
});

const keyRing = parseKeyRing(`k1:${Buffer.alloc(32, 7).toString("base64")}`);
if (!keyRing.ok) throw new Error(keyRing.error);
const deps = () => ({
  db,
  now: () => new Date(),
  sealer: createSealer(keyRing.keyRing),
  emailDomains: null,
});

describe("through PgBouncer in transaction pooling mode", () => {
  it("interactive transactions at once on two server connections each commit what they wrote", async () => {
    const names = Array.from({ length: 6 }, (_, i) => `Pooled team ${i}`);
    const made = await Promise.all(names.map((name) => createTeamWithMembers(deps(), name)));
    const stored = await db.team.findMany({
      where: { id: { in: made.map((t) => t.team.id) } },
      select: { name: true },
    });
    expect(stored.map((t) => t.name).sort()).toEqual(names);
  });

  it("profiles created at once cannot both take an app's last place (transaction lock)", async () => {
    const team = await createTeamWithMembers(deps(), "Pooled profiles");
    const app = await createApp(deps(), await team.as("admin"), { name: "assistant" });
    await db.authorizationProfile.createMany({
      data: Array.from({ length: PROFILE_COUNT_LIMITS.perApp - 1 }, (_, i) => ({
        teamId: team.team.id,
        appId: app.id,
        name: `Seeded ${i}`,
        identityProviderName: "IdP",
        tokenRequestUrl: "https://idp.example.com/token",
      })),
    });
    const editor = await team.as("editor");
    const outcomes = await Promise.allSettled(
      ["A", "B", "C", "D"].map((name) =>
        createProfile(deps(), editor, {
          appId: app.id,
          profile: profileFieldsSchema.parse({
            name,
            identityProviderName: "IdP",
            clientId: "client",
            tokenRequestUrl: "https://idp.example.com/token",
          }),
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === "rejected"))
      expect((o as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    expect(await db.authorizationProfile.count({ where: { appId: app.id } })).toBe(
      PROFILE_COUNT_LIMITS.perApp,
    );
  });

  it("channels added at once cannot both take a team's last place (transaction lock)", async () => {
    const team = await createTeamWithMembers(deps(), "Pooled channels");
    const admin = await team.as("admin");
    const add = () =>
      createChannel(deps(), admin, {
        kind: "webhook",
        name: "On-call",
        url: "https://hooks.example.com/authdeck",
        events: ["profile.refresh.failing"],
        appIds: [],
      });
    for (let i = 0; i < MAX_CHANNELS_PER_TEAM - 1; i++) await add();
    const outcomes = await Promise.allSettled(Array.from({ length: 4 }, add));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(await db.notificationChannel.count({ where: { teamId: team.team.id } })).toBe(
      MAX_CHANNELS_PER_TEAM,
    );
  });
});
