import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { RedisNode } from "@authdeck/core/config";
import { Redis } from "ioredis";
import { freePort } from "./private-services.ts";

const run = promisify(execFile);

export type PrivateCluster = {
  /** The masters, in the order their slot ranges were assigned. */
  nodes: RedisNode[];
  /** "host:port,..." as REDIS_CLUSTER_NODES takes it. */
  nodeList: string;
  /** Milliseconds from the first spawn to every node saying `cluster_state:ok`. */
  startupMs: number;
  close: () => Promise<void>;
};

/**
 * A Redis Cluster of three masters and no replicas on free loopback ports, each with its own
 * cluster config file in a temp dir and nothing persisted: the tests' Cluster, never the
 * machine's Redis. noeviction, as the worker requires of every master.
 */
export async function startPrivateCluster(masters = 3): Promise<PrivateCluster> {
  const began = Date.now();
  const dir = await mkdtemp(path.join(tmpdir(), "authdeck-cluster-"));
  const ports: number[] = [];
  for (let i = 0; i < masters; i++) ports.push(await freePort());
  const children: ChildProcess[] = ports.map((port) =>
    spawn(
      "redis-server",
      [
        ...["--port", String(port), "--bind", "127.0.0.1", "--dir", dir],
        ...["--cluster-enabled", "yes", "--cluster-config-file", `nodes-${port}.conf`],
        ...["--save", "", "--appendonly", "no", "--maxmemory-policy", "noeviction"],
      ],
      { stdio: "ignore" },
    ),
  );
  const nodes = ports.map((port) => ({ host: "127.0.0.1", port }));
  const close = async () => {
    await Promise.all(
      children.map((child) => {
        if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGKILL");
        return exited;
      }),
    );
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await until(() => Promise.all(ports.map((port) => answers(port, "PING", "PONG"))));
    await run("redis-cli", [
      "--cluster",
      "create",
      ...ports.map((port) => `127.0.0.1:${port}`),
      ...["--cluster-replicas", "0", "--cluster-yes"],
    ]);
    // `create` returns once the slots are assigned; the nodes agree a moment later.
    await until(() =>
      Promise.all(ports.map((port) => answers(port, "CLUSTER INFO", "cluster_state:ok"))),
    );
  } catch (error) {
    await close();
    throw error;
  }
  return {
    nodes,
    nodeList: nodes.map((node) => `${node.host}:${node.port}`).join(","),
    startupMs: Date.now() - began,
    close,
  };
}

/** Whether the server on `port` answers `command` with a reply containing `expected`. */
async function answers(port: number, command: string, expected: string): Promise<boolean> {
  const probe = new Redis({ port, host: "127.0.0.1", lazyConnect: true, maxRetriesPerRequest: 0 });
  probe.on("error", () => {});
  try {
    const [name, ...args] = command.split(" ");
    const reply = await probe.call(name as string, ...args);
    return String(reply).includes(expected);
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

async function until(check: () => Promise<boolean[]>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await check()).every(Boolean)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Redis Cluster not ready within ${timeoutMs} ms`);
}
