import { recordAudit } from "../audit/record-audit.ts";
import { invalid, notFound } from "../errors/app-error.ts";
import { runTransaction } from "../errors/database-errors.ts";
import { teamRuleRefusal } from "../http/team-rules.ts";
import type { Deps } from "./deps.ts";
import { assertCan, type Member } from "./member.ts";

const SHOWN_REFUSALS = 5;

/** The operator's AUTHDECK_EGRESS_TEAM_MAY_ALLOW, which bounds every team's rules. */
export type EgressDeps = Deps & { egressTeamMayAllow: readonly string[] };

/**
 * The team's rules, and those of them not in force: stored before the operator narrowed what
 * teams may allow (or before there was such a limit), they are ignored by token requests.
 */
export async function getEgressAllowlist(deps: EgressDeps, member: Member) {
  assertCan(member, "team.read");
  const team = await deps.db.team.findUnique({
    where: { id: member.teamId },
    select: { egressAllowlist: true },
  });
  if (!team) throw notFound("Team");
  const inactive = team.egressAllowlist.flatMap((rule) => {
    const reason = teamRuleRefusal(deps.egressTeamMayAllow, rule);
    return reason === null ? [] : [{ rule, reason }];
  });
  return {
    rules: team.egressAllowlist,
    inactive,
    teamsMayAllowAny: deps.egressTeamMayAllow.length > 0,
  };
}

/**
 * The private hosts and CIDR ranges this team's token requests may reach (public addresses
 * need no rule), within what the operator lets teams allow. Every rule is checked before
 * anything is saved; each refused one is named with why.
 */
export async function setEgressAllowlist(
  deps: EgressDeps,
  member: Member,
  input: { rules: string[] },
) {
  assertCan(member, "egress.manage");
  const rules = [...new Set(input.rules.map((r) => r.trim()).filter(Boolean))];
  const refusals = rules.flatMap((rule) => teamRuleRefusal(deps.egressTeamMayAllow, rule) ?? []);
  if (refusals.length > 0) {
    const more = refusals.length - SHOWN_REFUSALS;
    const shown = refusals.slice(0, SHOWN_REFUSALS).map((refusal) => `${refusal}.`);
    throw invalid({
      rules: [...shown, ...(more > 0 ? [`${more} more rules are refused too.`] : [])].join(" "),
    });
  }
  await runTransaction(deps.db, async (tx) => {
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
