import "server-only";
import type { ProxyLimits } from "@authdeck/core/api-calls";
import { mailSettingsOf, proxyLimitsOf, redisTargetOf } from "@authdeck/core/config";
import { createSealer, type Sealer } from "@authdeck/core/crypto";
import { createDb, type Db } from "@authdeck/core/db";
import { createLogger, type Logger } from "@authdeck/core/logging";
import {
  createRedis,
  createTokenQueue,
  type RedisClient,
  type TokenQueue,
} from "@authdeck/core/queue";
import { type WebEnv, webEnv } from "~/env.ts";

export type ServerDeps = {
  db: Db;
  redis: RedisClient;
  queuePrefix: string;
  now: () => Date;
  log: Logger;
  sealer: Sealer;
  queue: TokenQueue;
  limits: {
    perUserPerMinute: number;
    perTeamPerMinute: number;
    apiPerKeyPerMinute: number;
    /** Token API calls this process works on at once (token-api/in-flight.ts). */
    tokenApiMaxInFlight: number;
    /** Calls through the proxy one API key may make a minute. */
    proxyPerKeyPerMinute: number;
    /** Live streams one session may hold open on this web process. */
    liveStreamsPerSession: number;
    /** How long a live stream lasts before the client reconnects (and is checked again). */
    liveStreamLifetimeMs: number;
    /** How long Test's start call waits for the verdict before the page follows the run live. */
    testVerdictWaitMs: number;
  };
  /** What a team's egress allowlist may open (the operator's AUTHDECK_EGRESS_TEAM_MAY_ALLOW). */
  egressTeamMayAllow: readonly string[];
  /** What every team's outgoing requests may reach beyond public addresses (AUTHDECK_EGRESS_ALLOW). */
  egressAllow: readonly string[];
  proxyLimits: ProxyLimits;
  /** Where email channels may send (SMTP_RECIPIENT_DOMAINS); null: email is not set up. */
  emailDomains: readonly string[] | null;
};

/**
 * Most providers answer well within this: their verdict then comes with the start call. A
 * slower one shows "Sending…" this much later, streamed from there on.
 */
const TEST_VERDICT_WAIT_MS = 500;

// One set per process; kept on globalThis so dev-mode reloads do not open new pools each time.
const holder = globalThis as typeof globalThis & { authdeckDeps?: ServerDeps };

/** The Next.js routes' dependencies: one set per process, made at the first call. */
export function serverDeps(): ServerDeps {
  holder.authdeckDeps ??= createServerDeps(webEnv());
  return holder.authdeckDeps;
}

/**
 * A set of the web's dependencies over `env`: the routes' (serverDeps) and, apart from them,
 * the token API's in src/main.ts. The two never share objects: each is built from its own copy
 * of the code (Next's bundle, build.ts's), and a Prisma error made by one copy is not an
 * instance of the other copy's class.
 */
export function createServerDeps(env: WebEnv): ServerDeps {
  const redis = createRedis(redisTargetOf(env), "producer");
  // A producer connection that is down must not crash the process; calls fail fast instead.
  redis.on("error", () => {});
  return {
    db: createDb({ databaseUrl: env.DATABASE_URL }),
    redis,
    queuePrefix: env.AUTHDECK_QUEUE_PREFIX,
    now: () => new Date(),
    log: createLogger({ name: "web", level: env.LOG_LEVEL }),
    sealer: createSealer(env.AUTHDECK_SEALING_KEYS),
    queue: createTokenQueue(redis, env.AUTHDECK_QUEUE_PREFIX),
    limits: {
      perUserPerMinute: env.TEST_RATE_LIMIT_PER_USER,
      perTeamPerMinute: env.TEST_RATE_LIMIT_PER_TEAM,
      apiPerKeyPerMinute: env.TOKEN_API_RATE_LIMIT_PER_KEY,
      tokenApiMaxInFlight: env.TOKEN_API_MAX_IN_FLIGHT,
      proxyPerKeyPerMinute: env.API_PROXY_RATE_LIMIT_PER_KEY,
      liveStreamsPerSession: env.LIVE_STREAMS_PER_SESSION,
      liveStreamLifetimeMs: env.LIVE_STREAM_MAX_SECONDS * 1_000,
      testVerdictWaitMs: TEST_VERDICT_WAIT_MS,
    },
    egressTeamMayAllow: env.AUTHDECK_EGRESS_TEAM_MAY_ALLOW,
    egressAllow: env.AUTHDECK_EGRESS_ALLOW,
    proxyLimits: proxyLimitsOf(env),
    emailDomains: mailSettingsOf(env)?.recipientDomains ?? null,
  };
}
