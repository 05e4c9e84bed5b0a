import { EnvError } from "../config/load-env.ts";
import { rotateSealedSecrets } from "../crypto/rotate.ts";
import { createSealer } from "../crypto/sealer.ts";
import { createDb } from "../db/client.ts";
import { rotationEnv } from "./env.ts";

/**
 * `pnpm secrets:rotate`: put the new key first in AUTHDECK_SEALING_KEYS (keep the old ones after
 * it), restart or not, then run this. It can run while Authdeck runs.
 */
try {
  const env = rotationEnv();
  const keyRing = env.AUTHDECK_SEALING_KEYS;
  const db = createDb({ databaseUrl: env.DATABASE_URL, poolSize: 2 });
  const { counts, unreadable } = await rotateSealedSecrets({ db, sealer: createSealer(keyRing) });
  await db.$disconnect();
  for (const [column, count] of Object.entries(counts)) {
    console.log(`secrets:rotate ${column}: ${count} re-sealed`);
  }
  if (unreadable.length > 0) {
    for (const row of unreadable) {
      console.error(`secrets:rotate cannot open ${row.table}.${row.column} of row ${row.id}`);
    }
    console.error(
      "secrets:rotate these stay under their old key: enter them again, then rotate again",
    );
    process.exit(1);
  }
  const old = keyRing.all.slice(1).map((k) => k.id);
  console.log(
    `secrets:rotate every secret is sealed under "${keyRing.active.id}"` +
      (old.length
        ? `; you can now remove ${old.map((id) => `"${id}"`).join(", ")} from AUTHDECK_SEALING_KEYS`
        : ""),
  );
} catch (error) {
  console.error(
    error instanceof EnvError
      ? error.message
      : `secrets:rotate failed: ${(error as Error).message}`,
  );
  process.exit(1);
}
