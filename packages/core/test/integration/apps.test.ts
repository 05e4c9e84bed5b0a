import { describe, expect, it } from "vitest";
import { createApp, deleteApp, getApp, listApps, renameApp } from "../../src/apps/index.ts";
import { AppError } from "../../src/errors/index.ts";
import { appErrorOf, createTeamWithMembers, insertProfile, useTestDb } from "../fixtures.ts";

const { db, deps } = await useTestDb("apps");

describe("createApp, getApp and listApps", () => {
  it("let admins create apps and every member read them", async () => {
    const f = await createTeamWithMembers(deps, "Apps");

    const app = await createApp(deps, await f.as("admin"), { name: "Billing" });
    await createApp(deps, await f.as("owner"), { name: "Analytics" });
    await insertProfile(db, { teamId: f.team.id, appId: app.id, name: "Stripe" });

    expect(await getApp(deps, await f.as("viewer"), { appId: app.id })).toMatchObject({
      id: app.id,
      name: "Billing",
      profileCount: 1,
    });
    const listed = await listApps(deps, await f.as("viewer"));
    expect(listed.map((a) => [a.name, a.profileCount])).toEqual([
      ["Analytics", 0],
      ["Billing", 1],
    ]);
    expect(
      await db.auditEvent.findFirst({ where: { teamId: f.team.id, targetId: app.id } }),
    ).toMatchObject({
      actorUserId: f.users.admin.id,
      action: "app.create",
      targetType: "app",
      changes: { name: "Billing" },
    });
  });

  it("is refused below admin", async () => {
    const f = await createTeamWithMembers(deps, "Apps refused");
    for (const role of ["editor", "viewer"] as const) {
      expect((await appErrorOf(createApp(deps, await f.as(role), { name: "Nope" }))).code).toBe(
        "FORBIDDEN",
      );
    }
    expect(await db.app.count({ where: { teamId: f.team.id } })).toBe(0);
  });
});

describe("app names", () => {
  it("are unique within a team regardless of case", async () => {
    const f = await createTeamWithMembers(deps, "Names");
    const other = await createTeamWithMembers(deps, "Names other");
    const admin = await f.as("admin");
    await createApp(deps, admin, { name: "Billing" });
    const payouts = await createApp(deps, admin, { name: "Payouts" });

    for (const name of ["Billing", "billing", "BILLING"]) {
      const error = await appErrorOf(createApp(deps, admin, { name }));
      expect(error.code).toBe("CONFLICT");
      expect(error.details.fieldErrors?.name).toBe("An app with this name already exists");
    }
    const rename = await appErrorOf(renameApp(deps, admin, { appId: payouts.id, name: "bILLING" }));
    expect(rename.code).toBe("CONFLICT");
    expect(rename.details.fieldErrors).toHaveProperty("name");
    expect((await db.app.findUniqueOrThrow({ where: { id: payouts.id } })).name).toBe("Payouts");
    expect(await db.app.count({ where: { teamId: f.team.id } })).toBe(2);

    // Another team may use the name, and an app may change the case of its own name.
    await createApp(deps, await other.as("admin"), { name: "billing" });
    expect(await renameApp(deps, admin, { appId: payouts.id, name: "PAYOUTS" })).toEqual({
      id: payouts.id,
      name: "PAYOUTS",
    });
    expect(
      await db.auditEvent.findFirst({ where: { teamId: f.team.id, action: "app.rename" } }),
    ).toMatchObject({
      actorUserId: f.users.admin.id,
      targetId: payouts.id,
      changes: { name: "PAYOUTS", previousName: "Payouts" },
    });
    expect(await db.auditEvent.count({ where: { teamId: f.team.id, action: "app.create" } })).toBe(
      2,
    );
  });
});

describe("app names chosen at the same moment", () => {
  it("still end up unique: one create wins, the others get CONFLICT", async () => {
    const f = await createTeamWithMembers(deps, "Race");
    const members = [await f.as("owner"), await f.as("admin")];
    const names = ["Billing", "billing", "BILLING", "Billing"];

    const outcomes = await Promise.allSettled(
      names.map((name, index) => createApp(deps, members[index % 2]!, { name })),
    );

    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") {
        expect(outcome.reason).toBeInstanceOf(AppError);
        expect(outcome.reason).toMatchObject({ code: "CONFLICT" });
      }
    }
    expect(await db.app.count({ where: { teamId: f.team.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { teamId: f.team.id, action: "app.create" } })).toBe(
      1,
    );
  });

  it("still end up unique when an app is renamed to a name being created", async () => {
    const f = await createTeamWithMembers(deps, "Race rename");
    const admin = await f.as("admin");
    const existing = await createApp(deps, admin, { name: "Payouts" });

    const outcomes = await Promise.allSettled([
      renameApp(deps, admin, { appId: existing.id, name: "Ledger" }),
      createApp(deps, await f.as("owner"), { name: "LEDGER" }),
    ]);

    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const names = (await db.app.findMany({ where: { teamId: f.team.id } })).map((a) =>
      a.name.toLowerCase(),
    );
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("another team's app", () => {
  it("is NOT_FOUND to read, rename or delete, and stays as it was", async () => {
    const f = await createTeamWithMembers(deps, "Mine");
    const other = await createTeamWithMembers(deps, "Theirs");
    const theirs = await createApp(deps, await other.as("admin"), { name: "Secret Project" });
    const owner = await f.as("owner");

    for (const appId of [theirs.id, "00000000-0000-7000-8000-000000000000", "not-an-id"]) {
      const calls = [
        () => getApp(deps, owner, { appId }),
        () => renameApp(deps, owner, { appId, name: "Taken over" }),
        () => deleteApp(deps, owner, { appId, confirmProfileCount: 0 }),
      ];
      for (const call of calls) {
        const error = await appErrorOf(call());
        expect(error.code).toBe("NOT_FOUND");
        expect(error.message).toBe("App not found");
      }
    }
    expect(await db.app.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({
      teamId: other.team.id,
      name: "Secret Project",
    });
    expect(await db.auditEvent.count({ where: { targetId: theirs.id } })).toBe(1);
  });
});

describe("deleteApp", () => {
  it("deletes an app without profiles at once", async () => {
    const f = await createTeamWithMembers(deps, "Delete empty");
    const app = await createApp(deps, await f.as("admin"), { name: "Empty" });

    expect(
      await deleteApp(deps, await f.as("admin"), { appId: app.id, confirmProfileCount: 0 }),
    ).toEqual({ id: app.id, deletedProfiles: 0 });
    expect(await db.app.count({ where: { id: app.id } })).toBe(0);
  });

  it("deletes an app with profiles only when the confirmed count is exact", async () => {
    const f = await createTeamWithMembers(deps, "Delete full");
    const admin = await f.as("admin");
    const app = await createApp(deps, admin, { name: "Crowded" });
    await insertProfile(db, { teamId: f.team.id, appId: app.id, name: "One" });
    await insertProfile(db, { teamId: f.team.id, appId: app.id, name: "Two" });

    for (const confirmProfileCount of [0, 1, 3]) {
      const error = await appErrorOf(
        deleteApp(deps, admin, { appId: app.id, confirmProfileCount }),
      );
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toContain("2 authorization profiles");
      expect(error.details.fieldErrors?.confirmProfileCount).toBe(
        "Confirm deleting 2 authorization profiles",
      );
    }
    expect(await db.app.count({ where: { id: app.id } })).toBe(1);
    expect(await db.authorizationProfile.count({ where: { appId: app.id } })).toBe(2);
    expect(await db.auditEvent.count({ where: { action: "app.delete", targetId: app.id } })).toBe(
      0,
    );
    const byEditor = await appErrorOf(
      deleteApp(deps, await f.as("editor"), { appId: app.id, confirmProfileCount: 2 }),
    );
    expect(byEditor.code).toBe("FORBIDDEN");

    expect(await deleteApp(deps, admin, { appId: app.id, confirmProfileCount: 2 })).toEqual({
      id: app.id,
      deletedProfiles: 2,
    });
    expect(await db.app.count({ where: { id: app.id } })).toBe(0);
    expect(await db.authorizationProfile.count({ where: { teamId: f.team.id } })).toBe(0);
    expect(
      await db.auditEvent.findFirst({ where: { action: "app.delete", targetId: app.id } }),
    ).toMatchObject({
      teamId: f.team.id,
      actorUserId: f.users.admin.id,
      targetType: "app",
      changes: { name: "Crowded", deletedProfiles: 2 },
    });
  });
});
