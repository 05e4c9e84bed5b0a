import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createTestDatabase, type TestDatabase, testServers } from "@authdeck/test-support";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { MigrationError, migrate, readMigrations } from "../../src/db/migrate.ts";
import { migrationsDir, repoRoot, schemaPath } from "../../src/db/paths.ts";
import { diffSchemas } from "../../src/db/schema-diff.ts";

const run = promisify(execFile);
const databases: TestDatabase[] = [];
const fresh = async (label: string) => {
  const database = await createTestDatabase({
    baseUrl: testServers.databaseUrl,
    label,
    migrated: false,
  });
  databases.push(database);
  return database;
};

afterEach(async () => {
  await Promise.all(databases.splice(0).map((database) => database.drop()));
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

// The schema as pg_dump sees it, minus the migration bookkeeping and dump-time noise.
async function schemaDump(url: string): Promise<string> {
  const { stdout } = await run("pg_dump", [
    "--schema-only",
    "--no-owner",
    "--no-privileges",
    "--exclude-table=_prisma_migrations",
    url,
  ]);
  return stdout
    .split("\n")
    .filter((line) => !line.startsWith("--") && !/^\\(un)?restrict /.test(line))
    .join("\n")
    .replace(/\n{2,}/g, "\n");
}

describe("migrations", () => {
  it("describe the same database as schema.prisma", async () => {
    const migrated = await fresh("migrated");
    const fromSchema = await fresh("fromschema");
    await migrate({ databaseUrl: migrated.directUrl, migrationsDir });
    const sql = await diffSchemas({ from: null, to: schemaPath, databaseUrl: fromSchema.url });
    await query(fromSchema.url, sql);
    // What the schema language cannot say (extensions, expression indexes) is kept beside it.
    await query(
      fromSchema.url,
      await readFile(path.join(repoRoot, "prisma/schema-extras.sql"), "utf8"),
    );

    const [a, b] = await Promise.all([schemaDump(migrated.url), schemaDump(fromSchema.url)]);
    expect(a).toContain("CREATE TABLE public.authorization_profile");
    expect(a).toBe(b);
  });

  it("apply once, record themselves as Prisma does, and then have nothing left to do", async () => {
    const database = await fresh("once");
    const files = await readMigrations(migrationsDir);
    const first = await migrate({ databaseUrl: database.directUrl, migrationsDir });
    expect(first.applied).toEqual(files.map((file) => file.name));

    const second = await migrate({ databaseUrl: database.directUrl, migrationsDir });
    expect(second.applied).toEqual([]);

    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
    }>(
      database.url,
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((row) => [row.migration_name, row.checksum])).toEqual(
      files.map((file) => [file.name, file.checksum]),
    );
    expect(rows.every((row) => row.finished_at instanceof Date)).toBe(true);
  });

  it("refuse to run when an applied migration was edited", async () => {
    const database = await fresh("edited");
    const copy = await mkdtemp(path.join(os.tmpdir(), "authdeck-migrations-"));
    try {
      await cp(migrationsDir, copy, { recursive: true });
      await migrate({ databaseUrl: database.directUrl, migrationsDir: copy });
      const [firstMigration] = await readMigrations(copy);
      await writeFile(
        path.join(copy, firstMigration!.name, "migration.sql"),
        `${firstMigration!.sql}\n-- edited\n`,
      );
      await expect(
        migrate({ databaseUrl: database.directUrl, migrationsDir: copy }),
      ).rejects.toThrow(/was edited after it was applied/);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it("roll back a migration that fails and leave nothing half applied", async () => {
    const database = await fresh("broken");
    const copy = await mkdtemp(path.join(os.tmpdir(), "authdeck-migrations-"));
    try {
      await cp(migrationsDir, copy, { recursive: true });
      await cp(
        path.join(copy, (await readMigrations(copy))[0]!.name),
        path.join(copy, "99990101000000_broken"),
        {
          recursive: true,
        },
      );
      await writeFile(
        path.join(copy, "99990101000000_broken", "migration.sql"),
        'CREATE TABLE "half_done" (id int);\nSELECT * FROM "no_such_table";\n',
      );
      const attempt = migrate({ databaseUrl: database.directUrl, migrationsDir: copy });
      await expect(attempt).rejects.toBeInstanceOf(MigrationError);
      await expect(attempt).rejects.toThrow(/99990101000000_broken failed and was rolled back/);
      const tables = await query<{ tablename: string }>(
        database.url,
        `SELECT tablename FROM pg_tables WHERE tablename = 'half_done'`,
      );
      expect(tables).toEqual([]);
      const recorded = await query<{ migration_name: string }>(
        database.url,
        `SELECT migration_name FROM "_prisma_migrations" WHERE migration_name LIKE '%broken'`,
      );
      expect(recorded).toEqual([]);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});
