import type { Db } from "../db/client.ts";
import { SealError, type Sealer } from "./sealer.ts";

/** Every column that holds sealed values; a new one must be listed here to be rotated. */
export const SEALED_COLUMNS = [
  { table: "authorization_profile", column: "client_secret_sealed" },
  { table: "authorization_profile", column: "private_key_sealed" },
  { table: "authorization_profile", column: "next_private_key_sealed" },
  { table: "authorization_profile", column: "previous_private_key_sealed" },
  { table: "authorization_profile", column: "client_certificate_key_sealed" },
  { table: "authorization_profile", column: "dpop_private_key_sealed" },
  { table: "authorization_field", column: "value_sealed" },
  { table: "token_state", column: "access_token_sealed" },
  { table: "token_state", column: "refresh_token_sealed" },
  { table: "notification_channel", column: "url_sealed" },
  { table: "notification_channel", column: "signing_secret_sealed" },
] as const;

const BATCH = 200;

/**
 * Re-seals every value not sealed under the active key. Safe while the app runs: each row is
 * updated only if it still holds the value that was read, so a concurrent save wins and is
 * itself sealed under the active key.
 */
export async function rotateSealedSecrets(deps: { db: Db; sealer: Sealer }) {
  const counts: Record<string, number> = {};
  // Values that no key in the ring opens (damaged, or sealed under a key that was dropped) are
  // listed and left alone rather than stopping the rotation of everything else.
  const unreadable: Array<{ table: string; column: string; id: string }> = [];
  for (const { table, column } of SEALED_COLUMNS) {
    const name = `${table}.${column}`;
    counts[name] = 0;
    const prefix = `v1.${deps.sealer.activeKeyId}.`;
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const rows = await deps.db.$queryRawUnsafe<Array<{ id: string; value: string }>>(
        `SELECT id::text AS id, "${column}" AS value FROM "${table}"
         WHERE "${column}" IS NOT NULL AND left("${column}", $1) <> $2 AND id > $3::uuid
         ORDER BY id LIMIT ${BATCH}`,
        prefix.length,
        prefix,
        after,
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const context = { table, rowId: row.id, column };
        let plaintext: string;
        try {
          plaintext = deps.sealer.open(row.value, context);
        } catch (error) {
          if (!(error instanceof SealError)) throw error;
          unreadable.push({ table, column, id: row.id });
          continue;
        }
        const resealed = deps.sealer.seal(plaintext, context);
        counts[name] += await deps.db.$executeRawUnsafe(
          `UPDATE "${table}" SET "${column}" = $1 WHERE id = $2::uuid AND "${column}" = $3`,
          resealed,
          row.id,
          row.value,
        );
      }
      after = rows.at(-1)?.id ?? after;
    }
  }
  return { counts, unreadable };
}
