import { testServers, withDatabase } from "@authdeck/test-support";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, renameApp } from "../../src/apps/index.ts";
import { parseKeyRing } from "../../src/config/key-ring.ts";
import { createSealer } from "../../src/crypto/index.ts";
import type { Db } from "../../src/db/index.ts";
import { AppError } from "../../src/errors/index.ts";
import { createProfile, type ProfileDeps, updateProfile } from "../../src/profiles/index.ts";
import { profileFieldsSchema } from "../../src/schemas/profile.ts";
import { appErrorOf, createTeamWithMembers, openTestDb } from "../fixtures.ts";

let db: Db;
let close: () => Promise<void>;
let databaseUrl: string;
let deps: ProfileDeps;

beforeAll(async () => {
  ({ db, close } = await openTestDb("database_errors"));
  const [current] = await db.$queryRaw<Array<{ name: string }>>`SELECT current_database() AS name`;
  databaseUrl = withDatabase(testServers.databaseUrl, current!.name);
  const ring = parseKeyRing(`k1:${Buffer.alloc(32, 7).toString("base64")}`);
  if (!ring.ok) throw new Error(ring.error);
  deps = { db, now: () => new Date(), sealer: createSealer(ring.keyRing) };
});
afterAll(async () => close());

const TAKEN = { name: "A profile with this name already exists in this app" };

const profile = (name: string) =>
  profileFieldsSchema.parse({
    name,
    identityProviderName: "Asana",
    clientId: "client-1",
    tokenRequestUrl: "https://auth.example.com/oauth/token",
  });

async function setUp(label: string) {
  const team = await createTeamWithMembers(deps, label);
  const editor = await team.as("editor");
  const app = await createApp(deps, await team.as("admin"), { name: "assistant" });
  return { ...team, editor, app };
}

/** The outcomes of calls made at once: the values kept, the errors each as the AppError it is. */
async function settle(calls: Array<Promise<unknown>>) {
  const outcomes = await Promise.allSettled(calls);
  const losers = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason] : []));
  for (const loser of losers) if (!(loser instanceof AppError)) throw loser;
  return { won: outcomes.length - losers.length, losers: losers as AppError[] };
}

const namesIn = async (appId: string) =>
  (await db.authorizationProfile.findMany({ where: { appId }, select: { name: true } })).map(
    (p) => p.name,
  );

describe("a profile name taken by two saves at once", () => {
  it("is created once; the other create gets a CONFLICT on the Name field", async () => {
    const { editor, app } = await setUp("Racing creates");
    const { won, losers } = await settle([
      createProfile(deps, editor, { appId: app.id, profile: profile("Billing API") }),
      createProfile(deps, editor, { appId: app.id, profile: profile("billing api") }),
    ]);
    expect(won).toBe(1);
    expect(losers.map((e) => [e.code, e.details.fieldErrors])).toEqual([["CONFLICT", TAKEN]]);
    expect(await namesIn(app.id)).toHaveLength(1);
  });

  it("is given by one of two renames; the other gets a CONFLICT on the Name field", async () => {
    const { editor, app } = await setUp("Racing renames");
    const a = await createProfile(deps, editor, { appId: app.id, profile: profile("First") });
    const b = await createProfile(deps, editor, { appId: app.id, profile: profile("Second") });
    const rename = (id: string, name: string) =>
      updateProfile(deps, editor, {
        appId: app.id,
        profileId: id,
        version: 1,
        profile: profile(name),
      });
    const { won, losers } = await settle([rename(a.id, "Orders"), rename(b.id, "ORDERS")]);
    expect(won).toBe(1);
    expect(losers.map((e) => [e.code, e.details.fieldErrors])).toEqual([["CONFLICT", TAKEN]]);
    const names = await namesIn(app.id);
    expect(names.filter((n) => n.toLowerCase() === "orders")).toHaveLength(1);
  });
});

describe("a row deleted while a use-case writes it", () => {
  it("answers NOT_FOUND, not an internal error", async () => {
    const team = await createTeamWithMembers(deps, "Vanishing app");
    const admin = await team.as("admin");
    const app = await createApp(deps, admin, { name: "Doomed" });
    const other = new pg.Client({ connectionString: databaseUrl });
    await other.connect();
    try {
      // The delete holds the row until it commits: the rename, which read the app before, waits
      // on it at its update and then finds the row gone (Prisma's P2025).
      await other.query("BEGIN");
      await other.query("DELETE FROM app WHERE id = $1", [app.id]);
      const renaming = appErrorOf(renameApp(deps, admin, { appId: app.id, name: "Saved" }));
      await waitForLockWait(other);
      await other.query("COMMIT");
      const error = await renaming;
      expect([error.code, error.message]).toEqual(["NOT_FOUND", "App not found"]);
    } finally {
      await other.end();
    }
  });
});

/** Resolves once another session of this database waits for a row lock. */
async function waitForLockWait(client: pg.Client) {
  for (let tries = 0; tries < 200; tries++) {
    const { rows } = await client.query(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (rows[0].waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("The rename never waited for the delete's lock");
}
