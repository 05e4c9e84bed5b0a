import type { Agent } from "undici";
import type { AddressPolicy } from "../http/address-policy.ts";
import { teamAddressPolicy } from "../http/team-rules.ts";
import { type DispatcherTimeouts, teamDispatcher } from "./team-dispatchers.ts";

type EgressDeps = { egressAllow: readonly string[]; egressTeamMayAllow: readonly string[] };

// Policies built from the same rules, kept: parsing the rules on every call was about 4 % of the
// proxy process's CPU at 50 concurrent calls (docs/performance.md). A rule change is a new key.
const MAX_POLICIES = 200;
const policies = new Map<string, AddressPolicy>();

function policyFor(rules: string[], build: () => AddressPolicy): AddressPolicy {
  const id = JSON.stringify(rules);
  let policy = policies.get(id);
  if (!policy) {
    policy = build();
    policies.set(id, policy);
    const oldest = policies.keys().next().value;
    if (policies.size > MAX_POLICIES && oldest !== undefined) policies.delete(oldest);
  }
  return policy;
}

/**
 * How a team's API calls go out: the policy of the addresses they may reach (the deployment's
 * rules and the team's own) and the team's guarded dispatcher, kept for exactly those rules.
 */
export function teamEgress(
  deps: EgressDeps,
  team: { id: string; egressAllowlist: readonly string[] },
  timeouts: DispatcherTimeouts,
): { policy: AddressPolicy; dispatcher: Agent } {
  const rules = [deps.egressAllow, deps.egressTeamMayAllow, team.egressAllowlist].map((list) =>
    list.join(","),
  );
  const policy = policyFor(rules, () =>
    teamAddressPolicy(
      { allow: deps.egressAllow, teamMayAllow: deps.egressTeamMayAllow },
      team.egressAllowlist,
    ),
  );
  return { policy, dispatcher: teamDispatcher({ teamId: team.id, rules }, policy, timeouts) };
}
