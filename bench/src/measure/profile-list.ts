import { SEALED_COLUMNS } from "@authdeck/core/crypto";
import { createDb, type Db } from "@authdeck/core/db";
import { listProfiles } from "@authdeck/core/profiles";
import pg from "pg";
import { summarize } from "../stats.ts";

const SEARCHES = ["", "okta", "billing api 0", "zitadel", "42"];
const SORTS = ["name", "identityProviderName", "updatedAt", "type"] as const;
const PAGES = [1, 2, 3, 5];

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
  const client = new pg.Client({ connectionString: options.ownerUrl });
  await client.connect();
  try {
    const database = new URL(options.ownerUrl).pathname.slice(1);
    await client.query(`GRANT CONNECT ON DATABASE "${database}" TO "${role}"`);
    await client.query(`GRANT USAGE ON SCHEMA public TO "${role}"`);
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
      await client.query(`GRANT SELECT ${list} ON "${table}" TO "${role}"`);
    }
  } finally {
    await client.end();
  }
  const url = new URL(options.ownerUrl);
  url.username = role;
  url.password = "";
  return url.toString();
}

/** Drops the role; its grants went with the bench's database, which must be dropped first. */
export async function dropSecretBlindRole(options: { superUrl: string; role: string }) {
  await onDatabase(options.superUrl, (c) => c.query(`DROP ROLE IF EXISTS "${options.role}"`));
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

/** The control: the same role reading a sealed column must be refused, or the proof proves nothing. */
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

/**
 * `clients` concurrent callers of the list use-case, each sending `requests` pages of 50 with
 * a mix of searches, sorts and pages, through one client pool of the web app's size, connected as
 * the secret-blind role. Returns the time of each call as the web server would spend it.
 */
export async function measureList(options: {
  blindUrl: string;
  teamId: string;
  appId: string;
  clients: number;
  requests: number;
}) {
  const db: Db = createDb({ databaseUrl: options.blindUrl });
  const member = { userId: "bench", teamId: options.teamId, role: "viewer" as const };
  const call = (client: number, k: number) =>
    listProfiles({ db, now: () => new Date() }, member, {
      appId: options.appId,
      search: SEARCHES[(client + k) % SEARCHES.length]!,
      sort: SORTS[(client + 2 * k) % SORTS.length]!,
      direction: k % 2 === 0 ? "asc" : "desc",
      page: PAGES[(client * 3 + k) % PAGES.length]!,
      pageSize: 50,
    });
  try {
    for (let k = 0; k < 20; k++) await call(0, k);
    const samples: number[] = [];
    let rows = 0;
    const cpuBefore = process.cpuUsage();
    await Promise.all(
      Array.from({ length: options.clients }, async (_, client) => {
        for (let k = 0; k < options.requests; k++) {
          const started = performance.now();
          const page = await call(client, k);
          samples.push(performance.now() - started);
          rows += page.profiles.length;
        }
      }),
    );
    const cpu = process.cpuUsage(cpuBefore);
    // The JavaScript side of a call (Prisma and the use-case) runs on this one thread, as in the
    // web app: its CPU per call bounds how many calls a process answers at once.
    const cpuMsPerCall = (cpu.user + cpu.system) / 1000 / samples.length;
    return { ...summarize(samples), rows, cpuMsPerCall };
  } finally {
    await db.$disconnect();
  }
}
