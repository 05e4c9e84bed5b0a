// @module-tag redis-queue
import type { Db } from "@authdeck/core/db";
import { createLogger } from "@authdeck/core/logging";
import { createRedis, type RedisClient } from "@authdeck/core/queue";
import { getApiCall, sendApiCall } from "@authdeck/core/request-console";
import { apiCallRequestSchema } from "@authdeck/core/schemas";
import {
  DEFAULT_REFRESH_POLICY,
  ensureTokenState,
  REFRESH_LEASE_MS,
  refreshTokenState,
} from "@authdeck/core/tokens";
import {
  type ApiServer,
  type DatabaseFixture,
  openTestDb,
  openTestQueue,
  type QueueFixture,
  startApiServer,
  startTokenServer,
  type TokenServer,
} from "@authdeck/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobs } from "../../src/jobs.ts";
import { type RunningWorker, startWorker } from "../../src/worker.ts";
import { createProfileFor, pressDeps, testRedis, testSealer, waitFor } from "../support.ts";

const sealer = testSealer();
let database: DatabaseFixture;
let db: Db;
let connection: QueueFixture;
let tokens: TokenServer;
let api: ApiServer;
let worker: RunningWorker;
const connections: RedisClient[] = [];

beforeAll(async () => {
  database = await openTestDb("worker_api_call");
  db = database.db;
  connection = openTestQueue("worker-api-call");
  tokens = await startTokenServer({ expiresIn: 300 });
  api = await startApiServer();
  const workerConnection = createRedis(testRedis, "worker");
  const publisher = createRedis(testRedis, "worker");
  connections.push(workerConnection, publisher);
  worker = startWorker({
    connection: workerConnection,
    prefix: connection.prefix,
    registry: createJobs({
      db,
      sealer,
      now: () => new Date(),
      egressAllow: ["127.0.0.0/8"],
      egressTeamMayAllow: [],
      queuePrefix: connection.prefix,
      redis: testRedis,
      publisher,
      refreshPolicy: DEFAULT_REFRESH_POLICY,
      budget: { redis: publisher, prefix: connection.prefix, perTeamPerMinute: 1_000 },
    }),
    concurrency: 2,
    log: createLogger({ name: "worker", level: "warn" }),
    workerId: "api-call-worker",
  });
});

afterAll(async () => {
  await worker?.close();
  await connection?.close();
  await Promise.all(connections.map((c) => c.quit()));
  await tokens?.close();
  await api?.close();
  await database?.close();
});

describe("a console request in the worker", () => {
  it("waits for a refresh another process holds, and is sent with the token it brings", async () => {
    const saved = await createProfileFor(
      { db, sealer },
      { tokenRequestUrl: tokens.urlFor("ok"), apiBaseUrl: api.url },
    );
    // Another process (the scheduler, right after the profile was saved) holds the refresh.
    const state = await ensureTokenState(db, {
      teamId: saved.member.teamId,
      profileId: saved.profileId,
      tenant: "",
    });
    const lease = new Date(Date.now() + REFRESH_LEASE_MS);
    await db.tokenState.update({
      where: { id: state.id },
      data: { leaseUntil: lease, status: "refreshing" },
    });

    const { callId } = await sendApiCall(pressDeps(db, connection), saved.member, {
      appId: saved.appId,
      profileId: saved.profileId,
      request: apiCallRequestSchema.parse({ method: "GET", path: "/orders" }),
    });
    const ref = { appId: saved.appId, profileId: saved.profileId, callId };
    await waitFor(async () => (await getApiCall({ db }, saved.member, ref)).status === "running");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(api.calls).toHaveLength(0);

    // The holder's refresh ends with a token; the waiting call goes out with it.
    await refreshTokenState(
      {
        db,
        sealer,
        now: () => new Date(),
        egressAllow: ["127.0.0.0/8"],
        publish: async () => {},
      },
      { stateId: state.id, lease },
    );
    await waitFor(async () => (await getApiCall({ db }, saved.member, ref)).status !== "running");
    const call = await getApiCall({ db }, saved.member, ref);
    expect(call).toMatchObject({ status: "answered", httpStatus: 200 });
    expect(api.calls).toHaveLength(1);
    expect(api.calls[0]?.headers.authorization).toMatch(/^Bearer \S+/);
    expect(tokens.requests).toHaveLength(1);
  });
});
