import { randomUUID } from "node:crypto";
import { DEFAULT_PROXY_LIMITS } from "@authdeck/core/api-calls";
import { parseKeyRing } from "@authdeck/core/config";
import { createSealer } from "@authdeck/core/crypto";
import { createDb, type Db } from "@authdeck/core/db";
import { createLogger } from "@authdeck/core/logging";
import { createRedis, createTokenQueue, untilReady } from "@authdeck/core/queue";
import { createTeam, ROLES, type Role } from "@authdeck/core/teams";
import {
  createTestDatabase,
  DEFAULT_DATABASE_URL,
  deleteKeysOfPrefix,
  testRedisEnv,
  testRedisTarget,
  uniqueQueuePrefix,
} from "@authdeck/test-support";
import { TRPCError } from "@trpc/server";
import type { AppRouter } from "~/server/root.ts";
import type { Context } from "~/server/trpc.ts";

const servers = {
  databaseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  redis: testRedisTarget(),
};

export const baseUrl = "http://localhost:3000";

export type SignedInUser = { id: string; name: string; email: string };

/** How a call ended, in the terms a test compares: the tRPC code and message, or the data. */
export type Outcome =
  | { ok: true; data: unknown }
  | { ok: false; code: TRPCError["code"]; message: string; cause: unknown };

/**
 * The web server's tRPC router over a database and Redis prefix of this test file's own, called
 * in-process with a context built the way `createContext` builds it, from the person's session
 * row rather than a cookie.
 */
export async function startServer(label: string) {
  const database = await createTestDatabase({ baseUrl: servers.databaseUrl, label });
  const queuePrefix = uniqueQueuePrefix(label);
  // Anything that reads webEnv() must find this run's servers, never the real database.
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_DIRECT_URL = database.directUrl;
  Object.assign(process.env, testRedisEnv());
  const sealingKeys = `k1:${Buffer.alloc(32, 1).toString("base64")}`;
  process.env.AUTHDECK_SEALING_KEYS = sealingKeys;
  process.env.AUTHDECK_QUEUE_PREFIX = queuePrefix;
  process.env.AUTHDECK_BASE_URL = baseUrl;
  const [{ appRouter }, { createCallerFactory }, { trustedOrigins }] = await Promise.all([
    import("~/server/root.ts"),
    import("~/server/trpc.ts"),
    import("~/server/origins.ts"),
  ]);

  const db = createDb({ databaseUrl: database.url, poolSize: 4 });
  const redis = createRedis(servers.redis, "producer");
  await untilReady(redis, 5_000);
  const logLines: string[] = [];
  const log = createLogger({
    name: "web-test",
    level: "info",
    destination: { write: (line: string) => void logLines.push(line) },
  });
  const keyRing = parseKeyRing(sealingKeys);
  if (!keyRing.ok) throw new Error(`test sealing key: ${keyRing.error}`);
  const sealer = createSealer(keyRing.keyRing);
  const queue = createTokenQueue(redis, queuePrefix);
  // High enough that no test trips them; each limit has tests of its own, which may change them.
  const limits = {
    perUserPerMinute: 1_000,
    perTeamPerMinute: 1_000,
    apiPerKeyPerMinute: 1_000,
    tokenApiMaxInFlight: 200,
    proxyPerKeyPerMinute: 1_000,
    liveStreamsPerSession: 1_000,
    liveStreamLifetimeMs: 3_600_000,
    // No worker runs here: a start call answers at once, without its verdict.
    testVerdictWaitMs: 0,
  };
  const createCaller = createCallerFactory(appRouter);
  const origins = trustedOrigins(baseUrl);

  const context = (user: SignedInUser | null, origin: string | null): Context => ({
    db,
    redis,
    queuePrefix,
    now: () => new Date(),
    log,
    sealer,
    queue,
    limits,
    // The samples and the audit trail save rules within these.
    egressTeamMayAllow: ["10.0.0.0/8", "idp.internal"],
    egressAllow: [],
    proxyLimits: DEFAULT_PROXY_LIMITS,
    // The samples add an email channel too.
    emailDomains: ["example.com"],
    headers: new Headers(origin === null ? {} : { origin }),
    user,
    sessionId: user ? sessionIdOf(user) : null,
    trustedOrigins: origins,
  });

  /** A caller for one person (null: signed out), sending `origin` as a browser would. */
  const callerFor = (user: SignedInUser | null, origin: string | null = baseUrl) =>
    createCaller(context(user, origin));

  /**
   * Calls a procedure by its dotted path, e.g. "team.create". A subscription is closed as a
   * browser that navigates away would close it: at once once opened ("opened": access checks
   * are done, nothing streamed yet), or after its first value ("first").
   */
  const call = async (
    user: SignedInUser | null,
    path: string,
    input: unknown,
    origin: string | null = baseUrl,
    stream: "first" | "opened" = "first",
  ): Promise<Outcome> => {
    const stop = new AbortController();
    let node: unknown = createCaller(context(user, origin), { signal: stop.signal });
    for (const key of path.split(".")) node = (node as Record<string, unknown>)[key];
    try {
      return await outcomeOf(
        (async () => {
          const result = await (node as (input: unknown) => Promise<unknown>)(input);
          if (!isAsyncIterable(result)) return result;
          const iterator = result[Symbol.asyncIterator]();
          try {
            return stream === "first" ? (await iterator.next()).value : "opened";
          } finally {
            stop.abort();
            await iterator.return?.();
          }
        })(),
      );
    } finally {
      stop.abort();
    }
  };

  const close = async () => {
    await queue.close();
    await deleteKeysOfPrefix(redis, queuePrefix);
    redis.disconnect();
    await db.$disconnect();
    await database.drop();
  };

  return { appRouter, db, sealer, limits, context, callerFor, call, logLines, close };
}

export type Server = Awaited<ReturnType<typeof startServer>>;

export async function outcomeOf(call: Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, data: await call };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { ok: false, code: error.code, message: error.message, cause: error.cause };
  }
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === "object" && value !== null && Symbol.asyncIterator in value;

/** The id of the one session each test person is signed in with (see `createUser`). */
export const sessionIdOf = (user: SignedInUser) => `session_${user.id}`;

/**
 * A person as better-auth would have stored them, signed in with one session: the rows are all
 * the tests need. Deleting the session is what signing out does.
 */
export async function createUser(db: Db, name: string): Promise<SignedInUser> {
  const id = `user_${randomUUID()}`;
  const user = await db.user.create({
    data: { id, name, email: `${id}@example.test` },
    select: { id: true, name: true, email: true },
  });
  await db.session.create({
    data: {
      id: sessionIdOf(user),
      token: randomUUID(),
      userId: id,
      expiresAt: new Date(Date.now() + 7 * 24 * 3_600_000),
    },
  });
  return user;
}

/** A team with one person in each role, made through core as the router would make it. */
export async function createTeamWithMembers(db: Db, name: string) {
  const users = {} as Record<Role, SignedInUser>;
  for (const role of ROLES) users[role] = await createUser(db, `${name} ${role}`);
  const team = await createTeam({ db, now: () => new Date() }, { userId: users.owner.id, name });
  for (const role of ROLES.filter((r) => r !== "owner")) {
    await db.membership.create({ data: { teamId: team.id, userId: users[role].id, role } });
  }
  return { team, users };
}

/**
 * What a token API test starts from: a team with one person per role, an app of the same name
 * made by its owner, and ways to make profiles and API keys in that app as the owner.
 */
export async function teamWithApp(server: Server, name: string) {
  const { team, users } = await createTeamWithMembers(server.db, name);
  const owner = server.callerFor(users.owner);
  const app = await owner.app.create({ teamId: team.id, name });
  const createKey = async (keyName = "Svc") =>
    (await owner.apiKey.create({ teamId: team.id, name: keyName, appIds: [app.id] })).key;
  type NewProfile = Parameters<typeof owner.profile.create>[0]["profile"];
  const createProfile = (profile: NewProfile) =>
    owner.profile.create({ teamId: team.id, appId: app.id, profile });
  return { team, users, owner, app, createKey, createProfile };
}

export type Procedure = {
  type: "query" | "mutation" | "subscription";
  meta: unknown;
  /** The schema given to `.output()`, if any. */
  output: unknown;
};

/** Every procedure of the router by dotted path, as tRPC itself flattens them. */
export function proceduresOf(router: AppRouter): Record<string, Procedure> {
  const flat = router._def.procedures as unknown as Record<
    string,
    { _def: { type: Procedure["type"]; meta?: unknown; output?: unknown } }
  >;
  return Object.fromEntries(
    Object.entries(flat).map(([path, procedure]) => [
      path,
      { type: procedure._def.type, meta: procedure._def.meta, output: procedure._def.output },
    ]),
  );
}
