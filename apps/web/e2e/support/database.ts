import { createDb } from "@authdeck/core/db";
import { DEFAULT_DATABASE_URL, withDatabase } from "@authdeck/test-support";

/**
 * Writes straight to the database of the shared end-to-end server (scripts/e2e-server.sh names
 * it after the run), for rows the dashboard itself would not write today.
 */
export async function writeToServerDatabase(
  write: (db: ReturnType<typeof createDb>) => Promise<unknown>,
) {
  const db = createDb({
    databaseUrl: withDatabase(
      process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
      `authdeck_e2e_${process.env.AUTHDECK_E2E_RUN}`,
    ),
    poolSize: 1,
  });
  try {
    await write(db);
  } finally {
    await db.$disconnect();
  }
}
