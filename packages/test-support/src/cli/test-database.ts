import { loadEnv, sharedEnvSchema } from "@authdeck/core/config";
import pg from "pg";
import { z } from "zod";
import { createTestDatabase, withDatabase } from "../index.ts";

/**
 * For test runs in other processes (the end-to-end server): `create <name>` makes and migrates a
 * database and prints its URL; `drop <name>` removes it.
 */
const [command, name] = process.argv.slice(2);
const baseUrl = loadEnv(
  z.object({ DATABASE_URL: sharedEnvSchema.shape.DATABASE_URL }),
  process.env,
).DATABASE_URL;
if (!name || !/^authdeck_[a-z0-9_]+$/.test(name) || (command !== "create" && command !== "drop")) {
  console.error("usage: test-database.ts create|drop authdeck_<name>");
  process.exit(1);
}
if (command === "create") {
  const database = await createTestDatabase({ baseUrl, label: "e2e", name });
  process.stdout.write(database.url);
} else {
  const client = new pg.Client({ connectionString: withDatabase(baseUrl, "postgres") });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
}
