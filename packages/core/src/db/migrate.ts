import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

export type Migration = { name: string; sql: string; checksum: string };

// The same table `prisma migrate deploy` keeps, so it can take over where its engine is available.
const BOOKKEEPING_DDL = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any constant works; it only keeps two migrating processes from interleaving.
const MIGRATION_LOCK = 72_616_401;

export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql).digest("hex");
}

/** Migration folders in Prisma's layout, oldest first (their names start with a timestamp). */
export async function readMigrations(migrationsDir: string): Promise<Migration[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: checksumOf(sql) };
    }),
  );
}

type AppliedRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
};

export class MigrationError extends Error {
  override name = "MigrationError";
}

/**
 * Applies pending migrations, each in its own transaction, and records them as Prisma does.
 * Refuses to go on when an applied migration was edited or an earlier run left one half done.
 */
export async function migrate(options: {
  databaseUrl: string;
  migrationsDir: string;
  log?: (line: string) => void;
}): Promise<{ applied: string[] }> {
  const log = options.log ?? (() => {});
  const migrations = await readMigrations(options.migrationsDir);
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(BOOKKEEPING_DDL);
    const { rows } = await client.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
    );
    const live = rows.filter((row) => row.rolled_back_at === null);
    const unfinished = live.find((row) => row.finished_at === null);
    if (unfinished) {
      throw new MigrationError(
        `migration ${unfinished.migration_name} started but never finished; repair the database, then mark it rolled back`,
      );
    }
    const appliedByName = new Map(live.map((row) => [row.migration_name, row]));
    for (const migration of migrations) {
      const applied = appliedByName.get(migration.name);
      if (applied && applied.checksum !== migration.checksum) {
        throw new MigrationError(
          `migration ${migration.name} was edited after it was applied; add a new migration instead`,
        );
      }
    }
    const pending = migrations.filter((migration) => !appliedByName.has(migration.name));
    for (const migration of pending) {
      await applyOne(client, migration);
      log(`applied ${migration.name}`);
    }
    return { applied: pending.map((migration) => migration.name) };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}

async function applyOne(client: pg.Client, migration: Migration): Promise<void> {
  await client.query("BEGIN");
  try {
    const id = randomUUID();
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`migration ${migration.name} failed and was rolled back: ${reason}`);
  }
}

export { migrationsDir } from "./paths.ts";
