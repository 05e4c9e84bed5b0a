import "server-only";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@authdeck/core/accounts";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { webEnv } from "~/env.ts";
import { authHooks } from "./auth-hooks.ts";
import { CLIENT_ADDRESS_HEADER } from "./client-address.ts";
import { serverDeps } from "./deps.ts";
import { trustedOrigins } from "./origins.ts";

// Failed sign-ins per account are counted over this long (AUTH_FAILED_SIGN_INS_PER_ACCOUNT).
const FAILED_SIGN_IN_WINDOW_SECONDS = 15 * 60;

function createAuth() {
  const env = webEnv();
  const perMinute = { window: 60, max: env.AUTH_RATE_LIMIT_PER_MINUTE };
  const { db } = serverDeps();
  return betterAuth({
    appName: "Authdeck",
    baseURL: env.AUTHDECK_BASE_URL,
    secret: env.BETTER_AUTH_SECRET,
    trustedOrigins: trustedOrigins(env.AUTHDECK_BASE_URL),
    database: prismaAdapter(db, { provider: "postgresql" }),
    // scrypt, better-auth's built-in hashing (Node's crypto, no native addon).
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      // Sign-up then answers an address that has an account exactly as a new one, and signs
      // no one in: the page signs in next, with the password just chosen.
      autoSignIn: false,
    },
    session: { expiresIn: 7 * 24 * 3_600, updateAge: 24 * 3_600 },
    rateLimit: {
      enabled: true,
      // In the database so that several web processes share one count.
      storage: "database",
      window: 60,
      max: 100,
      customRules: { "/sign-in/email": perMinute, "/sign-up/email": perMinute },
    },
    hooks: authHooks({
      db,
      now: () => new Date(),
      signInLimit: {
        failures: env.AUTH_FAILED_SIGN_INS_PER_ACCOUNT,
        windowSeconds: FAILED_SIGN_IN_WINDOW_SECONDS,
      },
    }),
    advanced: {
      // Set by our route from the socket and the proxies it trusts (see client-address.ts);
      // anything a client sends under that name is replaced.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
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
