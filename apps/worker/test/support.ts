import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createApp } from "@authdeck/core/apps";
import { parseKeyRing } from "@authdeck/core/config";
import { createSealer, type Sealer } from "@authdeck/core/crypto";
import type { Db } from "@authdeck/core/db";
import { createProfile } from "@authdeck/core/profiles";
import { createRedis } from "@authdeck/core/queue";
import { profileFieldsSchema } from "@authdeck/core/schemas";
import { createTeam, type Member, resolveMember } from "@authdeck/core/teams";
import { startTest } from "@authdeck/core/test-runs";
import {
  openTestDb,
  openTestQueue,
  type QueueFixture,
  testRedisEnv,
  testServers,
  waitFor,
} from "@authdeck/test-support";
import { type SpawnedProcess, spawnTsProcess } from "@authdeck/test-support/process";
import type { z } from "zod";

export { waitFor };

export const workerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The tests' Redis: one server, or a Cluster with AUTHDECK_TEST_REDIS=cluster. */
export const testRedis = testServers.redis;

export const validSealingKeys = `k1:${Buffer.alloc(32, 3).toString("base64")}`;

export type Spawned = SpawnedProcess;

/** Starts a worker entry point with tsx, as `pnpm dev` does, and collects what it prints. */
export const spawnWorker = (entry: string, env: Record<string, string>): Spawned =>
  spawnTsProcess(workerDir, entry, env);

/** What a worker of the tests runs with: loopback allowed, LOG_LEVEL info; `extra` wins. */
const workerEnv = (
  databaseUrl: string,
  prefix: string,
  extra: Record<string, string> = {},
): Record<string, string> => ({
  DATABASE_URL: databaseUrl,
  ...testRedisEnv(),
  AUTHDECK_QUEUE_PREFIX: prefix,
  AUTHDECK_SEALING_KEYS: validSealingKeys,
  AUTHDECK_EGRESS_ALLOW: "127.0.0.0/8",
  LOG_LEVEL: "info",
  ...extra,
});

/** The worker's entry point (src/main.ts) on `databaseUrl` and the queue `prefix`. */
export const spawnMainWorker = (
  databaseUrl: string,
  prefix: string,
  extra: Record<string, string> = {},
): Spawned => spawnWorker("src/main.ts", workerEnv(databaseUrl, prefix, extra));

/** The deps startTest needs to press Test on `queue`, with limits no test reaches. */
export const pressDeps = (db: Db, queue: Pick<QueueFixture, "redis" | "prefix" | "queue">) => ({
  db,
  now: () => new Date(),
  redis: queue.redis,
  queuePrefix: queue.prefix,
  queue: queue.queue,
  limits: { perUserPerMinute: 1_000, perTeamPerMinute: 1_000 },
});

/** A user, their team, an app and one saved profile for `profile`, made through core. */
export async function createProfileFor(
  deps: { db: Db; sealer: Sealer },
  profile: Partial<z.input<typeof profileFieldsSchema>> & { tokenRequestUrl: string },
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
      clientId: "fault-client",
      clientSecret: "fault-client-secret",
      ...profile,
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
 * A database and a Redis connection of the test file's own, and real worker processes:
 * `stopWorkers` after each test, `close` after the file (it stops what is still running).
 */
export async function openWorkerKit(
  label: string,
  options: { baseUrl?: string; poolSize?: number } = {},
) {
  const database = await openTestDb(label, options);
  const { db } = database;
  const redis = createRedis(testRedis, "producer");
  const sealer = testSealer();
  const workers: Spawned[] = [];
  // startWorker's prefixes end with their worker; openQueue's last as long as the file.
  const workerQueues: QueueFixture[] = [];
  const fileQueues: QueueFixture[] = [];
  const kit = {
    db,
    databaseUrl: database.url,
    redis,
    sealer,
    /** A user, their team, an app and one saved profile on this file's database. */
    createProfile: (profile: Parameters<typeof createProfileFor>[1]) =>
      createProfileFor({ db, sealer }, profile),
    /** A queue prefix that outlives the workers on it, so a restarted worker finds its jobs. */
    openQueue() {
      const queue = openTestQueue(label);
      fileQueues.push(queue);
      return queue;
    },
    /** A worker process on `prefix` (see spawnMainWorker), not yet waited for. */
    spawn(prefix: string, env: Record<string, string> = {}) {
      const worker = spawnMainWorker(database.url, prefix, env);
      workers.push(worker);
      return worker;
    },
    /** A worker process on a prefix of its own, once it says it started. */
    async startWorker(env: Record<string, string> = {}) {
      const queue = openTestQueue(label);
      workerQueues.push(queue);
      const worker = kit.spawn(queue.prefix, env);
      await waitFor(() => worker.output().includes('"worker started"'), 30_000);
      /** Presses Test on a saved profile, as its member, for this worker's queue. */
      const press = async (saved: { member: Member; appId: string; profileId: string }) =>
        (await startTest(pressDeps(db, queue), saved.member, saved)).runId;
      return { worker, queue: queue.queue, prefix: queue.prefix, press };
    },
    async stopWorkers() {
      for (const worker of workers.splice(0)) {
        if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
        await worker.exited;
      }
      for (const queue of workerQueues.splice(0)) await queue.close();
    },
    async close() {
      await kit.stopWorkers();
      for (const queue of fileQueues.splice(0)) await queue.close();
      await redis.quit();
      await database.close();
    },
  };
  return kit;
}
