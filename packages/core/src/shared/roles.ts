// The database's role enum names the same roles: Prisma's Role and this one are assigned to each
// other where memberships are read and written, so the compiler refuses a drift either way.
export const ROLES = ["owner", "admin", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];
/** Roles an invitation or a role change may give; owner passes only by transfer. */
export const ASSIGNABLE_ROLES = ["admin", "editor", "viewer"] as const satisfies readonly Role[];

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };

export const atLeast = (role: Role, minimum: Role) => RANK[role] >= RANK[minimum];

/**
 * Who may do what: the least role for each action. Procedures declare the action they perform
 * and use-cases check it again, both from this table.
 */
export const PERMISSIONS = {
  "team.read": "viewer",
  "team.rename": "admin",
  "team.delete": "owner",
  "team.transfer": "owner",
  "team.leave": "viewer",
  "member.read": "viewer",
  "member.changeRole": "admin",
  "member.remove": "admin",
  "invitation.manage": "admin",
  "app.read": "viewer",
  "app.create": "admin",
  "app.rename": "admin",
  "app.delete": "admin",
  "audit.read": "admin",
  "profile.read": "viewer",
  "profile.write": "editor",
  "profile.test": "editor",
  "apiKey.manage": "admin",
  "egress.manage": "admin",
  "notification.read": "viewer",
  "notification.manage": "admin",
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSIONS;

export const can = (role: Role, permission: Permission) => atLeast(role, PERMISSIONS[permission]);
