import type { Prisma } from "../db/generated/client.ts";
import { conflict } from "../errors/app-error.ts";
import { APP_NAME_TAKEN } from "../shared/name-rules.ts";

type Tx = Pick<Prisma.TransactionClient, "app" | "$queryRaw">;

/**
 * App names are unique within a team, case-insensitively, so two apps are never confused.
 * The database's unique index is case-sensitive, so transactions naming apps in one team take
 * turns on the team's row; without that, two at once both see the name free.
 */
export async function assertAppNameFree(tx: Tx, teamId: string, name: string, exceptId?: string) {
  await tx.$queryRaw`SELECT 1 FROM team WHERE id = ${teamId}::uuid FOR NO KEY UPDATE`;
  const clash = await tx.app.findFirst({
    where: {
      teamId,
      name: { equals: name, mode: "insensitive" },
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { id: true },
  });
  if (clash) throw conflict(APP_NAME_TAKEN, { name: APP_NAME_TAKEN });
}
