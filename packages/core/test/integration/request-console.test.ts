// @module-tag redis-queue
import { type ApiServer, startApiServer } from "@authdeck/test-support";
import { afterEach, describe, expect, it } from "vitest";
import { type ApiCallEvent, apiCallJobId } from "../../src/queue/index.ts";
import {
  failLostApiCalls,
  getApiCall,
  KEPT_CALLS,
  LOST_AFTER_MS,
  listApiCalls,
  runApiCall,
  sendApiCall,
} from "../../src/request-console/index.ts";
import { type ApiCallRequest, apiCallRequestSchema } from "../../src/schemas/index.ts";
import { resolveMember } from "../../src/teams/index.ts";
import { refreshTokenState } from "../../src/tokens/index.ts";
import { appErrorOf } from "../fixtures.ts";
import {
  loopbackRefresher,
  queuingDeps,
  type SavedProfile,
  saveProfile,
  useTokenRunKit,
} from "../token-runs.ts";

const kit = useTokenRunKit("request_console");
const apis: ApiServer[] = [];
afterEach(async () => {
  await Promise.all(apis.splice(0).map((api) => api.close()));
});

const CLIENT_SECRET = "console-client-secret-7d1e";
const HEADER_SECRET = "header-field-secret-93ab";
const PAYLOAD_SECRET = "payload-field-secret-5c2f";

const sendDeps = (limits = { perUserPerMinute: 100, perTeamPerMinute: 100 }) =>
  queuingDeps(kit, limits);

const events: ApiCallEvent[] = [];
const runDeps = () => ({
  ...loopbackRefresher(kit),
  egressTeamMayAllow: [],
  refresh: async (state: { id: string }) => {
    await refreshTokenState(loopbackRefresher(kit), { stateId: state.id });
  },
  publish: async (event: ApiCallEvent) => {
    events.push(event);
  },
});

const request = (given: Partial<ApiCallRequest>): ApiCallRequest =>
  apiCallRequestSchema.parse({ method: "GET", path: "/", ...given });

/** A profile whose tokens come from a recording token server, its API `api`, every field type. */
async function profileWithApi(options: { apiBaseUrl?: (api: ApiServer) => string } = {}) {
  const tokens = await kit.serve();
  const api = await startApiServer();
  apis.push(api);
  const saved = await saveProfile(kit, {
    name: "Carrier API",
    identityProviderName: "Recorder",
    clientId: "client-1",
    clientSecret: CLIENT_SECRET,
    tokenRequestUrl: tokens.urlFor("ok"),
    apiBaseUrl: options.apiBaseUrl ? options.apiBaseUrl(api) : `${api.url}/v2/{region}`,
    fields: [
      { type: "header", key: "X-Api-Key", value: HEADER_SECRET, secret: true },
      { type: "query", key: "account", value: "acct-42", secret: false },
      { type: "payload", key: "merchant", value: PAYLOAD_SECRET, secret: true },
      { type: "path", key: "region", value: "eu", secret: false },
    ],
  });
  return { saved, tokens, api };
}

/** Sends as the console does, then runs the job as the worker would. */
async function sendAndRun(saved: SavedProfile, given: Partial<ApiCallRequest>) {
  const { callId } = await sendApiCall(sendDeps(), saved.member, {
    appId: saved.appId,
    profileId: saved.profileId,
    request: request(given),
  });
  const status = await runApiCall(runDeps(), { callId });
  return { callId, status, view: await getApiCall(kit, saved.member, { ...saved, callId }) };
}

describe("sending a request from the console", () => {
  it("queues a row and a job that carries ids only, and is audited", async () => {
    const { saved, api } = await profileWithApi();
    const { callId } = await sendApiCall(sendDeps(), saved.member, {
      appId: saved.appId,
      profileId: saved.profileId,
      request: request({ method: "POST", path: "/orders", bodyType: "json", body: '{"a":1}' }),
    });
    const job = await kit.queue.getJob(apiCallJobId(callId));
    expect(job?.data).toEqual({ callId, teamId: saved.teamId });
    expect(job?.opts.attempts).toBe(1);
    expect(await kit.db.apiCall.findUniqueOrThrow({ where: { id: callId } })).toMatchObject({
      status: "queued",
      method: "POST",
      path: "/orders",
      requestedById: saved.member.userId,
    });
    const audit = await kit.db.auditEvent.findFirstOrThrow({
      where: { teamId: saved.teamId, action: "profile.apiCall" },
    });
    expect(audit.changes).toMatchObject({ callId, method: "POST", path: "/orders" });
    expect(api.calls).toHaveLength(0);
  });

  it("sends with the token and each field where its type says, and keeps the answer and the request masked", async () => {
    const { saved, tokens, api } = await profileWithApi();
    const { status, view } = await sendAndRun(saved, {
      method: "POST",
      path: "/orders/{region}",
      query: "limit=5",
      headers: [{ name: "X-Trace", value: "trace-1" }],
      bodyType: "json",
      body: '{"item":"box"}',
    });

    expect(status).toBe("answered");
    expect(api.calls).toHaveLength(1);
    const sent = api.calls[0]!;
    expect(sent.method).toBe("POST");
    expect(sent.path).toBe("/v2/eu/orders/eu");
    expect(new URLSearchParams(sent.query).get("limit")).toBe("5");
    expect(new URLSearchParams(sent.query).get("account")).toBe("acct-42");
    expect(sent.headers.authorization).toBe(`Bearer ${tokens.accessToken}`);
    expect(sent.headers["x-api-key"]).toBe(HEADER_SECRET);
    expect(sent.headers["x-trace"]).toBe("trace-1");
    expect(sent.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(sent.body)).toEqual({ item: "box", merchant: PAYLOAD_SECRET });

    // The default API echoes the call, secrets included: nothing kept may show them.
    expect(view).toMatchObject({ status: "answered", httpStatus: 200, replayed: false });
    expect(view.responseBytes).toBeGreaterThan(0);
    expect(view.durationMs).toBeGreaterThanOrEqual(0);
    expect(view.requestedBy).not.toBeNull();
    expect(view.sentRequest?.method).toBe("POST");
    expect(view.sentRequest?.url).toContain("/v2/eu/orders/eu?");
    expect(view.sentRequest?.headers).toContainEqual(["X-Trace", "trace-1"]);
    expect(view.responseBody).toContain("box");
    const kept = JSON.stringify(await kit.db.apiCall.findUniqueOrThrow({ where: { id: view.id } }));
    for (const secret of [tokens.accessToken, HEADER_SECRET, PAYLOAD_SECRET])
      expect(kept).not.toContain(secret);
    expect(JSON.stringify(events)).not.toContain(tokens.accessToken);
  });

  it("puts the Payload fields into a form body too", async () => {
    const { saved, api } = await profileWithApi();
    await sendAndRun(saved, {
      method: "PUT",
      path: "/settings",
      bodyType: "form",
      body: "mode=fast&merchant=mine",
    });
    const form = new URLSearchParams(api.calls[0]!.body);
    expect(api.calls[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(form.get("mode")).toBe("fast");
    expect(form.getAll("merchant")).toEqual([PAYLOAD_SECRET]);
  });

  it("on the profile's auth error status, gets a new token and sends the request once more", async () => {
    const { saved, tokens, api } = await profileWithApi();
    api.answer((_, n) =>
      n === 1 ? { status: 401, body: "expired" } : { status: 200, body: "ok" },
    );
    const before = tokens.requests.length;

    const { view } = await sendAndRun(saved, { method: "DELETE", path: "/session" });

    expect(view).toMatchObject({ status: "answered", httpStatus: 200, replayed: true });
    expect(api.calls).toHaveLength(2);
    // The first token (fetched for the first send) and the one after the 401.
    expect(tokens.requests.length - before).toBe(2);
  });

  it("says which side failed, without throwing, when the API cannot be reached", async () => {
    const { saved, api } = await profileWithApi();
    await api.close();
    apis.splice(apis.indexOf(api), 1);

    const { status, view } = await sendAndRun(saved, { path: "/status" });

    expect(status).toBe("failed");
    expect(view.errorMessage).toMatch(/^The API: /);
    expect(view.errorClass).not.toBeNull();
    expect(view.sentRequest?.url).toContain("/v2/eu/status");
    expect(JSON.stringify(view.sentRequest)).not.toContain(HEADER_SECRET);
  });

  it("is sent once, even when its job is delivered again", async () => {
    const { saved, api } = await profileWithApi();
    const { callId } = await sendAndRun(saved, { path: "/once" });
    expect(await runApiCall(runDeps(), { callId })).toBe("skipped");
    expect(api.calls).toHaveLength(1);
  });

  it(`keeps the newest ${KEPT_CALLS} requests of a profile`, async () => {
    const { saved } = await profileWithApi();
    const old = Date.now() - 3_600_000;
    await kit.db.apiCall.createMany({
      data: Array.from({ length: KEPT_CALLS + 5 }, (_, i) => ({
        teamId: saved.teamId,
        profileId: saved.profileId,
        method: "GET",
        path: `/old/${i}`,
        status: "answered" as const,
        queuedAt: new Date(old + i * 1000),
      })),
    });
    const { callId } = await sendAndRun(saved, { path: "/newest" });
    const left = await kit.db.apiCall.findMany({ where: { profileId: saved.profileId } });
    expect(left).toHaveLength(KEPT_CALLS);
    expect(left.map((c) => c.id)).toContain(callId);
    expect(left.map((c) => c.path)).not.toContain("/old/0");
    const listed = await listApiCalls(kit, saved.member, { ...saved, limit: 20 });
    expect(listed.calls[0]?.id).toBe(callId);
    expect(listed.calls).toHaveLength(20);
  });

  it("reports a request lost when its worker died, and does not send it again", async () => {
    const { saved } = await profileWithApi();
    const stale = await kit.db.apiCall.create({
      data: {
        teamId: saved.teamId,
        profileId: saved.profileId,
        method: "POST",
        path: "/charge",
        status: "running",
        queuedAt: new Date(Date.now() - LOST_AFTER_MS - 1_000),
      },
    });
    const fresh = await kit.db.apiCall.create({
      data: { teamId: saved.teamId, profileId: saved.profileId, method: "GET", path: "/" },
    });

    const lost = await failLostApiCalls({ db: kit.db, now: () => new Date() });

    expect(lost.map((c) => c.id)).toContain(stale.id);
    expect(lost.map((c) => c.id)).not.toContain(fresh.id);
    expect(await kit.db.apiCall.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({
      status: "failed",
      errorClass: "lost",
    });
    expect(await kit.db.apiCall.findUniqueOrThrow({ where: { id: fresh.id } })).toMatchObject({
      status: "queued",
    });
  });
});

describe("what the console refuses", () => {
  const refused = async (saved: SavedProfile, given: unknown) => {
    const before = await kit.db.apiCall.count();
    const error = await appErrorOf(
      sendApiCall(sendDeps(), saved.member, {
        appId: saved.appId,
        profileId: saved.profileId,
        request: given as ApiCallRequest,
      }),
    );
    expect(await kit.db.apiCall.count()).toBe(before);
    return error;
  };

  it("a path that would leave the API Base URL, at the Path field", async () => {
    const { saved } = await profileWithApi();
    for (const path of ["/../admin", "/%2e%2e/admin", "/a%2Fb", "//other.example/x", "/a\\b"]) {
      const error = await refused(saved, request({ path }));
      expect(error.code, path).toBe("INVALID");
      expect(Object.keys(error.details.fieldErrors ?? {}), path).toEqual(["path"]);
    }
  });

  it("a profile without an API Base URL", async () => {
    const saved = await saveProfile(kit, {
      name: "No API",
      identityProviderName: "IdP",
      tokenRequestUrl: "https://idp.example.com/token",
    });
    const error = await refused(saved, request({}));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/API Base URL/);
  });

  it("a viewer, and another team", async () => {
    const { saved } = await profileWithApi();
    const viewerRow = await kit.db.membership.findFirstOrThrow({
      where: { teamId: saved.teamId, role: "viewer" },
    });
    const viewer = await resolveMember(kit.db, viewerRow.userId, saved.teamId);
    expect(
      (
        await appErrorOf(
          sendApiCall(sendDeps(), viewer, { ...saved, request: request({ path: "/x" }) }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    // A viewer sees the history, though.
    expect((await listApiCalls(kit, viewer, { ...saved, limit: 5 })).hasApiBaseUrl).toBe(true);

    const other = await profileWithApi();
    const { callId } = await sendAndRun(saved, { path: "/mine" });
    const theirs = other.saved.member;
    expect(
      (
        await appErrorOf(
          sendApiCall(sendDeps(), theirs, { ...saved, request: request({ path: "/x" }) }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect((await appErrorOf(getApiCall(kit, theirs, { ...saved, callId }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await appErrorOf(listApiCalls(kit, theirs, { ...saved, limit: 5 }))).code).toBe(
      "NOT_FOUND",
    );
    // Their own profile's id with this call's id: still not theirs.
    expect(
      (
        await appErrorOf(
          getApiCall(kit, theirs, {
            appId: other.saved.appId,
            profileId: other.saved.profileId,
            callId,
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });

  it("field-level errors for a body the method cannot have, bad JSON and bad headers", () => {
    const issues = (given: unknown) => {
      const parsed = apiCallRequestSchema.safeParse(given);
      return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join("."));
    };
    expect(issues({ method: "GET", path: "/", bodyType: "json", body: "{}" })).toEqual([
      "bodyType",
    ]);
    expect(issues({ method: "POST", path: "/", bodyType: "json", body: "{nope" })).toEqual([
      "body",
    ]);
    expect(
      issues({ method: "GET", path: "/", headers: [{ name: "Bad Name", value: "x" }] }),
    ).toEqual(["headers.0.name"]);
    expect(
      issues({ method: "GET", path: "/", headers: [{ name: "X-A", value: "a\r\nHost: evil" }] }),
    ).toEqual(["headers.0.value"]);
    expect(issues({ method: "GET", path: "relative" })).toEqual(["path"]);
  });
});
