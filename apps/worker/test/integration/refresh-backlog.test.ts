// @module-tag redis-queue
import { refreshesInFlight, scheduleDueRefreshes } from "@authdeck/core/tokens";
import { seedProfiles, seedTokenStates } from "@authdeck/test-support";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openWorkerKit, type WorkerKit } from "../support.ts";

/**
 * A backlog of due refreshes (a worker back after an outage, more profiles than it keeps up
 * with) waits in PostgreSQL: the scheduler claims and queues no more than its bound of refreshes
 * in flight, oldest first. Unbounded, every due state was claimed and queued at once, and the
 * leases of those still queued ran out and were claimed and queued again.
 */

let kit: WorkerKit;

beforeAll(async () => {
  kit = await openWorkerKit("refresh_backlog");
});
afterAll(async () => kit?.close());

const leased = async (appId: string) =>
  kit.db.tokenState.findMany({
    where: { profile: { appId }, leaseUntil: { gt: new Date() } },
    orderBy: { nextRefreshAt: "asc" },
    select: { id: true },
  });

/** A new team with `count` auto-refreshed profiles, every state due since `dueForMs` or more. */
async function teamWithBacklog(count: number, dueForMs: number) {
  const { member } = await kit.createProfile({ tokenRequestUrl: "https://idp.example.com/token" });
  const { appId, profiles } = await seedProfiles(
    { db: kit.db, sealer: kit.sealer },
    {
      teamId: member.teamId,
      appName: "Backlog",
      count,
      tokenUrl: (i) => `https://idp.example.com/${i}/token`,
      autoRefresh: true,
    },
  );
  await seedTokenStates(
    { db: kit.db, sealer: kit.sealer },
    { teamId: member.teamId, profiles, lifetimeMs: 10_000, leadMs: 1_000, firstDueInMs: -dueForMs },
  );
  return appId;
}

function schedulerDeps() {
  const { queue, prefix } = kit.openQueue();
  return { db: kit.db, now: () => new Date(), queue, publisher: kit.redis, queuePrefix: prefix };
}

it("claims and queues at most maxInFlight refreshes, oldest first, and more as they finish", async () => {
  // Every state due a minute ago or earlier: a backlog.
  const appId = await teamWithBacklog(30, 70_000);
  const deps = schedulerDeps();
  const { queue } = deps;
  const options = { horizonMs: 1_000, batch: 500, maxInFlight: 10, maxInFlightPerTeam: 10 };
  const queued = async () => {
    const counts = await queue.getJobCounts("wait", "delayed");
    return (counts.wait ?? 0) + (counts.delayed ?? 0);
  };

  await scheduleDueRefreshes(deps, options);
  const first = await leased(appId);
  expect(first).toHaveLength(10);
  expect(await queued()).toBe(10);
  // The oldest due first.
  const oldest = await kit.db.tokenState.findMany({
    where: { profile: { appId } },
    orderBy: { nextRefreshAt: "asc" },
    take: 10,
    select: { id: true },
  });
  expect(new Set(first.map((s) => s.id))).toEqual(new Set(oldest.map((s) => s.id)));

  // Nothing finished: a second pass claims nothing more.
  await scheduleDueRefreshes(deps, options);
  expect(await leased(appId)).toHaveLength(10);
  expect(await queued()).toBe(10);

  // Four finish (their leases end, as a refresh's write ends them): four more are claimed.
  const done = first.slice(0, 4).map((s) => s.id);
  await kit.db.tokenState.updateMany({
    where: { id: { in: done } },
    data: { leaseUntil: null, nextRefreshAt: new Date(Date.now() + 3_600_000) },
  });
  await scheduleDueRefreshes(deps, options);
  const next = await leased(appId);
  expect(next).toHaveLength(10);
  expect(next.filter((s) => done.includes(s.id))).toEqual([]);
  expect(await queued()).toBe(14);
});

it("leaves room for other teams when one team's backlog reaches its share", async () => {
  // The first team's states are all older than the second's: oldest first alone would claim
  // only the first team's.
  const crowded = await teamWithBacklog(30, 600_000);
  const other = await teamWithBacklog(5, 60_000);
  const deps = schedulerDeps();
  // Room for 20 more beside the leases the test above left running.
  const running = await refreshesInFlight(deps, 1_000);
  const options = {
    horizonMs: 1_000,
    batch: 500,
    maxInFlight: running + 20,
    maxInFlightPerTeam: 10,
  };
  await scheduleDueRefreshes(deps, options);
  expect(await leased(crowded)).toHaveLength(10);
  expect(await leased(other)).toHaveLength(5);
});
