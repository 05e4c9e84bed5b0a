import type { SentRequest } from "../schemas/evidence.ts";
import { exchangeEvidence } from "../tokens/masking/answer-evidence.ts";
import type { Sensitive } from "../tokens/masking/mask-values.ts";
import { openAccessToken, usableTokenState } from "../tokens/service-token.ts";
import type { ApiRequest, CallerRequest } from "./build-api-request.ts";
import { callFailure } from "./call-failure.ts";
import { callWithToken } from "./call-with-token.ts";
import type { loadCallingProfile } from "./calling-profile.ts";
import { teamEgress } from "./egress-policy.ts";
import { DEFAULT_PROXY_LIMITS } from "./forward-api-call.ts";
import { type PayloadBodyKind, withPayloadFields } from "./payload-body.ts";
import type { ProxyDeps } from "./proxy-api-call.ts";
import { readUpTo } from "./read-body.ts";
import { sentRequestEvidence } from "./sent-request-evidence.ts";

/** An API answer larger than this is not kept at all; a smaller one is masked, then cut to 64 KiB. */
export const MAX_READ_BODY_BYTES = 1024 * 1024;

/** What the proxy is given, less the usage count (a call from the worker is no service's use). */
export type KeptCallDeps = Omit<ProxyDeps, "countUse">;

export type LoadedProfile = NonNullable<Awaited<ReturnType<typeof loadCallingProfile>>>;

/** A call the worker makes; its body (if any) gets the Payload fields when `bodyKind` says so. */
export type KeptCall = CallerRequest & {
  tenant: string;
  body: Uint8Array | null;
  bodyKind: PayloadBodyKind | null;
  signal?: AbortSignal | undefined;
};

/** What is kept of a call: every text masked of the token and the profile's secrets. */
export type KeptOutcome = { durationMs: number; sent: SentRequest | null } & (
  | {
      kind: "answered";
      httpStatus: number;
      headers: Record<string, string>;
      /** Null when the body was too large to check, or could not be masked (see `note`). */
      body: string | null;
      bytes: number | null;
      note: string | null;
      replayed: boolean;
    }
  | { kind: "failed"; errorClass: string; message: string }
);

/**
 * One API call from the worker (a console's, a health check's) with the profile's current token
 * and fields, exactly as the proxy would send it, replayed once with a new token on an auth error
 * status; kept for people to read: the request as sent and the answer, masked and capped.
 */
export async function keptApiCall(
  deps: KeptCallDeps,
  loaded: LoadedProfile,
  call: KeptCall,
): Promise<KeptOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const limits = { ...DEFAULT_PROXY_LIMITS, ...deps.limits };
  const egress = teamEgress(deps, loaded.team, {
    connectMs: limits.connectMs,
    headersMs: limits.headersMs,
    bodyMs: limits.idleBodyMs,
  });
  const key = { teamId: loaded.teamId, profileId: loaded.id, tenant: call.tenant };
  const secrets = loaded.secretValues.map((value) => ({ value, label: "secret" as const }));
  // Known before the call goes out, so even a call that fails on its way is shown masked.
  const tokens: string[] = [];
  // An API that echoes its request would show the DPoP proof, which proves the token's use.
  const proofs: string[] = [];
  let sent: { request: ApiRequest; body: Uint8Array | null } | null = null;
  const sensitive = (): Sensitive[] => [
    ...tokens.map((value) => ({ value, label: "access_token" as const })),
    ...proofs.map((value) => ({ value, label: "secret" as const })),
    ...secrets,
  ];
  const shownSent = () => sent && sentRequestEvidence(sent.request, sent.body, sensitive());
  try {
    const result = await callWithToken(
      {
        ...deps,
        ...egress,
        limits,
        tokenFor: async () => {
          const state = await usableTokenState(deps, key);
          tokens.push(openAccessToken(deps.sealer, state));
          return state;
        },
        onProof: (proof) => proofs.push(proof),
      },
      loaded.profile,
      call,
      (request) => {
        const body =
          call.body && call.bodyKind && request.payload.length > 0
            ? withPayloadFields(call.bodyKind, call.body, request.payload)
            : call.body;
        sent = { request, body };
        return body;
      },
      true,
    );
    const { answer } = result;
    // Read whole before masking: a secret cut in two at a limit would slip past the mask.
    const read = await readUpTo(answer.body, MAX_READ_BODY_BYTES);
    if (!read.complete) answer.discard();
    const evidence = exchangeEvidence(
      {
        status: answer.status,
        headers: Object.fromEntries(answer.headers),
        body: read.complete ? Buffer.from(read.bytes).toString("utf8") : "",
        durationMs: elapsed(),
      },
      sensitive(),
    );
    const notes = read.complete
      ? evidence.notes
      : [
          `The answer is larger than ${MAX_READ_BODY_BYTES / 1024 / 1024} MiB: its body is not kept.`,
        ];
    return {
      kind: "answered",
      httpStatus: answer.status,
      durationMs: elapsed(),
      headers: evidence.responseHeaders,
      body: read.complete ? evidence.responseBody : null,
      bytes: read.complete ? read.bytes.byteLength : null,
      note: notes.length > 0 ? notes.join(" ") : null,
      replayed: result.replayed,
      sent: shownSent(),
    };
  } catch (error) {
    const failure = callFailure(error);
    if (!failure) throw error;
    return { kind: "failed", ...failure, durationMs: elapsed(), sent: shownSent() };
  }
}
