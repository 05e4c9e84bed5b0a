import { type ChildProcess, execFile, spawn } from "node:child_process";
import { chmod, chown, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Redis } from "ioredis";

/**
 * Redis and PostgreSQL servers of a test's own, on free loopback ports, for tests that stop or
 * restart them: the machine's shared services are never touched.
 */

const run = promisify(execFile);

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} not ready within ${timeoutMs} ms`);
}

export type PrivateRedis = {
  url: string;
  /** Kills the server with SIGKILL, as a crash or a pulled plug would. */
  kill: () => Promise<void>;
  /** Starts it again on the same port and data directory. */
  start: () => Promise<void>;
  close: () => Promise<void>;
};

/**
 * A redis-server that writes every change to its append-only file before answering, so a
 * kill loses nothing it acknowledged, as a production Redis with `appendfsync always` would;
 * with `persistent: false` it keeps nothing on disk, as `npm start` runs Redis, and comes back
 * empty.
 */
export async function startPrivateRedis(
  options: { persistent?: boolean } = {},
): Promise<PrivateRedis> {
  const persistence =
    options.persistent === false
      ? ["--appendonly", "no"]
      : ["--appendonly", "yes", "--appendfsync", "always"];
  const dir = await mkdtemp(path.join(tmpdir(), "authdeck-redis-"));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(
      "redis-server",
      [
        ...["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", ""],
        ...persistence,
        ...["--maxmemory-policy", "noeviction"],
      ],
      { stdio: "ignore" },
    );
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    probe.on("error", () => {});
    try {
      await until(async () => (await probe.ping()) === "PONG", `redis on ${port}`);
    } finally {
      probe.disconnect();
    }
  };
  const kill = async () => {
    const current = child;
    if (!current || current.exitCode !== null) return;
    const exited = new Promise((resolve) => current.once("exit", resolve));
    current.kill("SIGKILL");
    await exited;
  };
  await start();
  return {
    url,
    kill,
    start,
    close: async () => {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type PrivatePostgres = {
  /** postgresql://postgres@127.0.0.1:<port>/postgres (trust authentication). */
  url: string;
  /**
   * Stops the server in fast mode (every connection cut), keeps it down `downMs`, starts it
   * again; resolves once it accepts connections.
   */
  restart: (downMs?: number) => Promise<void>;
  close: () => Promise<void>;
};

const PG_BIN = "/usr/lib/postgresql/15/bin";
const asPostgres = (command: string, args: string[]) =>
  run("runuser", ["-u", "postgres", "--", path.join(PG_BIN, command), ...args]);

/** A throw-away PostgreSQL 15 cluster (initdb in a temp dir, run as the postgres user). */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = await mkdtemp(path.join(tmpdir(), "authdeck-pg-"));
  await chmod(dir, 0o700);
  const { stdout } = await run("id", ["-u", "postgres"]);
  const { stdout: group } = await run("id", ["-g", "postgres"]);
  await chown(dir, Number(stdout.trim()), Number(group.trim()));
  const port = await freePort();
  const data = path.join(dir, "data");
  await asPostgres("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const log = path.join(dir, "server.log");
  const ctl = (...args: string[]) => asPostgres("pg_ctl", ["-D", data, "-w", ...args]);
  await ctl("-o", options, "-l", log, "start");
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    restart: async (downMs = 0) => {
      await ctl("-m", "fast", "stop");
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await ctl("-o", options, "-l", log, "start");
    },
    close: async () => {
      await ctl("-m", "immediate", "stop").catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
