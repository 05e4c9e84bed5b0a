// @module-tag resilience
import { Agent, request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  baseUrl,
  createUser,
  type Server,
  type SignedInUser,
  startServer,
} from "../support/harness.ts";
import { asNextPassesIt, serveLikeNext } from "../support/next-request.ts";

// The route handlers with a request shaped as `next start` passes it. Node 24's fetch refused
// to copy that request ("Cannot read private member #state"), which broke sign-up and every
// tRPC mutation in production while handler tests with plain Requests passed.
const server: Server = await startServer("next_request");
process.env.BETTER_AUTH_SECRET = "a-test-secret-that-is-long-enough-123456";
process.env.AUTH_RATE_LIMIT_PER_MINUTE = "1000";
const auth = await import("~/app/api/auth/[...all]/route.ts");
const { handleTrpcRequest } = await import("~/server/trpc-handler.ts");
const { limitBody, MAX_BODY_BYTES } = await import("~/server/body-limit.ts");
const { serverDeps } = await import("~/server/deps.ts");
let person: SignedInUser;

beforeAll(async () => {
  person = await createUser(server.db, "Proxied sender");
});
afterAll(async () => {
  const deps = serverDeps();
  deps.redis.disconnect();
  await deps.db.$disconnect();
  await server.close();
});

const post = (path: string, body: BodyInit, init: RequestInit = {}) =>
  asNextPassesIt(
    new Request(`${baseUrl}${path}`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", origin: baseUrl },
      duplex: "half",
      ...init,
    } as RequestInit),
  );

describe("requests as Next passes them to route handlers", () => {
  it("sign-up and sign-in through the auth route create the account and a session", async () => {
    const account = { name: "Ada", email: "ada@example.test", password: "correct horse battery" };
    const signUp = await auth.POST(post("/api/auth/sign-up/email", JSON.stringify(account)));
    expect(signUp.status).toBe(200);
    expect(await server.db.user.count({ where: { email: "ada@example.test" } })).toBe(1);
    const signIn = await auth.POST(post("/api/auth/sign-in/email", JSON.stringify(account)));
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get("set-cookie")).toMatch(/better-auth\.session_token=[^;]+;/);
  });

  it("a request without a body (the session read) goes through the auth route", async () => {
    const response = await auth.GET(
      asNextPassesIt(
        new Request(`${baseUrl}/api/auth/get-session`, { headers: { origin: baseUrl } }),
      ),
    );
    expect(response.status).toBe(200);
  });

  it("a tRPC mutation reads its body and runs", async () => {
    const response = await handleTrpcRequest(
      post("/api/trpc/team.create", JSON.stringify({ json: { name: "Proxied team" } })),
      async () => server.context(person, baseUrl),
      () => server.context(person, baseUrl).log,
    );
    expect(response.status).toBe(200);
    expect(await server.db.team.count({ where: { name: "Proxied team" } })).toBe(1);
  });

  it("a body over the limit is still refused with 413 on both routes", async () => {
    const big = JSON.stringify({ json: { name: "a".repeat(MAX_BODY_BYTES + 1) } });
    const trpc = await handleTrpcRequest(
      post("/api/trpc/team.create", big),
      async () => server.context(person, baseUrl),
      () => server.context(person, baseUrl).log,
    );
    expect(trpc.status).toBe(413);
    const signIn = await auth.POST(post("/api/auth/sign-in/email", big));
    expect(signIn.status).toBe(413);
  });

  it("the limited request keeps the URL, method and headers and follows the client's abort", async () => {
    const client = new AbortController();
    const incoming = post("/api/trpc/team.create?batch=1", "{}", { signal: client.signal });
    const limited = limitBody(incoming, MAX_BODY_BYTES, () => new Error("too large"));
    expect(limited.url).toBe(`${baseUrl}/api/trpc/team.create?batch=1`);
    expect(limited.method).toBe("POST");
    expect(limited.headers.get("origin")).toBe(baseUrl);
    expect(await limited.text()).toBe("{}");
    expect(limited.signal.aborted).toBe(false);
    client.abort();
    expect(limited.signal.aborted).toBe(true);
  });
});

type Answer = { status: number; connection: string | undefined; reused: boolean } | string;

/**
 * POSTs `body` (declaring its length, or chunked without one) over `agent`, which keeps
 * connections alive as browsers and Playwright do; a connection error is answered as its code.
 */
function send(agent: Agent, port: number, path: string, body: Buffer, chunked = false) {
  return new Promise<Answer>((resolve) => {
    const headers = { "content-type": "application/json", origin: baseUrl };
    const req = httpRequest(
      { host: "127.0.0.1", port, path, method: "POST", agent, headers },
      (res) => {
        res.resume();
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            connection: res.headers.connection,
            reused: req.reusedSocket,
          }),
        );
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    if (!chunked) req.setHeader("content-length", body.length);
    for (let at = 0; at < body.length; at += 64 * 1024)
      req.write(body.subarray(at, at + 64 * 1024));
    req.end();
  });
}

describe("a refused body over a kept-alive connection", () => {
  const big = Buffer.from(JSON.stringify({ json: { name: "a".repeat(2 * 1024 * 1024) } }));
  // The part of a refused body that was never read is still on its connection: the answer must
  // close it, or the client's next request on it fails (ECONNRESET: on Node 24 after any refused
  // body, on Node 20 after a chunked one).
  it.each([
    {
      route: "tRPC",
      path: "/api/trpc/team.create",
      handler: (request: Request) =>
        handleTrpcRequest(
          request,
          async () => server.context(person, baseUrl),
          () => server.context(person, baseUrl).log,
        ),
      small: { json: { name: "Small team" } },
      expected: 200,
    },
    {
      route: "sign-in",
      path: "/api/auth/sign-in/email",
      handler: (request: Request) => auth.POST(request),
      small: { email: "nobody@example.test", password: "not the password" },
      expected: 401,
    },
  ])(
    "$route: each refusal closes its connection and the next request is answered",
    async ({ path, handler, small, expected }) => {
      const app = await serveLikeNext(baseUrl, handler);
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const smallBody = Buffer.from(JSON.stringify(small));
        const answers = [
          await send(agent, app.port, path, big),
          await send(agent, app.port, path, smallBody),
          await send(agent, app.port, path, big, true),
          await send(agent, app.port, path, smallBody),
        ];
        const refused = { status: 413, connection: "close", reused: false };
        const answered = { status: expected, connection: "keep-alive", reused: false };
        expect(answers).toEqual([refused, answered, { ...refused, reused: true }, answered]);
      } finally {
        agent.destroy();
        await app.close();
      }
    },
  );
});
