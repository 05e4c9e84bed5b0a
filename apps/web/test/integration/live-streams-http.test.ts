// @module-tag resilience
// @module-tag redis-queue
import { createServer, type Server as HttpServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { createApp } from "@authdeck/core/apps";
import { createTeam, removeMember, resolveMember } from "@authdeck/core/teams";
import { createTRPCClient, httpSubscriptionLink, type TRPCClientError } from "@trpc/client";
import { EventSource } from "eventsource";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppRouter } from "~/server/root.ts";
import { baseUrl, type Server, startServer } from "../support/harness.ts";

/**
 * Live streams as a browser has them: a real HTTP server in front of the web's own tRPC and
 * better-auth handlers, sessions from a real sign-up, and tRPC's own subscription link on an
 * EventSource. What the person sees when access ends, when a stream reaches its lifetime, and
 * when a session opens too many.
 */

const server: Server = await startServer("live_streams_http");
process.env.BETTER_AUTH_SECRET = "a-test-secret-that-is-long-enough-for-streams";
process.env.AUTH_RATE_LIMIT_PER_MINUTE = "1000";
const [{ auth }, { createContext }, { handleTrpcRequest }, { serverDeps }] = await Promise.all([
  import("~/server/auth.ts"),
  import("~/server/trpc.ts"),
  import("~/server/trpc-handler.ts"),
  import("~/server/deps.ts"),
]);

const RECHECK_MS = 5_000;
const SLACK_MS = 1_500;
let http: HttpServer;
let origin: string;

/** Node's request as the fetch Request the route handlers take, at the configured base URL. */
function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of [value ?? []].flat()) headers.append(name, one);
  }
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : Readable.toWeb(req);
  return new Request(new URL(req.url ?? "/", baseUrl), {
    method: req.method ?? "GET",
    headers,
    body: body as ReadableStream | undefined,
    signal,
    duplex: "half",
  } as RequestInit);
}

beforeAll(async () => {
  http = createServer(async (req, res) => {
    const gone = new AbortController();
    res.on("close", () => gone.abort());
    const request = toRequest(req, gone.signal);
    const response = request.url.includes("/api/auth/")
      ? await auth().handler(request)
      : await handleTrpcRequest(
          request,
          () => createContext({ headers: request.headers }),
          () => serverDeps().log,
        );
    const headers: Record<string, string | string[]> = Object.fromEntries(response.headers);
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) headers["set-cookie"] = cookies;
    res.writeHead(response.status, headers);
    if (!response.body) return void res.end();
    // A stream the client leaves errors here; the response is over either way.
    Readable.fromWeb(response.body as WebReadableStream)
      .on("error", () => res.end())
      .pipe(res);
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  http?.closeAllConnections();
  await new Promise((resolve) => http?.close(resolve));
  const deps = serverDeps();
  deps.redis.disconnect();
  await deps.db.$disconnect();
  await server.close();
});

let count = 0;
/** Posts `body` to better-auth's `path` as the sign-in page would; expects a 200. */
async function authPost(path: string, body: object) {
  const response = await fetch(`${origin}/api/auth/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return response;
}

/** Signs a new person up, then in (sign-up signs no one in), through better-auth; returns their id and session cookie. */
async function signUp(name: string) {
  const email = `streams-${++count}-${Date.now()}@example.test`;
  const password = "correct horse battery";
  await authPost("sign-up/email", { name, email, password });
  const response = await authPost("sign-in/email", { email, password });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const user = await server.db.user.findUniqueOrThrow({ where: { email } });
  return { id: user.id, cookie };
}

/** A team whose owner and viewer signed up for real, with one app. */
async function teamWithViewer(name: string) {
  const owner = await signUp(`${name} owner`);
  const viewer = await signUp(`${name} viewer`);
  const deps = { db: server.db, now: () => new Date() };
  const team = await createTeam(deps, { userId: owner.id, name });
  await server.db.membership.create({
    data: { teamId: team.id, userId: viewer.id, role: "viewer" },
  });
  const app = await createApp(deps, await resolveMember(server.db, owner.id, team.id), {
    name: "Streams",
  });
  return { owner, viewer, input: { teamId: team.id, appId: app.id } };
}

/** The token dashboard's stream, opened by tRPC's own link as `cookie`'s browser would. */
function subscribe(cookie: string, input: { teamId: string; appId: string }) {
  const client = createTRPCClient<AppRouter>({
    links: [
      httpSubscriptionLink({
        url: `${origin}/api/trpc`,
        transformer: superjson,
        EventSource,
        eventSourceOptions: () => ({
          fetch: (url: string | URL, init: RequestInit) =>
            fetch(url, { ...init, headers: { ...(init.headers as object), cookie } }),
        }),
      }),
    ],
  });
  const seen = {
    data: [] as number[],
    states: [] as string[],
    error: null as TRPCClientError<AppRouter> | null,
    errorAt: 0,
  };
  const subscription = client.token.onChange.subscribe(input, {
    onData: () => void seen.data.push(Date.now()),
    onConnectionStateChange: (state) => void seen.states.push(state.state),
    onError: (error) => {
      seen.error = error;
      seen.errorAt = Date.now();
    },
  });
  return { seen, close: () => subscription.unsubscribe() };
}

describe("a live stream in the browser", () => {
  it("ends with a clear error once its session signs out, within the re-check interval", async () => {
    const { viewer, input } = await teamWithViewer("Sign-out");
    const stream = subscribe(viewer.cookie, input);
    await expect.poll(() => stream.seen.data.length, { timeout: 10_000 }).toBe(1);

    const signOut = await fetch(`${origin}/api/auth/sign-out`, {
      method: "POST",
      headers: { cookie: viewer.cookie, origin: baseUrl, "content-type": "application/json" },
      body: "{}",
    });
    expect(signOut.status).toBe(200);
    const signedOutAt = Date.now();

    await expect.poll(() => stream.seen.error, { timeout: RECHECK_MS + SLACK_MS }).not.toBeNull();
    stream.close();
    console.info(`client told ${stream.seen.errorAt - signedOutAt} ms after signing out`);
    expect(stream.seen.error?.data?.code).toBe("UNAUTHORIZED");
    expect(stream.seen.error?.message).toBe(
      "Your session has ended: sign in again to see live updates",
    );
    expect(stream.seen.errorAt - signedOutAt).toBeLessThanOrEqual(RECHECK_MS + SLACK_MS);
    expect(stream.seen.data.filter((at) => at >= signedOutAt)).toEqual([]);
  });

  it("ends with a clear error once its viewer is removed", async () => {
    const { owner, viewer, input } = await teamWithViewer("Removal");
    const stream = subscribe(viewer.cookie, input);
    await expect.poll(() => stream.seen.data.length, { timeout: 10_000 }).toBe(1);

    const removedAt = Date.now();
    await removeMember(
      { db: server.db, now: () => new Date() },
      { userId: owner.id, teamId: input.teamId, role: "owner" },
      { userId: viewer.id },
    );

    await expect.poll(() => stream.seen.error, { timeout: RECHECK_MS + SLACK_MS }).not.toBeNull();
    stream.close();
    console.info(`client told ${stream.seen.errorAt - removedAt} ms after the removal`);
    expect(stream.seen.error?.data?.code).toBe("NOT_FOUND");
    expect(stream.seen.error?.message).toBe("Team not found");
    expect(stream.seen.errorAt - removedAt).toBeLessThanOrEqual(RECHECK_MS + SLACK_MS);
  });

  it("reconnects by itself at the end of its lifetime, with no error, and is served again", async () => {
    const { viewer, input } = await teamWithViewer("Lifetime");
    serverDeps().limits.liveStreamLifetimeMs = 1_000;
    const stream = subscribe(viewer.cookie, input);
    try {
      // The first answer, then one after each reconnection (EventSource waits 3 s to reconnect).
      await expect.poll(() => stream.seen.data.length, { timeout: 15_000 }).toBeGreaterThan(2);
      const gaps = stream.seen.data.slice(1).map((at, i) => at - stream.seen.data[i]!);
      console.info(`lifetime 1 s: answers ${gaps.join(" ms, ")} ms apart, no error`);
      expect(stream.seen.error).toBeNull();
      expect(stream.seen.states.filter((s) => s === "connecting").length).toBeGreaterThan(1);
      expect(stream.seen.states.at(-1)).not.toBe("idle");
    } finally {
      stream.close();
      serverDeps().limits.liveStreamLifetimeMs = 900_000;
    }
  });

  it("is refused past the session's cap with an error that says so", async () => {
    const { viewer, input } = await teamWithViewer("Cap");
    serverDeps().limits.liveStreamsPerSession = 2;
    const streams = [subscribe(viewer.cookie, input), subscribe(viewer.cookie, input)];
    try {
      for (const stream of streams)
        await expect.poll(() => stream.seen.data.length, { timeout: 10_000 }).toBe(1);

      const third = subscribe(viewer.cookie, input);
      streams.push(third);

      await expect.poll(() => third.seen.error, { timeout: 10_000 }).not.toBeNull();
      expect(third.seen.error?.data?.code).toBe("TOO_MANY_REQUESTS");
      expect(third.seen.error?.message).toBe(
        "Too many live updates are open for this session: at most 2 on this server. Close other Authdeck tabs, then reconnect.",
      );
      expect(third.seen.data).toEqual([]);
      expect(streams[0]!.seen.error).toBeNull();
    } finally {
      for (const stream of streams) stream.close();
      serverDeps().limits.liveStreamsPerSession = 20;
    }
  });
});
