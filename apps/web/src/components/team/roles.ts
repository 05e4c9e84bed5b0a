import { assignableRoleSchema } from "@authdeck/core/schemas";
import type { z } from "zod";

/** Roles an invitation or a role change may give; ownership moves only by transfer. */
export const ASSIGNABLE_ROLES = assignableRoleSchema.options;
export type AssignableRole = z.infer<typeof assignableRoleSchema>;

export const ROLE_HINTS: Record<AssignableRole, string> = {
  admin: "Manages apps, members and invitations, and reads the audit log.",
  editor: "Works on authorization profiles; cannot manage apps or members.",
  viewer: "Sees apps and profiles; changes nothing.",
};
