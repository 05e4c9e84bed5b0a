import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createTestDatabase,
  DEFAULT_DATABASE_URL,
  type TestDatabase,
} from "@authdeck/test-support";
import { afterAll, expect } from "vitest";

export const PASSWORD = "correct horse battery";

type Handler = (request: Request) => Promise<Response>;

async function toRequest(incoming: IncomingMessage, baseUrl: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    for (const item of Array.isArray(value) ? value : [value ?? ""]) headers.append(name, item);
  }
  const method = incoming.method ?? "GET";
  return new Request(`${baseUrl}${incoming.url}`, {
    method,
    headers,
    ...(method === "GET" || method === "HEAD" ? {} : { body: Buffer.concat(chunks) }),
  });
}

/**
 * The web app's sign-in route (`/api/auth/*`: our checks, then better-auth) behind a real HTTP
 * server on loopback, with the socket tracking the web process (src/main.ts) sets up, over a
 * database of this test file's own. The auth set-up reads its environment once per process, so
 * a file that needs other settings gets a process of its own, as vitest gives each file.
 */
export async function startAuthRoute(options: {
  label: string;
  baseUrl?: string;
  env?: Record<string, string>;
}) {
  const baseUrl = options.baseUrl ?? "http://localhost:3000";
  const database: TestDatabase = await createTestDatabase({
    baseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    label: options.label,
  });
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_DIRECT_URL = database.directUrl;
  process.env.AUTHDECK_SEALING_KEYS = `k1:${Buffer.alloc(32, 2).toString("base64")}`;
  process.env.AUTHDECK_BASE_URL = baseUrl;
  process.env.BETTER_AUTH_SECRET = "a-test-secret-that-is-long-enough-123456";
  Object.assign(process.env, options.env);
  const route = await import("~/app/api/auth/[...all]/route.ts");
  const { trackPeerAddresses } = await import("~/server/client-address.ts");
  trackPeerAddresses();

  const server = createServer(async (incoming, outgoing) => {
    try {
      const request = await toRequest(incoming, baseUrl);
      const handle: Handler = request.method === "GET" ? route.GET : route.POST;
      const response = await handle(request);
      const headers = [...response.headers].filter(([name]) => name !== "set-cookie");
      for (const cookie of response.headers.getSetCookie()) headers.push(["set-cookie", cookie]);
      outgoing.writeHead(response.status, headers);
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      outgoing.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** A request to `/api/auth<path>` as a browser on our own pages sends it. */
  const send = (
    path: string,
    init: { method?: string; body?: string; headers?: Record<string, string> },
  ) =>
    fetch(`${serverUrl}/api/auth${path}`, {
      method: init.method ?? "POST",
      ...(init.body === undefined ? {} : { body: init.body }),
      headers: { "content-type": "application/json", origin: baseUrl, ...init.headers },
    });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    send(path, { body: JSON.stringify(body), headers });

  const get = (path: string, headers: Record<string, string> = {}) =>
    send(path, { method: "GET", headers });

  const close = async () => {
    await new Promise((resolve) => server.close(resolve));
    await database.drop();
  };

  return { baseUrl, database, send, post, get, close };
}

/** The `name=value` of the session cookie a response set, to send it back. */
export function sessionCookie(response: Response): string {
  const cookie = response.headers
    .getSetCookie()
    .find((value) => /session_token=[^;]+/.test(value) && !/session_token=;/.test(value));
  if (!cookie) throw new Error(`no session cookie in ${response.status} answer`);
  return cookie.split(";")[0] ?? "";
}

/** A test file's sign-in route: started now, closed after the file. */
export async function useAuthRoute(options: Parameters<typeof startAuthRoute>[0]) {
  const auth = await startAuthRoute(options);
  afterAll(async () => auth.close());
  return auth;
}

type AuthRoute = Awaited<ReturnType<typeof startAuthRoute>>;

/** Signs a new account up, then in, each answered 200; returns the sign-in's answer. */
export async function signUpAndSignIn(
  auth: AuthRoute,
  account: { name: string; email: string; password: string },
) {
  expect((await auth.post("/sign-up/email", account)).status).toBe(200);
  const response = await auth.post("/sign-in/email", account);
  expect(response.status).toBe(200);
  return response;
}
