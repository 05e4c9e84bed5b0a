import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { freePort } from "./private-services.ts";

/**
 * A Redis Sentinel set of a test's own on loopback: a master, two replicas and three sentinels
 * (quorum 2), each a redis-server of Debian's package (`--sentinel` makes one a sentinel, so the
 * redis-sentinel package is not needed). Failover is tuned to take seconds, not the default
 * minute.
 */

export type PrivateSentinel = {
  /** Where the sentinels listen, as REDIS_SENTINELS takes them. */
  sentinels: { host: string; port: number }[];
  /** "host:port,host:port,host:port", the value of REDIS_SENTINELS. */
  sentinelList: string;
  masterName: string;
  /** The port of the master the sentinels name now. */
  master: () => Promise<number>;
  /** SIGKILLs the current master, as a crash would; resolves with its port once it is dead. */
  killMaster: () => Promise<number>;
  /** Resolves once the sentinels name a master other than `oldPort` (after killMaster). */
  untilFailedOver: (oldPort: number, timeoutMs?: number) => Promise<number>;
  close: () => Promise<void>;
};

/** A sentinel declares the master down after this long without an answer. */
const DOWN_AFTER_MS = 1_000;
const FAILOVER_TIMEOUT_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(check: () => Promise<T | null>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check().catch(() => null);
    if (value !== null) return value;
    await sleep(50);
  }
  throw new Error(`${what} not within ${timeoutMs} ms`);
}

/** One question to a server, on a connection that does not retry or outlive it. */
async function ask<T>(port: number, question: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis({ host: "127.0.0.1", port, lazyConnect: true, maxRetriesPerRequest: 0 });
  redis.on("error", () => {});
  try {
    await redis.connect();
    return await question(redis);
  } finally {
    redis.disconnect();
  }
}

export async function startPrivateSentinel(masterName = "authdeck"): Promise<PrivateSentinel> {
  const dir = await mkdtemp(path.join(tmpdir(), "authdeck-sentinel-"));
  const children = new Map<number, ChildProcess>();
  const launch = (port: number, args: string[]) => {
    const child = spawn("redis-server", args, { stdio: "ignore" });
    children.set(port, child);
  };

  // Data nodes: every acknowledged write is on disk (as startPrivateRedis), and none may evict.
  const dataNode = async (replicaOf: number | null) => {
    const port = await freePort();
    const data = path.join(dir, `node-${port}`);
    await mkdir(data);
    launch(port, [
      ...["--port", String(port), "--bind", "127.0.0.1", "--dir", data, "--save", ""],
      ...["--appendonly", "yes", "--appendfsync", "always"],
      ...["--maxmemory-policy", "noeviction"],
      ...(replicaOf === null ? [] : ["--replicaof", "127.0.0.1", String(replicaOf)]),
    ]);
    await until(
      async () => ((await ask(port, (r) => r.ping())) === "PONG" ? true : null),
      `redis on ${port}`,
    );
    return port;
  };
  const masterPort = await dataNode(null);
  const replicaPorts = [await dataNode(masterPort), await dataNode(masterPort)];
  // The sentinels learn the replicas from the master, so they must be attached first.
  await until(
    async () =>
      (await ask(masterPort, (r) => r.info("replication"))).includes("connected_slaves:2")
        ? true
        : null,
    "both replicas attached",
  );

  const sentinelPorts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const port = await freePort();
    // A sentinel rewrites its configuration file as it learns, so each has a writable one.
    const conf = path.join(dir, `sentinel-${port}.conf`);
    await writeFile(
      conf,
      [
        `port ${port}`,
        "bind 127.0.0.1",
        `dir ${dir}`,
        `sentinel monitor ${masterName} 127.0.0.1 ${masterPort} 2`,
        `sentinel down-after-milliseconds ${masterName} ${DOWN_AFTER_MS}`,
        `sentinel failover-timeout ${masterName} ${FAILOVER_TIMEOUT_MS}`,
        `sentinel parallel-syncs ${masterName} 1`,
        "",
      ].join("\n"),
    );
    launch(port, [conf, "--sentinel"]);
    sentinelPorts.push(port);
  }
  const masterOf = (sentinelPort: number) =>
    ask(sentinelPort, async (r) => {
      const reply = (await r.call("SENTINEL", "get-master-addr-by-name", masterName)) as
        | string[]
        | null;
      return reply ? Number(reply[1]) : null;
    });
  // Ready once every sentinel knows the master, both replicas and the other sentinels.
  for (const port of sentinelPorts) {
    await until(async () => {
      const fields = (await ask(port, (r) => r.call("SENTINEL", "master", masterName))) as string[];
      const field = (name: string) => Number(fields[fields.indexOf(name) + 1]);
      return field("num-slaves") === 2 && field("num-other-sentinels") === 2 ? true : null;
    }, `sentinel on ${port} knowing the set`);
  }

  const master = async () => {
    for (const port of sentinelPorts) {
      const found = await masterOf(port).catch(() => null);
      if (found) return found;
    }
    throw new Error("no sentinel names a master");
  };
  const stop = async (port: number) => {
    const child = children.get(port);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  };

  return {
    sentinels: sentinelPorts.map((port) => ({ host: "127.0.0.1", port })),
    sentinelList: sentinelPorts.map((port) => `127.0.0.1:${port}`).join(","),
    masterName,
    master,
    killMaster: async () => {
      const port = await master();
      await stop(port);
      return port;
    },
    untilFailedOver: (oldPort, timeoutMs = 30_000) =>
      until(
        async () => {
          const port = await master();
          if (port === oldPort || !replicaPorts.concat(masterPort).includes(port)) return null;
          // Promoted and answering as a master, not merely named.
          const role = await ask(port, (r) => r.call("ROLE") as Promise<unknown[]>);
          return role[0] === "master" ? port : null;
        },
        "a new master",
        timeoutMs,
      ),
    close: async () => {
      for (const port of children.keys()) await stop(port);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
