// @module-tag resilience
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createInvitationInput } from "../../src/schemas/team.ts";
import {
  acceptInvitation,
  changeMemberRole,
  createInvitation,
  type Deps,
  leaveTeam,
  listPendingInvitations,
  previewInvitation,
  removeMember,
  revokeInvitation,
} from "../../src/teams/index.ts";
import { appErrorOf, createTeamWithMembers, createUser, useTestDb } from "../fixtures.ts";

const DAY = 24 * 3_600_000;
const WITHDRAWN =
  "This invitation was withdrawn: whoever sent it can no longer invite people to this team";
const now = new Date("2026-11-27T12:00:00.000Z");

const { db } = await useTestDb("invitations");
const at = (date: Date): Deps => ({ db, now: () => date });
const deps = at(now);

/** Every column of the row as text, so a test can look for a string anywhere in it. */
const rowAsText = async (id: string) => {
  const [row] = await db.$queryRaw<{ text: string }[]>`
    SELECT row_to_json(i)::text AS text FROM invitation i WHERE id = ${id}::uuid`;
  return row!.text;
};

const roleOf = async (teamId: string, userId: string) =>
  (await db.membership.findUnique({ where: { teamId_userId: { teamId, userId } } }))?.role ?? null;

describe("createInvitation", () => {
  it("shows the token once and stores only its SHA-256 hash", async () => {
    const f = await createTeamWithMembers(deps, "Invites");

    const invitation = await createInvitation(deps, await f.as("admin"), { role: "editor" });

    expect(invitation.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(invitation.role).toBe("editor");
    expect(invitation.expiresAt).toEqual(new Date(now.getTime() + 7 * DAY));
    const row = await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(invitation.token).digest("hex"));
    expect(row).toMatchObject({
      teamId: f.team.id,
      role: "editor",
      invitedById: f.users.admin.id,
      acceptedAt: null,
      revokedAt: null,
    });
    expect(await rowAsText(invitation.id)).not.toContain(invitation.token);

    // Nothing that reads the invitation back can show the token again.
    const pending = await listPendingInvitations(deps, await f.as("admin"));
    expect(pending).toEqual([
      {
        id: invitation.id,
        role: "editor",
        note: null,
        createdBy: f.users.admin.name,
        createdAt: row.createdAt,
        expiresAt: invitation.expiresAt,
      },
    ]);
    const events = await db.auditEvent.findMany({ where: { teamId: f.team.id } });
    const event = events.find((e) => e.action === "invitation.create");
    expect(event).toMatchObject({
      actorUserId: f.users.admin.id,
      targetType: "invitation",
      targetId: invitation.id,
      changes: { role: "editor", expiresAt: invitation.expiresAt.toISOString() },
    });
    const auditText = JSON.stringify(events);
    expect(auditText).not.toContain(invitation.token);
    expect(auditText).not.toContain(row.tokenHash);
  });

  it("keeps a note saying who a link is for, so pending links can be told apart", async () => {
    const f = await createTeamWithMembers(deps, "Invites with notes");
    const admin = await f.as("admin");
    const parse = (note: string) =>
      createInvitationInput.parse({ teamId: f.team.id, role: "viewer", note });

    const forDana = await createInvitation(deps, admin, parse("  Dana in billing "));
    const plain = await createInvitation(deps, await f.as("owner"), parse("   "));

    expect(forDana.note).toBe("Dana in billing");
    const pending = await listPendingInvitations(deps, admin);
    expect(pending.map(({ id, note, createdBy }) => ({ id, note, createdBy }))).toEqual([
      { id: plain.id, note: null, createdBy: f.users.owner.name },
      { id: forDana.id, note: "Dana in billing", createdBy: f.users.admin.name },
    ]);
    // Another team's admin sees none of them.
    const other = await createTeamWithMembers(deps, "Other invites");
    expect(await listPendingInvitations(deps, await other.as("admin"))).toEqual([]);
  });

  it("refuses a note over 100 characters at its field", () => {
    const parsed = createInvitationInput.safeParse({
      teamId: "0190a0b0-0000-7000-8000-000000000000",
      role: "viewer",
      note: "x".repeat(101),
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toMatchObject([
      { path: ["note"], message: "Note must be at most 100 characters" },
    ]);
  });

  it("is refused below admin", async () => {
    const f = await createTeamWithMembers(deps, "Invites refused");

    for (const role of ["editor", "viewer"] as const) {
      const error = await appErrorOf(createInvitation(deps, await f.as(role), { role: "viewer" }));
      expect(error.code).toBe("FORBIDDEN");
      expect((await appErrorOf(listPendingInvitations(deps, await f.as(role)))).code).toBe(
        "FORBIDDEN",
      );
    }
    expect(await db.invitation.count({ where: { teamId: f.team.id } })).toBe(0);
  });
});

describe("previewInvitation", () => {
  it("shows the team's name and the role, and nothing else", async () => {
    const f = await createTeamWithMembers(deps, "Preview Team");
    const { token, expiresAt } = await createInvitation(deps, await f.as("owner"), {
      role: "viewer",
    });

    expect(await previewInvitation(deps, { token })).toEqual({
      teamName: "Preview Team",
      role: "viewer",
      expiresAt,
    });
  });

  it("answers NOT_FOUND for a token that was never issued", async () => {
    const error = await appErrorOf(previewInvitation(deps, { token: "x".repeat(43) }));
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toBe("This invitation link is not valid");
  });
});

describe("acceptInvitation", () => {
  it("makes the person a member with the invited role and uses up the link", async () => {
    const f = await createTeamWithMembers(deps, "Joining");
    const invitation = await createInvitation(deps, await f.as("admin"), { role: "editor" });
    const newcomer = await createUser(db, "Nina Newcomer");
    const later = new Date(now.getTime() + DAY);

    const result = await acceptInvitation(at(later), {
      userId: newcomer.id,
      token: invitation.token,
    });

    expect(result).toEqual({ teamId: f.team.id, alreadyMember: false });
    expect(await roleOf(f.team.id, newcomer.id)).toBe("editor");
    expect(await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({
      acceptedAt: later,
      acceptedById: newcomer.id,
    });
    expect(
      await db.auditEvent.findFirst({ where: { teamId: f.team.id, action: "invitation.accept" } }),
    ).toMatchObject({
      actorUserId: newcomer.id,
      targetType: "invitation",
      targetId: invitation.id,
      changes: { role: "editor" },
    });
    expect(await listPendingInvitations(deps, await f.as("admin"))).toEqual([]);
  });

  it("answers CONFLICT to a second acceptance of the same link", async () => {
    const f = await createTeamWithMembers(deps, "Once only");
    const { token } = await createInvitation(deps, await f.as("admin"), { role: "admin" });
    const first = await createUser(db, "First");
    const second = await createUser(db, "Second");
    await acceptInvitation(deps, { userId: first.id, token });

    const again = await appErrorOf(acceptInvitation(deps, { userId: second.id, token }));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toBe("This invitation was already used");
    const sameAgain = await appErrorOf(acceptInvitation(deps, { userId: first.id, token }));
    expect(sameAgain.code).toBe("CONFLICT");
    expect((await appErrorOf(previewInvitation(deps, { token }))).code).toBe("CONFLICT");

    expect(await roleOf(f.team.id, second.id)).toBeNull();
    expect(
      await db.auditEvent.count({ where: { teamId: f.team.id, action: "invitation.accept" } }),
    ).toBe(1);
  });

  it("admits exactly one of several people accepting the same link at the same moment", async () => {
    const f = await createTeamWithMembers(deps, "Race");
    const { token } = await createInvitation(deps, await f.as("admin"), { role: "viewer" });
    const racers = await Promise.all([1, 2, 3, 4].map((n) => createUser(db, `Racer ${n}`)));

    const outcomes = await Promise.allSettled(
      racers.map((racer) => acceptInvitation(deps, { userId: racer.id, token })),
    );

    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const outcome of outcomes.filter((o) => o.status === "rejected")) {
      expect(outcome.reason).toMatchObject({ code: "CONFLICT" });
    }
    const joined = await db.membership.count({
      where: { teamId: f.team.id, userId: { in: racers.map((r) => r.id) } },
    });
    expect(joined).toBe(1);
  });

  it("lets a member accept without changing the role they have", async () => {
    const f = await createTeamWithMembers(deps, "Already in");
    const { token } = await createInvitation(deps, await f.as("admin"), { role: "viewer" });

    const result = await acceptInvitation(deps, { userId: f.users.editor.id, token });

    expect(result).toEqual({ teamId: f.team.id, alreadyMember: true });
    expect(await roleOf(f.team.id, f.users.editor.id)).toBe("editor");
  });

  it("refuses a revoked link", async () => {
    const f = await createTeamWithMembers(deps, "Revoked");
    const invitation = await createInvitation(deps, await f.as("admin"), { role: "editor" });
    const hopeful = await createUser(db, "Hopeful");

    await revokeInvitation(deps, await f.as("owner"), { invitationId: invitation.id });

    const accept = await appErrorOf(
      acceptInvitation(deps, { userId: hopeful.id, token: invitation.token }),
    );
    expect(accept.code).toBe("NOT_FOUND");
    expect(accept.message).toBe("This invitation was revoked");
    const preview = await appErrorOf(previewInvitation(deps, { token: invitation.token }));
    expect(preview.code).toBe("NOT_FOUND");
    expect(await roleOf(f.team.id, hopeful.id)).toBeNull();
    expect(await listPendingInvitations(deps, await f.as("admin"))).toEqual([]);
    expect(
      await db.auditEvent.findFirst({ where: { teamId: f.team.id, action: "invitation.revoke" } }),
    ).toMatchObject({
      actorUserId: f.users.owner.id,
      targetType: "invitation",
      targetId: invitation.id,
    });
  });

  it("refuses an expired link", async () => {
    const f = await createTeamWithMembers(deps, "Expired");
    const invitation = await createInvitation(deps, await f.as("admin"), { role: "editor" });
    const late = await createUser(db, "Late");
    const lastMoment = new Date(invitation.expiresAt.getTime() - 1);

    expect(await previewInvitation(at(lastMoment), { token: invitation.token })).toMatchObject({
      role: "editor",
    });
    for (const when of [invitation.expiresAt, new Date(now.getTime() + 30 * DAY)]) {
      const accept = await appErrorOf(
        acceptInvitation(at(when), { userId: late.id, token: invitation.token }),
      );
      expect(accept.code).toBe("NOT_FOUND");
      expect(accept.message).toBe("This invitation has expired");
      const preview = await appErrorOf(previewInvitation(at(when), { token: invitation.token }));
      expect(preview.code).toBe("NOT_FOUND");
      expect(await listPendingInvitations(at(when), await f.as("admin"))).toEqual([]);
    }
    expect(await roleOf(f.team.id, late.id)).toBeNull();
    expect(
      (await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).acceptedAt,
    ).toBeNull();
  });
});

describe("revokeInvitation", () => {
  it("revokes only a pending invitation of the member's own team", async () => {
    const f = await createTeamWithMembers(deps, "Revoker");
    const other = await createTeamWithMembers(deps, "Revoker other");
    const theirs = await createInvitation(deps, await other.as("admin"), { role: "viewer" });
    const ours = await createInvitation(deps, await f.as("admin"), { role: "viewer" });

    const foreign = await appErrorOf(
      revokeInvitation(deps, await f.as("admin"), { invitationId: theirs.id }),
    );
    expect(foreign.code).toBe("NOT_FOUND");
    expect(
      (await db.invitation.findUniqueOrThrow({ where: { id: theirs.id } })).revokedAt,
    ).toBeNull();
    const byEditor = await appErrorOf(
      revokeInvitation(deps, await f.as("editor"), { invitationId: ours.id }),
    );
    expect(byEditor.code).toBe("FORBIDDEN");

    await revokeInvitation(deps, await f.as("admin"), { invitationId: ours.id });
    const twice = await appErrorOf(
      revokeInvitation(deps, await f.as("admin"), { invitationId: ours.id }),
    );
    expect(twice.code).toBe("NOT_FOUND");
    expect(
      await db.auditEvent.count({ where: { teamId: f.team.id, action: "invitation.revoke" } }),
    ).toBe(1);
  });
});

describe("invitations of someone who may no longer invite", () => {
  const pendingIds = async (teamId: string) =>
    (await db.invitation.findMany({ where: { teamId, revokedAt: null, acceptedAt: null } })).map(
      (i) => i.id,
    );
  const revocations = (teamId: string) =>
    db.auditEvent.findMany({
      where: { teamId, action: "invitation.revoke" },
      orderBy: { targetId: "asc" },
    });

  it("are revoked when their admin is removed, and the spare link admits no one", async () => {
    const f = await createTeamWithMembers(deps, "Removed admin");
    const admin = await f.as("admin");
    const spares = [
      await createInvitation(deps, admin, { role: "admin" }),
      await createInvitation(deps, admin, { role: "viewer" }),
    ];
    const owners = await createInvitation(deps, await f.as("owner"), { role: "viewer" });

    await removeMember(deps, await f.as("owner"), { userId: f.users.admin.id });

    expect(await pendingIds(f.team.id)).toEqual([owners.id]);
    expect(await revocations(f.team.id)).toEqual(
      [...spares]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((spare) =>
          expect.objectContaining({
            actorUserId: f.users.owner.id,
            targetType: "invitation",
            targetId: spare.id,
            changes: { reason: "The person who sent it was removed from the team" },
          }),
        ),
    );
    const rejoin = await appErrorOf(
      acceptInvitation(deps, { userId: f.users.admin.id, token: spares[0]!.token }),
    );
    expect(rejoin).toMatchObject({ code: "NOT_FOUND", message: "This invitation was revoked" });
    expect(await roleOf(f.team.id, f.users.admin.id)).toBeNull();
  });

  it("are revoked when their admin is made an editor or a viewer", async () => {
    for (const role of ["editor", "viewer"] as const) {
      const f = await createTeamWithMembers(deps, `Demoted to ${role}`);
      const spare = await createInvitation(deps, await f.as("admin"), { role: "editor" });

      await changeMemberRole(deps, await f.as("owner"), { userId: f.users.admin.id, role });

      expect(await pendingIds(f.team.id)).toEqual([]);
      expect(await revocations(f.team.id)).toEqual([
        expect.objectContaining({
          actorUserId: f.users.owner.id,
          targetId: spare.id,
          changes: {
            reason: `The person who sent it is now ${role === "editor" ? "an" : "a"} ${role}`,
          },
        }),
      ]);
      const newcomer = await createUser(db, "Newcomer");
      expect(
        await appErrorOf(acceptInvitation(deps, { userId: newcomer.id, token: spare.token })),
      ).toMatchObject({ code: "NOT_FOUND", message: "This invitation was revoked" });
    }
  });

  it("stay when their admin keeps the right to invite", async () => {
    const f = await createTeamWithMembers(deps, "Still admin");
    const kept = await createInvitation(deps, await f.as("admin"), { role: "viewer" });
    await createInvitation(deps, await f.as("owner"), { role: "viewer" });

    await changeMemberRole(deps, await f.as("owner"), {
      userId: f.users.editor.id,
      role: "viewer",
    });
    await removeMember(deps, await f.as("owner"), { userId: f.users.viewer.id });

    expect(await pendingIds(f.team.id)).toHaveLength(2);
    expect(await pendingIds(f.team.id)).toContain(kept.id);
    expect(await revocations(f.team.id)).toEqual([]);
  });

  it("are revoked when their admin leaves the team", async () => {
    const f = await createTeamWithMembers(deps, "Admin leaves");
    const spare = await createInvitation(deps, await f.as("admin"), { role: "viewer" });

    await leaveTeam(deps, await f.as("admin"));

    expect(await pendingIds(f.team.id)).toEqual([]);
    expect(await revocations(f.team.id)).toEqual([
      expect.objectContaining({
        actorUserId: f.users.admin.id,
        targetId: spare.id,
        changes: { reason: "The person who sent it left the team" },
      }),
    ]);
  });

  it("are refused at acceptance when the inviter lost the right to invite all the same", async () => {
    // As an invitation made while its admin was being removed, or before revocation existed.
    const f = await createTeamWithMembers(deps, "Checked at acceptance");
    const removedAdmins = await createInvitation(deps, await f.as("admin"), { role: "admin" });
    await db.membership.delete({
      where: { teamId_userId: { teamId: f.team.id, userId: f.users.admin.id } },
    });
    const newcomer = await createUser(db, "Newcomer");

    const preview = await appErrorOf(previewInvitation(deps, { token: removedAdmins.token }));
    expect(preview).toMatchObject({ code: "NOT_FOUND", message: WITHDRAWN });
    const accept = await appErrorOf(
      acceptInvitation(deps, { userId: newcomer.id, token: removedAdmins.token }),
    );
    expect(accept).toMatchObject({ code: "NOT_FOUND", message: WITHDRAWN });

    expect(await roleOf(f.team.id, newcomer.id)).toBeNull();
    expect(
      await db.invitation.findUniqueOrThrow({ where: { id: removedAdmins.id } }),
    ).toMatchObject({ acceptedAt: null, revokedAt: now });
    expect(
      await db.auditEvent.findMany({
        where: { teamId: f.team.id, action: { startsWith: "invitation." } },
        orderBy: { id: "asc" },
      }),
    ).toEqual([
      expect.objectContaining({ action: "invitation.create" }),
      expect.objectContaining({
        action: "invitation.refuse",
        actorUserId: newcomer.id,
        targetType: "invitation",
        targetId: removedAdmins.id,
        changes: { reason: WITHDRAWN },
      }),
    ]);
  });

  it("are refused at acceptance when the inviter is now an editor", async () => {
    const f = await createTeamWithMembers(deps, "Editor inviter");
    const spare = await createInvitation(deps, await f.as("admin"), { role: "viewer" });
    await db.membership.update({
      where: { teamId_userId: { teamId: f.team.id, userId: f.users.admin.id } },
      data: { role: "editor" },
    });
    const newcomer = await createUser(db, "Newcomer");

    const accept = await appErrorOf(
      acceptInvitation(deps, { userId: newcomer.id, token: spare.token }),
    );

    expect(accept).toMatchObject({ code: "NOT_FOUND", message: WITHDRAWN });
    expect(await roleOf(f.team.id, newcomer.id)).toBeNull();
  });
});
