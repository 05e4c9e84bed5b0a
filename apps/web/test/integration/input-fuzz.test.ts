// @module-tag resilience
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestTables } from "../support/db-digest.ts";
import { mutationsOf, rawEnvelope } from "../support/fuzz.ts";
import { baseUrl, proceduresOf, type Server, startServer } from "../support/harness.ts";
import { createFixture, type Fixture, SAMPLES } from "../support/procedure-samples.ts";

/**
 * Every procedure of the router, generated from it, called by its team's owner with inputs no
 * page of ours sends: mutations of its valid sample input and arbitrary envelopes. Whatever
 * comes in, the answer is never our own failure, a refused input names its fields, and a refused
 * call leaves every table as it was.
 */

// Bounded so the whole file stays well under a minute on two cores.
const MUTATED_RUNS = 20;
const RAW_RUNS = 8;

const server: Server = await startServer("fuzz");
const { handleTrpcRequest } = await import("~/server/trpc-handler.ts");
const { fieldErrorsOf } = await import("@authdeck/core/client");
const procedures = proceduresOf(server.appRouter);
let fixture: Fixture;

beforeAll(async () => {
  fixture = await createFixture(server);
});

afterAll(async () => {
  await server.close();
});

type Answer = { status: number; code: string | null; fieldErrors: unknown; message: string };

/** One call over the HTTP edge, as a browser's request reaches the route, signed in as owner. */
async function overHttp(path: string, type: string, body: { raw: string } | { input: unknown }) {
  const raw = "raw" in body ? body.raw : JSON.stringify({ json: body.input });
  const url = new URL(`/api/trpc/${path}`, baseUrl);
  const mutation = type === "mutation";
  if (!mutation && raw !== undefined) url.searchParams.set("input", raw);
  const request = new Request(url, {
    method: mutation ? "POST" : "GET",
    ...(mutation
      ? { body: raw, headers: { "content-type": "application/json", origin: baseUrl } }
      : {}),
  });
  const response = await handleTrpcRequest(
    request,
    async () => server.context(fixture.users.owner, mutation ? baseUrl : null),
    () => {
      throw new Error("the route logged an internal failure");
    },
  );
  const text = await response.text();
  const error = (JSON.parse(text) as { error?: { json?: Record<string, never> } }).error?.json as
    | { message: string; data: { code: string; fieldErrors: unknown } }
    | undefined;
  return {
    status: response.status,
    code: error?.data.code ?? null,
    fieldErrors: error?.data.fieldErrors ?? null,
    message: error?.message ?? "",
  } satisfies Answer;
}

/** A subscription is opened in-process: its access checks and input parsing run, nothing streams. */
async function opened(path: string, input: unknown): Promise<Answer> {
  const outcome = await server.call(fixture.users.owner, path, input, null, "opened");
  if (outcome.ok) return { status: 200, code: null, fieldErrors: null, message: "" };
  return {
    status: outcome.code === "INTERNAL_SERVER_ERROR" ? 500 : 400,
    code: outcome.code,
    fieldErrors: fieldErrorsOf(outcome.cause) ?? null,
    message: outcome.message,
  };
}

function expectSound(answer: Answer, what: string, streamed: boolean) {
  const described = `${what} → ${answer.status} ${answer.code ?? ""} ${answer.message}`;
  expect(answer.status, described).toBeLessThan(500);
  expect(answer.code, described).not.toBe("INTERNAL_SERVER_ERROR");
  if (answer.code === "BAD_REQUEST") {
    const errors = answer.fieldErrors as Record<string, unknown> | null;
    expect(errors, `${described}: no field errors`).toBeTypeOf("object");
    expect(Object.keys(errors ?? {}).length, `${described}: no field errors`).toBeGreaterThan(0);
    for (const message of Object.values(errors ?? {})) expect(message).toMatch(/\S/);
    // What people read over HTTP is a sentence, never a parser's JSON. (A stream opened
    // in-process has no error formatter, so its message is not what anyone reads.)
    if (!streamed) expect(answer.message, described).not.toMatch(/^\s*[[{]/);
  }
}

/** Calls `send` and checks the answer; a refused call must leave every table as it was. */
async function checked(
  send: () => Promise<Answer>,
  what: string,
  state: { digest: object },
  streamed = false,
) {
  const answer = await send();
  await fixture.restore();
  expectSound(answer, what, streamed);
  const after = await digestTables(server.db);
  if (answer.status !== 200)
    expect(after, `${what} was refused but changed rows`).toEqual(state.digest);
  state.digest = after;
}

const show = (value: unknown) => JSON.stringify(value)?.slice(0, 300) ?? "undefined";

describe.each(Object.keys(procedures).sort())("%s", (path) => {
  const { type } = procedures[path]!;

  it("answers every input without failing, with field errors, changing nothing when it refuses", async () => {
    const valid = await SAMPLES[path]!.input(fixture, "owner");
    await fixture.restore();
    const related = [
      fixture.teamId,
      fixture.appId,
      fixture.profileId,
      fixture.runId,
      fixture.spareId,
    ];
    const state = { digest: await digestTables(server.db) };
    const send = (input: unknown) =>
      type === "subscription" ? opened(path, input) : overHttp(path, type, { input });

    await fc.assert(
      fc.asyncProperty(mutationsOf(valid, related), async (input) => {
        await checked(() => send(input), `${path}(${show(input)})`, state, type === "subscription");
      }),
      { numRuns: MUTATED_RUNS },
    );
    if (type === "subscription") return;
    await fc.assert(
      fc.asyncProperty(rawEnvelope, async (raw) => {
        await checked(() => overHttp(path, type, { raw }), `${path} raw ${show(raw)}`, state);
      }),
      { numRuns: RAW_RUNS },
    );
  });
});

describe("a NUL character, which PostgreSQL text cannot hold", () => {
  it("is refused on the field it is in, however deep, before anything is written", async () => {
    const before = await digestTables(server.db);
    const team = await overHttp("team.create", "mutation", { input: { name: "Team\u0000" } });
    expect(team).toMatchObject({ status: 400, fieldErrors: { name: expect.any(String) } });
    const profile = await overHttp("profile.create", "mutation", {
      input: {
        teamId: fixture.teamId,
        appId: fixture.appId,
        profile: {
          ...fixture.profileFields("NUL"),
          scopes: [{ key: "scope", value: "read\u0000" }],
        },
      },
    });
    expect(profile).toMatchObject({
      status: 400,
      fieldErrors: { "profile.scopes.0.value": "Must not contain the NUL character (U+0000)" },
    });
    expect(await digestTables(server.db)).toEqual(before);
  });
});

describe("a teamId that cannot be turned into text", () => {
  it("answers Team not found, as any other id that names no team of the caller", async () => {
    for (const teamId of [{ toString: null }, { toString: false, valueOf: null }]) {
      const answer = await overHttp("token.dashboard", "query", {
        input: { teamId, appId: fixture.appId },
      });
      expect(answer, JSON.stringify(teamId)).toMatchObject({ status: 404, code: "NOT_FOUND" });
    }
  });
});
