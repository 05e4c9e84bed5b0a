import type { Prisma } from "../db/generated/client.ts";
import { conflict } from "../errors/app-error.ts";

type Tx = Pick<Prisma.TransactionClient, "authorizationProfile">;

const CLASH = "A profile with this name already exists in this app";

/** Profile names are unique within their app, whatever the letter case. */
export async function assertProfileNameFree(
  tx: Tx,
  appId: string,
  name: string,
  exceptId?: string,
) {
  const clash = await tx.authorizationProfile.findFirst({
    where: {
      appId,
      name: { equals: name, mode: "insensitive" },
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { id: true },
  });
  if (clash) throw conflict(CLASH, { name: CLASH });
}

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
