import type { Prisma } from "../db/generated/client.ts";
import { conflict } from "../errors/app-error.ts";

type Tx = Pick<Prisma.TransactionClient, "app">;

/** App names are unique within a team, case-insensitively, so two apps are never confused. */
export async function assertAppNameFree(tx: Tx, teamId: string, name: string, exceptId?: string) {
  const clash = await tx.app.findFirst({
    where: {
      teamId,
      name: { equals: name, mode: "insensitive" },
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { id: true },
  });
  if (clash)
    throw conflict("An app with this name already exists", {
      name: "An app with this name already exists",
    });
}
