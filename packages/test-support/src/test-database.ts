import { randomBytes } from "node:crypto";
import { migrate, migrationsDir } from "@authdeck/core/db/migrate";
import pg from "pg";
import { pooledUrl } from "./pgbouncer.ts";

export const DEFAULT_DATABASE_URL = "postgresql://authdeck:authdeck@127.0.0.1:5432/authdeck";

export type TestDatabase = {
  /** What the product code opens: through PgBouncer when the tests run behind one. */
  url: string;
  /** The server itself, for migrations and anything that needs a session of its own. */
  directUrl: string;
  name: string;
  drop: () => Promise<void>;
};

/**
 * A uniquely named database on the server of `baseUrl`, so parallel runs never share rows. It is
 * created and migrated directly: migrations hold a session-level lock (see migrate.ts).
 */
export async function createTestDatabase(options: {
  baseUrl: string;
  label: string;
  migrated?: boolean;
  /** A fixed name, for a database another process must find; otherwise a unique one. */
  name?: string;
}): Promise<TestDatabase> {
  const name =
    options.name ??
    `authdeck_${options.label}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const directUrl = withDatabase(options.baseUrl, name);
  await onServer(options.baseUrl, `CREATE DATABASE "${name}"`);
  if (options.migrated !== false) await migrate({ databaseUrl: directUrl, migrationsDir });
  return {
    url: pooledUrl(directUrl),
    directUrl,
    name,
    drop: () => onServer(options.baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer(baseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(baseUrl, "postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A BullMQ prefix of its own for each test run, so runs never see each other's jobs. */
export const uniqueQueuePrefix = (label: string) =>
  `authdeck-test-${label}-${randomBytes(4).toString("hex")}`;
