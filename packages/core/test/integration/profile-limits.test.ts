// @module-tag resilience
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/apps/index.ts";
import { parseKeyRing } from "../../src/config/key-ring.ts";
import { createSealer } from "../../src/crypto/index.ts";
import type { Db } from "../../src/db/index.ts";
import {
  createProfile,
  duplicateProfile,
  importProfiles,
  type ProfileDeps,
} from "../../src/profiles/index.ts";
import {
  EXPORT_FORMAT,
  exportDocumentSchema,
  profileFieldsSchema,
} from "../../src/schemas/profile.ts";
import { PROFILE_COUNT_LIMITS } from "../../src/shared/profile-limits.ts";
import { appErrorOf, createTeamWithMembers, openTestDb } from "../fixtures.ts";

let db: Db;
let close: () => Promise<void>;
let deps: ProfileDeps;

beforeAll(async () => {
  const opened = await openTestDb("profile_limits");
  db = opened.db;
  close = opened.close;
  const keyRing = parseKeyRing(`k1:${Buffer.alloc(32, 5).toString("base64")}`);
  if (!keyRing.ok) throw new Error(keyRing.error);
  deps = { db, now: () => new Date(), sealer: createSealer(keyRing.keyRing) };
});
afterAll(async () => close());

async function setUp() {
  const team = await createTeamWithMembers(deps, `Team ${randomUUID().slice(0, 6)}`);
  const editor = await team.as("editor");
  const app = await createApp(deps, await team.as("admin"), { name: "assistant" });
  return { team, editor, app };
}

/** `count` plain profiles written straight to the table: the limits are about what is there. */
async function fill(teamId: string, appId: string, count: number) {
  await db.authorizationProfile.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      teamId,
      appId,
      name: `Seeded ${i}`,
      identityProviderName: "IdP",
      tokenRequestUrl: "https://idp.example.com/token",
    })),
  });
}

const profile = (name: string) =>
  profileFieldsSchema.parse({
    name,
    identityProviderName: "IdP",
    clientId: "client",
    tokenRequestUrl: "https://idp.example.com/token",
  });

// Parsed as the import procedure parses what it is sent, which fills every default.
const exportOf = (names: string[]) =>
  exportDocumentSchema.parse({
    format: EXPORT_FORMAT,
    version: 1,
    profiles: names.map((name) => ({
      name,
      identityProviderName: "IdP",
      clientId: "client",
      tokenRequestUrl: "https://idp.example.com/token",
    })),
  });

const countIn = (where: { appId?: string; teamId?: string }) =>
  db.authorizationProfile.count({ where });

describe("how many profiles an app and a team may hold", () => {
  it("an app takes no profile past its limit, whether created, duplicated or imported", async () => {
    const { editor, app, team } = await setUp();
    const limit = PROFILE_COUNT_LIMITS.perApp;
    await fill(team.team.id, app.id, limit - 1);
    const last = await createProfile(deps, editor, { appId: app.id, profile: profile("Last") });

    const message = `This app already has ${limit} profiles, the most an app may have: delete one before adding another`;
    const created = await appErrorOf(
      createProfile(deps, editor, { appId: app.id, profile: profile("One more") }),
    );
    expect(created).toMatchObject({ code: "CONFLICT", message });
    const duplicated = await appErrorOf(
      duplicateProfile(deps, editor, { appId: app.id, profileId: last.id }),
    );
    expect(duplicated).toMatchObject({ code: "CONFLICT", message });
    const imported = await appErrorOf(
      importProfiles(deps, editor, { appId: app.id, document: exportOf(["Imported"]) }),
    );
    expect(imported).toMatchObject({
      code: "CONFLICT",
      message: `Importing 1 profile would give this app ${limit + 1}; an app may have at most ${limit}`,
    });
    expect(await countIn({ appId: app.id })).toBe(limit);
  });

  it("an import that would pass the limit is refused whole; one that fits goes in", async () => {
    const { editor, app, team } = await setUp();
    const limit = PROFILE_COUNT_LIMITS.perApp;
    await fill(team.team.id, app.id, limit - 100);
    const names = (n: number) => Array.from({ length: n }, (_, i) => `Imported ${i}`);

    const refused = await appErrorOf(
      importProfiles(deps, editor, { appId: app.id, document: exportOf(names(101)) }),
    );
    expect(refused.message).toBe(
      `Importing 101 profiles would give this app ${limit + 1}; an app may have at most ${limit}`,
    );
    expect(await countIn({ appId: app.id })).toBe(limit - 100);
    expect(
      await importProfiles(deps, editor, { appId: app.id, document: exportOf(names(100)) }),
    ).toEqual({ imported: 100 });
  });

  it("a team takes no profile past its limit across all its apps", async () => {
    const { editor, app, team } = await setUp();
    const admin = await team.as("admin");
    const { perApp, perTeam } = PROFILE_COUNT_LIMITS;
    for (let i = 0; i * perApp < perTeam; i++) {
      const full = await createApp(deps, admin, { name: `full ${i}` });
      await fill(team.team.id, full.id, Math.min(perApp, perTeam - i * perApp));
    }

    const refused = await appErrorOf(
      createProfile(deps, editor, { appId: app.id, profile: profile("Over") }),
    );
    expect(refused).toMatchObject({
      code: "CONFLICT",
      message: `This team already has ${perTeam.toLocaleString("en-US")} profiles, the most a team may have: delete one before adding another`,
    });
    expect(await countIn({ teamId: team.team.id })).toBe(perTeam);
  });

  it("two profiles created at once cannot both take the last place", async () => {
    const { editor, app, team } = await setUp();
    const limit = PROFILE_COUNT_LIMITS.perApp;
    await fill(team.team.id, app.id, limit - 1);

    const outcomes = await Promise.allSettled(
      ["A", "B", "C"].map((name) =>
        createProfile(deps, editor, { appId: app.id, profile: profile(name) }),
      ),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === "rejected"))
      expect((o as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    expect(await countIn({ appId: app.id })).toBe(limit);
  });
});
