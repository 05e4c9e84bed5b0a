import "server-only";
import { fieldErrorsOf } from "@authdeck/core/client";
import { AppError, firstProblem, invalid } from "@authdeck/core/errors";
import { assertCan, type Member, type Permission, resolveMember } from "@authdeck/core/teams";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { webEnv } from "~/env.ts";
import type { SessionUser } from "./auth.ts";
import { type ServerDeps, serverDeps } from "./deps.ts";
import { toTRPCError } from "./errors.ts";
import { pathOfLoneSurrogate } from "./lone-surrogates.ts";
import { pathOfNulCharacter } from "./nul-characters.ts";
import { isTrustedOrigin, trustedOrigins } from "./origins.ts";
import { isSessionActive, readSession } from "./sessions.ts";

// ---- context ----

export type Context = ServerDeps & {
  headers: Headers;
  user: SessionUser | null;
  /** The better-auth session the user is signed in with, so live streams can check it again. */
  sessionId: string | null;
  trustedOrigins: readonly string[];
};

export async function createContext(options: { headers: Headers }): Promise<Context> {
  const session = await readSession(options.headers);
  return {
    ...serverDeps(),
    headers: options.headers,
    user: session?.user ?? null,
    sessionId: session?.id ?? null,
    trustedOrigins: trustedOrigins(webEnv().AUTHDECK_BASE_URL),
  };
}

// ---- init ----

/** Every procedure declares who may call it; the access matrix test reads this. */
export type Meta =
  | { access: "public" }
  | { access: "signedIn" }
  | { access: "team"; permission: Permission };

const UNREADABLE_REQUEST = "This request is not one Authdeck's API can read";

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      const carried = fieldErrorsOf(error.cause);
      const fieldErrors = Object.keys(carried).length > 0 ? carried : undefined;
      // A BAD_REQUEST not raised by our own code is tRPC's: an input its schema refused, whose
      // message is zod's JSON list of issues, or a body or query string that is not tRPC JSON at
      // all, whose parser's message quotes internals. People get a sentence either way.
      const parseError = error.code === "BAD_REQUEST" && !(error.cause instanceof AppError);
      const unreadable = parseError && !fieldErrors;
      const message = internal
        ? // Unexpected errors may quote internals; people get a plain sentence, the log the rest.
          "Something went wrong on our side; try again"
        : unreadable
          ? UNREADABLE_REQUEST
          : parseError && fieldErrors
            ? firstProblem(fieldErrors)
            : shape.message;
      return {
        ...shape,
        message,
        data: {
          ...shape.data,
          stack: undefined,
          fieldErrors: fieldErrors ?? (unreadable ? { _: UNREADABLE_REQUEST } : null),
          retryAfterSeconds:
            error.cause instanceof AppError
              ? (error.cause.details.retryAfterSeconds ?? null)
              : null,
        },
      };
    },
  });

export const createRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// ---- procedures ----

const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) throw toTRPCError(result.error.cause);
  return result;
});

// Cookies ride along on cross-site requests; a mutation must come from our own pages.
const requireSameOrigin = t.middleware(({ ctx, type, next }) => {
  if (type === "mutation" && !isTrustedOrigin(ctx.headers.get("origin"), ctx.trustedOrigins)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "Request refused: it did not come from Authdeck's own pages",
    });
  }
  return next();
});

// One check for every procedure, so no string that PostgreSQL cannot store gets that far.
const refuseNulCharacters = t.middleware(async ({ getRawInput, next }) => {
  const path = pathOfNulCharacter(await getRawInput());
  if (path !== null)
    throw invalid({ [path || "_"]: "Must not contain the NUL character (U+0000)" });
  return next();
});

// Beside the NUL check, for the same reason: a string PostgreSQL cannot store goes no further.
const refuseLoneSurrogates = t.middleware(async ({ getRawInput, next }) => {
  const path = pathOfLoneSurrogate(await getRawInput());
  if (path !== null)
    throw invalid({
      [path || "_"]: "Contains a character that is not valid Unicode (a lone surrogate)",
    });
  return next();
});

const base = t.procedure
  .use(mapDomainErrors)
  .use(requireSameOrigin)
  .use(refuseNulCharacters)
  .use(refuseLoneSurrogates);

/** Open to anyone: only for what reveals nothing about a team. */
export const publicProcedure = base.meta({ access: "public" });

const SESSION_ENDED = "Your session has ended: sign in again to see live updates";

/**
 * A signed-in person. `stillAllowed` checks again what was checked here, for a live stream that
 * outlasts this call (see streams.ts): each builder below adds its own check to it.
 */
export const signedInProcedure = base.meta({ access: "signedIn" }).use(({ ctx, next }) => {
  if (!ctx.user || !ctx.sessionId)
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  const session = { id: ctx.sessionId, userId: ctx.user.id };
  const stillAllowed = async () => {
    if (!(await isSessionActive(ctx.db, session, ctx.now())))
      throw new TRPCError({ code: "UNAUTHORIZED", message: SESSION_ENDED });
  };
  return next({ ctx: { ...ctx, user: ctx.user, session, stillAllowed } });
});

/**
 * A member of the input's `teamId` whose role allows `permission`. The membership is read on
 * every call, so a removed member is refused at once; another team's id answers NOT_FOUND.
 */
export const teamProcedure = (permission: Permission) =>
  signedInProcedure.meta({ access: "team", permission }).use(async ({ ctx, getRawInput, next }) => {
    const raw = await getRawInput();
    // Read before the input is parsed, so anything may be here: only a string can name a team
    // (an object whose `toString` is not a function would throw in String()).
    const teamId =
      typeof raw === "object" && raw !== null && "teamId" in raw && typeof raw.teamId === "string"
        ? raw.teamId
        : "";
    const authorize = async (): Promise<Member> => {
      const member = await resolveMember(ctx.db, ctx.user.id, teamId);
      assertCan(member, permission);
      return member;
    };
    const member = await authorize();
    const stillAllowed = async () => {
      await ctx.stillAllowed();
      await authorize();
    };
    return next({ ctx: { ...ctx, member, stillAllowed } });
  });
