// @module-tag resilience
import type { TokenServer } from "@authdeck/test-support";
import { describe, expect, it } from "vitest";
import {
  getEgressAllowlist,
  type Member,
  resolveMember,
  setEgressAllowlist,
} from "../../src/teams/index.ts";
import { appErrorOf } from "../fixtures.ts";
import {
  queueRun,
  runQueued,
  type SavedProfile,
  saveProfile,
  useTokenRunKit,
} from "../token-runs.ts";

// The worker's own machine, as an attacker's team would aim at it.
let internal: TokenServer;
const kit = useTokenRunKit("egress_team", async (serveForFile) => {
  internal = await serveForFile({ hosts: ["127.0.0.1", "::1"] });
});

const profile = (host: string) => ({
  name: `Team egress ${host}`,
  identityProviderName: "Internal",
  clientId: "client-1",
  clientSecret: "egress-secret",
  tokenRequestUrl: `http://${host}:${internal.port}/ok/token`,
  scopes: [],
});

async function adminOf(saved: SavedProfile): Promise<Member> {
  const admin = await kit.db.membership.findFirstOrThrow({
    where: { teamId: saved.teamId, role: "admin" },
  });
  return resolveMember(kit.db, admin.userId, saved.teamId);
}

const teamDeps = (egressTeamMayAllow: string[]) => ({
  db: kit.db,
  now: () => new Date(),
  egressTeamMayAllow,
});

/** Tests the saved profile as the worker would, with the deployment's two settings. */
async function runTest(
  saved: SavedProfile,
  settings: { allow?: string[]; teamMayAllow?: string[] },
) {
  const before = internal.requests.length;
  const runId = await queueRun(kit, saved);
  const { run } = await runQueued(kit, runId, {
    egressAllow: settings.allow ?? [],
    egressTeamMayAllow: settings.teamMayAllow ?? [],
  });
  return { run, reached: internal.requests.length - before };
}

// What the review's self-registered attacker put in their own team's allowlist.
const ATTACKER_RULES = [
  "169.254.169.254/32",
  "0.0.0.0/0",
  "::/0",
  "localhost",
  "metadata.google.internal",
  "127.0.0.0/8",
];

describe("a team's egress allowlist, on a deployment that lets teams open nothing", () => {
  it.each(ATTACKER_RULES)(
    "refuses %s on save, naming it, and changes nothing",
    async (rule) => {
      const saved = await saveProfile(kit, profile("127.0.0.1"));
      const admin = await adminOf(saved);
      const auditBefore = await kit.db.auditEvent.count({ where: { teamId: saved.teamId } });
      const error = await appErrorOf(
        setEgressAllowlist(teamDeps([]), admin, { rules: ["10.20.0.0/16", rule] }),
      );
      expect(error.code).toBe("INVALID");
      expect(error.details.fieldErrors?.rules).toContain(`"${rule}"`);
      const team = await kit.db.team.findUniqueOrThrow({ where: { id: saved.teamId } });
      expect(team.egressAllowlist).toEqual([]);
      expect(await kit.db.auditEvent.count({ where: { teamId: saved.teamId } })).toBe(auditBefore);
    },
    15_000,
  );

  it("ignores the rules a team stored before, and lists each as inactive with why", async () => {
    for (const host of ["127.0.0.1", "[::1]", "localhost"]) {
      const saved = await saveProfile(kit, profile(host));
      await kit.db.team.update({
        where: { id: saved.teamId },
        data: { egressAllowlist: ATTACKER_RULES },
      });
      const { run, reached } = await runTest(saved, {});
      expect(run).toMatchObject({ status: "failed", errorClass: "blocked_destination" });
      expect(reached).toBe(0);

      const listed = await getEgressAllowlist(teamDeps([]), await adminOf(saved));
      expect(listed.rules).toEqual(ATTACKER_RULES);
      expect(listed.inactive.map((i) => i.rule)).toEqual(ATTACKER_RULES);
      for (const { rule, reason } of listed.inactive) expect(reason).toContain(`"${rule}"`);
    }
  }, 15_000);
});

describe("a team's egress allowlist, within what the operator lets teams open", () => {
  it("saves rules inside the operator's ranges and names", async () => {
    const saved = await saveProfile(kit, profile("127.0.0.1"));
    const rules = ["10.20.0.0/16", "10.1.2.3", "idp.internal"];
    await setEgressAllowlist(teamDeps(["10.0.0.0/8", "idp.internal"]), await adminOf(saved), {
      rules,
    });
    const listed = await getEgressAllowlist(
      teamDeps(["10.0.0.0/8", "idp.internal"]),
      await adminOf(saved),
    );
    expect(listed).toEqual({ rules, inactive: [], teamsMayAllowAny: true });
  });

  it.each([
    ["0.0.0.0/0", ["10.0.0.0/8"], "a catch-all"],
    ["::/0", ["fd00::/8"], "a catch-all"],
    ["10.0.0.0/7", ["10.0.0.0/8"], "a catch-all"],
    ["169.254.0.0/16", ["169.0.0.0/8"], "link-local"],
    ["169.254.169.254", ["169.0.0.0/8"], "names this exact address"],
    ["fd00:ec2::254", ["fd00::/8"], "names this exact address"],
    ["168.63.129.16", ["168.0.0.0/8"], "names this exact address"],
    ["10.0.0.0/8", ["10.20.0.0/16"], "outside what this deployment lets teams allow"],
    ["idp.other", ["idp.internal"], "outside what this deployment lets teams allow"],
    ["metadata.goog", ["metadata.google.internal"], "outside what this deployment"],
  ])(
    "refuses %s when the operator lets teams open %j",
    async (rule, teamMayAllow, why) => {
      const saved = await saveProfile(kit, profile("127.0.0.1"));
      const error = await appErrorOf(
        setEgressAllowlist(teamDeps(teamMayAllow), await adminOf(saved), { rules: [rule] }),
      );
      expect(error.details.fieldErrors?.rules).toContain(`"${rule}"`);
      expect(error.details.fieldErrors?.rules).toContain(why);
    },
    15_000,
  );

  it("accepts a metadata address the operator named exactly", async () => {
    const saved = await saveProfile(kit, profile("127.0.0.1"));
    const rules = ["169.254.169.254"];
    await setEgressAllowlist(teamDeps(["169.254.169.254/32"]), await adminOf(saved), { rules });
    const team = await kit.db.team.findUniqueOrThrow({ where: { id: saved.teamId } });
    expect(team.egressAllowlist).toEqual(rules);
  });

  it("opens an address for the team whose rule it is, and no other", async () => {
    const teamMayAllow = ["127.0.0.0/8"];
    const allowed = await saveProfile(kit, profile("127.0.0.1"));
    await setEgressAllowlist(teamDeps(teamMayAllow), await adminOf(allowed), {
      rules: ["127.0.0.1"],
    });
    const other = await saveProfile(kit, profile("127.0.0.1"));

    expect(await runTest(other, { teamMayAllow })).toMatchObject({
      run: { errorClass: "blocked_destination" },
      reached: 0,
    });
    expect(await runTest(allowed, { teamMayAllow })).toMatchObject({
      run: { status: "succeeded" },
      reached: 1,
    });
    // The same rule, once the operator no longer lets teams open loopback: ignored.
    expect(await runTest(allowed, { teamMayAllow: ["10.0.0.0/8"] })).toMatchObject({
      run: { errorClass: "blocked_destination" },
      reached: 0,
    });
  }, 15_000);

  it("does not let a host-name rule reach loopback unless loopback is open by address", async () => {
    const saved = await saveProfile(kit, profile("localhost"));
    await setEgressAllowlist(teamDeps(["localhost"]), await adminOf(saved), {
      rules: ["localhost"],
    });
    const byName = await runTest(saved, { teamMayAllow: ["localhost"] });
    expect(byName.run).toMatchObject({ status: "failed", errorClass: "blocked_destination" });
    expect(byName.run.errorMessage).toMatch(
      /^localhost resolves to (127\.0\.0\.1|::1), which is a loopback address: only an address rule opens loopback, not a host name rule$/,
    );
    expect(byName.reached).toBe(0);

    const byAddress = await runTest(saved, {
      teamMayAllow: ["localhost"],
      allow: ["127.0.0.0/8", "::1/128"],
    });
    expect(byAddress).toMatchObject({ run: { status: "succeeded" }, reached: 1 });
  }, 15_000);
});
