import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/index.ts";
import { getEgressAllowlist, setEgressAllowlist } from "../../src/teams/index.ts";
import { appErrorOf, createTeamWithMembers, openTestDb } from "../fixtures.ts";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await openTestDb("egress_allowlist"));
});
afterAll(async () => close());

describe("a team's egress allowlist", () => {
  it("takes host names, addresses and CIDR ranges from admins, trimmed and without repeats", async () => {
    const deps = { db, now: () => new Date() };
    const { as } = await createTeamWithMembers(deps, "Private");
    const admin = await as("admin");
    await setEgressAllowlist(deps, admin, {
      rules: [" idp.internal ", "10.20.0.0/16", "fd00::1", "idp.internal", ""],
    });
    expect(await getEgressAllowlist(deps, await as("viewer"))).toEqual({
      rules: ["idp.internal", "10.20.0.0/16", "fd00::1"],
    });
  });

  it("refuses a rule that is none of those, on the rules field, and keeps the old list", async () => {
    const deps = { db, now: () => new Date() };
    const { as } = await createTeamWithMembers(deps, "Careful");
    const admin = await as("admin");
    await setEgressAllowlist(deps, admin, { rules: ["10.0.0.0/8"] });
    const error = await appErrorOf(setEgressAllowlist(deps, admin, { rules: ["10.0.0.0/99"] }));
    expect(error.details.fieldErrors).toEqual({ rules: '"10.0.0.0/99" is not a CIDR range' });
    expect((await appErrorOf(setEgressAllowlist(deps, admin, { rules: ["http://x"] }))).code).toBe(
      "INVALID",
    );
    expect(await getEgressAllowlist(deps, admin)).toEqual({ rules: ["10.0.0.0/8"] });
  });

  it("is an admin's to change", async () => {
    const deps = { db, now: () => new Date() };
    const { as } = await createTeamWithMembers(deps, "Editors");
    expect(
      (await appErrorOf(setEgressAllowlist(deps, await as("editor"), { rules: [] }))).code,
    ).toBe("FORBIDDEN");
  });
});
