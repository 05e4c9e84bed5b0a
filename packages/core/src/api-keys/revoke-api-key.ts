import { recordAudit } from "../audit/record-audit.ts";
import { notFound } from "../errors/app-error.ts";
import type { Deps } from "../teams/deps.ts";
import { assertCan, type Member } from "../teams/member.ts";

export async function revokeApiKey(deps: Deps, member: Member, input: { apiKeyId: string }) {
  assertCan(member, "apiKey.manage");
  return deps.db.$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({
      where: { id: input.apiKeyId, teamId: member.teamId, revokedAt: null },
      data: { revokedAt: deps.now() },
    });
    if (count === 0) throw notFound("API key");
    await recordAudit(tx, {
      teamId: member.teamId,
      actor: { userId: member.userId },
      action: "apiKey.revoke",
      targetType: "apiKey",
      targetId: input.apiKeyId,
    });
    return { id: input.apiKeyId };
  });
}
