import type { Db } from "../db/client.ts";
import type { TokenState } from "../db/generated/client.ts";

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
    data: { expiresAt: now, status: "expired" },
  });
  return count === 1;
}
