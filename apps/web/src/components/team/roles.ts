// From the zod-free module: the members page would otherwise load every schema to list three roles.
import { ASSIGNABLE_ROLES } from "@authdeck/core/client";

export { ASSIGNABLE_ROLES };
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

export const ROLE_HINTS: Record<AssignableRole, string> = {
  admin: "Manages apps, members and invitations, and reads the audit log.",
  editor: "Works on authorization profiles; cannot manage apps or members.",
  viewer: "Sees apps and profiles; changes nothing.",
};
