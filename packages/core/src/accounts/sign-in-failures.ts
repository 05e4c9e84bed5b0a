import { createHash } from "node:crypto";
import type { Db } from "../db/index.ts";

export type SignInLimit = { failures: number; windowSeconds: number };
type Deps = { db: Db; now: () => Date };

// The address as better-auth stores it; hashed, since people type passwords into it too.
const keyOf = (email: string) =>
  createHash("sha256").update(`account:${email.trim().toLowerCase()}`).digest("hex");

/**
 * Counts a sign-in attempt against `email` before its password is checked, unless the account
 * already had `limit.failures` failed attempts in the current window: then answers the seconds
 * until the window ends. Counting first, in one statement, means concurrent guesses cannot
 * slip past the limit; `forgiveSignInAttempt` takes the count back when the attempt succeeds.
 */
export async function claimSignInAttempt(
  deps: Deps,
  email: string,
  limit: SignInLimit,
): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const key = keyOf(email);
  const now = deps.now();
  const windowStart = new Date(now.getTime() - limit.windowSeconds * 1_000);
  const claimed = await deps.db.$queryRaw<unknown[]>`
    INSERT INTO sign_in_failure AS f (key, failures, window_starts_at) VALUES (${key}, 1, ${now})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN f.window_starts_at <= ${windowStart} THEN 1 ELSE f.failures + 1 END,
      window_starts_at = CASE WHEN f.window_starts_at <= ${windowStart}
        THEN ${now} ELSE f.window_starts_at END
    WHERE f.window_starts_at <= ${windowStart} OR f.failures < ${limit.failures}
    RETURNING 1`;
  // Windows that ended hold nothing worth keeping: an address sprayed once leaves no row behind.
  await deps.db.signInFailure.deleteMany({ where: { windowStartsAt: { lt: windowStart } } });
  if (claimed.length > 0) return { allowed: true };
  const row = await deps.db.signInFailure.findUnique({ where: { key } });
  const endsAt = (row?.windowStartsAt.getTime() ?? now.getTime()) + limit.windowSeconds * 1_000;
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1_000)),
  };
}

/** Takes back the count of an attempt that did not fail on its password. */
export async function forgiveSignInAttempt(deps: Pick<Deps, "db">, email: string) {
  await deps.db.$executeRaw`
    UPDATE sign_in_failure SET failures = GREATEST(failures - 1, 0) WHERE key = ${keyOf(email)}`;
}
