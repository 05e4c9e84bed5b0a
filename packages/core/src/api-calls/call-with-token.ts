import type { Dispatcher } from "undici";
import type { Sealer } from "../crypto/sealer.ts";
import type { Db } from "../db/client.ts";
import type { FieldType, TokenPlacement, TokenState } from "../db/generated/client.ts";
import { askedNonce, type DpopKey, PROOF_SHOWN, proofClaims, signProof } from "../dpop/proof.ts";
import type { AddressPolicy } from "../http/address-policy.ts";
import { secretOriginRefusal } from "../shared/secret-urls.ts";
import { discardToken } from "../tokens/discard-token.ts";
import { openAccessToken } from "../tokens/service-token.ts";
import { buildApiRequest, type CallerRequest } from "./build-api-request.ts";
import { forwardApiCall, type ProxyLimits, type UpstreamAnswer } from "./forward-api-call.ts";

/** A profile as an API call made with its token needs it, its field values already opened. */
export type CallingProfile = {
  apiBaseUrl: string;
  tokenPlacement: TokenPlacement;
  tokenParameterName: string;
  tokenPrefix: string;
  authErrorStatusCodes: number[];
  secretOrigins: string[];
  fields: ReadonlyArray<{ type: FieldType; key: string; value: string }>;
  /** The profile's DPoP key, opened: every call then carries a proof of it (RFC 9449 §7). */
  dpop?: DpopKey | null | undefined;
};

export type CallWithTokenDeps = {
  db: Db;
  sealer: Sealer;
  now: () => Date;
  policy: AddressPolicy;
  /** The team's guarded dispatcher (teamEgress), whose every connection the policy allows. */
  dispatcher: Dispatcher;
  limits: ProxyLimits;
  /** A usable token state for the call (refreshed first when it is not). */
  tokenFor: () => Promise<TokenState>;
  /** Drops a token the API refused from any copy kept in the process (tokens/service-cache.ts). */
  forgetToken?: ((state: TokenState) => void) | undefined;
  /** Told each DPoP proof before it is sent, for what keeps an answer to mask it there too. */
  onProof?: ((proof: string) => void) | undefined;
};

/**
 * One API call with the profile's current token, as the proxy and the health checks make it:
 * built (token and fields placed), sent only to the origins the secrets were saved for, through
 * the egress guard. On one of the profile's auth error statuses the token is discarded, a new
 * one obtained and the call sent once more, when `body` can be sent twice. With DPoP, a server
 * asking for a nonce gets the call once more with it, with the same token, when `body` can be
 * sent twice; a streamed body (the proxy's large uploads) cannot, and the caller sees the 401.
 */
export async function callWithToken(
  deps: CallWithTokenDeps,
  profile: CallingProfile,
  call: CallerRequest & { tenant: string; signal?: AbortSignal | undefined },
  body: (request: ReturnType<typeof buildApiRequest>) => OutgoingBody,
  replayable: boolean,
): Promise<{ answer: UpstreamAnswer; replayed: boolean; token: string }> {
  const send = async (state: TokenState, nonce: string | null = null) => {
    const token = openAccessToken(deps.sealer, state);
    const request = buildApiRequest({
      profile,
      token: { value: token, type: state.tokenType },
      tenant: call.tenant,
      call,
    });
    const refusal = secretOriginRefusal(request.url.href, "apiBaseUrl", profile.secretOrigins);
    if (refusal) throw new OriginRefused(refusal);
    // A fresh proof for each send, for this method, URL and token; `body` (which keeps the
    // request for the console) sees PROOF_SHOWN in its place.
    const proof = profile.dpop
      ? await signProof(
          proofClaims({
            method: request.method,
            url: request.url.href,
            now: deps.now(),
            nonce,
            accessToken: token,
          }),
          profile.dpop,
        )
      : null;
    if (proof) deps.onProof?.(proof);
    // Only Authdeck's proof: a second DPoP header (the caller's, or a Header field's) would
    // have the call refused (RFC 9449 §4.3).
    const own = proof
      ? request.headers.filter(([name]) => name.toLowerCase() !== "dpop")
      : request.headers;
    const shown = proof ? { ...request, headers: [...own, PROOF_SHOWN] } : request;
    const headers = proof ? [...own, ["DPoP", proof] as [string, string]] : request.headers;
    const answer = await forwardApiCall(
      { method: request.method, url: request.url, headers, body: body(shown) },
      {
        policy: deps.policy,
        dispatcher: deps.dispatcher,
        limits: deps.limits,
        signal: call.signal,
      },
    );
    return { answer, token };
  };
  // A server asking for a nonce (RFC 9449 §9) gets the call once more with it, and the nonce
  // goes in every later proof of this call, the replay's included. What cannot be sent twice
  // (a streamed body) goes back to the caller with the server's 401 as it is.
  let serverNonce: string | null = null;
  const sendAnsweringNonce = async (state: TokenState) => {
    const sent = await send(state, serverNonce);
    const asked = profile.dpop ? nonceAsked(sent.answer) : null;
    if (!asked || asked === serverNonce) return { ...sent, unanswered: false };
    if (!replayable) return { ...sent, unanswered: true };
    serverNonce = asked;
    sent.answer.discard();
    return { ...(await send(state, serverNonce)), unanswered: false };
  };
  let state = await deps.tokenFor();
  const { unanswered, ...first } = await sendAnsweringNonce(state);
  // A nonce left unanswered says nothing of the token: it is kept.
  if (unanswered || !profile.authErrorStatusCodes.includes(first.answer.status))
    return { ...first, replayed: false };
  await discardToken(deps.db, state, deps.now());
  // After the discard is written: a read from now on sees the token expired, not kept.
  deps.forgetToken?.(state);
  if (!replayable) return { ...first, replayed: false };
  first.answer.discard();
  state = await deps.tokenFor();
  const { unanswered: _, ...replay } = await sendAnsweringNonce(state);
  return { ...replay, replayed: true };
}

const nonceAsked = (answer: UpstreamAnswer) =>
  askedNonce({ status: answer.status, headers: Object.fromEntries(answer.headers), body: "" });

export type OutgoingBody = Uint8Array | AsyncIterable<Uint8Array> | null;

/** The API Base URL points outside the origins the profile's secrets were saved for. */
export class OriginRefused extends Error {
  override name = "OriginRefused";
}
