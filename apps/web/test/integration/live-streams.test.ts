// @module-tag resilience
// @module-tag redis-queue
import { apiCallsChannel, createRedis, runChannel, teamTokenChannel } from "@authdeck/core/queue";
import { removeMember } from "@authdeck/core/teams";
import { testRedisTarget } from "@authdeck/test-support";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTeamWithMembers,
  proceduresOf,
  type Server,
  type SignedInUser,
  sessionIdOf,
  startServer,
} from "../support/harness.ts";

/**
 * Live streams (tRPC subscriptions over SSE) are checked once when they open. These follow one
 * past that: the person is removed, or signs out, while it runs; a session opens more than its
 * share; a stream reaches its lifetime. Generated from the router, so a new subscription must
 * be listed here to pass.
 */

const server: Server = await startServer("live_streams");
const publisher = createRedis(testRedisTarget(), "producer");
const prefix = process.env.AUTHDECK_QUEUE_PREFIX ?? "";

/** The promise: access is checked again at least this often, and on every event. */
const RECHECK_MS = 5_000;
// Time for the checks' own queries on a busy two-core machine.
const SLACK_MS = 1_500;

afterAll(async () => {
  publisher.disconnect();
  await server.close();
});

type Team = Awaited<ReturnType<typeof freshTeam>>;

/** A team with an app, a profile, and a run and a console request still waiting. */
async function freshTeam(name: string) {
  const fixture = await createTeamWithMembers(server.db, name);
  const owner = server.callerFor(fixture.users.owner);
  const teamId = fixture.team.id;
  const app = await owner.app.create({ teamId, name: "Streams" });
  const profile = await owner.profile.create({
    teamId,
    appId: app.id,
    profile: {
      name: "Carrier API",
      identityProviderName: "IdP",
      tokenRequestUrl: "https://idp.example.com/token",
    },
  });
  const run = await server.db.testRun.create({
    data: { teamId, profileId: profile.id, status: "queued" },
  });
  const call = await server.db.apiCall.create({
    data: { teamId, profileId: profile.id, method: "GET", path: "/" },
  });
  return {
    ...fixture,
    teamId,
    appId: app.id,
    profileId: profile.id,
    runId: run.id,
    callId: call.id,
  };
}

/** For each subscription: an input that keeps it open, and a change that makes it send. */
const STREAMS: Record<string, { input: (t: Team) => unknown; change: (t: Team) => Promise<void> }> =
  {
    "testRun.onUpdate": {
      input: (t) => ({ teamId: t.teamId, appId: t.appId, runId: t.runId }),
      change: async (t) => {
        const run = await server.db.testRun.update({
          where: { id: t.runId },
          data: { status: "running", deliveries: { increment: 1 }, startedAt: new Date() },
        });
        await publisher.publish(runChannel(prefix, t.runId), JSON.stringify({ runId: run.id }));
      },
    },
    "token.onChange": {
      input: (t) => ({ teamId: t.teamId, appId: t.appId }),
      change: async (t) => {
        await publisher.publish(teamTokenChannel(prefix, t.teamId), "{}");
      },
    },
    // Health changes travel on the team's channel too.
    "healthCheck.onChange": {
      input: (t) => ({ teamId: t.teamId, appId: t.appId, profileId: t.profileId }),
      change: async (t) => {
        await publisher.publish(teamTokenChannel(prefix, t.teamId), "{}");
      },
    },
    "apiCall.onUpdate": {
      input: (t) => ({
        teamId: t.teamId,
        appId: t.appId,
        profileId: t.profileId,
        callId: t.callId,
      }),
      change: async (t) => {
        await server.db.apiCall.update({ where: { id: t.callId }, data: { status: "running" } });
        await publisher.publish(apiCallsChannel(prefix, t.profileId), "{}");
      },
    },
    "apiCall.onList": {
      input: (t) => ({ teamId: t.teamId, appId: t.appId, profileId: t.profileId }),
      change: async (t) => {
        await publisher.publish(apiCallsChannel(prefix, t.profileId), "{}");
      },
    },
    "healthCheck.onAppChange": {
      input: (t) => ({ teamId: t.teamId, appId: t.appId }),
      change: async (t) => {
        await publisher.publish(teamTokenChannel(prefix, t.teamId), "{}");
      },
    },
  };

type Ending = { at: number; error: unknown } | { at: number; error: null };

/** Opens a stream as `user`, waits for its first value, and follows it in the background. */
async function follow(user: SignedInUser, path: string, input: unknown) {
  const stop = new AbortController();
  let node: unknown = server.appRouter.createCaller(server.context(user, null), {
    signal: stop.signal,
  });
  for (const key of path.split(".")) node = (node as Record<string, unknown>)[key];
  const iterator = (
    (await (node as (input: unknown) => Promise<AsyncIterable<unknown>>)(
      input,
    )) as AsyncIterable<unknown>
  )[Symbol.asyncIterator]();
  const first = await iterator.next();
  const values: Array<{ at: number; value: unknown }> = [];
  const ended: Promise<Ending> = (async () => {
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return { at: Date.now(), error: null };
        values.push({ at: Date.now(), value: next.value });
      }
    } catch (error) {
      return { at: Date.now(), error };
    }
  })();
  const close = async () => {
    stop.abort();
    await iterator.return?.();
    await ended;
  };
  return { first, values, ended, close };
}

/** How the stream ended within `ms`, or "still open". */
const endingWithin = (stream: { ended: Promise<Ending> }, ms: number) =>
  Promise.race([
    stream.ended,
    new Promise<"still open">((resolve) => setTimeout(() => resolve("still open"), ms)),
  ]);

const ms = (ending: Ending | "still open", since: number) =>
  ending === "still open" ? ending : `${ending.at - since} ms`;

const codeOf = (ending: Ending | "still open") =>
  ending === "still open"
    ? ending
    : ending.error instanceof TRPCError
      ? ending.error.code
      : String(ending.error);

const subscriptions = Object.entries(proceduresOf(server.appRouter))
  .filter(([, procedure]) => procedure.type === "subscription")
  .map(([path]) => path)
  .sort();

describe("live streams", () => {
  it("are all listed here, so each is followed past its opening", () => {
    expect(subscriptions).toEqual(Object.keys(STREAMS).sort());
  });
});

describe.each(subscriptions)("%s", (path) => {
  const stream = STREAMS[path]!;

  it(`sends nothing more to a viewer once removed, and ends within ${RECHECK_MS / 1000} s`, async () => {
    const team = await freshTeam(`Removed from ${path}`);
    const followed = await follow(team.users.viewer, path, stream.input(team));
    expect(followed.first.done).toBe(false);

    const removedAt = Date.now();
    await removeMember(
      { db: server.db, now: () => new Date() },
      { userId: team.users.admin.id, teamId: team.teamId, role: "admin" },
      { userId: team.users.viewer.id },
    );
    await stream.change(team);

    const ending = await endingWithin(followed, RECHECK_MS + SLACK_MS);
    await followed.close();
    console.info(`${path}: ended ${ms(ending, removedAt)} after the removal`);
    expect(codeOf(ending)).toBe("NOT_FOUND");
    expect((ending as Ending).error).toMatchObject({ message: "Team not found" });
    expect((ending as Ending).at - removedAt).toBeLessThanOrEqual(RECHECK_MS + SLACK_MS);
    expect(followed.values.filter((v) => v.at >= removedAt)).toEqual([]);
  });

  it(`ends within ${RECHECK_MS / 1000} s, even with nothing to send, once the session is signed out`, async () => {
    const team = await freshTeam(`Signed out of ${path}`);
    const followed = await follow(team.users.viewer, path, stream.input(team));

    // What signing out does: better-auth deletes the session's row.
    const signedOutAt = Date.now();
    await server.db.session.delete({ where: { id: sessionIdOf(team.users.viewer) } });

    const ending = await endingWithin(followed, RECHECK_MS + SLACK_MS);
    await followed.close();
    console.info(`${path}: ended ${ms(ending, signedOutAt)} after signing out`);
    expect(codeOf(ending)).toBe("UNAUTHORIZED");
    expect((ending as Ending).error).toMatchObject({
      message: "Your session has ended: sign in again to see live updates",
    });
    expect((ending as Ending).at - signedOutAt).toBeLessThanOrEqual(RECHECK_MS + SLACK_MS);
    expect(followed.values.filter((v) => v.at >= signedOutAt)).toEqual([]);
  });

  it("keeps sending to a member who keeps access", async () => {
    const team = await freshTeam(`Kept on ${path}`);
    const followed = await follow(team.users.viewer, path, stream.input(team));

    await stream.change(team);

    await expect.poll(() => followed.values.length, { timeout: RECHECK_MS }).toBeGreaterThan(0);
    expect(await endingWithin(followed, RECHECK_MS + SLACK_MS)).toBe("still open");
    await followed.close();
  });
});

describe("streams of one session", () => {
  let team: Team;
  beforeAll(async () => {
    team = await freshTeam("Many tabs");
  });

  it("are refused past the cap with a clear error; other sessions and closed slots are unaffected", async () => {
    server.limits.liveStreamsPerSession = 2;
    const input = STREAMS["token.onChange"]!.input(team);
    const open = [
      await follow(team.users.viewer, "token.onChange", input),
      await follow(team.users.viewer, "testRun.onUpdate", STREAMS["testRun.onUpdate"]!.input(team)),
    ];
    try {
      const refused = await follow(team.users.viewer, "token.onChange", input).then(
        async (third) => {
          await third.close();
          return null;
        },
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(TRPCError);
      expect(refused).toMatchObject({
        code: "TOO_MANY_REQUESTS",
        message:
          "Too many live updates are open for this session: at most 2 on this server. Close other Authdeck tabs, then reconnect.",
      });

      const someoneElse = await follow(team.users.editor, "token.onChange", input);
      expect(someoneElse.first.done).toBe(false);
      await someoneElse.close();

      await open.shift()!.close();
      const again = await follow(team.users.viewer, "token.onChange", input);
      expect(again.first.done).toBe(false);
      open.push(again);
    } finally {
      for (const stream of open) await stream.close();
      server.limits.liveStreamsPerSession = 1_000;
    }
  });

  it("end at their lifetime with a retryable error, so the client reconnects and is checked again", async () => {
    server.limits.liveStreamLifetimeMs = 1_500;
    try {
      const openedAt = Date.now();
      const followed = await follow(team.users.viewer, "token.onChange", {
        teamId: team.teamId,
        appId: team.appId,
      });

      const ending = await endingWithin(followed, 1_500 + SLACK_MS);
      await followed.close();
      expect(codeOf(ending)).toBe("SERVICE_UNAVAILABLE");
      expect((ending as Ending).error).toMatchObject({
        message: "Live updates reconnect now and then to check access again; reconnecting",
      });
      expect((ending as Ending).at - openedAt).toBeGreaterThanOrEqual(1_400);
    } finally {
      server.limits.liveStreamLifetimeMs = 3_600_000;
    }
  });
});
