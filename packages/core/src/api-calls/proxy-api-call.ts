import { type ApiKeyUse, countApiKeyUse } from "../api-keys/api-key-usage.ts";
import type { ApiCaller } from "../api-keys/authenticate-api-key.ts";
import type { Sealer } from "../crypto/sealer.ts";
import type { Db } from "../db/client.ts";
import type { TokenState } from "../db/generated/client.ts";
import { AppError, conflict, invalid } from "../errors/app-error.ts";
import { openDpopKey } from "../profiles/dpop-key.ts";
import { RequestBuildError } from "../tokens/request-build-error.ts";
import type { ServiceCache } from "../tokens/service-cache.ts";
import {
  callerTenant,
  fieldValueOf,
  keptCallerProfile,
  keptUsableTokenState,
} from "../tokens/service-token.ts";
import { ApiCallError } from "./api-call-error.ts";
import { TENANT_QUERY } from "./build-api-request.ts";
import { callWithToken, OriginRefused } from "./call-with-token.ts";
import { confinePath, PathRefused } from "./confine-path.ts";
import { teamEgress } from "./egress-policy.ts";
import { DEFAULT_PROXY_LIMITS, type ProxyLimits } from "./forward-api-call.ts";
import { returnedResponseHeaders } from "./forwarded-headers.ts";
import { PayloadBodyError, payloadBodyKind, withPayloadFields } from "./payload-body.ts";
import { type ReadBody, readUpTo } from "./read-body.ts";

export type ProxyDeps = {
  db: Db;
  sealer: Sealer;
  now: () => Date;
  /** Hosts and CIDRs every team's outgoing requests may reach although they are not public. */
  egressAllow: readonly string[];
  /** What a team's own egress rules may open; empty, nothing. */
  egressTeamMayAllow: readonly string[];
  /** The refresh every concurrent caller of a stale token shares (the token API's). */
  refresh: (state: TokenState) => Promise<void>;
  limits?: Partial<ProxyLimits> | undefined;
  /** Counts a call in the key's usage; without it, each call writes its count at once. */
  countUse?: ((use: ApiKeyUse) => void) | undefined;
  /** The process's short-lived copies of the key, profile and token reads; without it, none. */
  cache?: ServiceCache | undefined;
};

/** A service's request to the proxy, as it arrived. */
export type ProxyCall = {
  method: string;
  /** What follows `/proxy` in the request's path, as sent: "" or "/...". */
  path: string;
  /** The raw query string, "" or "?...". */
  search: string;
  /** Lower- or mixed-case names; read more than once, so a list rather than an iterator. */
  headers: ReadonlyArray<[string, string]>;
  body: ReadableStream<Uint8Array> | null;
  /** Aborted when the caller goes away: the API call is aborted with it. */
  signal?: AbortSignal | undefined;
};

export type ProxyAnswer = {
  status: number;
  headers: Array<[string, string]>;
  body: ReadableStream<Uint8Array> | null;
  /** Whether the call was sent again with a new token after an auth error status. */
  replayed: boolean;
};

export const TENANT_HEADER = "authdeck-tenant";

const NO_API_BASE_URL =
  "This profile has no API Base URL: set one in its settings for API calls to call its API through Authdeck";

/**
 * Calls a profile's API for a service holding an API key: the caller's request, confined to
 * the API Base URL, with the current token and the authorization fields placed as the profile
 * says, through the egress guard. When the API answers with one of the profile's auth error
 * statuses, the token is discarded, a new one fetched (one refresh shared by every caller)
 * and the call replayed once, if its body was small enough to keep; otherwise the API's answer
 * goes back as it is.
 */
export async function proxyApiCall(
  deps: ProxyDeps,
  caller: ApiCaller,
  target: { appId: string; profileId: string },
  call: ProxyCall,
): Promise<ProxyAnswer> {
  const limits = { ...DEFAULT_PROXY_LIMITS, ...deps.limits };
  let path: string;
  try {
    path = confinePath(call.path);
  } catch (error) {
    if (error instanceof PathRefused) throw invalid({ path: error.message });
    throw error;
  }
  const profile = await keptCallerProfile(deps, caller, target);
  if (!profile.apiBaseUrl) throw conflict(NO_API_BASE_URL, { apiBaseUrl: NO_API_BASE_URL });
  const apiBaseUrl = profile.apiBaseUrl;
  const tenant = await callerTenant(
    deps,
    profile,
    tenantOf(call),
    "This profile needs ?tenant= or an Authdeck-Tenant header",
  );
  const key = { teamId: profile.teamId, profileId: profile.id, tenant };
  const fields = profile.fields.map((f) => ({
    type: f.type,
    key: f.key,
    value: fieldValueOf(deps.sealer, f),
  }));
  const body = await bodyToSend(call, fields, limits);
  const { policy, dispatcher } = teamEgress(
    deps,
    { id: profile.teamId, egressAllowlist: profile.team.egressAllowlist },
    { connectMs: limits.connectMs, headersMs: limits.headersMs, bodyMs: limits.idleBodyMs },
  );

  // A call is one use of the key, counted once it has its token (not again for a replay).
  let counted = false;
  const tokenForCall = async () => {
    const state = await tokenFor(deps, key);
    if (!counted) {
      counted = true;
      const use = { apiKeyId: caller.apiKeyId, profileId: profile.id, at: deps.now() };
      if (deps.countUse) deps.countUse(use);
      else await countApiKeyUse(deps.db, use);
    }
    return state;
  };
  let sent: Awaited<ReturnType<typeof callWithToken>>;
  try {
    sent = await callWithToken(
      {
        ...deps,
        policy,
        dispatcher,
        limits,
        tokenFor: tokenForCall,
        forgetToken: (state) => deps.cache?.forgetToken(key, state),
      },
      { ...profile, apiBaseUrl, fields, dpop: openDpopKey(deps.sealer, profile) },
      { ...call, path, tenant },
      (request) =>
        !body.complete
          ? body.stream
          : call.body === null
            ? null
            : takesPayload(call, fields)
              ? withPayload(call, body.bytes, request.payload)
              : body.bytes,
      body.complete,
    );
  } catch (error) {
    if (error instanceof PathRefused) throw invalid({ path: error.message });
    if (error instanceof RequestBuildError || error instanceof OriginRefused)
      throw conflict(error.message);
    throw error;
  }
  const { answer, replayed } = sent;
  return {
    status: answer.status,
    headers: returnedResponseHeaders(answer.headers),
    body: answer.body,
    replayed,
  };
}

/** The tenant a call names: `?tenant=` or the Authdeck-Tenant header. */
function tenantOf(call: ProxyCall): string | null {
  const fromQuery = new URLSearchParams(call.search).get(TENANT_QUERY);
  if (fromQuery) return fromQuery;
  for (const [name, value] of call.headers) if (name.toLowerCase() === TENANT_HEADER) return value;
  return null;
}

const contentTypeOf = (call: ProxyCall) => {
  for (const [name, value] of call.headers) if (name.toLowerCase() === "content-type") return value;
  return null;
};

const payloadKind = (call: ProxyCall) => payloadBodyKind(contentTypeOf(call));

/** Whether Payload fields go into this call's body: one it has, JSON or a form. */
const takesPayload = (call: ProxyCall, fields: ReadonlyArray<{ type: string }>) =>
  call.body !== null && payloadKind(call) !== null && fields.some((f) => f.type === "payload");

function withPayload(call: ProxyCall, bytes: Uint8Array, payload: Array<[string, string]>) {
  const kind = payloadKind(call);
  if (!kind) return bytes;
  try {
    return withPayloadFields(kind, bytes, payload);
  } catch (error) {
    if (error instanceof PayloadBodyError) throw invalid({ body: error.message });
    throw error;
  }
}

/**
 * The caller's body: kept whole when it is small enough to replay, or when Payload fields go
 * into it (a JSON or form body, read up to its own limit); otherwise streamed on as it comes.
 */
async function bodyToSend(
  call: ProxyCall,
  fields: ReadonlyArray<{ type: string }>,
  limits: ProxyLimits,
): Promise<ReadBody> {
  if (!takesPayload(call, fields)) return readUpTo(call.body, limits.replayBufferBytes);
  const read = await readUpTo(call.body, limits.maxPayloadBodyBytes);
  if (!read.complete)
    throw new ApiCallError(
      "authdeck",
      413,
      "payload_too_large",
      `A body that takes the profile's Payload fields may be at most ${Math.round(limits.maxPayloadBodyBytes / 1024)} KiB`,
    );
  return read;
}

/** A usable token for the call; none in time is the token provider's failure. */
async function tokenFor(deps: ProxyDeps, key: Parameters<typeof keptUsableTokenState>[1]) {
  try {
    return await keptUsableTokenState(deps, key);
  } catch (error) {
    if (error instanceof AppError && error.code === "UNAVAILABLE")
      throw new ApiCallError(
        "token-provider",
        503,
        "token_unavailable",
        error.message,
        error.details.retryAfterSeconds,
      );
    throw error;
  }
}
