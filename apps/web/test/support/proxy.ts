import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PROXY_NODE_FLAGS } from "@authdeck/proxy/node-flags";
import { freePort, testRedisEnv } from "@authdeck/test-support";
import { afterAll } from "vitest";
import { baseUrl, startServer } from "./harness.ts";

export type ProxyCall = {
  authorization?: string;
  appId: string;
  profileId: string;
  method?: string;
  /** What follows /proxy: "/v1/items". */
  path: string;
  /** "?a=1" or "". */
  search?: string;
  headers?: Record<string, string>;
  body?: BodyInit;
  signal?: AbortSignal;
};

const appsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

// What the web and the worker of these tests may reach: the loopback servers of the tests.
const LOOPBACK = "127.0.0.0/8";

/**
 * The proxy's route handler, called in-process over the web's own dependencies, and a real
 * worker process on the same database and queue to refresh tokens when the proxy asks. The
 * web's environment allows loopback (the tests' API and token servers); `webEnv` adds to it.
 */
export async function useProxy(label: string, webEnv: Record<string, string> = {}) {
  const server = await startServer(label);
  const worker = spawnMain("worker");
  Object.assign(process.env, { AUTHDECK_EGRESS_ALLOW: LOOPBACK, ...webEnv });
  const route = await import(
    "~/app/api/v1/apps/[appId]/profiles/[profileId]/proxy/[...path]/route.ts"
  );
  const { serverDeps } = await import("~/server/deps.ts");
  const proxy = await startProxyProcessServer();
  afterAll(async () => {
    worker.child.kill("SIGTERM");
    await worker.exited;
    await proxy.close();
    const deps = serverDeps();
    deps.redis.disconnect();
    await deps.db.$disconnect();
    await server.close();
  });
  await untilPrinted(worker, '"msg":"worker started"', "the worker");

  /**
   * One call, to the proxy process's server (apps/proxy) over HTTP, or with
   * AUTHDECK_PROXY_ENTRY=route to the web's route handler in-process: the same core code
   * behind two entries, so each file can run against either.
   */
  const call = (c: ProxyCall): Promise<Response> => {
    const method = c.method ?? "GET";
    const origin = ENTRY === "route" ? baseUrl : proxy.url;
    const url = `${origin}/api/v1/apps/${c.appId}/profiles/${c.profileId}/proxy${c.path}${c.search ?? ""}`;
    const init = {
      method,
      headers: {
        ...(c.authorization === undefined ? {} : { authorization: c.authorization }),
        ...c.headers,
      },
      ...(c.body === undefined ? {} : { body: c.body, duplex: "half" }),
      ...(c.signal ? { signal: c.signal } : {}),
      // A redirect is the proxy's answer under test, not something to follow.
      redirect: "manual",
    } as RequestInit;
    if (ENTRY !== "route") return fetch(url, init);
    return route[method as "GET"](new Request(url, init));
  };
  return { server, call, worker };
}

/** Which entry the calls go to: the proxy process (default) or the web's route. */
const ENTRY = process.env.AUTHDECK_PROXY_ENTRY === "route" ? "route" : "process";

/**
 * The proxy process's HTTP server (apps/proxy) in this process, on a loopback port, over its
 * own dependencies read from this environment: as `node dist/main.js` runs it, less the
 * process around it, so this process's memory is the proxy's.
 */
async function startProxyProcessServer() {
  const { readProxyEnv } = await import("@authdeck/proxy/env");
  const { createProxyDeps } = await import("@authdeck/proxy/deps");
  const { createProxyServer } = await import("@authdeck/proxy/server");
  const { createLogger } = await import("@authdeck/core/logging");
  const env = readProxyEnv();
  const running = createProxyDeps(env, createLogger({ name: "proxy", level: env.LOG_LEVEL }));
  const server = createProxyServer(running.deps);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as import("node:net").AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await running.close();
    },
  };
}

/**
 * The proxy as a process of its own (apps/proxy's src/main.ts with tsx, as `pnpm dev` runs it)
 * on this file's database and queue, for what only a separate process can show: its memory, its
 * metrics server. `extra` adds to its environment.
 */
export async function spawnProxyProcess(extra: Record<string, string> = {}) {
  const port = await freePort();
  const proxy = spawnMain("proxy", { PROXY_PORT: String(port), ...extra });
  await untilPrinted(proxy, '"msg":"proxy started"', "the proxy");
  return {
    url: `http://127.0.0.1:${port}`,
    pid: proxy.child.pid!,
    async close() {
      proxy.child.kill("SIGTERM");
      await proxy.exited;
    },
  };
}

async function untilPrinted(spawned: ReturnType<typeof spawnMain>, line: string, what: string) {
  for (let waited = 0; !spawned.output().includes(line); waited += 50) {
    if (waited > 60_000 || spawned.child.exitCode !== null)
      throw new Error(`${what} did not start:\n${spawned.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * An app's entry point (apps/<app>/src/main.ts) with tsx, on this file's database and queue,
 * loopback allowed; `extra` adds to its environment. It collects what the process prints.
 */
function spawnMain(app: "worker" | "proxy", extra: Record<string, string> = {}) {
  const env = process.env as Record<string, string>;
  const flags = app === "proxy" ? PROXY_NODE_FLAGS : [];
  const child = spawn(process.execPath, [...flags, "--import", "tsx", "src/main.ts"], {
    cwd: path.join(appsDir, app),
    env: {
      NODE_ENV: "test",
      PATH: env.PATH ?? "",
      HOME: env.HOME ?? "",
      DATABASE_URL: env.DATABASE_URL ?? "",
      DATABASE_DIRECT_URL: env.DATABASE_DIRECT_URL ?? "",
      ...testRedisEnv(),
      AUTHDECK_QUEUE_PREFIX: env.AUTHDECK_QUEUE_PREFIX ?? "",
      AUTHDECK_SEALING_KEYS: env.AUTHDECK_SEALING_KEYS ?? "",
      AUTHDECK_EGRESS_ALLOW: LOOPBACK,
      LOG_LEVEL: "info",
      ...extra,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    child.once("exit", () => resolve());
  });
  return { child, output: () => output, exited };
}
