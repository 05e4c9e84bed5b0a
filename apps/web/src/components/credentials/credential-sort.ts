import type { RouterOutputs } from "~/lib/trpc.tsx";

export type Credential = RouterOutputs["credential"]["list"]["credentials"][number];

export type CredentialSortKey =
  | "attention"
  | "name"
  | "app"
  | "method"
  | "expires"
  | "lastToken"
  | "lastUsed"
  | "health"
  | "lastChanged";
export type CredentialSort = { sort: CredentialSortKey; direction: "asc" | "desc" };

export const ATTENTION_FIRST: CredentialSort = { sort: "attention", direction: "asc" };

const HEALTH_ORDER = { failing: 0, not_checked: 1, healthy: 2 } as const;
const time = (date: Date | null) => date?.getTime() ?? null;

/** What each column sorts by; null (nothing to show) always goes last. */
const VALUE: Record<
  Exclude<CredentialSortKey, "attention">,
  (c: Credential) => string | number | null
> = {
  name: (c) => c.name.toLowerCase(),
  app: (c) => c.app.name.toLowerCase(),
  method: (c) => c.clientAuthMethod,
  expires: (c) => time(c.expiresAt),
  lastToken: (c) => time(c.lastTokenAt),
  lastUsed: (c) => time(c.lastUsedAt),
  health: (c) => HEALTH_ORDER[c.health],
  lastChanged: (c) => time(c.lastChange.at),
};

/**
 * The credentials in the chosen order. "attention" is the server's own order (needs attention
 * first); other columns sort here, the list being whole, with the attention order breaking ties.
 */
export function sortCredentials(list: readonly Credential[], sort: CredentialSort): Credential[] {
  if (sort.sort === "attention") return [...list];
  const value = VALUE[sort.sort];
  const sign = sort.direction === "asc" ? 1 : -1;
  return list
    .map((credential, rank) => ({ credential, rank, key: value(credential) }))
    .sort((a, b) => {
      if (a.key === b.key) return a.rank - b.rank;
      if (a.key === null) return 1;
      if (b.key === null) return -1;
      return (a.key < b.key ? -1 : 1) * sign;
    })
    .map((entry) => entry.credential);
}
