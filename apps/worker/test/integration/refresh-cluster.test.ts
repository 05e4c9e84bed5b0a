// @module-tag redis-queue
import type { Db } from "@authdeck/core/db";
import { createRedis, type RedisClient, teamTokenChannel } from "@authdeck/core/queue";
import { ensureTokenState } from "@authdeck/core/tokens";
import {
  type DatabaseFixture,
  openTestDb,
  openTestQueue,
  type PrivateCluster,
  type QueueFixture,
  startPrivateCluster,
  startTokenServer,
  type TokenServer,
  testRedisTarget,
} from "@authdeck/test-support";
import { Cluster } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createProfileFor,
  type Spawned,
  spawnMainWorker,
  testSealer,
  waitFor,
} from "../support.ts";

/**
 * A worker on a Redis Cluster of three masters refreshes tokens whose teams' refresh budgets
 * live on different masters, announcing each on its team's channel. It runs on the suite's
 * Cluster under AUTHDECK_TEST_REDIS=cluster and on a Cluster of its own otherwise.
 */

const sealer = testSealer();
let database: DatabaseFixture;
let db: Db;
let ownCluster: PrivateCluster | null = null;
let nodeList: string;
let connection: QueueFixture;
let subscriber: RedisClient;
let tokens: TokenServer;
let worker: Spawned | null = null;

beforeAll(async () => {
  database = await openTestDb("refresh_cluster");
  db = database.db;
  const suite = testRedisTarget();
  if (suite.topology === "cluster") {
    nodeList = suite.nodes.map((n) => `${n.host}:${n.port}`).join(",");
  } else {
    ownCluster = await startPrivateCluster();
    nodeList = ownCluster.nodeList;
  }
  const target = {
    topology: "cluster" as const,
    nodes: nodeList.split(",").map((n) => ({ host: "127.0.0.1", port: Number(n.split(":")[1]) })),
  };
  connection = openTestQueue("refresh-cluster", target);
  subscriber = createRedis(target, "worker");
  tokens = await startTokenServer({ expiresIn: 300 });
});

afterAll(async () => {
  if (worker && worker.child.exitCode === null) worker.child.kill("SIGKILL");
  await worker?.exited;
  await subscriber?.quit();
  await connection?.close();
  await tokens?.close();
  await database?.close();
  await ownCluster?.close();
});

/** "host:port" of the master serving `key`, from CLUSTER KEYSLOT and CLUSTER SLOTS. */
async function masterOf(redis: Cluster, key: string): Promise<{ slot: number; master: string }> {
  const slot = Number(await redis.cluster("KEYSLOT", key));
  const ranges = await redis.cluster("SLOTS");
  const master = ranges.find(([start, end]) => slot >= start && slot <= end)?.[2];
  if (!master) throw new Error(`no master serves slot ${slot}`);
  return { slot, master: `${master[0]}:${master[1]}` };
}

const budgetKey = (prefix: string, teamId: string) => `${prefix}:ratelimit:refresh:team:${teamId}`;

describe("the worker on a Redis Cluster", () => {
  it("refreshes tokens whose teams' budgets and channels sit on different masters", async () => {
    const redis = connection.redis;
    expect(redis).toBeInstanceOf(Cluster);
    const cluster = redis as Cluster;
    const { prefix } = connection;

    // Teams (random ids) until one team's refresh budget lands on each of the three masters.
    const byMaster = new Map<string, { teamId: string; stateId: string; slot: number }>();
    for (let tries = 0; byMaster.size < 3 && tries < 60; tries++) {
      const saved = await createProfileFor(
        { db, sealer },
        {
          clientId: "cluster",
          clientSecret: "cluster-secret",
          tokenRequestUrl: tokens.urlFor("ok"),
        },
      );
      const { slot, master } = await masterOf(cluster, budgetKey(prefix, saved.member.teamId));
      if (byMaster.has(master)) continue;
      await db.authorizationProfile.update({
        where: { id: saved.profileId },
        data: { autoRefresh: true },
      });
      const state = await ensureTokenState(db, {
        teamId: saved.member.teamId,
        profileId: saved.profileId,
        tenant: "",
      });
      byMaster.set(master, { teamId: saved.member.teamId, stateId: state.id, slot });
    }
    const teams = [...byMaster.values()];
    expect(byMaster.size).toBe(3);
    expect(new Set(teams.map((t) => t.slot)).size).toBe(3);
    // The teams' token channels hash to slots of their own too (pub/sub reaches every node).
    const channelSlots = await Promise.all(
      teams.map(async (t) => (await masterOf(cluster, teamTokenChannel(prefix, t.teamId))).slot),
    );
    expect(new Set(channelSlots).size).toBe(3);

    const announced = new Set<string>();
    subscriber.on("message", (channel: string) => announced.add(channel));
    await subscriber.subscribe(...teams.map((t) => teamTokenChannel(prefix, t.teamId)));

    worker = spawnMainWorker(database.url, prefix, {
      REDIS_CLUSTER_NODES: nodeList,
      LOG_LEVEL: "warn",
    });
    await waitFor(async () => {
      const states = await db.tokenState.findMany({
        where: { id: { in: teams.map((t) => t.stateId) } },
      });
      return states.every((s) => s.accessTokenSealed !== null);
    }, 30_000);

    for (const [master, team] of byMaster) {
      // The budget counter was written on the master its slot belongs to, by the worker.
      const node = cluster
        .nodes("master")
        .find((n) => `${n.options.host}:${n.options.port}` === master);
      expect(await node?.exists(budgetKey(prefix, team.teamId))).toBe(1);
    }
    await waitFor(() => teams.every((t) => announced.has(teamTokenChannel(prefix, t.teamId))));
  });
});
