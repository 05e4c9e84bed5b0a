import type { Sealer } from "../crypto/sealer.ts";
import type { Prisma } from "../db/generated/client.ts";
import { ensureTokenState } from "./ensure-token-state.ts";
import { DEFAULT_REFRESH_POLICY, planRefresh, type RefreshPolicy } from "./refresh-plan.ts";
import { expiryOf } from "./token-lifetime.ts";

/** Seals a freshly obtained token as the profile's (and tenant's) current token. */
export async function storeToken(
  deps: {
    db: Pick<Prisma.TransactionClient, "tokenState">;
    sealer: Sealer;
    refreshPolicy?: RefreshPolicy | undefined;
  },
  token: {
    /** The state when the caller already read it (a refresh), sparing a lookup. */
    state?: { id: string; shortLivedCount: number };
    teamId: string;
    profileId: string;
    tenant: string;
    accessToken: string;
    refreshToken: string | null;
    tokenType: string | null;
    expiresIn: number | null;
    jwtExp: number | null;
    defaultLifetimeSeconds: number;
    obtainedAt: Date;
  },
) {
  // The row's id is sealed into every value, so the row comes first: callers storing a first
  // token at the same moment all land in the one row, each sealing for its id.
  const { teamId, profileId, tenant } = token;
  const existing = token.state ?? (await ensureTokenState(deps.db, { teamId, profileId, tenant }));
  const { id } = existing;
  const seal = (value: string, column: string) =>
    deps.sealer.seal(value, { table: "token_state", rowId: id, column });
  const expiresAt = expiryOf(token);
  const plan = planRefresh(
    {
      obtainedAt: token.obtainedAt,
      expiresAt,
      shortLivedBefore: existing.shortLivedCount,
    },
    deps.refreshPolicy ?? DEFAULT_REFRESH_POLICY,
  );
  const data = {
    status: "fresh" as const,
    accessTokenSealed: seal(token.accessToken, "access_token_sealed"),
    refreshTokenSealed: token.refreshToken
      ? seal(token.refreshToken, "refresh_token_sealed")
      : null,
    tokenType: token.tokenType,
    obtainedAt: token.obtainedAt,
    expiresAt,
    ...plan,
    consecutiveFailures: 0,
    lastError: null,
    leaseUntil: null,
  };
  await deps.db.tokenState.update({ where: { id }, data });
}
