// @module-tag resilience
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  baseUrl,
  createTeamWithMembers,
  type Server,
  type SignedInUser,
  startServer,
} from "../support/harness.ts";

/**
 * What a person reads when an input is refused: tRPC's own message for a failed input parse is
 * zod's JSON list of issues, which forms, toasts and API callers would show as it is.
 */

const server: Server = await startServer("validation_messages");
const { handleTrpcRequest } = await import("~/server/trpc-handler.ts");
let owner: SignedInUser;
let teamId: string;
let appId: string;

beforeAll(async () => {
  const team = await createTeamWithMembers(server.db, "Messages");
  owner = team.users.owner;
  teamId = team.team.id;
  appId = (await server.callerFor(owner).app.create({ teamId, name: "Messages" })).id;
});

afterAll(async () => server.close());

type ErrorBody = { message: string; data: { code: string; fieldErrors: Record<string, string> } };

/** One request over the HTTP edge, as the browser sends it; subscriptions arrive as SSE. */
async function send(path: string, type: "query" | "mutation" | "subscription", input: unknown) {
  const url = new URL(`/api/trpc/${path}`, baseUrl);
  const mutation = type === "mutation";
  if (!mutation) url.searchParams.set("input", JSON.stringify({ json: input }));
  const request = new Request(url, {
    method: mutation ? "POST" : "GET",
    headers: mutation
      ? { "content-type": "application/json", origin: baseUrl }
      : type === "subscription"
        ? { accept: "text/event-stream" }
        : {},
    ...(mutation ? { body: JSON.stringify({ json: input }) } : {}),
  });
  const response = await handleTrpcRequest(
    request,
    async () => server.context(owner, mutation ? baseUrl : null),
    () => {
      throw new Error("the route logged an internal failure");
    },
  );
  const text = await response.text();
  if (type !== "subscription")
    return (JSON.parse(text) as { error: { json: ErrorBody } }).error.json;
  const event = /event: serialized-error\ndata: (.*)\n/.exec(text);
  expect(event, text).not.toBeNull();
  return (JSON.parse(event![1]!) as { json: ErrorBody }).json;
}

const looksLikeJson = /^\s*[[{]/;

describe("a refused input", () => {
  it.each([
    ["a mutation", "app.create", "mutation", () => ({ teamId, name: "x".repeat(300) }), "name"],
    ["a query", "profile.list", "query", () => ({ teamId, appId, pageSize: 1_000 }), "pageSize"],
    ["a subscription", "token.onChange", "subscription", () => ({ teamId, appId: 42 }), "appId"],
  ] as const)(
    "of %s is answered with the first field's message, never zod's JSON",
    async (_, path, type, input, field) => {
      const error = await send(path, type, input());

      expect(error.data.code).toBe("BAD_REQUEST");
      expect(error.data.fieldErrors[field]).toMatch(/\S/);
      expect(error.message).not.toMatch(looksLikeJson);
      expect(error.message).not.toContain('"code"');
      expect(error.message).toBe(Object.values(error.data.fieldErrors)[0]);
    },
  );

  it("keeps a domain error's own sentence, which names what to do", async () => {
    const error = await send("team.delete", "mutation", { teamId, confirmName: "Not it" });

    expect(error.data.code).toBe("BAD_REQUEST");
    expect(error.message).toBe("Type the team's name exactly to confirm");
    expect(error.data.fieldErrors).toEqual({ confirmName: 'Type "Messages" to confirm' });
  });
});
