import { randomUUID } from "node:crypto";
import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@authdeck/test-support";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "../../src/db/migrate.ts";
import { migrationsDir } from "../../src/db/paths.ts";
import { testServers } from "../env.ts";

const SPLIT = "test_run_http_attempts_and_deliveries";

let database: TestDatabase;
let before: string;

beforeAll(async () => {
  database = await createTestDatabase({
    baseUrl: testServers.databaseUrl,
    label: "attempts_split",
    migrated: false,
  });
  // The migrations up to the split, as a database that has run for a while has them.
  before = await mkdtemp(path.join(os.tmpdir(), "authdeck-migrations-"));
  for (const { name } of await readMigrations(migrationsDir)) {
    if (name.endsWith(SPLIT)) break;
    await cp(path.join(migrationsDir, name), path.join(before, name), { recursive: true });
  }
});

afterAll(async () => {
  await rm(before, { recursive: true, force: true });
  await database.drop();
});

describe(`the ${SPLIT} migration`, () => {
  it("keeps a finished run's HTTP attempts and moves an unfinished run's count to deliveries", async () => {
    await migrate({ databaseUrl: database.url, migrationsDir: before });
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const [team, app, profile, finished, running] = [1, 2, 3, 4, 5].map(() => randomUUID());
      await client.query(`INSERT INTO team (id, name, updated_at) VALUES ($1, 'T', now())`, [team]);
      await client.query(
        `INSERT INTO app (id, team_id, name, updated_at) VALUES ($1, $2, 'A', now())`,
        [app, team],
      );
      await client.query(
        `INSERT INTO authorization_profile
           (id, team_id, app_id, name, identity_provider_name, token_request_url, updated_at)
         VALUES ($1, $2, $3, 'P', 'IdP', 'https://idp.example.com/token', now())`,
        [profile, team, app],
      );
      // Before the split: HTTP attempts once a run is over, deliveries while it runs.
      await client.query(
        `INSERT INTO test_run (id, team_id, profile_id, status, attempts) VALUES
           ($1, $3, $4, 'failed', 3), ($2, $3, $4, 'running', 2)`,
        [finished, running, team, profile],
      );

      await migrate({ databaseUrl: database.url, migrationsDir });

      const { rows } = await client.query(
        `SELECT id, http_attempts, deliveries FROM test_run ORDER BY http_attempts DESC`,
      );
      expect(rows).toEqual([
        { id: finished, http_attempts: 3, deliveries: 0 },
        { id: running, http_attempts: 0, deliveries: 2 },
      ]);
    } finally {
      await client.end();
    }
  });
});
