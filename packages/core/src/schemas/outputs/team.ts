import { z } from "zod";
import { assignableRoleSchema, roleSchema } from "../team.ts";

const teamName = z.object({ id: z.string(), name: z.string() });

export const listMyTeamsOutput = z.array(teamName.extend({ role: roleSchema }));
export const teamNameOutput = teamName;
export const teamOutput = teamName.extend({
  createdAt: z.date(),
  role: roleSchema,
  counts: z.object({ apps: z.number(), members: z.number(), profiles: z.number() }),
});
export const deletedTeamOutput = z.object({ id: z.string() });
export const transferOwnershipOutput = z.object({ ownerUserId: z.string() });
export const egressAllowlistOutput = z.object({
  rules: z.array(z.string()),
  inactive: z.array(z.object({ rule: z.string(), reason: z.string() })),
  teamsMayAllowAny: z.boolean(),
});
export const setEgressAllowlistOutput = z.object({ rules: z.array(z.string()) });
export const leaveTeamOutput = z.object({ teamId: z.string() });

export const listMembersOutput = z.array(
  z.object({
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    role: roleSchema,
    joinedAt: z.date(),
    isYou: z.boolean(),
  }),
);
export const changeMemberRoleOutput = z.object({ userId: z.string(), role: assignableRoleSchema });
export const removeMemberOutput = z.object({ userId: z.string() });

/** The one answer that carries an invitation's token: the link is shown once, to its maker. */
export const createInvitationOutput = z.object({
  id: z.string(),
  token: z.string(),
  role: roleSchema,
  expiresAt: z.date(),
  note: z.string().nullable(),
});
export const listInvitationsOutput = z.array(
  z.object({
    id: z.string(),
    role: roleSchema,
    note: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.date(),
    expiresAt: z.date(),
  }),
);
export const revokeInvitationOutput = z.object({ id: z.string() });
export const previewInvitationOutput = z.object({
  teamName: z.string(),
  role: roleSchema,
  expiresAt: z.date(),
});
export const acceptInvitationOutput = z.object({ teamId: z.string(), alreadyMember: z.boolean() });
