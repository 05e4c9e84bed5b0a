import { recordAudit } from "../audit/record-audit.ts";
import type { Sealer } from "../crypto/sealer.ts";
import type { Db } from "../db/client.ts";
import { conflict } from "../errors/app-error.ts";
import { readEvidence } from "../schemas/evidence.ts";
import { assertCan, type Member } from "../teams/member.ts";
import { fingerprintOf } from "../tokens/token-facts.ts";
import { findTeamRun } from "./find-run.ts";

export const TOKEN_REPLACED =
  "A newer token has replaced the one this test obtained (a refresh or another test). Test again to copy a token.";
export const TOKEN_EXPIRED =
  "The token this test obtained has expired. Test again to copy a token.";

/**
 * "Copy token" on a passed test: the access token that run obtained, unsealed once for the
 * person's clipboard and recorded in the audit log. Runs keep only the token's fingerprint, so
 * the token comes from the profile's (tenant's) current token, and only while it is that very
 * token and still valid: never a different token than the one the confirmation speaks of.
 */
export async function revealRunToken(
  deps: { db: Db; sealer: Sealer; now: () => Date },
  member: Member,
  input: { appId: string; runId: string },
) {
  assertCan(member, "profile.test");
  const run = await findTeamRun(deps.db, member, input.appId, input.runId);
  const { tokenFacts } = readEvidence(run);
  if (run.status !== "succeeded" || !tokenFacts) {
    throw conflict("Only a test that obtained a token has a token to copy.");
  }
  const state = await deps.db.tokenState.findUnique({
    where: { profileId_tenant: { profileId: run.profileId, tenant: run.tenant ?? "" } },
  });
  const accessToken = state?.accessTokenSealed
    ? deps.sealer.open(state.accessTokenSealed, {
        table: "token_state",
        rowId: state.id,
        column: "access_token_sealed",
      })
    : null;
  if (!state || !accessToken || fingerprintOf(accessToken) !== tokenFacts.fingerprint) {
    throw conflict(TOKEN_REPLACED);
  }
  if (state.expiresAt && state.expiresAt <= deps.now()) throw conflict(TOKEN_EXPIRED);
  await recordAudit(deps.db, {
    teamId: member.teamId,
    actor: { userId: member.userId },
    action: "token.reveal",
    targetType: "profile",
    targetId: run.profileId,
    changes: run.tenant ? { tenant: run.tenant } : {},
  });
  return { accessToken, expiresAt: state.expiresAt };
}
