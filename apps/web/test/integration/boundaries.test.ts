// @module-tag resilience
import { createInvitation } from "@authdeck/core/teams";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  baseUrl,
  createTeamWithMembers,
  proceduresOf,
  type Server,
  startServer,
} from "../support/harness.ts";

let server: Server;
let a: Awaited<ReturnType<typeof createTeamWithMembers>>;
let b: Awaited<ReturnType<typeof createTeamWithMembers>>;
let appA: { id: string };
let appB: { id: string };
let profileB: { id: string };
let runB: { id: string };

beforeAll(async () => {
  server = await startServer("boundaries");
  a = await createTeamWithMembers(server.db, "Team A");
  b = await createTeamWithMembers(server.db, "Team B");
  appA = await server.callerFor(a.users.owner).app.create({ teamId: a.team.id, name: "Shared" });
  const ownerB = server.callerFor(b.users.owner);
  appB = await ownerB.app.create({ teamId: b.team.id, name: "Shared" });
  profileB = await ownerB.profile.create({
    teamId: b.team.id,
    appId: appB.id,
    profile: {
      name: "Team B's profile",
      identityProviderName: "IdP",
      tokenRequestUrl: "https://idp.example.com/token",
    },
  });
  runB = await server.db.testRun.create({
    data: { teamId: b.team.id, profileId: profileB.id, status: "failed", finishedAt: new Date() },
  });
});

afterAll(async () => {
  await server?.close();
});

/** Row counts of everything a mutation may write, to show that a refused one wrote nothing. */
const footprint = async () => ({
  teams: await server.db.team.count(),
  memberships: await server.db.membership.findMany({
    select: { teamId: true, userId: true, role: true },
    orderBy: [{ teamId: "asc" }, { userId: "asc" }],
  }),
  invitations: await server.db.invitation.count(),
  apps: await server.db.app.findMany({ select: { id: true, name: true }, orderBy: { id: "asc" } }),
  auditEvents: await server.db.auditEvent.count(),
});

describe("a mutation from another origin", () => {
  it.each([
    ["a foreign page", "https://evil.example"],
    ["no Origin header", null],
    ["an opaque origin", "null"],
    ["our host on another port", "http://localhost:3001"],
  ])("is refused when it comes from %s, and writes nothing", async (_, origin) => {
    const before = await footprint();

    const outcome = await server.call(
      a.users.owner,
      "app.create",
      { teamId: a.team.id, name: "Planted app" },
      origin,
    );

    expect(outcome).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
      message: "Request refused: it did not come from Authdeck's own pages",
    });
    expect(await footprint()).toEqual(before);
  });

  it("is accepted from our own pages, on either loopback name", async () => {
    for (const [origin, name] of [
      [baseUrl, "From localhost"],
      ["http://127.0.0.1:3000", "From 127.0.0.1"],
    ] as const) {
      const outcome = await server.call(
        a.users.owner,
        "app.create",
        { teamId: a.team.id, name },
        origin,
      );
      expect(outcome).toMatchObject({ ok: true, data: { name } });
      const { id } = (outcome as { data: { id: string } }).data;
      expect(
        await server.db.auditEvent.count({ where: { action: "app.create", targetId: id } }),
      ).toBe(1);
    }
  });

  it("is refused for every mutation in the router, before anything else runs", async () => {
    const mutations = Object.entries(proceduresOf(server.appRouter))
      .filter(([, procedure]) => procedure.type === "mutation")
      .map(([path]) => path);
    expect(mutations).toContain("team.delete");
    const before = await footprint();

    for (const path of mutations) {
      // Well-formed or not, the input never gets looked at.
      const outcome = await server.call(
        a.users.owner,
        path,
        { teamId: a.team.id, confirmName: "Team A", name: "X", role: "viewer", token: "x" },
        "https://evil.example",
      );
      expect(outcome, path).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await footprint()).toEqual(before);
  });
});

describe("another team's ids, used from inside one's own team", () => {
  it("are NOT_FOUND for apps, and the other team's app stays as it was", async () => {
    const owner = server.callerFor(a.users.owner);
    const asA = { teamId: a.team.id, appId: appB.id };

    for (const [path, input] of [
      ["app.get", asA],
      ["app.rename", { ...asA, name: "Hijacked" }],
      ["app.delete", { ...asA, confirmProfileCount: 0 }],
    ] as const) {
      const outcome = await server.call(a.users.owner, path, input);
      expect(outcome, path).toMatchObject({
        ok: false,
        code: "NOT_FOUND",
        message: "App not found",
      });
    }
    expect(await server.db.app.findUnique({ where: { id: appB.id } })).toMatchObject({
      teamId: b.team.id,
      name: "Shared",
    });
    // The same calls on team A's own app go through, so the refusals above are about the id.
    expect(await owner.app.get({ teamId: a.team.id, appId: appA.id })).toMatchObject({
      id: appA.id,
    });
  });

  it("are NOT_FOUND for profiles and test runs, through either app", async () => {
    const before = await server.db.authorizationProfile.findMany({ where: { teamId: b.team.id } });
    const runsBefore = await server.db.testRun.count();

    for (const appId of [appA.id, appB.id]) {
      const profile = { teamId: a.team.id, appId, profileId: profileB.id };
      const run = { teamId: a.team.id, appId, runId: runB.id };
      for (const [path, input] of [
        ["profile.get", profile],
        ["profile.duplicate", profile],
        ["profile.delete", profile],
        ["profile.preview", profile],
        ["testRun.start", profile],
        ["token.refreshNow", profile],
        ["token.setAutoRefresh", { ...profile, enabled: true }],
        ["testRun.get", run],
        ["testRun.cancel", run],
        ["testRun.onUpdate", run],
      ] as const) {
        const outcome = await server.call(a.users.owner, path, input);
        expect(outcome, `${path} through ${appId === appA.id ? "A's" : "B's"} app`).toMatchObject({
          ok: false,
          code: "NOT_FOUND",
        });
      }
    }
    // A list filters by the team rather than refusing; it must still show nothing of B's.
    const listed = await server.call(a.users.owner, "testRun.list", {
      teamId: a.team.id,
      appId: appB.id,
      profileId: profileB.id,
    });
    expect(listed).toEqual({ ok: true, data: [] });
    expect(await server.db.authorizationProfile.findMany({ where: { teamId: b.team.id } })).toEqual(
      before,
    );
    expect(await server.db.testRun.count()).toBe(runsBefore);
    expect(await server.db.tokenState.count({ where: { profileId: profileB.id } })).toBe(0);
    const dashboard = await server.call(a.users.owner, "token.dashboard", {
      teamId: a.team.id,
      appId: appB.id,
    });
    expect(dashboard).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("are refused for API keys, and no key reads another team's app", async () => {
    const keyB = await server
      .callerFor(b.users.owner)
      .apiKey.create({ teamId: b.team.id, name: "B's key", appIds: [appB.id] });

    const revoke = await server.call(a.users.owner, "apiKey.revoke", {
      teamId: a.team.id,
      apiKeyId: keyB.id,
    });
    expect(revoke).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const create = await server.call(a.users.owner, "apiKey.create", {
      teamId: a.team.id,
      name: "Reaching over",
      appIds: [appB.id],
    });
    expect(create).toMatchObject({ ok: false, code: "BAD_REQUEST" });

    expect(await server.db.apiKey.findUnique({ where: { id: keyB.id } })).toMatchObject({
      revokedAt: null,
    });
    expect(await server.db.apiKey.count({ where: { teamId: a.team.id } })).toBe(0);
  });

  it("are NOT_FOUND for the other team itself", async () => {
    for (const [path, input] of [
      ["team.get", { teamId: b.team.id }],
      ["app.list", { teamId: b.team.id }],
      ["app.get", { teamId: b.team.id, appId: appB.id }],
      ["member.list", { teamId: b.team.id }],
      ["audit.list", { teamId: b.team.id }],
      ["team.rename", { teamId: b.team.id, name: "Mine now" }],
    ] as const) {
      const outcome = await server.call(a.users.owner, path, input);
      expect(outcome, path).toMatchObject({
        ok: false,
        code: "NOT_FOUND",
        message: "Team not found",
      });
    }
    expect((await server.db.team.findUniqueOrThrow({ where: { id: b.team.id } })).name).toBe(
      "Team B",
    );
  });

  it("are NOT_FOUND for the other team's members and invitations", async () => {
    const theirs = await createInvitation(
      { db: server.db, now: () => new Date() },
      { userId: b.users.owner.id, teamId: b.team.id, role: "owner" },
      { role: "viewer" },
    );
    const before = await footprint();

    for (const [path, input, message] of [
      ["invitation.revoke", { teamId: a.team.id, invitationId: theirs.id }, "Invitation not found"],
      [
        "member.changeRole",
        { teamId: a.team.id, userId: b.users.viewer.id, role: "admin" },
        "Member not found",
      ],
      ["member.remove", { teamId: a.team.id, userId: b.users.viewer.id }, "Member not found"],
      [
        "team.transferOwnership",
        { teamId: a.team.id, userId: b.users.admin.id },
        "Member not found",
      ],
    ] as const) {
      const outcome = await server.call(a.users.owner, path, input);
      expect(outcome, path).toMatchObject({ ok: false, code: "NOT_FOUND", message });
    }
    expect(await footprint()).toEqual(before);
  });
});

describe("a removed member", () => {
  it("loses access with the very next call", async () => {
    const team = await createTeamWithMembers(server.db, "Team C");
    const editor = server.callerFor(team.users.editor);
    const input = { teamId: team.team.id };
    expect(await editor.team.get(input)).toMatchObject({ id: team.team.id, role: "editor" });
    expect(await editor.app.list(input)).toEqual([]);

    await server
      .callerFor(team.users.admin)
      .member.remove({ teamId: team.team.id, userId: team.users.editor.id });

    for (const path of ["team.get", "app.list", "member.list"]) {
      const outcome = await server.call(team.users.editor, path, input);
      expect(outcome, path).toMatchObject({
        ok: false,
        code: "NOT_FOUND",
        message: "Team not found",
      });
    }
    const teams = await editor.team.list();
    expect(teams.map((t) => t.id)).not.toContain(team.team.id);
  });
});
