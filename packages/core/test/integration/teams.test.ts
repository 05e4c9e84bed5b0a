import { describe, expect, it } from "vitest";
import { createApp } from "../../src/apps/index.ts";
import {
  changeMemberRole,
  createInvitation,
  createTeam,
  deleteTeam,
  getTeam,
  leaveTeam,
  listMembers,
  listMyTeams,
  removeMember,
  renameTeam,
  resolveMember,
  transferOwnership,
} from "../../src/teams/index.ts";
import { appErrorOf, createTeamWithMembers, createUser, useTestDb } from "../fixtures.ts";

const { db, deps } = await useTestDb("teams");

const roleOf = async (teamId: string, userId: string) =>
  (await db.membership.findUnique({ where: { teamId_userId: { teamId, userId } } }))?.role ?? null;

const auditCount = (teamId: string, action: string) =>
  db.auditEvent.count({ where: { teamId, action } });

describe("createTeam", () => {
  it("makes the creator the only member, as owner, and records it", async () => {
    const creator = await createUser(db, "Cora Creator");
    const team = await createTeam(deps, { userId: creator.id, name: "Checkout" });

    expect(team.name).toBe("Checkout");
    const memberships = await db.membership.findMany({ where: { teamId: team.id } });
    expect(memberships.map((m) => [m.userId, m.role])).toEqual([[creator.id, "owner"]]);
    expect(await listMyTeams(deps, creator.id)).toEqual([
      { id: team.id, name: "Checkout", role: "owner" },
    ]);
    const events = await db.auditEvent.findMany({ where: { teamId: team.id } });
    expect(events).toMatchObject([
      {
        actorUserId: creator.id,
        action: "team.create",
        targetType: "team",
        targetId: team.id,
        changes: { name: "Checkout" },
      },
    ]);
  });
});

describe("resolveMember", () => {
  it("answers NOT_FOUND for another team's id and for an id that is not one", async () => {
    const a = await createTeamWithMembers(deps, "Resolve A");
    const b = await createTeamWithMembers(deps, "Resolve B");

    expect(await a.as("editor")).toEqual({
      userId: a.users.editor.id,
      teamId: a.team.id,
      role: "editor",
    });
    for (const teamId of [b.team.id, "not-a-uuid", ""]) {
      const error = await appErrorOf(resolveMember(db, a.users.owner.id, teamId));
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).toBe("Team not found");
    }
  });
});

describe("getTeam, listMembers and renameTeam", () => {
  it("show the team to every member and let admins rename it", async () => {
    const f = await createTeamWithMembers(deps, "Ledger");

    const seen = await getTeam(deps, await f.as("viewer"));
    expect(seen).toMatchObject({
      id: f.team.id,
      name: "Ledger",
      role: "viewer",
      counts: { apps: 0, members: 4, profiles: 0 },
    });
    const members = await listMembers(deps, await f.as("viewer"));
    expect(members.map((m) => [m.userId, m.role, m.isYou])).toEqual([
      [f.users.owner.id, "owner", false],
      [f.users.admin.id, "admin", false],
      [f.users.editor.id, "editor", false],
      [f.users.viewer.id, "viewer", true],
    ]);

    expect((await appErrorOf(renameTeam(deps, await f.as("editor"), { name: "X" }))).code).toBe(
      "FORBIDDEN",
    );
    await renameTeam(deps, await f.as("admin"), { name: "General Ledger" });
    expect((await db.team.findUniqueOrThrow({ where: { id: f.team.id } })).name).toBe(
      "General Ledger",
    );
    expect(
      await db.auditEvent.findFirst({ where: { teamId: f.team.id, action: "team.rename" } }),
    ).toMatchObject({
      actorUserId: f.users.admin.id,
      targetType: "team",
      targetId: f.team.id,
      changes: { name: "General Ledger" },
    });
  });
});

describe("changeMemberRole", () => {
  it("lets an admin change another member's role and records old and new role", async () => {
    const f = await createTeamWithMembers(deps, "Roles");

    const result = await changeMemberRole(deps, await f.as("admin"), {
      userId: f.users.viewer.id,
      role: "editor",
    });

    expect(result).toEqual({ userId: f.users.viewer.id, role: "editor" });
    expect(await roleOf(f.team.id, f.users.viewer.id)).toBe("editor");
    expect(
      await db.auditEvent.findFirst({ where: { teamId: f.team.id, action: "member.changeRole" } }),
    ).toMatchObject({
      actorUserId: f.users.admin.id,
      targetType: "member",
      targetId: f.users.viewer.id,
      changes: { role: "editor", previousRole: "viewer" },
    });
  });

  it("never changes the owner's role, and nobody changes their own", async () => {
    const f = await createTeamWithMembers(deps, "Roles refused");

    const onOwner = await appErrorOf(
      changeMemberRole(deps, await f.as("admin"), { userId: f.users.owner.id, role: "viewer" }),
    );
    expect(onOwner.code).toBe("FORBIDDEN");
    expect(onOwner.message).toMatch(/transferring ownership/);
    const ownerOnSelf = await appErrorOf(
      changeMemberRole(deps, await f.as("owner"), { userId: f.users.owner.id, role: "admin" }),
    );
    expect(ownerOnSelf.code).toBe("FORBIDDEN");
    const adminOnSelf = await appErrorOf(
      changeMemberRole(deps, await f.as("admin"), { userId: f.users.admin.id, role: "viewer" }),
    );
    expect(adminOnSelf.code).toBe("FORBIDDEN");
    expect(adminOnSelf.message).toBe("You cannot change your own role");

    expect(await roleOf(f.team.id, f.users.owner.id)).toBe("owner");
    expect(await roleOf(f.team.id, f.users.admin.id)).toBe("admin");
    expect(await auditCount(f.team.id, "member.changeRole")).toBe(0);
  });

  it("is refused below admin and for people outside the team", async () => {
    const f = await createTeamWithMembers(deps, "Roles low");
    const other = await createTeamWithMembers(deps, "Roles other");

    for (const role of ["editor", "viewer"] as const) {
      const error = await appErrorOf(
        changeMemberRole(deps, await f.as(role), { userId: f.users.viewer.id, role: "admin" }),
      );
      expect(error.code).toBe("FORBIDDEN");
    }
    const outsider = await appErrorOf(
      changeMemberRole(deps, await f.as("owner"), { userId: other.users.viewer.id, role: "admin" }),
    );
    expect(outsider.code).toBe("NOT_FOUND");
    expect(await roleOf(f.team.id, f.users.viewer.id)).toBe("viewer");
    expect(await roleOf(other.team.id, other.users.viewer.id)).toBe("viewer");
    expect(await roleOf(f.team.id, other.users.viewer.id)).toBeNull();
  });
});

describe("removeMember", () => {
  it("removes a member, whose access ends at once, and records it", async () => {
    const f = await createTeamWithMembers(deps, "Removal");

    await removeMember(deps, await f.as("admin"), { userId: f.users.editor.id });

    expect(await roleOf(f.team.id, f.users.editor.id)).toBeNull();
    const error = await appErrorOf(resolveMember(db, f.users.editor.id, f.team.id));
    expect(error.code).toBe("NOT_FOUND");
    expect(
      await db.auditEvent.findFirst({ where: { teamId: f.team.id, action: "member.remove" } }),
    ).toMatchObject({
      actorUserId: f.users.admin.id,
      targetType: "member",
      targetId: f.users.editor.id,
      changes: { role: "editor" },
    });
  });

  it("never removes the owner or the person asking, and is refused below admin", async () => {
    const f = await createTeamWithMembers(deps, "Removal refused");
    const other = await createTeamWithMembers(deps, "Removal other");

    const owner = await appErrorOf(
      removeMember(deps, await f.as("admin"), { userId: f.users.owner.id }),
    );
    expect(owner.code).toBe("FORBIDDEN");
    expect(owner.message).toBe("The owner cannot be removed");
    const self = await appErrorOf(
      removeMember(deps, await f.as("admin"), { userId: f.users.admin.id }),
    );
    expect(self.code).toBe("FORBIDDEN");
    expect(self.message).toMatch(/Leave team/);
    const editor = await appErrorOf(
      removeMember(deps, await f.as("editor"), { userId: f.users.viewer.id }),
    );
    expect(editor.code).toBe("FORBIDDEN");
    const outsider = await appErrorOf(
      removeMember(deps, await f.as("owner"), { userId: other.users.viewer.id }),
    );
    expect(outsider.code).toBe("NOT_FOUND");

    expect(await db.membership.count({ where: { teamId: f.team.id } })).toBe(4);
    expect(await roleOf(other.team.id, other.users.viewer.id)).toBe("viewer");
    expect(await auditCount(f.team.id, "member.remove")).toBe(0);
  });
});

describe("leaveTeam", () => {
  it("refuses the owner, who must hand the team over first", async () => {
    const f = await createTeamWithMembers(deps, "Leaving owner");

    const error = await appErrorOf(leaveTeam(deps, await f.as("owner")));

    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toMatch(/Transfer ownership/);
    expect(await roleOf(f.team.id, f.users.owner.id)).toBe("owner");
    expect(await auditCount(f.team.id, "member.leave")).toBe(0);
  });

  it("lets any other member leave", async () => {
    const f = await createTeamWithMembers(deps, "Leaving");

    expect(await leaveTeam(deps, await f.as("viewer"))).toEqual({ teamId: f.team.id });

    expect(await roleOf(f.team.id, f.users.viewer.id)).toBeNull();
    expect(await listMyTeams(deps, f.users.viewer.id)).toEqual([]);
    expect(
      await db.auditEvent.findFirst({ where: { teamId: f.team.id, action: "member.leave" } }),
    ).toMatchObject({
      actorUserId: f.users.viewer.id,
      targetType: "member",
      targetId: f.users.viewer.id,
    });
  });
});

describe("transferOwnership", () => {
  it("makes the member the owner and the old owner an admin", async () => {
    const f = await createTeamWithMembers(deps, "Handover");

    const result = await transferOwnership(deps, await f.as("owner"), {
      userId: f.users.editor.id,
    });

    expect(result).toEqual({ ownerUserId: f.users.editor.id });
    expect(await roleOf(f.team.id, f.users.editor.id)).toBe("owner");
    expect(await roleOf(f.team.id, f.users.owner.id)).toBe("admin");
    expect(await db.membership.count({ where: { teamId: f.team.id, role: "owner" } })).toBe(1);
    expect(
      await db.auditEvent.findFirst({ where: { teamId: f.team.id, action: "team.transfer" } }),
    ).toMatchObject({
      actorUserId: f.users.owner.id,
      targetType: "member",
      targetId: f.users.editor.id,
      changes: { newOwner: f.users.editor.id, previousOwnerRole: "admin" },
    });
    // The old owner, now an admin, can no longer hand the team on.
    const again = await appErrorOf(
      transferOwnership(deps, await f.as("owner"), { userId: f.users.viewer.id }),
    );
    expect(again.code).toBe("FORBIDDEN");
  });

  it("leaves exactly one owner when the owner hands over twice at once", async () => {
    const f = await createTeamWithMembers(deps, "Double click");
    // Both requests resolved the owner before either transfer was written.
    const owner = await f.as("owner");

    const outcomes = await Promise.allSettled([
      transferOwnership(deps, owner, { userId: f.users.admin.id }),
      transferOwnership(deps, owner, { userId: f.users.editor.id }),
    ]);

    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "FORBIDDEN" });
    const owners = await db.membership.findMany({ where: { teamId: f.team.id, role: "owner" } });
    expect(owners).toHaveLength(1);
    expect([f.users.admin.id, f.users.editor.id]).toContain(owners[0]!.userId);
    expect(await roleOf(f.team.id, f.users.owner.id)).toBe("admin");
    expect(await auditCount(f.team.id, "team.transfer")).toBe(1);
  });

  it("is the owner's alone and goes only to a member of the team", async () => {
    const f = await createTeamWithMembers(deps, "Handover refused");
    const other = await createTeamWithMembers(deps, "Handover other");

    const byAdmin = await appErrorOf(
      transferOwnership(deps, await f.as("admin"), { userId: f.users.admin.id }),
    );
    expect(byAdmin.code).toBe("FORBIDDEN");
    const toOutsider = await appErrorOf(
      transferOwnership(deps, await f.as("owner"), { userId: other.users.viewer.id }),
    );
    expect(toOutsider.code).toBe("NOT_FOUND");
    const toSelf = await appErrorOf(
      transferOwnership(deps, await f.as("owner"), { userId: f.users.owner.id }),
    );
    expect(toSelf.code).toBe("INVALID");
    expect(toSelf.details.fieldErrors).toHaveProperty("userId");

    expect(await roleOf(f.team.id, f.users.owner.id)).toBe("owner");
    expect(await roleOf(f.team.id, f.users.admin.id)).toBe("admin");
    expect(await roleOf(f.team.id, other.users.viewer.id)).toBeNull();
    expect(await auditCount(f.team.id, "team.transfer")).toBe(0);
  });
});

describe("deleteTeam", () => {
  it("needs the team's exact name, and only the owner may do it", async () => {
    const f = await createTeamWithMembers(deps, "Keep Me");

    for (const confirmName of ["keep me", "Keep", "Keep Me!"]) {
      const error = await appErrorOf(deleteTeam(deps, await f.as("owner"), { confirmName }));
      expect(error.code).toBe("INVALID");
      expect(error.details.fieldErrors?.confirmName).toBe('Type "Keep Me" to confirm');
    }
    const byAdmin = await appErrorOf(
      deleteTeam(deps, await f.as("admin"), { confirmName: "Keep Me" }),
    );
    expect(byAdmin.code).toBe("FORBIDDEN");
    expect(await db.team.count({ where: { id: f.team.id } })).toBe(1);
    expect(await db.membership.count({ where: { teamId: f.team.id } })).toBe(4);
  });

  it("deletes the team with everything in it and leaves other teams alone", async () => {
    const f = await createTeamWithMembers(deps, "Doomed");
    const other = await createTeamWithMembers(deps, "Bystander");
    for (const team of [f, other]) {
      const app = await createApp(deps, await team.as("admin"), { name: "Billing" });
      await db.authorizationProfile.create({
        data: {
          teamId: team.team.id,
          appId: app.id,
          name: "Stripe",
          identityProviderName: "Stripe",
          tokenRequestUrl: "https://auth.example.com/token",
        },
      });
      await createInvitation(deps, await team.as("admin"), { role: "viewer" });
    }
    const counts = async (teamId: string) => ({
      teams: await db.team.count({ where: { id: teamId } }),
      memberships: await db.membership.count({ where: { teamId } }),
      invitations: await db.invitation.count({ where: { teamId } }),
      apps: await db.app.count({ where: { teamId } }),
      profiles: await db.authorizationProfile.count({ where: { teamId } }),
      auditEvents: await db.auditEvent.count({ where: { teamId } }),
    });
    const otherBefore = await counts(other.team.id);
    expect(await counts(f.team.id)).toEqual({
      teams: 1,
      memberships: 4,
      invitations: 1,
      apps: 1,
      profiles: 1,
      auditEvents: 3,
    });

    expect(await deleteTeam(deps, await f.as("owner"), { confirmName: "Doomed" })).toEqual({
      id: f.team.id,
    });

    expect(await counts(f.team.id)).toEqual({
      teams: 0,
      memberships: 0,
      invitations: 0,
      apps: 0,
      profiles: 0,
      auditEvents: 0,
    });
    expect(await counts(other.team.id)).toEqual(otherBefore);
    // The people stay; only their place in the team is gone.
    expect(await db.user.count({ where: { id: f.users.admin.id } })).toBe(1);
    expect(await listMyTeams(deps, f.users.owner.id)).toEqual([]);
  });
});
