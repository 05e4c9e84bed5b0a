import { EnvError } from "../config/load-env.ts";
import { migrate } from "../db/migrate.ts";
import { migrationsDir } from "../db/paths.ts";
import { migrationDatabaseUrl } from "./env.ts";

try {
  const { applied } = await migrate({
    databaseUrl: migrationDatabaseUrl(),
    migrationsDir,
    log: (line) => console.log(`db:migrate ${line}`),
  });
  console.log(
    applied.length ? `db:migrate ${applied.length} applied` : "db:migrate database is up to date",
  );
} catch (error) {
  console.error(
    error instanceof EnvError ? error.message : `db:migrate failed: ${(error as Error).message}`,
  );
  process.exit(1);
}
