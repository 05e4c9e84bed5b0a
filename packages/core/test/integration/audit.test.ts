import { beforeAll, describe, expect, it } from "vitest";
import * as apps from "../../src/apps/index.ts";
import { auditFilterOptions, listAuditEvents } from "../../src/audit/index.ts";
import * as teams from "../../src/teams/index.ts";
import { appErrorOf, createTeamWithMembers, createUser, useTestDb } from "../fixtures.ts";

const { db, deps } = await useTestDb("audit");
beforeAll(installRefusals);

/**
 * Real failures inside real transactions, switched on per person or team by a row in a table:
 * an audit write refused as it happens (the change must not stay without its event), and a
 * commit refused at its end (the event must not stay without its change).
 */
async function installRefusals() {
  await db.$executeRawUnsafe(`CREATE TABLE refused (key text, what text, PRIMARY KEY (key, what))`);
  await db.$executeRawUnsafe(`
    CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM refused WHERE what = 'audit' AND key = NEW.actor_user_id) THEN
        RAISE EXCEPTION 'audit write refused for this test';
      END IF;
      RETURN NEW;
    END $$`);
  await db.$executeRawUnsafe(`
    CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_event
    FOR EACH ROW EXECUTE FUNCTION refuse_audit()`);
  await db.$executeRawUnsafe(`
    CREATE FUNCTION refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE r jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
    BEGIN
      IF EXISTS (SELECT 1 FROM refused WHERE what = 'commit'
                 AND key IN (r->>'id', r->>'team_id', r->>'user_id')) THEN
        RAISE EXCEPTION 'commit refused for this test';
      END IF;
      RETURN NULL;
    END $$`);
  for (const table of ["team", "membership", "invitation", "app"]) {
    await db.$executeRawUnsafe(`
      CREATE CONSTRAINT TRIGGER refuse_commit AFTER INSERT OR UPDATE OR DELETE ON ${table}
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_commit()`);
  }
}

async function refusing(what: "audit" | "commit", keys: string[], run: () => Promise<void>) {
  for (const key of keys) await db.$executeRaw`INSERT INTO refused VALUES (${key}, ${what})`;
  try {
    await run();
  } finally {
    await db.$executeRaw`DELETE FROM refused WHERE what = ${what}`;
  }
}

type Fixture = Awaited<ReturnType<typeof createTeamWithMembers>>;

type Scenario = {
  /** Who acts; the first two attempts fail on purpose (see installRefusals). */
  actorId: string;
  run: () => Promise<unknown>;
  /** The rows the use-case changes; a failed attempt must leave them exactly as they were. */
  state: () => Promise<unknown>;
  event: { action: string; targetType: string; targetId: unknown; changes: unknown };
};

const tokens: string[] = [];
const issue = async (f: Fixture, role: "admin" | "editor" | "viewer") => {
  const invitation = await teams.createInvitation(deps, await f.as("admin"), { role });
  tokens.push(invitation.token);
  return invitation;
};
const membershipsOf = (teamId: string) =>
  db.membership.findMany({ where: { teamId }, orderBy: { userId: "asc" } });
const anyId = expect.any(String);

/** Every use-case that changes something, each with a call that succeeds on a fresh team. */
const MUTATIONS: Record<string, (f: Fixture) => Promise<Scenario>> = {
  createTeam: async (f) => {
    const founder = await createUser(db, "Founder");
    return {
      actorId: founder.id,
      run: () => teams.createTeam(deps, { userId: founder.id, name: `${f.team.name} spin-off` }),
      state: async () => ({
        teams: await db.team.count({ where: { name: `${f.team.name} spin-off` } }),
        memberships: await db.membership.count({ where: { userId: founder.id } }),
      }),
      event: {
        action: "team.create",
        targetType: "team",
        targetId: anyId,
        changes: { name: `${f.team.name} spin-off` },
      },
    };
  },
  renameTeam: async (f) => ({
    actorId: f.users.admin.id,
    run: async () => teams.renameTeam(deps, await f.as("admin"), { name: "Renamed" }),
    state: () => db.team.findUnique({ where: { id: f.team.id } }),
    event: {
      action: "team.rename",
      targetType: "team",
      targetId: f.team.id,
      changes: { name: "Renamed" },
    },
  }),
  changeMemberRole: async (f) => ({
    actorId: f.users.admin.id,
    run: async () =>
      teams.changeMemberRole(deps, await f.as("admin"), {
        userId: f.users.viewer.id,
        role: "editor",
      }),
    state: () => membershipsOf(f.team.id),
    event: {
      action: "member.changeRole",
      targetType: "member",
      targetId: f.users.viewer.id,
      changes: { role: "editor", previousRole: "viewer" },
    },
  }),
  removeMember: async (f) => ({
    actorId: f.users.admin.id,
    run: async () => teams.removeMember(deps, await f.as("admin"), { userId: f.users.editor.id }),
    state: () => membershipsOf(f.team.id),
    event: {
      action: "member.remove",
      targetType: "member",
      targetId: f.users.editor.id,
      changes: { role: "editor" },
    },
  }),
  leaveTeam: async (f) => ({
    actorId: f.users.viewer.id,
    run: async () => teams.leaveTeam(deps, await f.as("viewer")),
    state: () => membershipsOf(f.team.id),
    event: {
      action: "member.leave",
      targetType: "member",
      targetId: f.users.viewer.id,
      changes: {},
    },
  }),
  transferOwnership: async (f) => ({
    actorId: f.users.owner.id,
    run: async () =>
      teams.transferOwnership(deps, await f.as("owner"), { userId: f.users.admin.id }),
    state: () => membershipsOf(f.team.id),
    event: {
      action: "team.transfer",
      targetType: "member",
      targetId: f.users.admin.id,
      changes: { newOwner: f.users.admin.id, previousOwnerRole: "admin" },
    },
  }),
  setEgressAllowlist: async (f) => ({
    actorId: f.users.admin.id,
    run: async () =>
      teams.setEgressAllowlist(
        { ...deps, egressTeamMayAllow: ["10.0.0.0/8"] },
        await f.as("admin"),
        { rules: ["10.20.0.0/16"] },
      ),
    state: () =>
      db.team.findUniqueOrThrow({ where: { id: f.team.id }, select: { egressAllowlist: true } }),
    event: {
      action: "team.egressAllowlist",
      targetType: "team",
      targetId: f.team.id,
      changes: { rules: ["10.20.0.0/16"] },
    },
  }),
  createInvitation: async (f) => ({
    actorId: f.users.admin.id,
    run: async () => {
      const invitation = await teams.createInvitation(deps, await f.as("admin"), {
        role: "viewer",
      });
      tokens.push(invitation.token);
      return invitation;
    },
    state: () => db.invitation.findMany({ where: { teamId: f.team.id } }),
    event: {
      action: "invitation.create",
      targetType: "invitation",
      targetId: anyId,
      changes: { role: "viewer", expiresAt: anyId },
    },
  }),
  revokeInvitation: async (f) => {
    const invitation = await issue(f, "viewer");
    return {
      actorId: f.users.owner.id,
      run: async () =>
        teams.revokeInvitation(deps, await f.as("owner"), { invitationId: invitation.id }),
      state: () => db.invitation.findUnique({ where: { id: invitation.id } }),
      event: {
        action: "invitation.revoke",
        targetType: "invitation",
        targetId: invitation.id,
        changes: {},
      },
    };
  },
  acceptInvitation: async (f) => {
    const invitation = await issue(f, "editor");
    const newcomer = await createUser(db, "Newcomer");
    return {
      actorId: newcomer.id,
      run: () => teams.acceptInvitation(deps, { userId: newcomer.id, token: invitation.token }),
      state: async () => ({
        memberships: await membershipsOf(f.team.id),
        invitation: await db.invitation.findUnique({ where: { id: invitation.id } }),
      }),
      event: {
        action: "invitation.accept",
        targetType: "invitation",
        targetId: invitation.id,
        changes: { role: "editor" },
      },
    };
  },
  createApp: async (f) => ({
    actorId: f.users.admin.id,
    run: async () => apps.createApp(deps, await f.as("admin"), { name: "Billing" }),
    state: () => db.app.findMany({ where: { teamId: f.team.id } }),
    event: {
      action: "app.create",
      targetType: "app",
      targetId: anyId,
      changes: { name: "Billing" },
    },
  }),
  renameApp: async (f) => {
    const app = await apps.createApp(deps, await f.as("owner"), { name: "Old name" });
    return {
      actorId: f.users.admin.id,
      run: async () =>
        apps.renameApp(deps, await f.as("admin"), { appId: app.id, name: "New name" }),
      state: () => db.app.findUnique({ where: { id: app.id } }),
      event: {
        action: "app.rename",
        targetType: "app",
        targetId: app.id,
        changes: { name: "New name", previousName: "Old name" },
      },
    };
  },
  deleteApp: async (f) => {
    const app = await apps.createApp(deps, await f.as("owner"), { name: "Doomed" });
    await db.authorizationProfile.create({
      data: {
        teamId: f.team.id,
        appId: app.id,
        name: "Profile",
        identityProviderName: "IdP",
        tokenRequestUrl: "https://idp.example.com/token",
      },
    });
    return {
      actorId: f.users.admin.id,
      run: async () =>
        apps.deleteApp(deps, await f.as("admin"), { appId: app.id, confirmProfileCount: 1 }),
      state: async () => ({
        app: await db.app.findUnique({ where: { id: app.id } }),
        profiles: await db.authorizationProfile.findMany({ where: { appId: app.id } }),
      }),
      event: {
        action: "app.delete",
        targetType: "app",
        targetId: app.id,
        changes: { name: "Doomed", deletedProfiles: 1 },
      },
    };
  },
};

/** Exported use-cases that change nothing, or need no event of their own. */
const NOT_AUDITED = {
  // Deletes the team's audit trail along with the team (see teams.test.ts).
  deleteTeam: "cascade",
  getTeam: "read",
  getEgressAllowlist: "read",
  listMembers: "read",
  listMyTeams: "read",
  listPendingInvitations: "read",
  previewInvitation: "read",
  getApp: "read",
  listApps: "read",
  findTeamApp: "read",
  resolveMember: "read",
  assertCan: "helper",
  isUuid: "helper",
  atLeast: "helper",
  can: "helper",
};

describe("audit events", () => {
  it("are declared for every exported use-case", () => {
    const exported = Object.entries({ ...teams, ...apps })
      .filter(([, value]) => typeof value === "function")
      .map(([name]) => name)
      .sort();
    expect(exported).toEqual([...Object.keys(MUTATIONS), ...Object.keys(NOT_AUDITED)].sort());
  });

  it.each(Object.keys(MUTATIONS))(
    "%s writes one in the same transaction as the change",
    async (name) => {
      const f = await createTeamWithMembers(deps, `Audit ${name}`);
      const scenario = await MUTATIONS[name]!(f);
      const before = await scenario.state();
      const eventsBefore = await db.auditEvent.count();

      await refusing("audit", [scenario.actorId], async () => {
        await expect(scenario.run()).rejects.toThrow(/audit write refused/);
      });
      expect(await scenario.state()).toEqual(before);
      expect(await db.auditEvent.count()).toBe(eventsBefore);

      await refusing("commit", [f.team.id, scenario.actorId], async () => {
        await expect(scenario.run()).rejects.toThrow(/commit refused/);
      });
      expect(await scenario.state()).toEqual(before);
      expect(await db.auditEvent.count()).toBe(eventsBefore);

      await scenario.run();
      expect(await scenario.state()).not.toEqual(before);
      const events = await db.auditEvent.findMany({
        where: { actorUserId: scenario.actorId, action: scenario.event.action },
      });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actorUserId: scenario.actorId,
        actorApiKeyId: null,
        targetType: scenario.event.targetType,
        targetId: scenario.event.targetId,
      });
      expect(events[0]!.changes).toEqual(scenario.event.changes);
    },
  );

  it("never carry an invitation token or its hash", async () => {
    const hashes = (await db.invitation.findMany({ select: { tokenHash: true } })).map(
      (i) => i.tokenHash,
    );
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    expect(hashes.length).toBe(tokens.length);
    const everything = JSON.stringify(await db.auditEvent.findMany());
    for (const secret of [...tokens, ...hashes]) expect(everything).not.toContain(secret);
  });
});

describe("listAuditEvents", () => {
  let f: Fixture;
  let other: Fixture;
  const appIds: string[] = [];

  beforeAll(async () => {
    f = await createTeamWithMembers(deps, "Audit log");
    other = await createTeamWithMembers(deps, "Audit log other");
    // team.create by the owner, then five app.create (owner 3, admin 2), then one app.rename.
    for (const [role, name] of [
      ["owner", "A1"],
      ["owner", "A2"],
      ["owner", "A3"],
      ["admin", "B1"],
      ["admin", "B2"],
    ] as const) {
      appIds.push((await apps.createApp(deps, await f.as(role), { name })).id);
    }
    await apps.renameApp(deps, await f.as("admin"), { appId: appIds[0]!, name: "A1 renamed" });
    await apps.createApp(deps, await other.as("owner"), { name: "Elsewhere" });
  });

  const list = async (filter: Partial<Parameters<typeof listAuditEvents>[2]>) =>
    listAuditEvents(deps, await f.as("admin"), { limit: 50, ...filter });

  it("lists the team's own events, newest first, with the actor's name", async () => {
    const { events, nextCursor } = await list({});

    expect(nextCursor).toBeUndefined();
    expect(events.map((e) => e.action)).toEqual([
      "app.rename",
      ...Array(5).fill("app.create"),
      "team.create",
    ]);
    expect(events.map((e) => e.targetId)).toEqual([appIds[0], ...[...appIds].reverse(), f.team.id]);
    expect(events[0]).toMatchObject({
      targetType: "app",
      changes: { name: "A1 renamed", previousName: "A1" },
      actor: { id: f.users.admin.id, name: f.users.admin.name, email: f.users.admin.email },
    });
    const otherIds = (await db.auditEvent.findMany({ where: { teamId: other.team.id } })).map(
      (e) => e.id,
    );
    expect(otherIds).toHaveLength(2);
    for (const id of otherIds) expect(events.map((e) => e.id)).not.toContain(id);
  });

  it("filters by actor and by action", async () => {
    const byAdmin = await list({ actorUserId: f.users.admin.id });
    expect(byAdmin.events.map((e) => [e.action, e.actor.id])).toEqual([
      ["app.rename", f.users.admin.id],
      ["app.create", f.users.admin.id],
      ["app.create", f.users.admin.id],
    ]);
    const creates = await list({ action: "app.create" });
    expect(creates.events.map((e) => e.changes.name)).toEqual(["B2", "B1", "A3", "A2", "A1"]);
    const both = await list({ action: "app.create", actorUserId: f.users.owner.id });
    expect(both.events.map((e) => e.changes.name)).toEqual(["A3", "A2", "A1"]);
    // Someone from another team is simply not in this team's log.
    expect((await list({ actorUserId: other.users.owner.id })).events).toEqual([]);
  });

  it("filters by a date range, both ends included", async () => {
    const days = ["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-05"];
    for (const [index, appId] of appIds.entries()) {
      await db.auditEvent.updateMany({
        where: { teamId: f.team.id, action: "app.create", targetId: appId },
        data: { createdAt: new Date(`${days[index]}T10:00:00.000Z`) },
      });
    }
    const names = async (from?: string, to?: string) =>
      (
        await list({
          action: "app.create",
          from: from ? new Date(from) : undefined,
          to: to ? new Date(to) : undefined,
        })
      ).events.map((e) => e.changes.name);

    expect(await names("2026-01-02T10:00:00.000Z", "2026-01-04T10:00:00.000Z")).toEqual([
      "B1",
      "A3",
      "A2",
    ]);
    expect(await names("2026-01-04T00:00:00.000Z")).toEqual(["B2", "B1"]);
    expect(await names(undefined, "2026-01-01T23:59:59.999Z")).toEqual(["A1"]);
    expect(await names("2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z")).toEqual([]);
  });

  it("pages with nextCursor until the last page", async () => {
    const all = (await list({})).events.map((e) => e.id);
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ limit: 3, cursor });
      pages.push(page.events.map((e) => e.id));
      cursor = page.nextCursor;
      expect(pages.length).toBeLessThanOrEqual(all.length);
    } while (cursor);

    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(all);

    const exact = await list({ action: "app.create", limit: 5 });
    expect(exact.events).toHaveLength(5);
    expect(exact.nextCursor).toBeUndefined();
    const filtered = await list({ action: "app.create", limit: 2 });
    expect(filtered.nextCursor).toBe(filtered.events[1]!.id);
    const next = await list({ action: "app.create", limit: 2, cursor: filtered.nextCursor });
    expect(next.events.map((e) => e.changes.name)).toEqual(["A3", "A2"]);
  });

  it("names a deleted person as such", async () => {
    const leaver = await createUser(db, "Gone Soon");
    await db.membership.create({ data: { teamId: f.team.id, userId: leaver.id, role: "admin" } });
    await apps.createApp(deps, await teams.resolveMember(db, leaver.id, f.team.id), {
      name: "Left behind",
    });
    await db.user.delete({ where: { id: leaver.id } });

    const { events } = await list({ actorUserId: leaver.id });
    expect(events.map((e) => e.actor)).toEqual([
      { id: leaver.id, name: "Deleted user", email: "" },
    ]);
  });

  it("offers the team's actions and members as filters", async () => {
    const options = await auditFilterOptions(deps, await f.as("admin"));
    expect(options.actions).toEqual(["app.create", "app.rename", "team.create"]);
    expect(options.actors.map((a) => a.id).sort()).toEqual(
      Object.values(f.users)
        .map((u) => u.id)
        .sort(),
    );
  });

  it("is for admins and the owner only", async () => {
    for (const role of ["editor", "viewer"] as const) {
      const member = await f.as(role);
      expect((await appErrorOf(listAuditEvents(deps, member, { limit: 10 }))).code).toBe(
        "FORBIDDEN",
      );
      expect((await appErrorOf(auditFilterOptions(deps, member))).code).toBe("FORBIDDEN");
    }
    expect((await listAuditEvents(deps, await f.as("owner"), { limit: 1 })).events).toHaveLength(1);
  });
});
