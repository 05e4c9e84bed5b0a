import { SEALED_COLUMNS } from "@authdeck/core/crypto";
import pg from "pg";

/**
 * A login role that may read every column except the sealed ones. Run as that role, any query
 * that reads a secret (`SELECT *` included) fails with "permission denied", so the list measured
 * through it provably opens no secret: it never even reads one. Creating a role takes a
 * PostgreSQL role with CREATEROLE (`superUrl`); the grants are made by the database's owner.
 */
export async function createSecretBlindRole(options: {
  superUrl: string;
  ownerUrl: string;
  role: string;
}) {
  const { role } = options;
  await onDatabase(options.superUrl, (c) => c.query(`CREATE ROLE "${role}" LOGIN`));
  await onDatabase(options.ownerUrl, (c) => grantAllButSealed(c, `"${role}"`));
  const url = new URL(options.ownerUrl);
  url.username = role;
  url.password = "";
  return url.toString();
}

/**
 * The same blindness for the database's own user, where no role may be created: the owner gives
 * up reading the tables that hold sealed columns and takes back every other column of them. From
 * then on every query of the database that reads a secret fails; writes that return a sealed
 * column (an INSERT … RETURNING *) fail too, so seed the database first. For a test database of
 * the caller's own.
 */
export async function blindOwnerToSecrets(ownerUrl: string): Promise<void> {
  await onDatabase(ownerUrl, async (client) => {
    for (const table of new Set(SEALED_COLUMNS.map((c) => c.table)))
      await client.query(`REVOKE SELECT ON "${table}" FROM CURRENT_USER`);
    await grantAllButSealed(client, "CURRENT_USER");
  });
}

/** Drops the role; its grants went with the bench's database, which must be dropped first. */
export async function dropSecretBlindRole(options: { superUrl: string; role: string }) {
  await onDatabase(options.superUrl, (c) => c.query(`DROP ROLE IF EXISTS "${options.role}"`));
}

/** The control: reading a sealed column must be refused, or the proof proves nothing. */
export async function secretReadRefused(blindUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: blindUrl });
  await client.connect();
  try {
    await client.query("SELECT client_secret_sealed FROM authorization_profile LIMIT 1");
    return false;
  } catch (error) {
    return /permission denied/.test((error as Error).message);
  } finally {
    await client.end();
  }
}

/** SELECT on every column of the public schema but the sealed ones, to `grantee`. */
async function grantAllButSealed(client: pg.Client, grantee: string) {
  const sealedTables = new Set<string>(SEALED_COLUMNS.map((c) => c.table));
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const sealed = new Set(SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`));
  const readable = new Map<string, string[]>();
  for (const row of rows) {
    if (sealed.has(`${row.table_name}.${row.column_name}`)) continue;
    readable.set(row.table_name, [...(readable.get(row.table_name) ?? []), row.column_name]);
  }
  for (const [table, columns] of readable) {
    const list = sealedTables.has(table) ? `(${columns.map((c) => `"${c}"`).join(", ")})` : "";
    await client.query(`GRANT SELECT ${list} ON "${table}" TO ${grantee}`);
  }
}

async function onDatabase(url: string, work: (client: pg.Client) => Promise<unknown>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
