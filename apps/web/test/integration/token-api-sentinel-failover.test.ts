// @module-tag resilience
// @module-tag slow-fault
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createProfile as saveProfile } from "@authdeck/core/profiles";
import { createRedis, createTokenQueue } from "@authdeck/core/queue";
import { profileFieldsSchema } from "@authdeck/core/schemas";
import { resolveMember } from "@authdeck/core/teams";
import { startTest } from "@authdeck/core/test-runs";
import { startPrivateSentinel, startTokenServer, waitFor } from "@authdeck/test-support";
import { afterAll, describe, expect, it } from "vitest";
import { teamWithApp } from "../support/harness.ts";
import { useTokenApi } from "../support/token-api.ts";

// A master, two replicas and three sentinels; the web's token API (in-process, over its own
// dependencies) and a real worker process both find the master through the sentinels alone.
const sentinel = await startPrivateSentinel();
// Registered first so it runs last, after every connection to the set is closed.
afterAll(() => sentinel.close());
const sentinelEnv = {
  REDIS_SENTINELS: sentinel.sentinelList,
  REDIS_SENTINEL_MASTER: sentinel.masterName,
};
const { server, api } = await useTokenApi("sentinel_failover", sentinelEnv);

// Tokens live 10 s, so the token API asks for new ones during the run, the failover included;
// each is unique and its expiry is kept to check every token handed out.
const TOKEN_LIFETIME_S = 10;
const issued = new Map<string, number>();
const provider = await startTokenServer({
  delayMs: 150,
  script: () => {
    const token = `tok_${randomUUID()}`;
    issued.set(token, Date.now() + TOKEN_LIFETIME_S * 1_000);
    return {
      status: 200,
      headers: { "content-type": "application/json", "cache-control": "no-store" },
      body: JSON.stringify({ access_token: token, token_type: "Bearer", expires_in: 10 }),
    };
  },
});

// A worker process started with tsx, as `pnpm dev` does. Not spawnTsProcess of test-support:
// the web's type-check (Next's ProcessEnv) refuses that module's bare environment.
const workerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../worker");
const worker = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
  cwd: workerDir,
  env: {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    NODE_ENV: "test",
    ...sentinelEnv,
    // Required by the schema; the sentinels win over it, and nothing listens here.
    REDIS_URL: "redis://127.0.0.1:1",
    DATABASE_URL: process.env.DATABASE_URL ?? "",
    AUTHDECK_QUEUE_PREFIX: process.env.AUTHDECK_QUEUE_PREFIX ?? "",
    AUTHDECK_SEALING_KEYS: process.env.AUTHDECK_SEALING_KEYS ?? "",
    AUTHDECK_EGRESS_ALLOW: "127.0.0.0/8",
    LOG_LEVEL: "info",
  },
  stdio: ["ignore", "pipe", "pipe"],
});
let workerOutput = "";
worker.stdout.on("data", (chunk) => {
  workerOutput += chunk;
});
worker.stderr.on("data", (chunk) => {
  workerOutput += chunk;
});
const workerExited = new Promise((resolve) => worker.once("exit", resolve));

const producer = createRedis(
  { topology: "sentinel", sentinels: sentinel.sentinels, masterName: sentinel.masterName },
  "producer",
);
producer.on("error", () => {});
const queuePrefix = process.env.AUTHDECK_QUEUE_PREFIX ?? "";
const queue = createTokenQueue(producer, queuePrefix);
queue.on("error", () => {});

afterAll(async () => {
  worker.kill("SIGTERM");
  await workerExited;
  await queue.close().catch(() => {});
  producer.disconnect();
  await provider.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const FINAL = ["succeeded", "failed", "cancelled"] as const;

type Answer = { at: number; status: number; retryAfter: string | null; token?: string };

describe("the token API and the worker on Redis Sentinel", () => {
  it("ride out the master's death: every test ends once, answers are 200 or 503 with Retry-After, no token expired", async () => {
    await waitFor(() => workerOutput.includes('"worker started"'), 30_000);
    const { team, users, app, createKey } = await teamWithApp(server, "Sentinel");
    const member = await resolveMember(server.db, users.owner.id, team.id);
    const core = { db: server.db, sealer: server.sealer, now: () => new Date() };
    const profileOf = async (name: string, tokenRequestUrl: string) =>
      saveProfile(core, member, {
        appId: app.id,
        profile: profileFieldsSchema.parse({
          name,
          identityProviderName: "Test IdP",
          clientId: "sentinel-client",
          clientSecret: "sentinel-client-secret",
          tokenRequestUrl,
        }),
      });
    // Tests take 150 ms each at the provider, so the 200 are still running when the master dies.
    const tested = await profileOf("Tested", provider.urlFor("slow"));
    const served = await profileOf("Served", provider.urlFor("scripted"));
    const key = await createKey();

    // The token API's load: one GET after another until the failover is over and 3 s more.
    const answers: Answer[] = [];
    let loadRunning = true;
    const load = (async () => {
      while (loadRunning) {
        const response = await api.get({
          authorization: `Bearer ${key}`,
          appId: app.id,
          profileId: served.id,
        });
        const body = (await response.json()) as { access_token?: string };
        answers.push({
          at: Date.now(),
          status: response.status,
          retryAfter: response.headers.get("retry-after"),
          ...(body.access_token ? { token: body.access_token } : {}),
        });
        await sleep(20);
      }
    })();

    const deps = {
      db: server.db,
      now: () => new Date(),
      redis: producer,
      queuePrefix,
      queue,
      limits: { perUserPerMinute: 1_000, perTeamPerMinute: 1_000 },
    };
    const runIds: string[] = [];
    // Pressed 20 at a time, so all 200 are queued well before the worker is through them.
    while (runIds.length < 200) {
      const batch = await Promise.all(
        Array.from({ length: 20 }, () =>
          startTest(deps, member, { appId: app.id, profileId: tested.id }),
        ),
      );
      runIds.push(...batch.map((run) => run.runId));
    }
    const finalCount = () =>
      server.db.testRun.count({ where: { id: { in: runIds }, status: { in: [...FINAL] } } });
    await waitFor(async () => (await finalCount()) >= 20, 30_000);

    const killed = await sentinel.killMaster();
    const killedAt = Date.now();
    const finalAtKill = await finalCount();
    await sentinel.untilFailedOver(killed);
    const failedOverMs = Date.now() - killedAt;

    await waitFor(async () => (await finalCount()) === 200, 120_000);
    await sleep(3_000);
    loadRunning = false;
    await load;

    const runs = await server.db.testRun.findMany({
      where: { id: { in: runIds } },
      select: { status: true, finishedAt: true },
    });
    // The kill fell in the middle of the tests.
    expect(finalAtKill).toBeLessThan(200);
    // Every test has its one row with a final status and an end time.
    expect(runs).toHaveLength(200);
    for (const run of runs) {
      expect(FINAL).toContain(run.status);
      expect(run.finishedAt).not.toBeNull();
    }
    // The token API answered 200 with a token or 503 with Retry-After, nothing else.
    expect(answers.filter((a) => a.at > killedAt).length).toBeGreaterThan(0);
    for (const answer of answers) {
      if (answer.status === 503) expect(answer.retryAfter).toMatch(/^\d+$/);
      else expect(answer.status).toBe(200);
    }
    // Every token handed out was one the provider issued, and unexpired when it was handed out.
    for (const answer of answers.filter((a) => a.status === 200)) {
      const expiresAt = issued.get(answer.token ?? "");
      expect(expiresAt).toBeDefined();
      expect(expiresAt).toBeGreaterThan(answer.at);
    }
    // After the failover the token API served again.
    expect(answers.some((a) => a.at > killedAt + failedOverMs && a.status === 200)).toBe(true);
  }, 180_000);
});
