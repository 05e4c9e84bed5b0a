import {
  createTestDatabase,
  DEFAULT_DATABASE_URL,
  type TestDatabase,
} from "@authdeck/core/testing";

/**
 * The web app's sign-in route (`/api/auth/*`, better-auth behind our checks) over a database of
 * this test file's own. The auth set-up reads its environment once per process, so a file that
 * needs other settings gets a process of its own, as vitest gives each file.
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
  process.env.AUTHDECK_SEALING_KEYS = `k1:${Buffer.alloc(32, 2).toString("base64")}`;
  process.env.AUTHDECK_BASE_URL = baseUrl;
  process.env.BETTER_AUTH_SECRET = "a-test-secret-that-is-long-enough-123456";
  Object.assign(process.env, options.env);
  const route = await import("~/app/api/auth/[...all]/route.ts");

  /** A request to `/api/auth<path>` as a browser on our own pages sends it. */
  const send = (path: string, init: { method?: string; body?: string; headers?: HeadersInit }) =>
    route.POST(
      new Request(`${baseUrl}/api/auth${path}`, {
        method: init.method ?? "POST",
        ...(init.body === undefined ? {} : { body: init.body }),
        headers: { "content-type": "application/json", origin: baseUrl, ...init.headers },
      }),
    );

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    send(path, { body: JSON.stringify(body), headers });

  return { baseUrl, database, send, post, drop: () => database.drop() };
}
