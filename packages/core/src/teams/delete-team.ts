import { AppError, notFound } from "../errors/app-error.ts";
import { rethrowDatabaseError } from "../errors/database-errors.ts";
import type { Deps } from "./deps.ts";
import { assertCan, type Member } from "./member.ts";

/**
 * Deletes the team with everything in it. The owner confirms by typing the team's name; the
 * audit trail goes with the team, so nothing is recorded after the fact.
 */
export async function deleteTeam(deps: Deps, member: Member, input: { confirmName: string }) {
  assertCan(member, "team.delete");
  const team = await deps.db.team.findUnique({ where: { id: member.teamId } });
  if (!team) throw notFound("Team");
  if (input.confirmName !== team.name) {
    throw new AppError("INVALID", "Type the team's name exactly to confirm", {
      fieldErrors: { confirmName: `Type "${team.name}" to confirm` },
    });
  }
  await deps.db.team.delete({ where: { id: team.id } }).catch(rethrowDatabaseError);
  return { id: team.id };
}
