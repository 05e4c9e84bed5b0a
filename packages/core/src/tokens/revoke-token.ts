import { recordAudit } from "../audit/record-audit.ts";
import type { Member } from "../teams/member.ts";
import { discardToken } from "./discard-token.ts";
import {
  callTokenEndpoint,
  type ProviderFailure,
  type TokenCallDeps,
} from "./provider-token-call.ts";

/**
 * "Revoke token" (RFC 7009): asks the provider to revoke a stored access token and, once it
 * answers 200, discards the token so it is never handed out again. Audited, failed or not.
 */
export async function revokeToken(
  deps: TokenCallDeps,
  member: Member,
  input: { appId: string; profileId: string; tenant?: string | undefined },
): Promise<{ ok: true; status: number } | ProviderFailure> {
  const result = await callTokenEndpoint(deps, member, input, "revocation");
  if (result.ok) await discardToken(deps.db, result.state, deps.now());
  await recordAudit(deps.db, {
    teamId: member.teamId,
    actor: { userId: member.userId },
    action: "token.revoke",
    targetType: "profile",
    targetId: result.profileId,
    changes: {
      ...(result.tenant ? { tenant: result.tenant } : {}),
      outcome: result.ok ? "revoked" : "failed",
      ...(result.status === null ? {} : { status: result.status }),
    },
  });
  if (result.ok) return { ok: true, status: result.status };
  const { problem, status, headers, body } = result;
  return { ok: false, problem, status, headers, body };
}
