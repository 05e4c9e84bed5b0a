import { startPgBouncer } from "./pgbouncer.ts";
import { DEFAULT_DATABASE_URL } from "./test-database.ts";

/**
 * Vitest global setup of the integration projects. With AUTHDECK_TEST_POSTGRES=pgbouncer it
 * starts one PgBouncer (transaction pooling) in front of DATABASE_URL's server for the whole run:
 * test databases are still created and migrated directly, and the product code opens them
 * through the pooler (`pooledUrl`). Test files inherit the two variables it sets.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const mode = process.env.AUTHDECK_TEST_POSTGRES || "direct";
  if (mode === "direct") return undefined;
  if (mode !== "pgbouncer") {
    throw new Error(`AUTHDECK_TEST_POSTGRES must be "direct" or "pgbouncer", not "${mode}"`);
  }
  const bouncer = await startPgBouncer({
    upstream: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  });
  process.env.AUTHDECK_TEST_PGBOUNCER_URL = bouncer.url;
  process.env.AUTHDECK_TEST_PGBOUNCER_UPSTREAM = bouncer.upstream;
  return bouncer.close;
}
