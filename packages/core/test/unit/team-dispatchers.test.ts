// @module-tag resilience
import { describe, expect, it } from "vitest";
import { teamDispatcher } from "../../src/api-calls/team-dispatchers.ts";
import { addressPolicyOf } from "../../src/http/address-policy.ts";

const policy = addressPolicyOf([]);
const timeouts = { connectMs: 1_000, headersMs: 1_000, bodyMs: 1_000 };

describe("teamDispatcher", () => {
  it("keeps one team's connections for that team and those rules only", () => {
    const a = teamDispatcher({ teamId: "team-a", rules: ["10.0.0.0/8"] }, policy, timeouts);
    expect(teamDispatcher({ teamId: "team-a", rules: ["10.0.0.0/8"] }, policy, timeouts)).toBe(a);
    expect(teamDispatcher({ teamId: "team-b", rules: ["10.0.0.0/8"] }, policy, timeouts)).not.toBe(
      a,
    );
    // Rules changed: sockets opened under the old ones are not reused.
    expect(teamDispatcher({ teamId: "team-a", rules: [] }, policy, timeouts)).not.toBe(a);
  });
});
