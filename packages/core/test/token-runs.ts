import {
  openTestDb,
  openTestQueue,
  startTokenServer,
  type TokenServer,
  type TokenServerOptions,
} from "@authdeck/test-support";
import { afterAll, afterEach, beforeAll } from "vitest";
import { createApp } from "../src/apps/index.ts";
import { parseKeyRing } from "../src/config/key-ring.ts";
import { createSealer, type Sealer } from "../src/crypto/index.ts";
import type { Db } from "../src/db/index.ts";
import type { SendLimits } from "../src/http/index.ts";
import { createProfile } from "../src/profiles/index.ts";
import type { RedisClient, TokenEvent, TokenQueue } from "../src/queue/index.ts";
import { type ProfileFieldsInput, profileFieldsSchema } from "../src/schemas/profile.ts";
import type { Member } from "../src/teams/index.ts";
import { type RunnerDeps, runTokenTest, startTest, type TestDeps } from "../src/test-runs/index.ts";
import { ensureTokenState, type RefresherDeps, refreshTokenState } from "../src/tokens/index.ts";
import { createTeamWithMembers } from "./fixtures.ts";

/** Small enough that a hang fails the test in well under a second per attempt. */
export const QUICK_LIMITS: SendLimits = {
  connectMs: 1_000,
  headersMs: 1_000,
  bodyMs: 1_000,
  totalMs: 3_000,
  maxBodyBytes: 1024 * 1024,
};

export type TokenRunKit = {
  db: Db;
  sealer: Sealer;
  redis: RedisClient;
  queue: TokenQueue;
  queuePrefix: string;
  close: () => Promise<void>;
};

/** A database, a sealer and a real queue (with no worker on it) of the test file's own. */
export async function openTokenRunKit(label: string): Promise<TokenRunKit> {
  const opened = await openTestDb(label);
  const keyRing = parseKeyRing(`k1:${Buffer.alloc(32, 7).toString("base64")}`);
  if (!keyRing.ok) throw new Error(keyRing.error);
  const { redis, queue, prefix: queuePrefix, close } = openTestQueue(label);
  return {
    db: opened.db,
    sealer: createSealer(keyRing.keyRing),
    redis,
    queue,
    queuePrefix,
    close: async () => {
      await close();
      await opened.close();
    },
  };
}

export type TokenRunFile = {
  /** A recording token server for the test that starts it, closed after that test. */
  serve: (options?: TokenServerOptions) => Promise<TokenServer>;
  /** Anything else a test starts, closed after that test. */
  servers: Array<Pick<TokenServer, "close">>;
};

/**
 * The file's kit, opened before its first test and closed after its last: the object is
 * returned at once and filled in then, so tests use it as a kit. `opened` may start token
 * servers every test of the file shares with `serveForFile`.
 */
export function useTokenRunKit(
  label: string,
  opened?: (serveForFile: (options?: TokenServerOptions) => Promise<TokenServer>) => Promise<void>,
): TokenRunKit & TokenRunFile {
  const servers: Array<Pick<TokenServer, "close">> = [];
  const fileServers: TokenServer[] = [];
  const start = async (list: Array<Pick<TokenServer, "close">>, options?: TokenServerOptions) => {
    const server = await startTokenServer(options);
    list.push(server);
    return server;
  };
  const file = { serve: (options) => start(servers, options), servers } as TokenRunKit &
    TokenRunFile;
  let kit: TokenRunKit | undefined;
  beforeAll(async () => {
    kit = await openTokenRunKit(label);
    Object.assign(file, kit);
    await opened?.((options) => start(fileServers, options));
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  afterAll(async () => {
    await Promise.all(fileServers.splice(0).map((server) => server.close()));
    await kit?.close();
  });
  return file;
}

/** A profile the recording token server accepts (client-1, any secret) at the URL it is given. */
export const recorderProfile =
  (name: string, clientSecret: string) =>
  (tokenRequestUrl: string): ProfileFieldsInput => ({
    name,
    identityProviderName: "Recorder",
    clientId: "client-1",
    clientSecret,
    tokenRequestUrl,
  });

export type SavedProfile = { member: Member; appId: string; profileId: string; teamId: string };

/** A team, an app and one profile in it, made through the use-cases as the UI would. */
export async function saveProfile(
  kit: TokenRunKit,
  profile: ProfileFieldsInput,
): Promise<SavedProfile> {
  const deps = { db: kit.db, sealer: kit.sealer, now: () => new Date() };
  const team = await createTeamWithMembers(deps, `Team ${Math.random().toString(36).slice(2)}`);
  const editor = await team.as("editor");
  const app = await createApp(deps, await team.as("admin"), { name: "assistant" });
  const created = await createProfile(deps, editor, {
    appId: app.id,
    profile: profileFieldsSchema.parse(profile),
  });
  return { member: editor, appId: app.id, profileId: created.id, teamId: team.team.id };
}

/**
 * What queuing work for the worker (a Test, a console call) needs of the kit, as the web passes
 * it; the limits are high enough that no test meets them unless it says so.
 */
export const queuingDeps = (
  kit: TokenRunKit,
  limits: TestDeps["limits"] = { perUserPerMinute: 1_000, perTeamPerMinute: 1_000 },
  now: () => Date = () => new Date(),
): TestDeps => ({
  db: kit.db,
  now,
  redis: kit.redis,
  queuePrefix: kit.queuePrefix,
  queue: kit.queue,
  limits,
});

/** Queues a run as the Test button does: a run row and a job on the real queue. */
export async function queueRun(kit: TokenRunKit, saved: SavedProfile, tenant?: string) {
  const { runId } = await startTest(queuingDeps(kit), saved.member, {
    appId: saved.appId,
    profileId: saved.profileId,
    tenant,
  });
  return runId;
}

/** A sealer holding the key ring `ring` ("id:base64key,..."), as secrets:rotate is given one. */
export function sealerOf(ring: string): Sealer {
  const parsed = parseKeyRing(ring);
  if (!parsed.ok) throw new Error(parsed.error);
  return createSealer(parsed.keyRing);
}

/** What a run did besides writing its row: events published and waits between attempts. */
export type Recorded = { events: Array<{ runId: string; status: string }>; sleeps: number[] };

/**
 * Runs a queued test as the worker would and returns its row. Waits are recorded, not slept,
 * unless `realSleep` is set.
 */
export async function runQueued(
  kit: TokenRunKit,
  runId: string,
  options: Partial<Omit<RunnerDeps, "db" | "sealer" | "publish">> = {},
) {
  const recorded: Recorded = { events: [], sleeps: [] };
  const deps: RunnerDeps = {
    db: kit.db,
    sealer: kit.sealer,
    now: () => new Date(),
    egressAllow: [],
    limits: QUICK_LIMITS,
    sleep: async (ms) => {
      recorded.sleeps.push(ms);
    },
    ...options,
    publish: async (event) => {
      recorded.events.push(event);
    },
  };
  const result = await runTokenTest(deps, runId);
  const run = await kit.db.testRun.findUniqueOrThrow({ where: { id: runId } });
  return { result, run, ...recorded };
}

/** Saves a profile, queues a run of it and runs it. */
export async function testProfile(
  kit: TokenRunKit,
  profile: ProfileFieldsInput,
  options: Parameters<typeof runQueued>[2] & { tenant?: string } = {},
) {
  const { tenant, ...runner } = options;
  const saved = await saveProfile(kit, profile);
  const runId = await queueRun(kit, saved, tenant);
  return { saved, runId, ...(await runQueued(kit, runId, runner)) };
}

/**
 * What the worker gives a refresh, for token servers on loopback (which only an operator's
 * egress rule lets requests reach), without waits between attempts; events go to `events`.
 */
export const loopbackRefresher = (kit: TokenRunKit, events: TokenEvent[] = []): RefresherDeps => ({
  db: kit.db,
  sealer: kit.sealer,
  now: () => new Date(),
  egressAllow: ["127.0.0.0/8"],
  limits: QUICK_LIMITS,
  sleep: async () => {},
  publish: async (event) => {
    events.push(event);
  },
});

/**
 * A saved profile whose token endpoint works or fails (401 invalid_client, with `errorText` as
 * its description when given) as `provider.working` says, its token state, its team's owner,
 * and `refresh`, one scheduled refresh of that state.
 */
export async function profileWithSwitchableProvider(
  kit: TokenRunKit & TokenRunFile,
  secrets: { accessToken: string; clientSecret: string; errorText?: string },
) {
  const provider = { working: true };
  const tokens = await kit.serve({
    script: () =>
      provider.working
        ? {
            status: 200,
            headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
            body: JSON.stringify({ access_token: secrets.accessToken, expires_in: 3600 }),
          }
        : {
            status: 401,
            body: JSON.stringify({
              error: "invalid_client",
              ...(secrets.errorText ? { error_description: secrets.errorText } : {}),
            }),
          },
  });
  const saved = await saveProfile(kit, {
    name: "Carrier API",
    identityProviderName: "Recorder",
    clientId: "client-1",
    clientSecret: secrets.clientSecret,
    tokenRequestUrl: tokens.urlFor("scripted"),
  });
  const state = await ensureTokenState(kit.db, {
    teamId: saved.teamId,
    profileId: saved.profileId,
    tenant: "",
  });
  const admin = await ownerOf(kit.db, saved.teamId);
  const refresh = () => refreshTokenState(loopbackRefresher(kit), { stateId: state.id });
  return { saved, provider, refresh, admin };
}

/** The owner of a team, as a member. */
export async function ownerOf(db: Db, teamId: string): Promise<Member> {
  const owner = await db.membership.findFirstOrThrow({ where: { teamId, role: "owner" } });
  return { userId: owner.userId, teamId, role: "owner" };
}
