import "server-only";
import {
  claimSignInAttempt,
  forgiveSignInAttempt,
  passwordProblem,
  preparePasswordCheck,
  type SignInLimit,
} from "@authdeck/core/accounts";
import type { Db } from "@authdeck/core/db";
import { userNameSchema } from "@authdeck/core/schemas";
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";

type Deps = { db: Db; now: () => Date; signInLimit: SignInLimit };
type Body = Record<string, unknown> | undefined;

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

// Anything else is left to better-auth's own validation, which answers it.
function checkName(name: unknown) {
  if (typeof name !== "string") return;
  const parsed = userNameSchema.safeParse(name);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Name is not valid";
    throw new APIError("BAD_REQUEST", { code: "INVALID_NAME", message });
  }
}

async function checkPassword(password: unknown, personal: Array<string | undefined>) {
  if (typeof password !== "string") return;
  const problem = await passwordProblem(
    password,
    personal.filter((value) => value !== undefined),
  );
  if (problem) throw new APIError("BAD_REQUEST", { code: "PASSWORD_TOO_WEAK", message: problem });
}

async function claimAttempt(deps: Deps, email: string) {
  const claim = await claimSignInAttempt(deps, email, deps.signInLimit);
  if (claim.allowed) return;
  const minutes = Math.ceil(claim.retryAfterSeconds / 60);
  throw new APIError(
    "TOO_MANY_REQUESTS",
    {
      code: "TOO_MANY_FAILED_SIGN_INS",
      message: `Too many failed sign-ins for this email address. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    },
    { "Retry-After": String(claim.retryAfterSeconds) },
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function dropToken(value: unknown): unknown {
  if (!isRecord(value) || !("token" in value)) return value;
  const { token: _, ...rest } = value;
  return rest;
}

/**
 * An answer without session tokens: better-auth puts the token in the JSON of sign-in, sign-up,
 * password change, get-session and list-sessions, where any script on the page could read what
 * the HttpOnly cookie keeps from it. Null when there is none to take out.
 */
function withoutSessionTokens(value: unknown): Record<string, unknown> | unknown[] | null {
  if (Array.isArray(value)) {
    return value.some((item) => isRecord(item) && "token" in item) ? value.map(dropToken) : null;
  }
  if (!isRecord(value)) return null;
  const session = value.session;
  if (!("token" in value) && !(isRecord(session) && "token" in session)) return null;
  const cleaned = dropToken(value) as Record<string, unknown>;
  return "session" in cleaned ? { ...cleaned, session: dropToken(session) } : cleaned;
}

/**
 * Our rules around better-auth's endpoints: names and passwords as the product takes them,
 * failed sign-ins counted per account, every other session ended by a password change, and no
 * session token in any answer's body.
 */
export function authHooks(deps: Deps) {
  // Ready before the first sign-up, most of the time; a failure shows there, not here.
  preparePasswordCheck().catch(() => {});
  return {
    before: createAuthMiddleware(async (ctx) => {
      const body = ctx.body as Body;
      switch (ctx.path) {
        case "/sign-up/email":
          checkName(body?.name);
          await checkPassword(body?.password, [text(body?.name), text(body?.email)]);
          return;
        case "/update-user":
          checkName(body?.name);
          return;
        case "/change-password": {
          const session = await getSessionFromCtx(ctx);
          await checkPassword(body?.newPassword, [session?.user.name, session?.user.email]);
          // Whoever knew the old password may hold a session: it ends, whatever the client asked.
          return { context: { body: { ...body, revokeOtherSessions: true } } };
        }
        case "/sign-in/email": {
          const email = text(body?.email);
          if (email) await claimAttempt(deps, email);
          return;
        }
      }
    }),
    after: createAuthMiddleware(async (ctx) => {
      const returned = ctx.context.returned;
      if (ctx.path === "/sign-in/email") {
        const email = text((ctx.body as Body)?.email);
        const failedOnPassword =
          isAPIError(returned) && returned.body?.code === "INVALID_EMAIL_OR_PASSWORD";
        if (email && !failedOnPassword) await forgiveSignInAttempt(deps, email);
      }
      if (isAPIError(returned)) return;
      const cleaned = withoutSessionTokens(returned);
      if (cleaned !== null) return ctx.json(cleaned as Record<string, unknown>);
    }),
  };
}
