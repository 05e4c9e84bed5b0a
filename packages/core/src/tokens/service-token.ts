import { countApiKeyUse } from "../api-keys/api-key-usage.ts";
import type { ApiCaller } from "../api-keys/authenticate-api-key.ts";
import type { Sealer } from "../crypto/sealer.ts";
import type { Db } from "../db/client.ts";
import type { TokenState } from "../db/generated/client.ts";
import { AppError, notFound } from "../errors/app-error.ts";
import { isUuid } from "../teams/member.ts";
import { ensureTokenState } from "./ensure-token-state.ts";
import { admitTenant, tenantFor } from "./tenant.ts";

/**
 * A token about to expire is refreshed before it is handed out: one with less than 30 s left,
 * or, for short-lived tokens, less than a fifth of its lifetime.
 */
export const MIN_REMAINING_MS = 30_000;

export function isUsable(state: TokenState | null, now: Date): boolean {
  if (!state?.accessTokenSealed || !state.expiresAt) return false;
  const lifetime = state.obtainedAt
    ? state.expiresAt.getTime() - state.obtainedAt.getTime()
    : Number.POSITIVE_INFINITY;
  const margin = Math.min(MIN_REMAINING_MS, lifetime * 0.2);
  return state.expiresAt.getTime() - now.getTime() > margin;
}

type Deps = { db: Db; sealer: Sealer; now: () => Date };

/**
 * The current token of a profile for a service holding an API key. A missing, expired or
 * nearly expired token is refreshed first through `refresh`, which everyone asking at the same
 * time shares; the answer never carries a token that has expired.
 */
export async function readServiceToken(
  deps: Deps & { refresh: (state: TokenState) => Promise<void> },
  caller: ApiCaller,
  input: { appId: string; profileId: string; tenant?: string | null | undefined },
) {
  const profile =
    isUuid(input.appId) && isUuid(input.profileId) && caller.appIds.includes(input.appId)
      ? await deps.db.authorizationProfile.findFirst({
          where: { id: input.profileId, appId: input.appId, teamId: caller.teamId },
          include: { fields: { orderBy: { position: "asc" } } },
        })
      : null;
  if (!profile) throw notFound("Authorization profile");
  const tenant = tenantFor(profile, input.tenant, "This profile needs ?tenant=") ?? "";
  const key = { teamId: caller.teamId, profileId: profile.id, tenant };
  if (tenant) await admitTenant(deps.db, key, deps.now());

  let state = await ensureTokenState(deps.db, key);
  if (!isUsable(state, deps.now())) {
    await deps.refresh(state);
    state = await deps.db.tokenState.findUniqueOrThrow({ where: { id: state.id } });
  }
  if (!isUsable(state, deps.now())) {
    throw new AppError(
      "UNAVAILABLE",
      `No valid token: ${state.lastError ?? state.refreshNote ?? "the refresh did not finish in time"}`,
      {
        retryAfterSeconds: 5,
      },
    );
  }
  await countApiKeyUse(deps.db, {
    apiKeyId: caller.apiKeyId,
    profileId: profile.id,
    at: deps.now(),
  });
  const open = (sealed: string, table: string, rowId: string, column: string) =>
    deps.sealer.open(sealed, { table, rowId, column });
  return {
    access_token: open(
      state.accessTokenSealed ?? "",
      "token_state",
      state.id,
      "access_token_sealed",
    ),
    token_type: state.tokenType ?? "Bearer",
    expires_at: state.expiresAt?.toISOString() ?? null,
    // Beside expires_at for clients that count down rather than compare clocks.
    expires_in: state.expiresAt
      ? Math.max(0, Math.floor((state.expiresAt.getTime() - deps.now().getTime()) / 1000))
      : null,
    // What the caller adds to its own API calls, where each field's type says.
    fields: profile.fields.map((f) => ({
      type: f.type,
      key: f.key,
      value: f.secret
        ? f.valueSealed
          ? open(f.valueSealed, "authorization_field", f.id, "value_sealed")
          : ""
        : (f.value ?? ""),
    })),
  };
}
