import type { Agent } from "undici";
import type { AddressPolicy } from "../http/address-policy.ts";
import { createGuardedDispatcher } from "../http/egress-guard.ts";

/** The dispatchers kept, one per team and set of egress rules; the oldest goes beyond this. */
const MAX_KEPT = 200;
// Connections one team's API calls may hold open to its APIs, and how long an idle one stays.
const POOL = { connections: 64, keepAliveMs: 4_000 };

export type DispatcherTimeouts = { connectMs: number; headersMs: number; bodyMs: number };

const kept = new Map<string, Agent>();

/**
 * The guarded dispatcher of a team's API calls, kept between calls so they reuse connections
 * (a new TCP and TLS handshake per call would be most of the proxy's added latency). Keyed by
 * the team and the rules its policy was built from: a team's socket is never lent to another
 * team, and a change of rules takes a new dispatcher, so a socket opened under the old rules
 * is not reused. Every new connection is still checked by the policy as it is made.
 */
export function teamDispatcher(
  key: { teamId: string; rules: readonly string[] },
  policy: AddressPolicy,
  timeouts: DispatcherTimeouts,
): Agent {
  const id = JSON.stringify([key.teamId, key.rules, timeouts]);
  const found = kept.get(id);
  if (found) {
    // Most recently used last, so the oldest is the one evicted.
    kept.delete(id);
    kept.set(id, found);
    return found;
  }
  const dispatcher = createGuardedDispatcher(policy, timeouts, POOL);
  kept.set(id, dispatcher);
  for (const [oldId, old] of kept) {
    if (kept.size <= MAX_KEPT) break;
    kept.delete(oldId);
    // Calls still streaming on it finish; it closes after them.
    void old.close().catch(() => {});
  }
  return dispatcher;
}
