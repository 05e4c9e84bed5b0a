import { recordAudit } from "../audit/record-audit.ts";
import { runTransaction } from "../errors/database-errors.ts";
import type { Deps } from "./deps.ts";

/** Any signed-in person can create a team; they become its owner. */
export async function createTeam(deps: Deps, input: { userId: string; name: string }) {
  return runTransaction(deps.db, async (tx) => {
    const team = await tx.team.create({
      data: { name: input.name, memberships: { create: { userId: input.userId, role: "owner" } } },
    });
    await recordAudit(tx, {
      teamId: team.id,
      actor: { userId: input.userId },
      action: "team.create",
      targetType: "team",
      targetId: team.id,
      changes: { name: team.name },
    });
    return { id: team.id, name: team.name };
  });
}
