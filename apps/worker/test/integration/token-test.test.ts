// @module-tag resilience
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { createApp } from "@authdeck/core/apps";
import { parseKeyRing } from "@authdeck/core/config";
import { createSealer } from "@authdeck/core/crypto";
import { createDb, type Db } from "@authdeck/core/db";
import { createLogger } from "@authdeck/core/logging";
import { createProfile } from "@authdeck/core/profiles";
import {
  createRedis,
  createTokenQueue,
  enqueueTokenTest,
  runChannel,
  type TokenQueue,
} from "@authdeck/core/queue";
import { profileFieldsSchema } from "@authdeck/core/schemas";
import { createTeam, resolveMember } from "@authdeck/core/teams";
import { startTest } from "@authdeck/core/test-runs";
import { DEFAULT_REFRESH_POLICY } from "@authdeck/core/tokens";
import {
  createTestDatabase,
  DEFAULT_DATABASE_URL,
  dumpRedisKeys,
  type OidcTestProvider,
  startOidcProvider,
  type TestDatabase,
  uniqueQueuePrefix,
} from "@authdeck/test-support";
import type { JobState } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobs } from "../../src/jobs.ts";
import { type RunningWorker, startWorker } from "../../src/worker.ts";
import { spawnWorker, testRedisUrl, validSealingKeys, waitFor } from "../support.ts";

const CANARY = "worker-canary-secret-6e0f";
const FIELD_CANARY = "worker-field-canary-a2d4";
const JOB_STATES: JobState[] = [
  "waiting",
  "active",
  "delayed",
  "prioritized",
  "waiting-children",
  "completed",
  "failed",
];

let database: TestDatabase;
let db: Db;
let provider: OidcTestProvider;
let queue: TokenQueue;
let producer: Redis;
let worker: RunningWorker;
const connections: Redis[] = [];
const prefix = uniqueQueuePrefix("worker-e2e");
const events: Array<{ channel: string; message: string }> = [];
const sealer = (() => {
  const parsed = parseKeyRing(validSealingKeys);
  if (!parsed.ok) throw new Error(parsed.error);
  return createSealer(parsed.keyRing);
})();

beforeAll(async () => {
  database = await createTestDatabase({
    baseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    label: "worker_e2e",
  });
  db = createDb({ databaseUrl: database.url, poolSize: 4 });
  provider = await startOidcProvider({
    clients: [
      {
        clientId: "worker-client",
        clientSecret: CANARY,
        authMethod: "client_secret_basic",
        scope: "api:read",
      },
    ],
  });

  producer = createRedis(testRedisUrl, "producer");
  queue = createTokenQueue(producer, prefix);
  const connection = createRedis(testRedisUrl, "worker");
  const publisher = createRedis(testRedisUrl, "worker");
  const subscriber = createRedis(testRedisUrl, "worker");
  connections.push(connection, publisher, subscriber);
  subscriber.on("pmessage", (_pattern, channel, message) => events.push({ channel, message }));
  await subscriber.psubscribe(`${prefix}:*`);

  const log = createLogger({
    name: "worker",
    level: "warn",
  });
  const deps = {
    db,
    sealer,
    now: () => new Date(),
    // oidc-provider listens on 127.0.0.1, which only an admin's rule lets requests reach.
    egressAllow: ["127.0.0.0/8"],
    egressTeamMayAllow: [],
    queuePrefix: prefix,
    redisUrl: testRedisUrl,
    publisher,
    refreshPolicy: DEFAULT_REFRESH_POLICY,
    budget: { redis: publisher, prefix, perTeamPerMinute: 1_000 },
  };
  worker = startWorker({
    connection,
    prefix,
    registry: createJobs(deps),
    concurrency: 2,
    log,
    workerId: "e2e-worker",
  });
});

afterAll(async () => {
  await worker?.close();
  await queue?.obliterate({ force: true });
  await queue?.close();
  const cleaner = createRedis(testRedisUrl, "worker");
  const keys = await cleaner.keys(`${prefix}:*`);
  if (keys.length > 0) await cleaner.del(...keys);
  await cleaner.quit();
  await Promise.all([producer, ...connections].map((c) => c?.quit()));
  await provider?.close();
  await db?.$disconnect();
  await database?.drop();
});

async function setUpProfile() {
  const deps = { db, sealer, now: () => new Date() };
  const userId = `user_${randomUUID()}`;
  await db.user.create({ data: { id: userId, name: "Tester", email: `${userId}@example.test` } });
  const team = await createTeam(deps, { userId, name: "Worker team" });
  const member = await resolveMember(db, userId, team.id);
  const app = await createApp(deps, member, { name: "assistant" });
  const profile = await createProfile(deps, member, {
    appId: app.id,
    profile: profileFieldsSchema.parse({
      name: "Provider",
      identityProviderName: "oidc-provider",
      clientId: "worker-client",
      clientSecret: CANARY,
      tokenRequestUrl: provider.tokenUrl,
      scopes: [{ key: "scope", value: "api:read" }],
      fields: [{ type: "header", key: "X-Tenant-Key", value: FIELD_CANARY, secret: true }],
    }),
  });
  return { member, appId: app.id, profileId: profile.id };
}

const testDeps = () => ({
  db,
  now: () => new Date(),
  redis: producer,
  queuePrefix: prefix,
  queue,
  limits: { perUserPerMinute: 100, perTeamPerMinute: 100 },
});

describe("a test started through the queue", () => {
  it("runs once on the worker and succeeds against the provider, however often it is started", async () => {
    const { member, appId, profileId } = await setUpProfile();
    const seen = provider.requests.length;

    const { runId } = await startTest(testDeps(), member, { appId, profileId });
    // The same run started again (a retried request, a second tab): its id is the job id.
    await Promise.all([enqueueTokenTest(queue, { runId }), enqueueTokenTest(queue, { runId })]);

    await waitFor(async () => {
      const run = await db.testRun.findUniqueOrThrow({ where: { id: runId } });
      return run.status === "succeeded" || run.status === "failed";
    });
    const run = await db.testRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "succeeded", responseStatus: 200, attempts: 1 });
    await waitFor(async () => (await queue.getJobState(runId)) === "completed");

    await enqueueTokenTest(queue, { runId });
    const jobs = await queue.getJobs(JOB_STATES);
    expect(jobs.map((job) => job.id)).toEqual([runId]);
    expect(await queue.getJobCountByTypes(...JOB_STATES)).toBe(1);
    expect(provider.requests.slice(seen)).toEqual([
      expect.objectContaining({ status: 200, clientAuth: "basic", scope: "api:read" }),
    ]);

    await waitFor(() => events.filter((e) => e.channel === runChannel(prefix, runId)).length >= 2);
    expect(
      events
        .filter((e) => e.channel === runChannel(prefix, runId))
        .map((e) => JSON.parse(e.message)),
    ).toEqual([
      { runId, status: "running" },
      { runId, status: "succeeded" },
    ]);
  });

  it("keeps the secrets out of the job data in Redis, the events and the rows", async () => {
    const { member, appId, profileId } = await setUpProfile();
    const { runId } = await startTest(testDeps(), member, { appId, profileId });
    await waitFor(async () => (await queue.getJobState(runId)) === "completed");
    const state = await db.tokenState.findFirstOrThrow({ where: { profileId } });
    const accessToken = sealer.open(state.accessTokenSealed!, {
      table: "token_state",
      rowId: state.id,
      column: "access_token_sealed",
    });

    const job = await producer.hgetall(`${prefix}:tokens:${runId}`);
    expect(job.name).toBe("token.test");
    expect(JSON.parse(job.data ?? "")).toEqual({ runId, teamId: member.teamId });
    const redisDump = await dumpRedisKeys(producer, prefix);
    const published = JSON.stringify(events);
    expect(published).toContain(runId);
    const { stdout: rows } = await promisify(execFile)("pg_dump", ["--data-only", database.url], {
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(rows).toContain(runId);
    for (const secret of [CANARY, FIELD_CANARY, accessToken]) {
      expect(JSON.stringify(job)).not.toContain(secret);
      expect(redisDump).not.toContain(secret);
      expect(published).not.toContain(secret);
      expect(rows).not.toContain(secret);
    }
  });
});

describe("the worker process", () => {
  it("runs a started test and logs nothing secret", async () => {
    const processPrefix = uniqueQueuePrefix("worker-proc");
    const processQueue = createTokenQueue(producer, processPrefix);
    const spawned = spawnWorker("src/main.ts", {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl,
      AUTHDECK_QUEUE_PREFIX: processPrefix,
      AUTHDECK_SEALING_KEYS: validSealingKeys,
      AUTHDECK_EGRESS_ALLOW: "127.0.0.0/8",
      LOG_LEVEL: "trace",
    });
    try {
      await waitFor(() => spawned.output().includes('"worker started"'));
      const { member, appId, profileId } = await setUpProfile();
      const { runId } = await startTest(
        { ...testDeps(), queuePrefix: processPrefix, queue: processQueue },
        member,
        { appId, profileId },
      );
      await waitFor(async () => (await processQueue.getJobState(runId)) === "completed");
      expect(await db.testRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
        status: "succeeded",
      });
      spawned.child.kill("SIGTERM");
      expect((await spawned.exited).code).toBe(0);

      const logs = spawned.output();
      expect(logs).toContain('"worker stopped"');
      const redisDump = await dumpRedisKeys(producer, processPrefix);
      expect(redisDump).toContain(runId);
      for (const secret of [CANARY, FIELD_CANARY]) {
        expect(logs).not.toContain(secret);
        expect(redisDump).not.toContain(secret);
      }
    } finally {
      spawned.child.kill("SIGKILL");
      await processQueue.obliterate({ force: true });
      await processQueue.close();
      const keys = await producer.keys(`${processPrefix}:*`);
      if (keys.length > 0) await producer.del(...keys);
    }
  });
});
