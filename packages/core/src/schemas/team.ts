import { z } from "zod";
import { ASSIGNABLE_ROLES, ROLES } from "../shared/roles.ts";
import { idSchema, nameSchema, withNameCharacters } from "./common.ts";

export const teamNameSchema = nameSchema("Team name");
export const roleSchema = z.enum(ROLES);
export const assignableRoleSchema = z.enum(ASSIGNABLE_ROLES, {
  message: "Choose admin, editor or viewer",
});

export const teamRef = z.object({ teamId: idSchema });

export const createTeamInput = z.object({ name: teamNameSchema });
export const renameTeamInput = teamRef.extend({ name: teamNameSchema });
export const deleteTeamInput = teamRef.extend({
  confirmName: z.string().trim().min(1, "Type the team's name to confirm"),
});
export const transferOwnershipInput = teamRef.extend({ userId: z.string().min(1) });
export const changeMemberRoleInput = teamRef.extend({
  userId: z.string().min(1),
  role: assignableRoleSchema,
});
export const removeMemberInput = teamRef.extend({ userId: z.string().min(1) });

/** Who an invite link is for, in the inviter's words: optional, blank means none. */
export const invitationNoteSchema = z
  .string()
  .trim()
  .max(100, "Note must be at most 100 characters")
  .superRefine(withNameCharacters("Note"))
  .transform((note) => note || undefined)
  .optional();
export const createInvitationInput = teamRef.extend({
  role: assignableRoleSchema,
  note: invitationNoteSchema,
});
export const revokeInvitationInput = teamRef.extend({ invitationId: idSchema });
export const invitationTokenInput = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "This invitation link is not valid"),
});

export const listAuditInput = teamRef.extend({
  actorUserId: z.string().min(1).optional(),
  action: z.string().min(1).max(80).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  cursor: idSchema.optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

export const setEgressAllowlistInput = teamRef.extend({
  rules: z
    .array(z.string().trim().max(255, "A rule must be at most 255 characters"))
    .max(100, "At most 100 rules"),
});
