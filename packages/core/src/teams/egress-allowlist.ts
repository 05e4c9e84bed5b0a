import { recordAudit } from "../audit/record-audit.ts";
import { invalid, notFound } from "../errors/app-error.ts";
import { AllowRuleError, parseAllowRules } from "../http/allow-rules.ts";
import type { Deps } from "./deps.ts";
import { assertCan, type Member } from "./member.ts";

export async function getEgressAllowlist(deps: Deps, member: Member) {
  assertCan(member, "team.read");
  const team = await deps.db.team.findUnique({
    where: { id: member.teamId },
    select: { egressAllowlist: true },
  });
  if (!team) throw notFound("Team");
  return { rules: team.egressAllowlist };
}

/**
 * The private hosts and CIDR ranges this team's token requests may reach (public addresses
 * need no rule). Every rule is checked before anything is saved.
 */
export async function setEgressAllowlist(deps: Deps, member: Member, input: { rules: string[] }) {
  assertCan(member, "egress.manage");
  const rules = [...new Set(input.rules.map((r) => r.trim()).filter(Boolean))];
  try {
    parseAllowRules(rules);
  } catch (error) {
    if (error instanceof AllowRuleError) throw invalid({ rules: error.message });
    throw error;
  }
  await deps.db.$transaction(async (tx) => {
    await tx.team.update({ where: { id: member.teamId }, data: { egressAllowlist: rules } });
    await recordAudit(tx, {
      teamId: member.teamId,
      actor: { userId: member.userId },
      action: "team.egressAllowlist",
      targetType: "team",
      targetId: member.teamId,
      changes: { rules },
    });
  });
  return { rules };
}
