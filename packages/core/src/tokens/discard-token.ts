import type { Db } from "../db/client.ts";
import type { Prisma, TokenState } from "../db/generated/client.ts";

/** What a token that no longer works becomes: expired now, so its next reader refreshes it. */
const expiredAt = (now: Date) => ({ expiresAt: now, status: "expired" as const });

/**
 * Marks the token a call was made with as no longer working (the API answered with one of the
 * profile's auth error statuses): it expires now, so it is not handed out again and the next
 * reader refreshes it. Only that token: when several callers saw it fail at once, the first
 * marks it, and a token that replaced it meanwhile (another sealed value) is left alone.
 */
export async function discardToken(
  db: Db,
  state: Pick<TokenState, "id" | "accessTokenSealed">,
  now: Date,
): Promise<boolean> {
  if (!state.accessTokenSealed) return false;
  const { count } = await db.tokenState.updateMany({
    where: { id: state.id, accessTokenSealed: state.accessTokenSealed, expiresAt: { gt: now } },
    data: expiredAt(now),
  });
  return count === 1;
}

/**
 * Expires every token of a profile that is still held (its DPoP key changed, so none of them is
 * what the profile now asks for), in the caller's transaction.
 */
export async function expireProfileTokens(
  tx: Pick<Prisma.TransactionClient, "tokenState">,
  profileId: string,
  now: Date,
): Promise<void> {
  await tx.tokenState.updateMany({
    where: {
      profileId,
      accessTokenSealed: { not: null },
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    },
    data: expiredAt(now),
  });
}
