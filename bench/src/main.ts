import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "@authdeck/core/db";
import { createRedis, createTokenQueue } from "@authdeck/core/queue";
import {
  createSecretBlindRole,
  dropSecretBlindRole,
  SEEDED_CLIENT_SECRET,
  secretReadRefused,
  seedProfiles,
  seedTokenStates,
  startTokenServer,
} from "@authdeck/test-support";
import { launchBrowser, signUp, trpcMutation } from "./browser.ts";
import { readConfig } from "./config.ts";
import { describeMachine } from "./machine.ts";
import { firstLoadScriptBytes } from "./measure/first-load-js.ts";
import { measureList } from "./measure/profile-list.ts";
import { measureProxy, startResource } from "./measure/proxy-latency.ts";
import { measureProxySteps } from "./measure/proxy-steps.ts";
import { watchRefreshes } from "./measure/refresh-at-scale.ts";
import { measureFloor, measureTestPresses, serverSideTimes } from "./measure/test-latency.ts";
import { measureThroughput } from "./measure/worker-throughput.ts";
import { runQueuePercent, sampleProcess } from "./proc.ts";
import {
  createBenchEnv,
  ROOT,
  type Running,
  startProcess,
  startProxy,
  startWeb,
  startWorker,
  untilUp,
} from "./product.ts";
import { writeReport } from "./report.ts";
import { benchSealer } from "./seal.ts";
import { formatTable, kib, ms, type ResultRow } from "./table.ts";

const say = (message: string) => console.log(`\x1b[1m[bench]\x1b[0m ${message}`);

const config = readConfig();
const startedAt = new Date();
const loadAtStart = os.loadavg();
const logDir = mkdtempSync(path.join(os.tmpdir(), "authdeck-bench-"));
say(`logs in ${logDir}${config.partial ? " (a partial run: its report is written there)" : ""}`);

function build(label: string, args: string[], cwd: string) {
  say(`building ${label}`);
  const result = spawnSync("pnpm", args, { cwd, encoding: "utf8", env: process.env });
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error(`${label} build failed`);
  }
}
build("the product (pnpm build)", ["build"], ROOT);
build("the blank page", ["exec", "next", "build", "blank-page"], path.join(ROOT, "bench"));

const bench = await createBenchEnv(config.port, logDir);
const superUrl = process.env.BENCH_SUPERUSER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const blindRole = `authdeck_bench_list_${bench.id}`;
const db = createDb({ databaseUrl: bench.database.url });
const sealer = benchSealer(bench.sealingKeys);
const processes: Running[] = [];
const latencyServer = await startTokenServer({ accessToken: "bench-token" });
const refreshServer = await startTokenServer({ expiresIn: config.tokenLifetimeSeconds });
const rows: ResultRow[] = [];
const notes: string[] = [];
const row = (r: ResultRow) => {
  rows.push(r);
  say(`${r.measurement}: ${r.figure} ${r.value}${r.target ? ` (target ${r.target})` : ""}`);
};

try {
  const web = startWeb(bench);
  processes.push(web);
  const worker = await startWorker(bench, "worker", {
    ...(config.workerConcurrency ? { WORKER_CONCURRENCY: String(config.workerConcurrency) } : {}),
  });
  processes.push(worker);
  const blankPort = config.port + 1;
  // The proxy process services call (apps/proxy), on the port after the blank page's.
  const proxyPort = config.port + 2;
  processes.push(await startProxy(bench, proxyPort));
  processes.push(
    startProcess(bench, "blank-page", {
      cwd: "bench",
      args: ["node_modules/next/dist/bin/next", "start", "blank-page", "--port", String(blankPort)],
    }),
  );
  await untilUp(`${bench.baseUrl}/status`);
  await untilUp(`http://localhost:${blankPort}/`);

  const browser = await launchBrowser();
  const context = await browser.newContext();
  const page = await context.newPage();
  const teamId = await signUp(page, bench.baseUrl);
  const app = await trpcMutation<{ id: string }>(page, "app.create", { teamId, name: "Latency" });
  const profile = await trpcMutation<{ id: string }>(page, "profile.create", {
    teamId,
    appId: app.id,
    profile: {
      name: "Loopback",
      identityProviderName: "Bench token server",
      clientId: "bench-client",
      clientSecret: SEEDED_CLIENT_SECRET,
      tokenRequestUrl: latencyServer.urlFor("ok"),
      scopes: [{ key: "scope", value: "read" }],
      fields: [],
    },
  });
  const appUrl = `${bench.baseUrl}/t/${teamId}/apps/${app.id}`;

  if (config.only.has(1)) {
    say(`1. Test latency: ${config.testRuns} presses`);
    const before = [sampleProcess(web.child.pid!), sampleProcess(worker.child.pid!)];
    const presses = await measureTestPresses(page, {
      profilesUrl: `${appUrl}/profiles`,
      profileName: "Loopback",
      runs: config.testRuns,
    });
    const [webWait, workerWait] = [web, worker].map((p, i) =>
      runQueuePercent(before[i]!, sampleProcess(p.child.pid!)),
    );
    const server = await serverSideTimes(db, profile.id, config.testRuns);
    const floor = await measureFloor({
      url: latencyServer.urlFor("ok"),
      clientId: "bench-client",
      runs: config.floorRuns,
    });
    const m1 = "1 Test latency";
    row({
      measurement: m1,
      figure: "web / worker waiting for a CPU during the presses",
      value: `${webWait!.toFixed(0)} % / ${workerWait!.toFixed(0)} % of the time`,
      target: "",
      met: null,
    });
    row({
      measurement: m1,
      figure: "press → verdict p50",
      value: ms(presses.p50),
      target: "≤ 50 ms",
      met: presses.p50 <= 50,
    });
    row({
      measurement: m1,
      figure: "press → verdict p95",
      value: ms(presses.p95),
      target: "≤ 100 ms",
      met: presses.p95 <= 100,
    });
    row({
      measurement: m1,
      figure: "the start call's round trip p50 / p95 (presses that opened a live stream)",
      value: `${ms(presses.startCall.p50)} / ${ms(presses.startCall.p95)} (${presses.streamed} of ${config.testRuns})`,
      target: "",
      met: null,
    });
    row({
      measurement: m1,
      figure: "enqueue → run saved p50",
      value: ms(server.p50),
      target: "",
      met: null,
    });
    row({
      measurement: m1,
      figure: "enqueue → run saved p95",
      value: ms(server.p95),
      target: "≤ 15 ms",
      met: server.p95 <= 15,
    });
    row({
      measurement: m1,
      figure: "floor (direct undici POST) p50 / p95",
      value: `${ms(floor.p50)} / ${ms(floor.p95)}`,
      target: "about 1 ms",
      met: null,
    });
    row({
      measurement: m1,
      figure: "press → verdict p50 above the floor's p50",
      value: ms(presses.p50 - floor.p50),
      target: "≤ 40 ms",
      met: presses.p50 - floor.p50 <= 40,
    });
    row({
      measurement: m1,
      figure: "press p50 / floor p50; saved p50 / floor p50",
      value: `${(presses.p50 / floor.p50).toFixed(0)}x; ${(server.p50 / floor.p50).toFixed(0)}x`,
      target: "",
      met: null,
    });
  }
  if (config.only.has(5)) {
    say("5. First-load JavaScript");
    const storageState = await context.storageState();
    const blank = await firstLoadScriptBytes(browser, `http://localhost:${blankPort}/`);
    const m5 = "5 First-load JS";
    row({
      measurement: m5,
      figure: "blank Next.js page (floor)",
      value: `${kib(blank.bytes)} (${blank.scripts} scripts)`,
      target: "",
      met: null,
    });
    const pages: Array<[string, string]> = [
      ["apps", `/t/${teamId}`],
      ["members", `/t/${teamId}/members`],
      ["audit log", `/t/${teamId}/audit`],
      ["API keys", `/t/${teamId}/api-keys`],
      ["profiles", `/t/${teamId}/apps/${app.id}/profiles`],
      ["profile", `/t/${teamId}/apps/${app.id}/profiles/${profile.id}`],
      ["tokens", `/t/${teamId}/apps/${app.id}/tokens`],
      ["app settings", `/t/${teamId}/apps/${app.id}/general`],
    ];
    for (const [name, url] of pages) {
      const loaded = await firstLoadScriptBytes(browser, `${bench.baseUrl}${url}`, storageState);
      const above = loaded.bytes - blank.bytes;
      row({
        measurement: m5,
        figure: `${name} page above blank`,
        value: `${kib(above)} (total ${kib(loaded.bytes)})`,
        target: "≤ 60 KiB",
        met: above <= 60 * 1024,
      });
    }
  }
  if (config.only.has(6)) {
    say(
      `6. Proxy: ${config.proxyLatencyRuns} GETs each way, ${config.proxyRequests} at concurrency ${config.proxyConcurrency}`,
    );
    const resource = await startResource();
    try {
      const proxyApp = await trpcMutation<{ id: string }>(page, "app.create", {
        teamId,
        name: "Proxy",
      });
      const proxyProfile = await trpcMutation<{ id: string }>(page, "profile.create", {
        teamId,
        appId: proxyApp.id,
        profile: {
          name: "Proxied API",
          identityProviderName: "Bench token server",
          clientId: "bench-client",
          clientSecret: SEEDED_CLIENT_SECRET,
          tokenRequestUrl: latencyServer.urlFor("ok", "/proxy/token"),
          apiBaseUrl: resource.url,
          fields: [],
        },
      });
      const { key } = await trpcMutation<{ key: string }>(page, "apiKey.create", {
        teamId,
        name: "Bench proxy",
        appIds: [proxyApp.id],
      });
      const profilePath = `/api/v1/apps/${proxyApp.id}/profiles/${proxyProfile.id}`;
      const profileUrl = `${bench.baseUrl}${profilePath}`;
      const proxy = await measureProxy({
        directUrl: `${resource.url}/resource`,
        proxiedUrl: `http://127.0.0.1:${proxyPort}${profilePath}/proxy/resource`,
        routeUrl: `${profileUrl}/proxy/resource`,
        tokenApiUrl: `${profileUrl}/token`,
        apiKey: key,
        latencyRuns: config.proxyLatencyRuns,
        concurrency: config.proxyConcurrency,
        throughputRequests: config.proxyRequests,
      });
      const m6 = "6 Proxy (1 KiB GET)";
      row({
        measurement: m6,
        figure: "direct GET p50 / p99 (floor)",
        value: `${ms(proxy.direct.p50)} / ${ms(proxy.direct.p99)}`,
        target: "",
        met: null,
      });
      row({
        measurement: m6,
        figure: "proxied GET p50 / p99 (the proxy process, apps/proxy)",
        value: `${ms(proxy.proxied.p50)} / ${ms(proxy.proxied.p99)}`,
        target: "",
        met: null,
      });
      row({
        measurement: m6,
        figure: "proxied GET p50 / p99 through the web's route (the same code in Next.js)",
        value: `${ms(proxy.route.p50)} / ${ms(proxy.route.p99)}`,
        target: "",
        met: null,
      });
      row({
        measurement: m6,
        figure: "token API GET p50 / p99 (the proxy's work before the API call)",
        value: `${ms(proxy.tokenApi.p50)} / ${ms(proxy.tokenApi.p99)}`,
        target: "",
        met: null,
      });
      row({
        measurement: m6,
        figure: "added by the proxy p50",
        value: ms(proxy.added.p50),
        target: "≤ 2 ms",
        met: proxy.added.p50 <= 2,
      });
      row({
        measurement: m6,
        figure: "added by the proxy p99",
        value: ms(proxy.added.p99),
        target: "≤ 10 ms",
        met: proxy.added.p99 <= 10,
      });
      const t = proxy.throughput;
      row({
        measurement: m6,
        figure: `proxied requests/s at concurrency ${t.concurrency}`,
        value: `${t.perSecond.toFixed(0)} /s (${t.requests} in ${t.seconds.toFixed(1)} s)`,
        target: "≥ 1,500 /s",
        met: t.perSecond >= 1_500,
      });
      // Where the time goes: the route's steps, each timed on its own.
      const redis = createRedis(bench.env.REDIS_URL ?? "redis://127.0.0.1:6379", "producer");
      try {
        const steps = await measureProxySteps(
          { db, redis, queuePrefix: bench.queuePrefix, sealer },
          {
            apiKey: key,
            appId: proxyApp.id,
            profileId: proxyProfile.id,
            runs: config.proxyStepRuns,
            concurrency: config.proxyConcurrency,
          },
        );
        for (const s of steps) {
          row({
            measurement: m6,
            figure: `step: ${s.step}, p50 / p99 alone; per second at ${config.proxyConcurrency}`,
            value: `${ms(s.alone.p50)} / ${ms(s.alone.p99)}; ${s.perSecondAt.toFixed(0)} /s`,
            target: "",
            met: null,
          });
        }
      } finally {
        redis.disconnect();
      }
    } finally {
      await resource.close();
    }
  }
  await browser.close();

  if (config.only.has(3)) {
    say("3. Worker throughput");
    const throughputProfiles = await seedProfiles(
      { db, sealer },
      {
        teamId,
        appName: "Throughput",
        count: 100,
        tokenUrl: (i) => latencyServer.urlFor("ok", `/t${i}/token`),
        autoRefresh: false,
      },
    );
    for (const { concurrency, tests } of config.throughput) {
      const result = await measureThroughput(bench, db, {
        teamId,
        profiles: throughputProfiles.profiles,
        concurrency,
        tests,
      });
      row({
        measurement: "3 Worker throughput",
        figure: `tests/s at concurrency ${concurrency}`,
        value: `${result.testsPerSecond.toFixed(0)} /s (${tests} in ${result.seconds.toFixed(1)} s${result.failed ? `, ${result.failed} failed` : ""}; worker CPU ${ms(result.cpuMsPerTest)} per test)`,
        target: concurrency === 50 ? "≥ 1,000 /s" : "",
        met: concurrency === 50 ? result.testsPerSecond >= 1_000 : null,
      });
    }
  }
  const lifetimeMs = config.tokenLifetimeSeconds * 1000;
  const scale = await seedProfiles(
    { db, sealer },
    {
      teamId,
      appName: "Refresh at scale",
      count: config.profiles,
      tokenUrl: (i) => refreshServer.urlFor("ok", `/${i}/token`),
      autoRefresh: true,
    },
  );
  // Bulk-loaded rows have no planner statistics until autovacuum gets to them; a deployment's
  // have. Without this a list measured right after seeding runs on guessed row counts.
  await db.$executeRaw`ANALYZE`;
  if (config.only.has(2)) {
    say(
      `2. Refresh at scale: ${config.profiles} profiles, ${config.lifetimes} lifetimes of ${config.tokenLifetimeSeconds} s`,
    );
    // The refresh plan's lead for short tokens: a fifth of the lifetime.
    await seedTokenStates(
      { db, sealer },
      {
        teamId,
        profiles: scale.profiles,
        lifetimeMs,
        leadMs: lifetimeMs * 0.2,
        firstDueInMs: 5_000,
      },
    );
    const refresh = await watchRefreshes(db, {
      appId: scale.appId,
      durationMs: config.lifetimes * lifetimeMs,
      lifetimeMs,
      workerPid: worker.child.pid!,
      tokenRequests: refreshServer.requests,
    });
    const m2 = "2 Refresh at scale";
    row({
      measurement: m2,
      figure: "refreshes observed",
      value: `${refresh.refreshes} (${refresh.failedRefreshes} failed)`,
      target: "",
      met: null,
    });
    row({
      measurement: m2,
      figure: "lateness vs due time p50",
      value: ms(refresh.lateness.p50),
      target: "",
      met: null,
    });
    row({
      measurement: m2,
      figure: "lateness vs due time p99",
      value: ms(refresh.lateness.p99),
      target: "≤ 1 s",
      met: refresh.lateness.p99 <= 1_000,
    });
    const expiredUses = refresh.expiredGaps + refresh.expiredAtSamples;
    row({
      measurement: m2,
      figure: "uses of an expired token",
      value: `${expiredUses} (${refresh.expiredGaps} late refreshes, ${refresh.expiredAtSamples} in ${refresh.samples} samples)`,
      target: "0",
      met: expiredUses === 0,
    });
    // No token whose lifetime ended within the watch proves nothing either way.
    const perLifetime = refresh.requestsPerLifetime;
    row({
      measurement: m2,
      figure: "token requests per token lifetime, max (mean)",
      value:
        perLifetime.tokens === 0
          ? "NOT PROVEN: no token's lifetime ended within the watch"
          : `${perLifetime.max} (${perLifetime.mean.toFixed(3)} over ${perLifetime.tokens} tokens)`,
      target: "≤ 1",
      met: perLifetime.tokens > 0 && perLifetime.max <= 1,
    });
    row({
      measurement: m2,
      figure: "worker CPU (share of one core)",
      value: `${refresh.cpuPercent.toFixed(0)} % (waited for a CPU ${refresh.runQueuePercent.toFixed(0)} % of the time; ${ms(refresh.cpuMsPerRefresh)} per refresh)`,
      target: "",
      met: null,
    });
    row({
      measurement: m2,
      figure: "worker memory RSS / peak (VmHWM)",
      value: `${(refresh.rssBytes / 2 ** 20).toFixed(0)} / ${(refresh.hwmBytes / 2 ** 20).toFixed(0)} MiB`,
      target: "",
      met: null,
    });
  }
  // The list is measured on a quiet database: no refreshes writing meanwhile.
  await worker.stop();
  if (config.only.has(4)) {
    say(`4. Profile list: ${config.listClients} clients`);
    // Without a role that may create roles, the list is still measured (as the owner) and the
    // proof row says why it is missing.
    const blind = await createSecretBlindRole({
      superUrl,
      ownerUrl: bench.database.url,
      role: blindRole,
    }).then(
      (url) => ({ url, problem: null }),
      (error: Error) => ({ url: bench.database.url, problem: error.message }),
    );
    const blindUrl = blind.url;
    const refused = blind.problem === null && (await secretReadRefused(blindUrl));
    // One client alone first: the cost of a call without waiting for the others.
    const alone = await measureList({
      blindUrl,
      teamId,
      appId: scale.appId,
      clients: 1,
      requests: config.listRequestsPerClient * 2,
    });
    const listBefore = sampleProcess(process.pid);
    const list = await measureList({
      blindUrl,
      teamId,
      appId: scale.appId,
      clients: config.listClients,
      requests: config.listRequestsPerClient,
    });
    const listWait = runQueuePercent(listBefore, sampleProcess(process.pid));
    const m4 = `4 Profile list (${config.profiles})`;
    row({
      measurement: m4,
      figure: "the calling process waiting for a CPU",
      value: `${listWait.toFixed(0)} % of the time`,
      target: "",
      met: null,
    });
    row({
      measurement: m4,
      figure: "page of 50, one client alone p50 / p95 (bench CPU per call)",
      value: `${ms(alone.p50)} / ${ms(alone.p95)} (${ms(alone.cpuMsPerCall)})`,
      target: "",
      met: null,
    });
    row({
      measurement: m4,
      figure: `page of 50, ${config.listClients} clients p50 (bench CPU per call)`,
      value: `${ms(list.p50)} (${ms(list.cpuMsPerCall)})`,
      target: "",
      met: null,
    });
    row({
      measurement: m4,
      figure: `page of 50, ${config.listClients} clients p95`,
      value: ms(list.p95),
      target: "≤ 50 ms",
      met: list.p95 <= 50,
    });
    row({
      measurement: m4,
      figure: "opens no secret",
      value: refused
        ? `all ${alone.count + list.count} lists ran as a role that cannot read sealed columns`
        : blind.problem
          ? `NOT PROVEN: no role could be created (${blind.problem}); set BENCH_SUPERUSER_URL`
          : "NOT PROVEN: the control read a sealed column",
      target: "no secret read",
      met: refused,
    });
  }
} finally {
  for (const running of processes.reverse()) await running.stop();
  await latencyServer.close();
  await refreshServer.close();
  const redis = createRedis(bench.env.REDIS_URL ?? "redis://127.0.0.1:6379", "worker");
  for (const prefix of [
    bench.queuePrefix,
    ...config.throughput.map((t) => `${bench.queuePrefix}-tp${t.concurrency}`),
  ]) {
    const queue = createTokenQueue(redis, prefix);
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
  }
  redis.disconnect();
  await db.$disconnect();
  await bench.database.drop();
  await dropSecretBlindRole({ superUrl, role: blindRole }).catch(() => {});
}

const versions = {
  postgres:
    /\(PostgreSQL\) (\S+)/.exec(execFileSync("psql", ["--version"], { encoding: "utf8" }))?.[1] ??
    "unknown",
  redis:
    /v=(\S+)/.exec(execFileSync("redis-server", ["--version"], { encoding: "utf8" }))?.[1] ??
    "unknown",
};
// The machine is shared: what else ran shows in the load average (2 cores: 2.0 is full).
const load = (l: number[]) => l.map((n) => n.toFixed(1)).join(" / ");
notes.push(
  `Load average (1 / 5 / 15 min) at start ${load(loadAtStart)}, at end ${load(os.loadavg())}.`,
);
const table = formatTable(rows);
console.log(`\n${table}\n`);
// Only every measurement at the issue's sizes speaks for the project.
const file = config.partial
  ? path.join(logDir, "performance.md")
  : path.join(ROOT, "docs/performance.md");
writeReport(file, { machine: describeMachine(versions), config, table, notes, startedAt });
say(`wrote ${file}`);
