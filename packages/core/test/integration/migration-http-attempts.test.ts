import { randomUUID } from "node:crypto";
import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase, testServers } from "@authdeck/test-support";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "../../src/db/migrate.ts";
import { migrationsDir } from "../../src/db/paths.ts";

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
  it("keeps the HTTP attempts of a run that sent its request, and moves every other count to deliveries", async () => {
    await migrate({ databaseUrl: database.directUrl, migrationsDir: before });
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const [team, app, profile] = [randomUUID(), randomUUID(), randomUUID()];
      const [sent, running, unsent, refused] = [
        randomUUID(),
        randomUUID(),
        randomUUID(),
        randomUUID(),
      ];
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
      // Before the split the count held HTTP attempts once a request was sent and answered
      // for, and deliveries otherwise: while the run ran, or when it ended before sending.
      const request = JSON.stringify({ method: "POST", url: "https://idp.example.com/token" });
      await client.query(
        `INSERT INTO test_run (id, team_id, profile_id, status, attempts, request, error_class)
         VALUES ($1, $5, $6, 'failed', 3, $7, 'server_error'),
                ($2, $5, $6, 'running', 2, NULL, NULL),
                ($3, $5, $6, 'failed', 1, NULL, 'invalid_url'),
                ($4, $5, $6, 'failed', 2, $7, 'secret_origin_mismatch')`,
        [sent, running, unsent, refused, team, profile, request],
      );

      await migrate({ databaseUrl: database.directUrl, migrationsDir });

      const { rows } = await client.query(`SELECT id, http_attempts, deliveries FROM test_run`);
      const counts = Object.fromEntries(
        rows.map((r) => [r.id, { httpAttempts: r.http_attempts, deliveries: r.deliveries }]),
      );
      expect(counts).toEqual({
        [sent]: { httpAttempts: 3, deliveries: 0 },
        [running]: { httpAttempts: 0, deliveries: 2 },
        [unsent]: { httpAttempts: 0, deliveries: 1 },
        [refused]: { httpAttempts: 0, deliveries: 2 },
      });
    } finally {
      await client.end();
    }
  });
});
