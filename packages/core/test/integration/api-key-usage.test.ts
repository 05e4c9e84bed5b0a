// @module-tag resilience
import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createTestDatabase, testServers } from "@authdeck/test-support";
import pg from "pg";
import { describe, expect, it } from "vitest";
import {
  createApiKey,
  createUsageBatch,
  listApiKeys,
  pruneApiKeyUsage,
} from "../../src/api-keys/index.ts";
import type { TokenState } from "../../src/db/index.ts";
import { migrate, readMigrations } from "../../src/db/migrate.ts";
import { migrationsDir } from "../../src/db/paths.ts";
import { readServiceToken, storeToken } from "../../src/tokens/index.ts";
import { type SavedProfile, saveProfile, useTokenRunKit } from "../token-runs.ts";

/**
 * The token API answers many calls a minute per key. Each used to leave an audit event, so the
 * audit log filled with them; calls are counted per key, profile and minute instead.
 */

const kit = useTokenRunKit("api_key_usage");

const MINUTE = 60_000;
const t0 = new Date("2026-12-02T10:15:00.000Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

/** A profile with a token valid for three days from t0, and an API key that may read it. */
async function servedProfile(name: string) {
  const saved = await saveProfile(kit, {
    name,
    identityProviderName: "IdP",
    tokenRequestUrl: "https://idp.example.com/token",
  });
  await storeToken(kit, {
    teamId: saved.teamId,
    profileId: saved.profileId,
    tenant: "",
    accessToken: `token-of-${name}`,
    refreshToken: null,
    tokenType: "Bearer",
    expiresIn: 3 * 24 * 3_600,
    jwtExp: null,
    defaultLifetimeSeconds: 3_600,
    obtainedAt: t0,
  });
  const admin = { ...saved.member, role: "admin" as const };
  const key = await createApiKey({ db: kit.db, now: () => t0 }, admin, {
    name: `${name} service`,
    appIds: [saved.appId],
  });
  const caller = { apiKeyId: key.id, teamId: saved.teamId, appIds: [saved.appId] };
  return { saved, admin, key, caller };
}

const read = (
  profile: { saved: SavedProfile; caller: { apiKeyId: string; teamId: string; appIds: string[] } },
  when: Date,
) =>
  readServiceToken(
    {
      db: kit.db,
      sealer: kit.sealer,
      now: () => when,
      refresh: async (state: TokenState) => {
        throw new Error(`no refresh expected, state ${state.id}`);
      },
    },
    profile.caller,
    { appId: profile.saved.appId, profileId: profile.saved.profileId },
  );

const usageOf = (apiKeyId: string) =>
  kit.db.apiKeyUsage.findMany({
    where: { apiKeyId },
    orderBy: [{ minute: "asc" }, { profileId: "asc" }],
    select: { minute: true, profileId: true, calls: true },
  });

describe("token API calls", () => {
  it("are counted per key, profile and minute, and leave no audit event each", async () => {
    const served = await servedProfile("Counted");

    for (const ms of [0, 1_000, 59_999, MINUTE, MINUTE + 30_000]) {
      expect((await read(served, at(ms))).access_token).toBe("token-of-Counted");
    }

    const actions = await kit.db.auditEvent.findMany({
      where: { teamId: served.saved.teamId, actorApiKeyId: { not: null } },
      select: { action: true },
    });
    expect(actions).toEqual([]);
    expect(await usageOf(served.key.id)).toEqual([
      { minute: t0, profileId: served.saved.profileId, calls: 3 },
      { minute: at(MINUTE), profileId: served.saved.profileId, calls: 2 },
    ]);
    // The key's own life stays in the audit log.
    expect(
      await kit.db.auditEvent.count({
        where: { teamId: served.saved.teamId, action: "apiKey.create", targetId: served.key.id },
      }),
    ).toBe(1);
  });

  it("made at the same moment are all counted", async () => {
    const served = await servedProfile("Concurrent");

    await Promise.all(Array.from({ length: 20 }, () => read(served, at(5_000))));

    expect(await usageOf(served.key.id)).toEqual([
      { minute: t0, profileId: served.saved.profileId, calls: 20 },
    ]);
  });

  it("show on the API keys page as the calls of the last 24 hours, with last used", async () => {
    const served = await servedProfile("Listed");
    const idle = await createApiKey({ db: kit.db, now: () => t0 }, served.admin, {
      name: "Idle service",
      appIds: [served.saved.appId],
    });
    const DAY = 24 * 60 * MINUTE;
    for (const ms of [0, 10 * MINUTE, 10 * MINUTE, 2 * DAY]) await read(served, at(ms));

    const keys = await listApiKeys({ db: kit.db, now: () => at(2 * DAY + MINUTE) }, served.admin);

    expect(keys.find((k) => k.id === served.key.id)).toMatchObject({ callsLast24h: 1 });
    expect(keys.find((k) => k.id === idle.id)).toMatchObject({ callsLast24h: 0, lastUsedAt: null });
    const dayAfter = await listApiKeys({ db: kit.db, now: () => at(DAY) }, served.admin);
    expect(dayAfter.find((k) => k.id === served.key.id)).toMatchObject({ callsLast24h: 2 });
  });
});

describe("calls counted in a batch (the proxy's)", () => {
  it("are written together, per key, profile and minute, when the batch flushes", async () => {
    const served = await servedProfile("Batched");
    const { apiKeyId } = served.caller;
    const { profileId } = served.saved;
    const batch = createUsageBatch(kit.db, { flushMs: 60_000 });
    for (const ms of [0, 1_000, 59_999, MINUTE, MINUTE + 30_000])
      batch.count({ apiKeyId, profileId, at: at(ms) });
    // Nothing written per call.
    expect(await usageOf(apiKeyId)).toEqual([]);

    await batch.close();

    expect(await usageOf(apiKeyId)).toEqual([
      { minute: at(0), profileId, calls: 3 },
      { minute: at(MINUTE), profileId, calls: 2 },
    ]);
  });
});

describe("call counts", () => {
  it("are kept 90 days: older ones are pruned, every key's, and newer ones stay", async () => {
    const first = await servedProfile("Pruned");
    const second = await servedProfile("Pruned too");
    const DAY = 24 * 60 * MINUTE;
    await read(first, at(0));
    await read(second, at(0));
    await read(first, at(DAY));
    const when = (days: number) => ({ db: kit.db, now: () => at(days * DAY) });

    expect(await pruneApiKeyUsage(when(90))).toBe(0);
    // Every key's counts of that first minute go, this file's other tests' included.
    const older = await kit.db.apiKeyUsage.count({ where: { minute: { lte: t0 } } });
    expect(older).toBeGreaterThanOrEqual(2);
    expect(await pruneApiKeyUsage(when(90 + 1 / 1440))).toBe(older);

    expect(await usageOf(first.key.id)).toEqual([
      { minute: at(DAY), profileId: first.saved.profileId, calls: 1 },
    ]);
    expect(await usageOf(second.key.id)).toEqual([]);
  });

  it("take over the audit events the token API wrote before, which leave the audit log", async () => {
    const database = await createTestDatabase({
      baseUrl: testServers.databaseUrl,
      label: "usage_migration",
      migrated: false,
    });
    const before = await mkdtemp(path.join(os.tmpdir(), "authdeck-migrations-"));
    const client = new pg.Client({ connectionString: database.url });
    try {
      const migrations = await readMigrations(migrationsDir);
      const ours = migrations.findIndex((m) => m.name.endsWith("_api_key_usage_counts"));
      expect(ours).toBeGreaterThan(0);
      for (const m of migrations.slice(0, ours))
        await cp(path.join(migrationsDir, m.name), path.join(before, m.name), { recursive: true });
      await migrate({ databaseUrl: database.directUrl, migrationsDir: before });
      await client.connect();
      const ids = {
        team: crypto.randomUUID(),
        app: crypto.randomUUID(),
        profile: crypto.randomUUID(),
        key: crypto.randomUUID(),
      };
      await client.query(`INSERT INTO team (id, name, updated_at) VALUES ($1, 'Old', now())`, [
        ids.team,
      ]);
      await client.query(
        `INSERT INTO app (id, team_id, name, updated_at) VALUES ($1, $2, 'Old app', now())`,
        [ids.app, ids.team],
      );
      await client.query(
        `INSERT INTO authorization_profile
           (id, team_id, app_id, name, identity_provider_name, token_request_url, updated_at)
         VALUES ($1, $2, $3, 'Old profile', 'IdP', 'https://idp.example.com/token', now())`,
        [ids.profile, ids.team, ids.app],
      );
      await client.query(
        `INSERT INTO api_key (id, team_id, name, prefix, hash, app_ids)
         VALUES ($1, $2, 'Old key', 'adk_old', 'hash', ARRAY[$3]::uuid[])`,
        [ids.key, ids.team, ids.app],
      );
      const event = (action: string, at: string, target: string, apiKey: string | null) =>
        client.query(
          `INSERT INTO audit_event (id, team_id, actor_user_id, actor_api_key_id, action,
             target_type, target_id, created_at)
           VALUES (gen_random_uuid(), $1, $2, $3, $4, 'profile', $5, $6)`,
          [ids.team, apiKey ? null : "user_1", apiKey, action, target, at],
        );
      for (const at of ["10:15:01", "10:15:59", "10:16:00"])
        await event("token.read", `2026-11-30 ${at}`, ids.profile, ids.key);
      // A profile deleted since: its reads are dropped, not failing the migration.
      await event("token.read", "2026-11-30 10:15:30", crypto.randomUUID(), ids.key);
      await event("profile.create", "2026-11-30 09:00:00", ids.profile, null);

      await migrate({ databaseUrl: database.directUrl, migrationsDir });

      const usage = await client.query(
        `SELECT api_key_id, profile_id, to_char(minute, 'HH24:MI:SS') AS minute, calls
         FROM api_key_usage ORDER BY minute`,
      );
      expect(usage.rows).toEqual([
        { api_key_id: ids.key, profile_id: ids.profile, minute: "10:15:00", calls: 2 },
        { api_key_id: ids.key, profile_id: ids.profile, minute: "10:16:00", calls: 1 },
      ]);
      const actions = await client.query(`SELECT action FROM audit_event`);
      expect(actions.rows).toEqual([{ action: "profile.create" }]);
    } finally {
      await client.end().catch(() => {});
      await rm(before, { recursive: true, force: true });
      await database.drop();
    }
  });
});
