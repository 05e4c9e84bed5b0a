import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createApp } from "@authdeck/core/apps";
import { parseKeyRing } from "@authdeck/core/config";
import { createSealer, type Sealer } from "@authdeck/core/crypto";
import { createDb, type Db } from "@authdeck/core/db";
import { createProfile } from "@authdeck/core/profiles";
import { createRedis, createTokenQueue, type TokenQueue } from "@authdeck/core/queue";
import { profileFieldsSchema } from "@authdeck/core/schemas";
import { createTeam, type Member, resolveMember } from "@authdeck/core/teams";
import { startTest } from "@authdeck/core/test-runs";
import {
  createTestDatabase,
  DEFAULT_DATABASE_URL,
  uniqueQueuePrefix,
} from "@authdeck/test-support";

export const workerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const testRedisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";

export const validSealingKeys = `k1:${Buffer.alloc(32, 3).toString("base64")}`;

export type Spawned = {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; at: number }>;
};

/** Starts a worker entry point with tsx, as `npm start` does, and collects what it prints. */
export function spawnWorker(entry: string, env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: workerDir,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => {
    child.on("exit", (code) => resolve({ code, at: Date.now() }));
  });
  return { child, output: () => output, exited };
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

/** A user, their team, an app and one saved profile for `profile`, made through core. */
export async function createProfileFor(
  deps: { db: Db; sealer: Sealer },
  profile: { tokenRequestUrl: string; clientId?: string; clientSecret?: string },
) {
  const { db } = deps;
  const core = { ...deps, now: () => new Date() };
  const userId = `user_${randomUUID()}`;
  await db.user.create({ data: { id: userId, name: "Tester", email: `${userId}@example.test` } });
  const team = await createTeam(core, { userId, name: `Team ${userId.slice(-6)}` });
  const member = await resolveMember(db, userId, team.id);
  const app = await createApp(core, member, { name: "assistant" });
  const saved = await createProfile(core, member, {
    appId: app.id,
    profile: profileFieldsSchema.parse({
      name: "Provider",
      identityProviderName: "Test IdP",
      clientId: profile.clientId ?? "fault-client",
      clientSecret: profile.clientSecret ?? "fault-client-secret",
      tokenRequestUrl: profile.tokenRequestUrl,
    }),
  });
  return { member, appId: app.id, profileId: saved.id };
}

export const testSealer = () => {
  const parsed = parseKeyRing(validSealingKeys);
  if (!parsed.ok) throw new Error(parsed.error);
  return createSealer(parsed.keyRing);
};

export type WorkerKit = Awaited<ReturnType<typeof openWorkerKit>>;

/**
 * A database and a Redis connection of the test file's own, and real worker processes, each on
 * a queue prefix of its own: `stopWorkers` after each test, `close` after the file.
 */
export async function openWorkerKit(label: string) {
  const database = await createTestDatabase({
    baseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    label,
  });
  const db = createDb({ databaseUrl: database.url, poolSize: 4 });
  const redis = createRedis(testRedisUrl, "producer");
  const workers: Spawned[] = [];
  const queues: TokenQueue[] = [];
  return {
    db,
    redis,
    /** A worker process at LOG_LEVEL info, reaching loopback, once it says it started. */
    async startWorker(env: Record<string, string> = {}) {
      const prefix = uniqueQueuePrefix(label);
      const queue = createTokenQueue(redis, prefix);
      queues.push(queue);
      const worker = spawnWorker("src/main.ts", {
        DATABASE_URL: database.url,
        REDIS_URL: testRedisUrl,
        AUTHDECK_QUEUE_PREFIX: prefix,
        AUTHDECK_SEALING_KEYS: validSealingKeys,
        AUTHDECK_EGRESS_ALLOW: "127.0.0.0/8",
        LOG_LEVEL: "info",
        ...env,
      });
      workers.push(worker);
      await waitFor(() => worker.output().includes('"worker started"'), 30_000);
      /** Presses Test on a saved profile, as its member, for this worker's queue. */
      const press = async (saved: { member: Member; appId: string; profileId: string }) => {
        const deps = {
          db,
          now: () => new Date(),
          redis,
          queuePrefix: prefix,
          queue,
          limits: { perUserPerMinute: 1_000, perTeamPerMinute: 1_000 },
        };
        return (await startTest(deps, saved.member, saved)).runId;
      };
      return { worker, queue, prefix, press };
    },
    async stopWorkers() {
      for (const worker of workers.splice(0)) {
        if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
        await worker.exited;
      }
      for (const queue of queues.splice(0)) {
        await queue.obliterate({ force: true }).catch(() => {});
        await queue.close();
        const keys = await redis.keys(`${queue.opts.prefix}:*`);
        if (keys.length > 0) await redis.del(...keys);
      }
    },
    async close() {
      await redis.quit();
      await db.$disconnect();
      await database.drop();
    },
  };
}
