import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { webEnv } from "~/env.ts";
import { serverDeps } from "./deps.ts";
import { trustedOrigins } from "./origins.ts";

function createAuth() {
  const env = webEnv();
  const perMinute = { window: 60, max: env.AUTH_RATE_LIMIT_PER_MINUTE };
  return betterAuth({
    appName: "Authdeck",
    baseURL: env.AUTHDECK_BASE_URL,
    secret: env.BETTER_AUTH_SECRET,
    trustedOrigins: trustedOrigins(env.AUTHDECK_BASE_URL),
    database: prismaAdapter(serverDeps().db, { provider: "postgresql" }),
    // scrypt, better-auth's built-in hashing (Node's crypto, no native addon).
    emailAndPassword: { enabled: true, minPasswordLength: 10, maxPasswordLength: 128 },
    session: { expiresIn: 7 * 24 * 3_600, updateAge: 24 * 3_600 },
    rateLimit: {
      enabled: true,
      // In the database so that several web processes share one count.
      storage: "database",
      window: 60,
      max: 100,
      customRules: { "/sign-in/email": perMinute, "/sign-up/email": perMinute },
    },
    advanced: {
      // Secure cookies whenever Authdeck is served over https; plain http only on localhost.
      useSecureCookies: env.AUTHDECK_BASE_URL.startsWith("https://"),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", path: "/" },
      // better-auth turns its Origin check off when NODE_ENV=test; ours must never be off.
      disableOriginCheck: false,
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const holder = globalThis as typeof globalThis & { authdeckAuth?: Auth };

export function auth(): Auth {
  holder.authdeckAuth ??= createAuth();
  return holder.authdeckAuth;
}

export type SessionUser = { id: string; name: string; email: string };

export async function sessionUser(headers: Headers): Promise<SessionUser | null> {
  const session = await auth().api.getSession({ headers });
  if (!session) return null;
  return { id: session.user.id, name: session.user.name, email: session.user.email };
}
