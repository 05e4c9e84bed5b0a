import * as schemas from "@authdeck/core/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createCallerFactory, createRouter, publicProcedure } from "~/server/trpc.ts";
import { baseUrl, outcomeOf, proceduresOf, type Server, startServer } from "../support/harness.ts";
import { createFixture, type Fixture } from "../support/procedure-samples.ts";

/**
 * What leaves the server is checked: every procedure that answers declares an output schema,
 * so a field nobody named (a secret, a sealed column) cannot ride along in an answer.
 */

const server: Server = await startServer("outputs");
let fixture: Fixture;

beforeAll(async () => {
  fixture = await createFixture(server);
});
afterAll(async () => server.close());

const definitions = Object.entries(proceduresOf(server.appRouter)).map(([path, procedure]) => ({
  path,
  ...procedure,
}));

describe("output schemas", () => {
  it("are declared by every query and mutation", () => {
    const answering = definitions.filter((d) => d.type !== "subscription");
    expect(answering.length).toBeGreaterThan(30);
    const without = answering.filter((d) => !(d.output instanceof z.ZodType)).map((d) => d.path);
    expect(without, "procedures without .output()").toEqual([]);
  });

  it("strip a field they do not name, such as a client secret, before it leaves", async () => {
    const owner = fixture.users.owner;
    const ref = { teamId: fixture.teamId, appId: fixture.appId, profileId: fixture.profileId };
    const real = await server.callerFor(owner).profile.get(ref);
    // A resolver that leaks: the answer of profile.get plus what must never be in one.
    const leaky = createRouter({
      get: publicProcedure
        .output(schemas.profileOutput)
        .query(() => ({ ...real, clientSecret: "leaked-secret", clientSecretSealed: "v1:k1:x" })),
    });
    const answer = await createCallerFactory(leaky)(server.context(owner, baseUrl)).get();
    expect(answer).toEqual(real);
    expect(Object.keys(answer)).not.toContain("clientSecret");
    expect(JSON.stringify(answer)).not.toMatch(/leaked-secret|v1:k1/);
  });

  it("refuse an answer that does not fit instead of sending it", async () => {
    const viewer = fixture.users.viewer;
    const ref = { teamId: fixture.teamId, appId: fixture.appId, runId: fixture.runId };
    const real = await server.callerFor(viewer).testRun.get(ref);
    const facts = {
      tokenType: "Bearer",
      expiresIn: 60,
      grantedScope: null,
      refreshTokenIssued: false,
      jwt: null,
      prefix: "abcd",
      fingerprint: "0123456789abcdef",
    };
    // A length no token has: the types allow it, the schema does not.
    const broken = createRouter({
      get: publicProcedure
        .output(schemas.runOutput)
        .query(() => ({ ...real, tokenFacts: { ...facts, length: -1 } })),
    });
    const outcome = await outcomeOf(
      createCallerFactory(broken)(server.context(viewer, baseUrl)).get(),
    );
    expect(outcome).toMatchObject({ ok: false, code: "INTERNAL_SERVER_ERROR" });
    const fits = createRouter({
      get: publicProcedure
        .output(schemas.runOutput)
        .query(() => ({ ...real, tokenFacts: { ...facts, length: 16 } })),
    });
    expect(await createCallerFactory(fits)(server.context(viewer, baseUrl)).get()).toMatchObject({
      tokenFacts: { length: 16 },
    });
  });

  it("leave profile.get with no secret of the profile in it", async () => {
    const answer = await server
      .callerFor(fixture.users.owner)
      .profile.get({ teamId: fixture.teamId, appId: fixture.appId, profileId: fixture.profileId });
    expect(answer.hasClientSecret).toBe(true);
    const row = await server.db.authorizationProfile.findUniqueOrThrow({
      where: { id: fixture.profileId },
    });
    const text = JSON.stringify(answer);
    expect(text).not.toContain("matrix-client-secret");
    expect(text).not.toContain(row.clientSecretSealed);
    expect(Object.keys(answer).sort()).toEqual(Object.keys(schemas.profileOutput.shape).sort());
  });
});

describe("a run written by an older version", () => {
  it("is answered by testRun.get and its stream as 'evidence unavailable', not as an error", async () => {
    const older = await server.db.testRun.create({
      data: {
        teamId: fixture.teamId,
        profileId: fixture.profileId,
        status: "succeeded",
        finishedAt: new Date(),
        request: { method: "POST", url: "https://idp.example.com/token", headers: {}, body: "" },
        responseStatus: 200,
        tokenFacts: { tokenType: "Bearer" },
      },
    });
    const ref = { teamId: fixture.teamId, appId: fixture.appId, runId: older.id };
    const got = await server.call(fixture.users.viewer, "testRun.get", ref);
    const streamed = await server.call(fixture.users.viewer, "testRun.onUpdate", ref);
    for (const outcome of [got, streamed]) {
      expect(outcome).toMatchObject({
        ok: true,
        data: {
          id: older.id,
          status: "succeeded",
          responseStatus: 200,
          evidenceUnavailable: true,
          request: null,
          tokenFacts: null,
        },
      });
    }
  });
});
