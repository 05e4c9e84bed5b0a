import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRedis, untilReady } from "@authdeck/core/queue";
import {
  createTestDatabase,
  DEFAULT_DATABASE_URL,
  freePort,
  type TestDatabase,
  uniqueQueuePrefix,
} from "@authdeck/test-support";
import { type APIRequestContext, expect } from "@playwright/test";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

export type Product = {
  baseURL: string;
  /** Each web process's own address; with `scale`, baseURL is the load balancer's in front. */
  webURLs: string[];
  /** The API proxy process (apps/proxy) of this product. */
  proxyURL: string;
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  /** AUTHDECK_SEALING_KEYS of this product: a leak scan opens the keys Authdeck made itself. */
  sealingKeys: string;
  /** Everything web, worker and proxy printed, their log lines included. */
  output: () => string;
  /** Whether the script and all of its processes still run. */
  running: () => boolean;
  stop: () => Promise<void>;
};

/**
 * The built web app, a worker and the API proxy, as `npm start` runs them, on a port, database and queue
 * prefix of their own and against `redisUrl`: for specs that break Redis or read every log line,
 * which the shared end-to-end server cannot offer. With `scale`, several web processes behind a
 * load balancer and several workers, as scripts/scale-local.sh runs them.
 */
export async function startProduct(options: {
  label: string;
  redisUrl: string;
  env?: Record<string, string>;
  scale?: { web: number; workers: number };
}): Promise<Product> {
  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  const webPorts = options.scale
    ? await Promise.all(Array.from({ length: options.scale.web }, () => freePort()))
    : [port];
  const webURLs = webPorts.map((p) => `http://localhost:${p}`);
  const workers = options.scale?.workers ?? 1;
  const script = options.scale ? "scripts/scale-local.sh" : "scripts/run-product.sh";
  // Its own free port: run-product.sh's default (the web's + 1) may be taken on a shared machine.
  const proxyPort = await freePort();
  const database: TestDatabase = await createTestDatabase({
    baseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    label: options.label,
  });
  const queuePrefix = uniqueQueuePrefix(options.label);
  const sealingKeys = `e2e:${randomBytes(32).toString("base64")}`;
  let output = "";
  const child: ChildProcess = spawn("bash", [path.join(root, script)], {
    cwd: root,
    // Its own process group, so stopping it reaches web and worker and nothing else.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "production",
      PORT: String(port),
      PROXY_PORT: String(proxyPort),
      DATABASE_URL: database.url,
      REDIS_URL: options.redisUrl,
      AUTHDECK_BASE_URL: baseURL,
      AUTHDECK_QUEUE_PREFIX: queuePrefix,
      AUTHDECK_SEALING_KEYS: sealingKeys,
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
      AUTH_RATE_LIMIT_PER_MINUTE: "1000",
      ...(options.scale
        ? {
            WEB_PROCESSES: String(options.scale.web),
            WORKER_PROCESSES: String(options.scale.workers),
            WEB_PORTS: webPorts.join(" "),
          }
        : {}),
      AUTHDECK_EGRESS_ALLOW: "127.0.0.0/8,::1/128,localhost",
      ...options.env,
    },
  });
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Several processes start one after another on a machine of two cores: give each its time.
  const deadline = Date.now() + 60_000 * (options.scale ? 2 : 1);
  for (;;) {
    const up = await Promise.all(
      [baseURL, ...webURLs].map((url) =>
        fetch(`${url}/status`).then(
          (r) => r.ok,
          () => false,
        ),
      ),
    );
    const workersStarted = output.split('"worker started"').length - 1;
    if (up.every(Boolean) && workersStarted === workers && output.includes('"proxy started"'))
      break;
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the product did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    baseURL,
    webURLs,
    proxyURL: `http://127.0.0.1:${proxyPort}`,
    databaseUrl: database.url,
    redisUrl: options.redisUrl,
    queuePrefix,
    sealingKeys,
    output: () => output,
    running: () => child.exitCode === null && !/a process stopped/.test(output),
    stop: async () => {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
      await exited;
      await database.drop();
      await forgetKeys(options.redisUrl, queuePrefix);
    },
  };
}

/** Removes what the product left in Redis under its prefix (a private Redis may be gone already). */
async function forgetKeys(redisUrl: string, prefix: string) {
  const redis = createRedis(redisUrl, "producer");
  redis.on("error", () => {});
  try {
    await untilReady(redis, 2_000);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } catch {
    // Nothing to clean where no server answers.
  } finally {
    redis.disconnect();
  }
}

/** Signs a new person up, then in, through the sign-in API; the context keeps the session cookie. */
export async function signUpByApi(request: APIRequestContext, baseURL: string, label: string) {
  const email = `${label}-${randomBytes(4).toString("hex")}@example.test`;
  const password = "correct horse battery";
  const headers = { origin: baseURL };
  const signedUp = await request.post(`${baseURL}/api/auth/sign-up/email`, {
    data: { name: "Resilience tester", email, password },
    headers,
  });
  expect(signedUp.status(), await signedUp.text()).toBe(200);
  // Sign-up signs no one in: it answers the same whether or not the address has an account.
  const signedIn = await request.post(`${baseURL}/api/auth/sign-in/email`, {
    data: { email, password },
    headers,
  });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  return email;
}

/**
 * A tRPC call as the dashboard makes it; answers the status and the parsed body. `origin` is the
 * page's: another than `baseURL` when the call goes to one web process behind a load balancer.
 */
export async function trpc(
  request: APIRequestContext,
  baseURL: string,
  procedure: string,
  input: unknown,
  type: "query" | "mutation" = "mutation",
  origin = baseURL,
) {
  const url = `${baseURL}/api/trpc/${procedure}`;
  const response =
    type === "mutation"
      ? await request.post(url, {
          data: { json: input },
          headers: { origin, "content-type": "application/json" },
        })
      : await request.get(`${url}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  const body = await response.json();
  return { status: response.status(), body, data: body.result?.data?.json };
}
