import { describe, expect, it } from "vitest";
import { getEgressAllowlist, setEgressAllowlist } from "../../src/teams/index.ts";
import { appErrorOf, createTeamWithMembers, useTestDb } from "../fixtures.ts";

const { db } = await useTestDb("egress_allowlist");

// What the operator lets teams open here (AUTHDECK_EGRESS_TEAM_MAY_ALLOW).
const teamMayAllow = ["10.0.0.0/8", "fd00::/8", "idp.internal"];

describe("a team's egress allowlist", () => {
  it("takes host names, addresses and CIDR ranges from admins, trimmed and without repeats", async () => {
    const deps = { db, now: () => new Date(), egressTeamMayAllow: teamMayAllow };
    const { as } = await createTeamWithMembers(deps, "Private");
    const admin = await as("admin");
    await setEgressAllowlist(deps, admin, {
      rules: [" idp.internal ", "10.20.0.0/16", "fd00::1", "idp.internal", ""],
    });
    expect(await getEgressAllowlist(deps, await as("viewer"))).toEqual({
      rules: ["idp.internal", "10.20.0.0/16", "fd00::1"],
      inactive: [],
      teamsMayAllowAny: true,
    });
  });

  it("refuses a rule that is none of those, on the rules field, and keeps the old list", async () => {
    const deps = { db, now: () => new Date(), egressTeamMayAllow: teamMayAllow };
    const { as } = await createTeamWithMembers(deps, "Careful");
    const admin = await as("admin");
    await setEgressAllowlist(deps, admin, { rules: ["10.0.0.0/8"] });
    const error = await appErrorOf(setEgressAllowlist(deps, admin, { rules: ["10.0.0.0/99"] }));
    expect(error.details.fieldErrors).toEqual({ rules: '"10.0.0.0/99" is not a CIDR range.' });
    expect((await appErrorOf(setEgressAllowlist(deps, admin, { rules: ["http://x"] }))).code).toBe(
      "INVALID",
    );
    expect((await getEgressAllowlist(deps, admin)).rules).toEqual(["10.0.0.0/8"]);
  });

  it("names each refused rule with why, up to five, and counts the rest", async () => {
    const deps = { db, now: () => new Date(), egressTeamMayAllow: teamMayAllow };
    const { as } = await createTeamWithMembers(deps, "Many");
    const rules = ["10.1.0.0/16", ...Array.from({ length: 7 }, (_, i) => `192.168.${i}.0/24`)];
    const error = await appErrorOf(setEgressAllowlist(deps, await as("admin"), { rules }));
    const message = error.details.fieldErrors?.rules ?? "";
    expect(message).toContain('"192.168.4.0/24" is outside what this deployment lets teams allow');
    expect(message).not.toContain("192.168.5.0/24");
    expect(message).toMatch(/2 more rules are refused too\.$/);
    expect(message).not.toContain("10.1.0.0/16");
  });

  it("is an admin's to change", async () => {
    const deps = { db, now: () => new Date(), egressTeamMayAllow: teamMayAllow };
    const { as } = await createTeamWithMembers(deps, "Editors");
    expect(
      (await appErrorOf(setEgressAllowlist(deps, await as("editor"), { rules: [] }))).code,
    ).toBe("FORBIDDEN");
  });
});
