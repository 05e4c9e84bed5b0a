// @module-tag resilience
// @module-tag redis-queue
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Db } from "@authdeck/core/db";
import { createLogger } from "@authdeck/core/logging";
import {
  bullPrefix,
  createRedis,
  enqueueTokenTest,
  type RedisClient,
  runChannel,
  type TokenQueue,
} from "@authdeck/core/queue";
import { startTest } from "@authdeck/core/test-runs";
import { DEFAULT_REFRESH_POLICY } from "@authdeck/core/tokens";
import {
  type DatabaseFixture,
  dumpRedisKeys,
  type OidcTestProvider,
  openTestDb,
  openTestQueue,
  type QueueFixture,
  startOidcProvider,
} from "@authdeck/test-support";
import type { JobState } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobs } from "../../src/jobs.ts";
import { type RunningWorker, startWorker } from "../../src/worker.ts";
import {
  createProfileFor,
  pressDeps,
  spawnMainWorker,
  testRedis,
  testSealer,
  waitFor,
} from "../support.ts";

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

let database: DatabaseFixture;
let db: Db;
let connection: QueueFixture;
let provider: OidcTestProvider;
let queue: TokenQueue;
let producer: RedisClient;
let worker: RunningWorker;
const connections: RedisClient[] = [];
let prefix: string;
const events: Array<{ channel: string; message: string }> = [];
const sealer = testSealer();

beforeAll(async () => {
  database = await openTestDb("worker_e2e");
  db = database.db;
  connection = openTestQueue("worker-e2e");
  ({ redis: producer, queue, prefix } = connection);
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

  const workerConnection = createRedis(testRedis, "worker");
  const publisher = createRedis(testRedis, "worker");
  const subscriber = createRedis(testRedis, "worker");
  connections.push(workerConnection, publisher, subscriber);
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
    redis: testRedis,
    publisher,
    refreshPolicy: DEFAULT_REFRESH_POLICY,
    budget: { redis: publisher, prefix, perTeamPerMinute: 1_000 },
  };
  worker = startWorker({
    connection: workerConnection,
    prefix,
    registry: createJobs(deps),
    concurrency: 2,
    log,
    workerId: "e2e-worker",
  });
});

afterAll(async () => {
  await worker?.close();
  await connection?.close();
  await Promise.all(connections.map((c) => c.quit()));
  await provider?.close();
  await database?.close();
});

const setUpProfile = () =>
  createProfileFor(
    { db, sealer },
    {
      identityProviderName: "oidc-provider",
      clientId: "worker-client",
      clientSecret: CANARY,
      tokenRequestUrl: provider.tokenUrl,
      scopes: [{ key: "scope", value: "api:read" }],
      fields: [{ type: "header", key: "X-Tenant-Key", value: FIELD_CANARY, secret: true }],
    },
  );

const testDeps = () => pressDeps(db, connection);

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
    expect(run).toMatchObject({ status: "succeeded", responseStatus: 200, httpAttempts: 1 });
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

    const job = await producer.hgetall(`${bullPrefix(producer, prefix)}:tokens:${runId}`);
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
    const processConnection = openTestQueue("worker-proc");
    const { prefix: processPrefix, queue: processQueue } = processConnection;
    const spawned = spawnMainWorker(database.url, processPrefix, { LOG_LEVEL: "trace" });
    try {
      await waitFor(() => spawned.output().includes('"worker started"'));
      const { member, appId, profileId } = await setUpProfile();
      const { runId } = await startTest(pressDeps(db, processConnection), member, {
        appId,
        profileId,
      });
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
      await processConnection.close();
    }
  });
});
