import type { Deps } from "../teams/deps.ts";
import { hashApiKey, looksLikeApiKey } from "./api-key-token.ts";

export type ApiCaller = { apiKeyId: string; teamId: string; appIds: readonly string[] };

// Writing last-used on every call would make each token read a write; a minute is precise enough.
const LAST_USED_PRECISION_MS = 60_000;

/** The team and apps an `Authorization: Bearer` API key may read, or null for any bad key. */
export async function authenticateApiKey(
  deps: Deps,
  authorization: string | null,
): Promise<ApiCaller | null> {
  const key = /^Bearer (\S+)$/i.exec(authorization ?? "")?.[1];
  if (!key || !looksLikeApiKey(key)) return null;
  const row = await deps.db.apiKey.findUnique({ where: { hash: hashApiKey(key) } });
  if (!row || row.revokedAt) return null;
  const now = deps.now();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await deps.db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { apiKeyId: row.id, teamId: row.teamId, appIds: row.appIds };
}
