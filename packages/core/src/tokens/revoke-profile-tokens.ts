import { conflict, notFound } from "../errors/app-error.ts";
import { assertCan, isUuid, type Member } from "../teams/member.ts";
import type { TokenCallDeps } from "./provider-token-call.ts";
import { revokeToken } from "./revoke-token.ts";

/**
 * The most tokens one "revoke all" sends to the provider, one after another: a profile with
 * tenancy can hold a token per tenant, and the call must end while the person waits.
 */
export const REVOKE_ALL_LIMIT = 50;

export type RevokeAllResult = {
  revoked: number;
  failed: Array<{ tenant: string | null; problem: string; status: number | null }>;
  /** Live tokens beyond REVOKE_ALL_LIMIT, left for another call. */
  left: number;
};

/**
 * Revokes every live token a profile holds (RFC 7009), before the profile is deleted or after
 * its Client Secret Key was replaced: a token obtained with a secret that leaked stays valid at
 * the provider until it expires unless it is revoked. Each token is revoked and audited as
 * "Revoke token" does it; a refusal is reported with the provider's answer, not thrown.
 */
export async function revokeProfileTokens(
  deps: TokenCallDeps,
  member: Member,
  input: { appId: string; profileId: string },
): Promise<RevokeAllResult> {
  assertCan(member, "profile.test");
  const profile =
    isUuid(input.profileId) && isUuid(input.appId)
      ? await deps.db.authorizationProfile.findFirst({
          where: { id: input.profileId, appId: input.appId, teamId: member.teamId },
          select: { id: true, revocationEndpoint: true },
        })
      : null;
  if (!profile) throw notFound("Authorization profile");
  if (!profile.revocationEndpoint) {
    throw conflict(
      "This profile has no revocation endpoint: fetch the provider's metadata in the profile's dialog and save it",
    );
  }
  const now = deps.now();
  const live = {
    profileId: profile.id,
    accessTokenSealed: { not: null },
    OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
  };
  const [states, total] = await Promise.all([
    deps.db.tokenState.findMany({
      where: live,
      select: { tenant: true },
      orderBy: { tenant: "asc" },
      take: REVOKE_ALL_LIMIT,
    }),
    deps.db.tokenState.count({ where: live }),
  ]);
  const result: RevokeAllResult = { revoked: 0, failed: [], left: total - states.length };
  for (const { tenant } of states) {
    const outcome = await revokeToken(deps, member, {
      ...input,
      ...(tenant ? { tenant } : {}),
    });
    if (outcome.ok) result.revoked++;
    else
      result.failed.push({
        tenant: tenant || null,
        problem: outcome.problem,
        status: outcome.status,
      });
  }
  return result;
}
