import type { Db } from "../db/client.ts";
import { forbidden, notFound } from "../errors/app-error.ts";
import { can, type Permission, type Role } from "../shared/roles.ts";

/** The person acting, as a member of the team they act in. Every team use-case takes one. */
export type Member = { userId: string; teamId: string; role: Role };

/**
 * Looks the membership up on every request, so a removed member loses access at once.
 * Another team's id answers NOT_FOUND, exactly like an id that does not exist.
 */
export async function resolveMember(db: Db, userId: string, teamId: string): Promise<Member> {
  const membership = isUuid(teamId)
    ? await db.membership.findUnique({ where: { teamId_userId: { teamId, userId } } })
    : null;
  if (!membership) throw notFound("Team");
  return { userId, teamId, role: membership.role };
}

export function assertCan(member: Member, permission: Permission): void {
  if (!can(member.role, permission)) {
    throw forbidden(`Your role (${member.role}) does not allow this`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);
