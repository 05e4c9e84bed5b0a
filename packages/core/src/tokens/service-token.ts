import { hashApiKey } from "../api-keys/api-key-token.ts";
import { type ApiKeyUse, countApiKeyUse } from "../api-keys/api-key-usage.ts";
import { type ApiCaller, authenticateApiKey } from "../api-keys/authenticate-api-key.ts";
import type { Sealer } from "../crypto/sealer.ts";
import type { Db } from "../db/client.ts";
import type { TokenState } from "../db/generated/client.ts";
import { AppError, notFound } from "../errors/app-error.ts";
import { isUuid } from "../teams/member.ts";
import { ensureTokenState } from "./ensure-token-state.ts";
import type { ServiceCache } from "./service-cache.ts";
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

/** The process's short-lived copies of a service's reads (service-cache.ts), when it keeps them. */
type Kept = { cache?: ServiceCache | undefined };

/**
 * The caller an `Authorization: Bearer` API key names, or null: through the process's cache when
 * there is one, so a revoked key still passes for at most its bound (service-cache.ts).
 */
export function authenticateServiceCaller(
  deps: { db: Db; now: () => Date } & Kept,
  authorization: string | null,
): Promise<ApiCaller | null> {
  const read = () => authenticateApiKey(deps, authorization);
  return deps.cache ? deps.cache.apiKey(hashApiKey(authorization ?? ""), read) : read();
}

/** The profile an API key holder names, with its fields; not found for anything it may not read. */
export async function findCallerProfile(
  db: Db,
  caller: ApiCaller,
  input: { appId: string; profileId: string },
) {
  const profile =
    isUuid(input.appId) && isUuid(input.profileId) && caller.appIds.includes(input.appId)
      ? await db.authorizationProfile.findFirst({
          where: { id: input.profileId, appId: input.appId, teamId: caller.teamId },
          include: {
            fields: { orderBy: { position: "asc" } },
            team: { select: { egressAllowlist: true } },
          },
        })
      : null;
  if (!profile) throw notFound("Authorization profile");
  return profile;
}

export type CallerProfile = Awaited<ReturnType<typeof findCallerProfile>>;

/**
 * findCallerProfile through the process's cache when there is one. The copy is shared by every
 * key of the team, so this key's own apps are checked on every call, before the copy is used
 * (findCallerProfile checks them only when it reads).
 */
export async function keptCallerProfile(
  deps: { db: Db } & Kept,
  caller: ApiCaller,
  target: { appId: string; profileId: string },
): Promise<CallerProfile> {
  if (!caller.appIds.includes(target.appId)) throw notFound("Authorization profile");
  const read = () => findCallerProfile(deps.db, caller, target);
  return deps.cache ? deps.cache.profile({ teamId: caller.teamId, ...target }, read) : read();
}

/**
 * The profile's token state (for its tenant, already admitted) holding a usable token: a
 * missing, expired or nearly expired one is refreshed first through `refresh`, which everyone
 * asking at the same time shares. Unavailable when no usable token came in time.
 */
export async function usableTokenState(
  deps: Deps & { refresh: (state: TokenState) => Promise<void> },
  key: { teamId: string; profileId: string; tenant: string },
): Promise<TokenState> {
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
  return state;
}

/** usableTokenState through the process's cache when there is one, kept only while usable. */
export function keptUsableTokenState(
  deps: Parameters<typeof usableTokenState>[0] & Kept,
  key: Parameters<typeof usableTokenState>[1],
): Promise<TokenState> {
  const read = () => usableTokenState(deps, key);
  return deps.cache ? deps.cache.token(key, read, (state) => isUsable(state, deps.now())) : read();
}

/** The tenant a call names, checked against the profile and admitted (kept within the limit). */
export async function callerTenant(
  deps: Deps,
  profile: { id: string; teamId: string; tenancyEnabled: boolean },
  given: string | null | undefined,
  whenMissing: string,
): Promise<string> {
  const tenant = tenantFor(profile, given, whenMissing) ?? "";
  if (tenant)
    await admitTenant(
      deps.db,
      { teamId: profile.teamId, profileId: profile.id, tenant },
      deps.now(),
    );
  return tenant;
}

/** A profile field's value, a secret one opened at the moment of use. */
export function fieldValueOf(
  sealer: Sealer,
  f: { id: string; secret: boolean; value: string | null; valueSealed: string | null },
): string {
  if (!f.secret) return f.value ?? "";
  return f.valueSealed
    ? sealer.open(f.valueSealed, {
        table: "authorization_field",
        rowId: f.id,
        column: "value_sealed",
      })
    : "";
}

/** The access token a usable state holds, opened at the moment of use. */
export const openAccessToken = (sealer: Sealer, state: TokenState) =>
  sealer.open(state.accessTokenSealed ?? "", {
    table: "token_state",
    rowId: state.id,
    column: "access_token_sealed",
  });

/**
 * The current token of a profile for a service holding an API key. A missing, expired or
 * nearly expired token is refreshed first through `refresh`, which everyone asking at the same
 * time shares; the answer never carries a token that has expired. With a `cache`, the profile
 * and a usable token come from the process's short-lived copies; with `countUse`, the call is
 * counted in a batch rather than written at once.
 */
export async function readServiceToken(
  deps: Deps &
    Kept & {
      refresh: (state: TokenState) => Promise<void>;
      countUse?: ((use: ApiKeyUse) => void) | undefined;
    },
  caller: ApiCaller,
  input: { appId: string; profileId: string; tenant?: string | null | undefined },
) {
  const profile = await keptCallerProfile(deps, caller, input);
  const tenant = await callerTenant(deps, profile, input.tenant, "This profile needs ?tenant=");
  const state = await keptUsableTokenState(deps, {
    teamId: caller.teamId,
    profileId: profile.id,
    tenant,
  });
  const use = { apiKeyId: caller.apiKeyId, profileId: profile.id, at: deps.now() };
  if (deps.countUse) deps.countUse(use);
  else await countApiKeyUse(deps.db, use);
  return {
    access_token: openAccessToken(deps.sealer, state),
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
      value: fieldValueOf(deps.sealer, f),
    })),
  };
}
