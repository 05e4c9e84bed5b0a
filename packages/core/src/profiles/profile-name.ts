import type { Prisma } from "../db/generated/client.ts";

type Tx = Pick<Prisma.TransactionClient, "authorizationProfile">;

// Profile names are unique within their app whatever the letter case: a unique index on
// (app_id, lower(name)) holds the rule (prisma/schema-extras.sql), so two saves at once cannot
// both take a name, and errors/database-errors.ts answers a clash on the Name field.

/** "Asana (copy)", then "Asana (copy 2)"... the first name not taken in the app. */
export async function freeCopyName(tx: Tx, appId: string, name: string): Promise<string> {
  const base = `${name} (copy`;
  const taken = new Set(
    (
      await tx.authorizationProfile.findMany({
        where: { appId, name: { startsWith: base, mode: "insensitive" } },
        select: { name: true },
      })
    ).map((p) => p.name.toLowerCase()),
  );
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${name} (copy)` : `${name} (copy ${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
