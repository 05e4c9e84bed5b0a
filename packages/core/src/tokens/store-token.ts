import type { Sealer } from "../crypto/sealer.ts";
import type { Prisma } from "../db/generated/client.ts";
import { nextRefreshAt } from "./refresh-plan.ts";
import { ensureTokenState } from "./service-token.ts";

/** When a token expires: expires_in, else the JWT's exp, else the profile's default lifetime. */
export function expiryOf(options: {
  obtainedAt: Date;
  expiresIn: number | null;
  jwtExp: number | null;
  defaultLifetimeSeconds: number;
}): Date {
  if (options.expiresIn !== null && options.expiresIn > 0) {
    return new Date(options.obtainedAt.getTime() + options.expiresIn * 1000);
  }
  if (options.jwtExp !== null && options.jwtExp * 1000 > options.obtainedAt.getTime()) {
    return new Date(options.jwtExp * 1000);
  }
  return new Date(options.obtainedAt.getTime() + options.defaultLifetimeSeconds * 1000);
}

/** Seals a freshly obtained token as the profile's (and tenant's) current token. */
export async function storeToken(
  deps: { db: Pick<Prisma.TransactionClient, "tokenState">; sealer: Sealer },
  token: {
    /** The state's id when the caller already read it (a refresh), sparing a lookup. */
    stateId?: string;
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
  const id = token.stateId ?? (await ensureTokenState(deps.db, { teamId, profileId, tenant })).id;
  const seal = (value: string, column: string) =>
    deps.sealer.seal(value, { table: "token_state", rowId: id, column });
  const expiresAt = expiryOf(token);
  const data = {
    status: "fresh" as const,
    accessTokenSealed: seal(token.accessToken, "access_token_sealed"),
    refreshTokenSealed: token.refreshToken
      ? seal(token.refreshToken, "refresh_token_sealed")
      : null,
    tokenType: token.tokenType,
    obtainedAt: token.obtainedAt,
    expiresAt,
    nextRefreshAt: nextRefreshAt(token.obtainedAt, expiresAt),
    consecutiveFailures: 0,
    lastError: null,
    leaseUntil: null,
  };
  await deps.db.tokenState.update({ where: { id }, data });
}
