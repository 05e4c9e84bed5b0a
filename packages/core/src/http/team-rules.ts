import { classify, sameAddress } from "./address-class.ts";
import { type AddressPolicy, addressPolicyOf } from "./address-policy.ts";
import {
  type AllowRule,
  AllowRuleError,
  isExact,
  parseAllowRules,
  tryParseAllowRule,
} from "./allow-rules.ts";

/** The operator's two egress settings, validated when the process started. */
export type EgressSettings = {
  /** AUTHDECK_EGRESS_ALLOW: what every team's token requests may reach beyond public addresses. */
  allow: readonly string[];
  /** AUTHDECK_EGRESS_TEAM_MAY_ALLOW: what a team's own rules may open; empty, nothing. */
  teamMayAllow: readonly string[];
};

const VARIABLE = "AUTHDECK_EGRESS_TEAM_MAY_ALLOW";

/**
 * Why a team may not have `rule` (naming it), or null when the operator's `teamMayAllow` covers
 * it: a range inside one of its ranges, a host name it lists, and a link-local or metadata
 * address only when it names that exact address.
 */
export function teamRuleRefusal(teamMayAllow: readonly string[], rule: string): string | null {
  const parsed = tryParseAllowRule(rule);
  return parsed instanceof AllowRuleError
    ? parsed.message
    : refusalWithin(parseAllowRules(teamMayAllow), parsed);
}

function refusalWithin(cap: readonly AllowRule[], rule: AllowRule): string | null {
  if (covers(cap, rule)) return null;
  const quoted = `"${rule.text}"`;
  if (cap.length === 0) {
    return `${quoted}: this deployment lets teams allow no private destinations (its operator has not set ${VARIABLE})`;
  }
  if (rule.kind === "range" && isExact(rule)) {
    const kind = classify(rule.ip);
    if (kind === "sensitive") {
      return `${quoted} is a link-local or cloud metadata address: a team may allow it only when the operator's ${VARIABLE} names this exact address`;
    }
    if (kind === "public") {
      return `${quoted} is a public address: token requests reach it without a rule`;
    }
  }
  return `${quoted} is outside what this deployment lets teams allow (its operator's ${VARIABLE})`;
}

function covers(cap: readonly AllowRule[], rule: AllowRule): boolean {
  if (rule.kind === "name") return cap.some((c) => c.kind === "name" && c.name === rule.name);
  const exactOnly = isExact(rule) && classify(rule.ip) === "sensitive";
  return cap.some((c) => {
    if (c.kind !== "range" || c.ip.kind() !== rule.ip.kind()) return false;
    if (exactOnly) return isExact(c) && sameAddress(c.ip, rule.ip);
    return c.bits <= rule.bits && rule.ip.match(c.ip, c.bits);
  });
}

/**
 * The policy for one team's token requests: the deployment's rules and the team's rules that
 * the operator lets it have. The others are ignored (the Members page lists them as inactive).
 * Built for every request, so each rule is parsed once.
 */
export function teamAddressPolicy(
  settings: EgressSettings,
  teamRules: readonly string[],
): AddressPolicy {
  const cap = parseAllowRules(settings.teamMayAllow);
  const active = teamRules.flatMap((text) => {
    const rule = tryParseAllowRule(text);
    return rule instanceof AllowRuleError || !covers(cap, rule) ? [] : [rule];
  });
  return addressPolicyOf([...parseAllowRules(settings.allow), ...active]);
}
