import { type ChildProcess, execFile, spawn } from "node:child_process";
import { chown, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./private-services.ts";

/**
 * A PgBouncer of the tests' own in transaction pooling mode, on a free loopback port, in front
 * of an existing PostgreSQL: every database of that server is reachable through it under the
 * same name, user and password, so a test database made (and migrated) directly is opened
 * through the pooler by swapping host and port (`pooledUrl`).
 */

const run = promisify(execFile);
const PGBOUNCER = "/usr/sbin/pgbouncer";

export type PgBouncer = {
  /** The upstream URL with the pooler's host and port. */
  url: string;
  /** The upstream's host:port, which `pooledUrl` recognises. */
  upstream: string;
  close: () => Promise<void>;
};

const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
const hostPort = (url: URL) => `${url.hostname}:${url.port || "5432"}`;

export async function startPgBouncer(options: {
  upstream: string;
  /** Server connections per database and user; each test file has a database of its own. */
  poolSize?: number;
}): Promise<PgBouncer> {
  const upstream = new URL(options.upstream);
  const user = decodeURIComponent(upstream.username);
  const password = decodeURIComponent(upstream.password);
  const dir = await mkdtemp(path.join(tmpdir(), "authdeck-pgbouncer-"));
  const port = await freePort();
  const ini = path.join(dir, "pgbouncer.ini");
  const usersFile = path.join(dir, "users.txt");
  // PgBouncer trusts the tests' loopback clients (SCRAM per connection costs time the health
  // probe's 2 s budget cannot spare on a busy machine) and signs in upstream with the password
  // from this file, whatever the server asks (trust, md5, SCRAM).
  await writeFile(usersFile, `${quote(user)} ${quote(password)}\n`, { mode: 0o600 });
  await writeFile(
    ini,
    [
      "[databases]",
      `* = host=${upstream.hostname} port=${upstream.port || "5432"}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${usersFile}`,
      "pool_mode = transaction",
      `default_pool_size = ${options.poolSize ?? 20}`,
      "max_client_conn = 500",
      // A dropped test database's pool should not hold server connections for an hour.
      "server_idle_timeout = 10",
      "autodb_idle_timeout = 30",
      "logfile =",
      "pidfile =",
      "",
    ].join("\n"),
  );
  // PgBouncer refuses to run as root; as root it drops to the postgres user, who must read
  // its files.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number((await run("id", ["-u", "postgres"])).stdout.trim());
    const gid = Number((await run("id", ["-g", "postgres"])).stdout.trim());
    await Promise.all([dir, ini, usersFile].map((file) => chown(file, uid, gid)));
  }
  const child: ChildProcess = spawn(PGBOUNCER, [...(asRoot ? ["-u", "postgres"] : []), ini], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let output = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    output = `${output}${chunk.toString()}`.slice(-4000);
  });
  const url = new URL(options.upstream);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await untilAnswering(url.toString(), child, () => output);
  } catch (error) {
    await close();
    throw error;
  }
  return { url: url.toString(), upstream: hostPort(upstream), close };
}

async function untilAnswering(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 15_000;
  let last: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited: ${output()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return;
    } catch (error) {
      last = error;
    } finally {
      await client.end().catch(() => {});
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`pgbouncer not ready within 15 s: ${String(last)}\n${output()}`);
}

/**
 * `directUrl` with the pooler's host and port when the tests run through PgBouncer
 * (AUTHDECK_TEST_PGBOUNCER_URL, set by the integration projects' global setup) and the URL
 * points at the server behind it; otherwise `directUrl` unchanged.
 */
export function pooledUrl(directUrl: string): string {
  const bouncer = process.env.AUTHDECK_TEST_PGBOUNCER_URL;
  const upstream = process.env.AUTHDECK_TEST_PGBOUNCER_UPSTREAM;
  const direct = new URL(directUrl);
  if (!bouncer || hostPort(direct) !== upstream) return directUrl;
  const pooled = new URL(bouncer);
  direct.hostname = pooled.hostname;
  direct.port = pooled.port;
  return direct.toString();
}
