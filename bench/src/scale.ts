/**
 * pnpm bench:scale (after pnpm build): two web processes and two workers on one database and one
 * Redis. Fires token API requests at a fixed rate (not one after another: a slow answer does not
 * slow the sending) round-robin over the two web processes, kills one worker with SIGKILL part
 * way and starts it again, and checks every token handed out against its expiry. The figures go
 * to docs/scaling.md ("Several web and worker processes").
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createApiKey } from "@authdeck/core/api-keys";
import { createDb } from "@authdeck/core/db";
import { createRedis, untilReady } from "@authdeck/core/queue";
import { createTeam, resolveMember } from "@authdeck/core/teams";
import { seedProfiles, seedTokenStates, startTokenServer } from "@authdeck/test-support";
import { type Dispatcher, Pool } from "undici";
import { describeMachine } from "./machine.ts";
import { createBenchEnv, type Running, startWeb, startWorker, untilUp } from "./product.ts";
import { benchSealer } from "./seal.ts";
import { summarize } from "./stats.ts";

const version = (command: string, pattern: RegExp) =>
  pattern.exec(execFileSync(command, ["--version"], { encoding: "utf8" }))?.[1] ?? "unknown";
const say = (message: string) => console.log(`\x1b[1m[bench:scale]\x1b[0m ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

const RATE = setting("BENCH_SCALE_RATE", 500);
const DURATION_MS = setting("BENCH_SCALE_SECONDS", 60) * 1_000;
const KILL_AT_MS = setting("BENCH_SCALE_KILL_AT_S", 20) * 1_000;
const RESTART_AT_MS = setting("BENCH_SCALE_RESTART_AT_S", 35) * 1_000;
const PROFILES = setting("BENCH_SCALE_PROFILES", 100);
// Short enough that every profile's token is refreshed once or twice during the run, the kill
// included; a fifth of it is the lead the worker refreshes ahead of expiry by.
const LIFETIME_MS = setting("BENCH_SCALE_TOKEN_LIFETIME_S", 40) * 1_000;
const PORT = setting("BENCH_SCALE_PORT", 3308);
// A request unanswered this long after its scheduled moment counts as a timeout: the run ends
// this long after the sending does, however far behind the machine fell.
const GIVE_UP_MS = setting("BENCH_SCALE_GIVE_UP_S", 30) * 1_000;
// Before the fixed rate: this many callers, each sending its next request when its last is
// answered, for this long. What they get through is what the web processes can answer at most.
const CAPACITY_CALLERS = setting("BENCH_SCALE_CAPACITY_CALLERS", 64);
const CAPACITY_MS = setting("BENCH_SCALE_CAPACITY_SECONDS", 10) * 1_000;

/** Closed-loop callers over the pools: answers a second, their statuses and latency. */
async function measureCapacity(
  pools: Pool[],
  requestFor: (index: number) => Dispatcher.RequestOptions,
) {
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let next = 0;
  const startedAt = performance.now();
  const until = startedAt + CAPACITY_MS;
  async function caller() {
    while (performance.now() < until) {
      const index = next++;
      const sentAt = performance.now();
      try {
        const response = await pools[index % pools.length]!.request(requestFor(index));
        await response.body.dump();
        statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
      } catch (error) {
        const name = `error ${(error as Error).name}`;
        statuses[name] = (statuses[name] ?? 0) + 1;
      }
      latencies.push(performance.now() - sentAt);
    }
  }
  await Promise.all(Array.from({ length: CAPACITY_CALLERS }, caller));
  const seconds = (performance.now() - startedAt) / 1_000;
  return {
    callers: CAPACITY_CALLERS,
    perSecond: latencies.length / seconds,
    statuses,
    latency: summarize(latencies),
  };
}

const logDir = mkdtempSync(path.join(os.tmpdir(), "authdeck-bench-scale-"));
say(`logs in ${logDir}`);
const bench = await createBenchEnv(PORT, logDir);
const db = createDb({ databaseUrl: bench.database.url });
const sealer = benchSealer(bench.sealingKeys);
const tokens = await startTokenServer({ expiresIn: LIFETIME_MS / 1_000 });
const processes: Running[] = [];
const loadAtStart = os.loadavg();

try {
  const now = () => new Date();
  const userId = `bench-scale-${bench.id}`;
  await db.user.create({ data: { id: userId, name: "Bench", email: `${userId}@example.test` } });
  const team = await createTeam({ db, now }, { userId, name: "Scale bench" });
  const member = await resolveMember(db, userId, team.id);
  const { appId, profiles } = await seedProfiles(
    { db, sealer },
    {
      teamId: team.id,
      appName: "Scaled",
      count: PROFILES,
      tokenUrl: (i) => tokens.urlFor("ok", `/${i}/token`),
      autoRefresh: true,
    },
  );
  await seedTokenStates(
    { db, sealer },
    {
      teamId: team.id,
      profiles,
      lifetimeMs: LIFETIME_MS,
      leadMs: LIFETIME_MS * 0.2,
      firstDueInMs: 10_000,
    },
  );
  const { key } = await createApiKey({ db, now }, member, { name: "Scale bench", appIds: [appId] });

  const webPorts = [PORT, PORT + 1];
  webPorts.forEach((port, i) => {
    processes.push(startWeb(bench, port, `web-${i + 1}`));
  });
  const workers = [await startWorker(bench, "worker-1"), await startWorker(bench, "worker-2")];
  processes.push(...workers);
  for (const port of webPorts) await untilUp(`http://localhost:${port}/status`);
  say(`2 web processes (ports ${webPorts.join(", ")}) and 2 workers up; ${PROFILES} profiles`);
  const pools = webPorts.map((port) => new Pool(`http://127.0.0.1:${port}`, { connections: 128 }));
  // One unmeasured round so neither web process compiles its first answer inside the figures.
  for (const pool of pools)
    for (const profile of profiles.slice(0, 10))
      await pool
        .request({
          method: "GET",
          path: `/api/v1/apps/${appId}/profiles/${profile.id}/token`,
          headers: { authorization: `Bearer ${key}` },
        })
        .then((r) => r.body.dump());

  const capacity = await measureCapacity(pools, (index) => ({
    method: "GET",
    path: `/api/v1/apps/${appId}/profiles/${profiles[index % profiles.length]!.id}/token`,
    headers: { authorization: `Bearer ${key}` },
  }));
  say(
    `capacity: ${CAPACITY_CALLERS} callers one after another for ${CAPACITY_MS / 1_000} s: ` +
      `${capacity.perSecond.toFixed(1)} answers/s, statuses ${JSON.stringify(capacity.statuses)}, ` +
      `latency p50 ${capacity.latency.p50.toFixed(1)} ms, p99 ${capacity.latency.p99.toFixed(1)} ms`,
  );

  const fromSchedule: number[] = [];
  const fromSend: number[] = [];
  const statuses = new Map<string, number>();
  let expired = 0;
  let sent = 0;
  const count = (status: string) => statuses.set(status, (statuses.get(status) ?? 0) + 1);

  async function fire(index: number, scheduledAt: number) {
    const pool = pools[index % pools.length]!;
    const profile = profiles[index % profiles.length]!;
    const sentAt = performance.now();
    try {
      const response = await pool.request({
        method: "GET",
        path: `/api/v1/apps/${appId}/profiles/${profile.id}/token`,
        headers: { authorization: `Bearer ${key}` },
        signal: AbortSignal.timeout(
          Math.max(1, Math.ceil(scheduledAt + GIVE_UP_MS - performance.now())),
        ),
      });
      const body = await response.body.text();
      const answeredAt = Date.now();
      const done = performance.now();
      fromSchedule.push(done - scheduledAt);
      fromSend.push(done - sentAt);
      count(String(response.statusCode));
      if (response.statusCode === 200) {
        const answer = JSON.parse(body) as { expires_at: string };
        if (Date.parse(answer.expires_at) <= answeredAt) expired++;
      }
    } catch (error) {
      count(`error ${(error as Error).name}: ${(error as Error).message.slice(0, 60)}`);
    }
  }

  say(`${RATE} token API requests/s for ${DURATION_MS / 1_000} s over both web processes`);
  const pending: Promise<void>[] = [];
  const startedAt = performance.now();
  let killedAt: number | null = null;
  let restartedAt: number | null = null;
  let restarting: Promise<void> = Promise.resolve();
  while (performance.now() - startedAt < DURATION_MS) {
    const elapsed = performance.now() - startedAt;
    // Every request whose moment has come goes out now: the rate holds even when a tick is late.
    const due = Math.floor((elapsed / 1_000) * RATE);
    for (; sent < due; sent++) pending.push(fire(sent, startedAt + (sent / RATE) * 1_000));
    if (killedAt === null && elapsed >= KILL_AT_MS) {
      killedAt = elapsed;
      say(`SIGKILL worker-2 at ${(elapsed / 1_000).toFixed(1)} s`);
      workers[1]!.child.kill("SIGKILL");
    }
    if (killedAt !== null && restartedAt === null && elapsed >= RESTART_AT_MS) {
      restartedAt = elapsed;
      say(`starting worker-2 again at ${(elapsed / 1_000).toFixed(1)} s`);
      // Awaited only after the sending: its start-up (tsx) takes seconds.
      restarting = startWorker(bench, "worker-2-again").then((worker) => {
        processes.push(worker);
        say(`worker-2 started again at ${((performance.now() - startedAt) / 1_000).toFixed(1)} s`);
      });
    }
    await sleep(2);
  }
  await Promise.all(pending);
  await restarting;
  const seconds = (performance.now() - startedAt) / 1_000;
  const failedRefreshes = await db.testRun.count({
    where: { trigger: "refresh", status: { not: "succeeded" } },
  });
  say(`statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  if (fromSchedule.length === 0) throw new Error("no request was answered");
  const latency = summarize(fromSchedule);
  const service = summarize(fromSend);
  const result = {
    capacity,
    requests: sent,
    ratePerSecond: sent / seconds,
    statuses: Object.fromEntries(statuses),
    expiredTokensHandedOut: expired,
    latencyFromScheduleMs: latency,
    latencyFromSendMs: service,
    tokenRequestsAtProvider: tokens.requests.length,
    failedRefreshes,
    killedAtS: killedAt === null ? null : killedAt / 1_000,
    restartedAtS: restartedAt === null ? null : restartedAt / 1_000,
    loadAverage: { atStart: loadAtStart, atEnd: os.loadavg() },
    machine: describeMachine({
      postgres: version("psql", /\(PostgreSQL\) (\S+)/),
      redis: version("redis-server", /v=(\S+)/),
    }),
  };
  writeFileSync(path.join(logDir, "scale.json"), JSON.stringify(result, null, 2));
  const f = (n: number) => n.toFixed(1);
  say(`sent ${sent} in ${f(seconds)} s (${f(result.ratePerSecond)}/s)`);
  say(
    `latency from schedule p50 ${f(latency.p50)} ms, p99 ${f(latency.p99)} ms, max ${f(latency.max)} ms`,
  );
  say(
    `latency from send p50 ${f(service.p50)} ms, p99 ${f(service.p99)} ms, max ${f(service.max)} ms`,
  );
  say(`expired tokens handed out: ${expired}; refreshes not succeeded: ${failedRefreshes}`);
  say(
    `load average at start ${loadAtStart.map(f).join(" ")}, at end ${os.loadavg().map(f).join(" ")}`,
  );
  say(`figures in ${path.join(logDir, "scale.json")}`);
  await Promise.all(pools.map((pool) => pool.close()));
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await Promise.all(processes.map((p) => p.stop()));
  await tokens.close();
  const redis = createRedis(bench.env.REDIS_URL ?? "redis://127.0.0.1:6379", "producer");
  await untilReady(redis, 5_000);
  const keys = await redis.keys(`${bench.queuePrefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await db.$disconnect();
  await bench.database.drop();
}
