import { describe, expect, it } from "vitest";
import * as apps from "../../src/apps/index.ts";
import { listAuditEvents } from "../../src/audit/index.ts";
import { recordAudit } from "../../src/audit/record-audit.ts";
import { createTeamWithMembers, insertProfile, useTestDb } from "../fixtures.ts";

const { db, deps } = await useTestDb("audit_names");

describe("the audit log names what each event is about", () => {
  it("gives targets their current names and links, a test its outcome, a key its name", async () => {
    const f = await createTeamWithMembers(deps, "Audit names");
    const owner = await f.as("owner");
    const { id: appId } = await apps.createApp(deps, owner, { name: "Orders" });
    await apps.renameApp(deps, owner, { appId, name: "Orders (EU)" });
    // Rows written as the use-cases write them: what the log then shows is under test here.
    const profile = await insertProfile(db, { teamId: f.team.id, appId, name: "Orders API" });
    const run = await db.testRun.create({
      data: { teamId: f.team.id, profileId: profile.id, status: "failed" },
    });
    const key = await db.apiKey.create({
      data: {
        teamId: f.team.id,
        name: "billing-svc",
        prefix: "adk_x",
        hash: "h1",
        appIds: [appId],
      },
    });
    const teamId = f.team.id;
    await recordAudit(db, {
      teamId,
      actor: { userId: f.users.editor.id },
      action: "profile.test",
      targetType: "profile",
      targetId: profile.id,
      changes: { runId: run.id },
    });
    await recordAudit(db, {
      teamId,
      actor: { apiKeyId: key.id },
      action: "token.refreshNow",
      targetType: "profile",
      targetId: profile.id,
    });

    const { events } = await listAuditEvents(deps, await f.as("admin"), { limit: 10 });
    const [byKey, test, rename] = events;
    expect(byKey).toMatchObject({
      actor: { id: key.id, name: "key billing-svc" },
      target: { name: "Orders API", appId, outcome: null },
    });
    expect(test).toMatchObject({
      actor: { name: f.users.editor.name },
      target: { name: "Orders API", appId, outcome: "failed" },
    });
    expect(rename).toMatchObject({
      action: "app.rename",
      target: { name: "Orders (EU)", appId, outcome: null },
    });
  });

  it("never names another team's rows, and a deleted target has no name", async () => {
    const f = await createTeamWithMembers(deps, "Audit names own");
    const other = await createTeamWithMembers(deps, "Audit names other");
    const { id: theirApp } = await apps.createApp(deps, await other.as("owner"), {
      name: "Their secret app",
    });
    const theirProfile = await insertProfile(db, {
      teamId: other.team.id,
      appId: theirApp,
      name: "Their profile",
    });
    // An event of this team that points at another team's ids (it never should): no names leak.
    for (const [targetType, targetId] of [
      ["app", theirApp],
      ["profile", theirProfile.id],
    ] as const) {
      await recordAudit(db, {
        teamId: f.team.id,
        actor: { userId: f.users.owner.id },
        action: `${targetType}.update`,
        targetType,
        targetId,
      });
    }
    const { id: goneApp } = await apps.createApp(deps, await f.as("owner"), { name: "Gone" });
    await db.app.delete({ where: { id: goneApp } });

    const { events } = await listAuditEvents(deps, await f.as("admin"), { limit: 10 });
    const named = events.filter((e) => e.targetType !== "team");
    expect(named).toHaveLength(3);
    for (const event of named) {
      expect(event.target).toEqual({ name: null, appId: null, outcome: null });
    }
  });
});
