import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import path from "node:path";
import { PROXY_NODE_FLAGS } from "@authdeck/proxy/node-flags";
import {
  createTestDatabase,
  DEFAULT_DATABASE_URL,
  type TestDatabase,
} from "@authdeck/test-support";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** What this run owns: its database, queue prefix and keys, shared by every process it starts. */
export type BenchEnv = {
  id: string;
  database: TestDatabase;
  queuePrefix: string;
  sealingKeys: string;
  baseUrl: string;
  logDir: string;
  env: NodeJS.ProcessEnv;
};

export async function createBenchEnv(port: number, logDir: string): Promise<BenchEnv> {
  const id = `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const database = await createTestDatabase({
    baseUrl: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    label: "bench",
    name: `authdeck_bench_${id}`,
  });
  const queuePrefix = `authdeck-bench-${id}`;
  const sealingKeys = `bench:${randomBytes(32).toString("base64")}`;
  const baseUrl = `http://localhost:${port}`;
  return {
    id,
    database,
    queuePrefix,
    sealingKeys,
    baseUrl,
    logDir,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      AUTHDECK_QUEUE_PREFIX: queuePrefix,
      AUTHDECK_SEALING_KEYS: sealingKeys,
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
      AUTHDECK_BASE_URL: baseUrl,
      PORT: String(port),
      // The bench signs up once and presses Test hundreds of times from one address.
      AUTH_RATE_LIMIT_PER_MINUTE: "1000",
      TEST_RATE_LIMIT_PER_USER: "10000",
      TEST_RATE_LIMIT_PER_TEAM: "100000",
      // The proxy measurement sends tens of thousands of calls a minute with one API key, and
      // thousands to the token API.
      API_PROXY_RATE_LIMIT_PER_KEY: "10000000",
      TOKEN_API_RATE_LIMIT_PER_KEY: "1000000",
      // Token requests go to the bench's token servers on loopback, API calls to its API.
      AUTHDECK_EGRESS_ALLOW: "127.0.0.0/8,::1/128,localhost",
      // The refresh measurement times the pipeline, not a deployment's limits on it: its
      // profiles are one team's (up to 100,000) and BENCH_QUICK's tokens live 30 s.
      REFRESH_BUDGET_PER_TEAM_PER_MINUTE: "10000000",
      REFRESH_MIN_INTERVAL_SECONDS: "1",
    },
  };
}

export type Running = { name: string; child: ChildProcess; stop: () => Promise<void> };

/**
 * Starts a product process with the run's environment, its output in the log directory. Each
 * is `node` itself (no wrapper), so that its pid is the process doing the work.
 */
export function startProcess(
  bench: BenchEnv,
  name: string,
  command: { cwd: string; args: string[]; env?: NodeJS.ProcessEnv },
): Running {
  const log = createWriteStream(path.join(bench.logDir, `${name}.log`));
  const child = spawn(process.execPath, command.args, {
    cwd: path.join(ROOT, command.cwd),
    env: { ...bench.env, ...command.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    name,
    child,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** BENCH_CPU_PROF_DIR: a V8 CPU profile of each web, worker and proxy process, written there when it stops. */
const cpuProfileFlags = () =>
  process.env.BENCH_CPU_PROF_DIR
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`]
    : [];

/** A web process on `port` (the run's by default); several may share one run's environment. */
export function startWeb(bench: BenchEnv, port = Number(bench.env.PORT), name = "web"): Running {
  return startProcess(bench, name, {
    cwd: "apps/web",
    args: [...cpuProfileFlags(), "dist/main.js", "--port", String(port)],
  });
}

/** The proxy process (apps/proxy) as `pnpm build` bundled it, on `port`; resolves once it listens. */
export async function startProxy(bench: BenchEnv, port: number): Promise<Running> {
  const running = startProcess(bench, "proxy", {
    cwd: "apps/proxy",
    args: [...PROXY_NODE_FLAGS, ...cpuProfileFlags(), "dist/main.js"],
    env: { PROXY_PORT: String(port) },
  });
  await waitForLine(running, "proxy", '"msg":"proxy started"');
  return running;
}

function waitForLine(running: Running, name: string, line: string) {
  return new Promise<void>((resolve, reject) => {
    let seen = "";
    const onData = (chunk: Buffer) => {
      seen += chunk.toString("utf8");
      if (seen.includes(line)) {
        running.child.stdout?.off("data", onData);
        resolve();
      }
    };
    running.child.stdout?.on("data", onData);
    running.child.once("exit", (code) =>
      reject(new Error(`${name} exited (${code}) before starting`)),
    );
  });
}

export async function startWorker(
  bench: BenchEnv,
  name: string,
  env: NodeJS.ProcessEnv = {},
): Promise<Running> {
  const running = startProcess(bench, name, {
    cwd: "apps/worker",
    // What ships (`pnpm build`'s bundle, as run-product.sh runs it), not the sources through tsx.
    args: [...cpuProfileFlags(), "dist/main.js"],
    env,
  });
  await waitForLine(running, name, '"msg":"worker started"');
  return running;
}

/** Waits until the web app answers its status page. */
export async function untilUp(url: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
