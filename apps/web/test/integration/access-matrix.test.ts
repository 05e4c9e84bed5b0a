// @module-tag resilience
import { atLeast, PERMISSIONS, type Permission } from "@authdeck/core/teams";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Meta } from "~/server/trpc.ts";
import { baseUrl, proceduresOf, type Server, startServer } from "../support/harness.ts";
import {
  ACTORS,
  type Actor,
  createFixture,
  type Fixture,
  SAMPLES,
} from "../support/procedure-samples.ts";

/**
 * Who may call what, generated from the router: every procedure, called by every kind of
 * person, must be refused or let through exactly as its declared access level says.
 */

// Started while the file is collected, so the tests below can be listed from the router itself.
const server: Server = await startServer("access");
let fixture: Fixture;

type Verdict = "allowed" | "UNAUTHORIZED" | "NOT_FOUND" | "FORBIDDEN";

/** What the declared access level promises for this person. */
function verdict(meta: Meta, actor: Actor): Verdict {
  if (meta.access === "public") return "allowed";
  if (actor === "signedOut") return "UNAUTHORIZED";
  if (meta.access === "signedIn") return "allowed";
  if (actor === "nonMember") return "NOT_FOUND";
  return atLeast(actor, PERMISSIONS[meta.permission]) ? "allowed" : "FORBIDDEN";
}

beforeAll(async () => {
  fixture = await createFixture(server);
});

afterAll(async () => {
  await server.close();
});

const procedures = proceduresOf(server.appRouter);

describe("the router", () => {
  it("declares an access level on every procedure", () => {
    const entries = Object.entries(procedures);
    expect(entries.length).toBeGreaterThanOrEqual(Object.keys(SAMPLES).length);
    for (const [path, procedure] of entries) {
      const meta = procedure.meta as Partial<Meta> | undefined;
      expect(["public", "signedIn", "team"], `${path} declares no access`).toContain(meta?.access);
      if (meta?.access === "team") {
        expect(Object.keys(PERMISSIONS), `${path} names no known permission`).toContain(
          (meta as { permission?: Permission }).permission,
        );
      }
    }
  });

  it("has a sample input for every procedure, and none for procedures that are gone", () => {
    const paths = Object.keys(procedures);
    const missing = paths.filter((path) => !(path in SAMPLES));
    expect(missing, "procedures without a sample input in SAMPLES").toEqual([]);
    const stale = Object.keys(SAMPLES).filter((path) => !paths.includes(path));
    expect(stale, "samples for procedures the router no longer has").toEqual([]);
  });
});

describe.each(Object.keys(procedures).sort())("%s", (path) => {
  const procedure = procedures[path]!;
  const meta = procedure.meta as Meta;

  it.each(ACTORS)("as %s: refused or let through as its access level says", async (actor) => {
    const sample = SAMPLES[path];
    expect(sample, `${path} has no sample input in SAMPLES`).toBeDefined();
    const input = await sample!.input(fixture, actor);
    // Browsers send Origin with every POST; queries must work without it.
    const origin = procedure.type === "mutation" ? baseUrl : null;
    // A stream is judged when it opens: its values may be a poll interval away.
    const outcome = await server.call(fixture.users[actor], path, input, origin, "opened");
    await fixture.restore();

    const expected = verdict(meta, actor);
    const describeOutcome = outcome.ok ? "success" : `${outcome.code} "${outcome.message}"`;
    if (expected === "allowed") {
      const refusal = sample!.allowed?.[actor] ?? sample!.allowed?.all;
      if (refusal) {
        expect(outcome.ok ? "success" : outcome.code, describeOutcome).toBe(refusal.code);
        if (refusal.message) expect(outcome.ok ? "" : outcome.message).toMatch(refusal.message);
      } else {
        expect(outcome.ok, describeOutcome).toBe(true);
      }
      if (!outcome.ok) expect(outcome.message).not.toMatch(/does not allow this|^Team not found$/);
      return;
    }
    expect(outcome.ok ? "success" : outcome.code, describeOutcome).toBe(expected);
    if (outcome.ok) return;
    if (expected === "NOT_FOUND") expect(outcome.message).toBe("Team not found");
    if (expected === "FORBIDDEN")
      expect(outcome.message).toBe(`Your role (${actor}) does not allow this`);
  });
});
