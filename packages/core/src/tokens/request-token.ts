import type { Sealer } from "../crypto/sealer.ts";
import type { Prisma } from "../db/generated/client.ts";
import { askedNonce, type DpopKey, PROOF_SHOWN, proofClaims, signProof } from "../dpop/proof.ts";
import type { TlsOptions } from "../http/egress-guard.ts";
import {
  DEFAULT_SEND_LIMITS,
  type HttpExchange,
  type SendLimits,
  sendRequest,
  TransportFailure,
} from "../http/send-request.ts";
import { teamAddressPolicy } from "../http/team-rules.ts";
import type { WorkObserver } from "../metrics/observer.ts";
import { openDpopKey } from "../profiles/dpop-key.ts";
import { privateKeyContext, publicKeyId } from "../profiles/signing-key.ts";
import { scopesOf } from "../profiles/stored-scopes.ts";
import type { ResponseHeaders, SentRequest, TokenFacts } from "../schemas/evidence.ts";
import { replaceLoneSurrogates } from "../schemas/text-rules.ts";
import { secretOriginRefusal } from "../shared/secret-urls.ts";
import { type AttemptProgress, describeFailedAttempt } from "./attempt-progress.ts";
import {
  buildTokenRequest,
  fieldValueKey,
  type Grant,
  type RequestProfile,
  type RequestSecrets,
  secretsSent,
  type TokenRequest,
} from "./build-token-request.ts";
import { type AssertionKey, assertionClaims, signAssertion } from "./client-assertion.ts";
import { ClientTlsProblem, clientTlsOf } from "./client-tls.ts";
import { clockSkewWarning } from "./clock-skew.ts";
import { judgeResponse, parseAnswer } from "./judge-response.ts";
import { answerEvidence, maskText, sensitiveValues } from "./masking/answer-evidence.ts";
import { RequestBuildError } from "./request-build-error.ts";

export type RequesterDeps = {
  sealer: Sealer;
  now: () => Date;
  /** Hosts and CIDRs the whole deployment may reach although they are not public. */
  egressAllow: readonly string[];
  /** What a team's own egress rules may open; absent or empty, nothing (the rules are ignored). */
  egressTeamMayAllow?: readonly string[] | undefined;
  limits?: SendLimits | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  /** Wraps every wait on the provider (its answer, a pause before asking again). */
  awaitProvider?: (<T>(work: Promise<T>) => Promise<T>) | undefined;
  /** Told before each retry waits and as it starts, for someone watching the request. */
  onRetry?: ((progress: AttemptProgress) => Promise<void>) | undefined;
  /** Told of every token request's outcome (the worker's metrics). */
  metrics?: WorkObserver | undefined;
};

export const MAX_HTTP_ATTEMPTS = 3;
const MAX_RETRY_WAIT_MS = 10_000;

export type ProfileWithFields = Prisma.AuthorizationProfileGetPayload<{
  include: { fields: true; team: { select: { egressAllowlist: true } } };
}>;

export type Obtained = {
  accessToken: string;
  refreshToken: string | null;
  tokenType: string | null;
  expiresIn: number | null;
  jwtExp: number | null;
};

/**
 * What a run records of one token request: fits both a new run row and a queued one's update.
 * The JSON columns hold the shapes of schemas/evidence.ts, which the readers parse them with.
 */
export type RunResult = {
  status: "succeeded" | "failed";
  request?: SentRequest;
  httpAttempts?: number;
  responseStatus?: number;
  responseHeaders?: ResponseHeaders;
  responseBody?: string | null;
  responseNote?: string | null;
  tokenFacts?: TokenFacts;
  warnings?: string[];
  errorClass?: string;
  errorMessage?: string;
  /** The kid of the key that signed the client assertion (private_key_jwt). */
  signingKid?: string;
};

export type Outcome = { durationMs: number; token: Obtained | null; fields: RunResult };

/**
 * Sends a profile's token request (retrying 5xx, 429 and network errors up to MAX_HTTP_ATTEMPTS,
 * honouring Retry-After, within twice the deadline of one attempt) and judges the answer.
 * Secrets are opened here, at the moment of use; what it returns for storage is redacted.
 */
export async function requestToken(
  deps: RequesterDeps,
  profile: ProfileWithFields,
  tenant: string | null,
  grant?: Grant,
  /** The kid of the key to sign a client assertion with (a Test with the next key); else the current key. */
  signingKid?: string | null,
): Promise<Outcome> {
  const outcome = await askForToken(deps, profile, tenant, grant, signingKid);
  deps.metrics?.tokenRequest({
    // The URL as saved, not as sent: a tenant put into the host would make a label per tenant.
    url: grant?.type === "refresh_token" ? grant.url : profile.tokenRequestUrl,
    outcome:
      outcome.fields.status === "succeeded" ? "succeeded" : String(outcome.fields.errorClass),
    durationMs: outcome.durationMs,
  });
  return outcome;
}

async function askForToken(
  deps: RequesterDeps,
  profile: ProfileWithFields,
  tenant: string | null,
  grant: Grant | undefined,
  signingKid: string | null | undefined,
): Promise<Outcome> {
  const started = performance.now();
  const durationMs = () => Math.round(performance.now() - started);
  // Which key signed the assertion, recorded with every verdict once the key is known.
  let signedBy: { signingKid?: string } = {};
  const failure = (
    errorClass: string,
    errorMessage: string,
    evidence: Omit<RunResult, "status"> = {},
  ): Outcome =>
    storable({
      durationMs: durationMs(),
      token: null,
      fields: { ...signedBy, ...evidence, status: "failed", errorClass, errorMessage },
    });
  const requestProfile = requestProfileOf(profile);
  let secrets: RequestSecrets;
  let signingKey: AssertionKey | null;
  let dpopKey: DpopKey | null;
  let tls: TlsOptions;
  try {
    secrets = openSecrets(deps.sealer, profile);
    dpopKey = openDpopKey(deps.sealer, profile);
    signingKey = assertionKeyOf(deps.sealer, profile, secrets.clientSecret, signingKid);
    tls = clientTlsOf(deps.sealer, profile, deps.now());
    if (signingKey?.method === "private_key_jwt") signedBy = { signingKid: signingKey.kid };
  } catch (error) {
    const errorClass = error instanceof ClientTlsProblem ? error.errorClass : "secret_unavailable";
    return failure(errorClass, (error as Error).message);
  }
  const options = { profile: requestProfile, secrets, tenant: tenant ?? undefined, grant };
  const opened = secretsSent(options);
  const hideOpened = (text: string) =>
    maskText(text, sensitiveValues(opened, null)) ?? "The request did not complete";
  let request: SentRequest;
  let toSend: TokenRequest;
  try {
    request = buildTokenRequest({ ...options, redact: true });
    if (dpopKey) request = { ...request, headers: [...request.headers, PROOF_SHOWN] };
    toSend = buildTokenRequest(options);
  } catch (error) {
    if (!(error instanceof RequestBuildError)) throw error;
    return failure(error.errorClass, hideOpened(error.message));
  }
  // Signed for the URL the request goes to (tenant and path params filled in), once per
  // request: retries resend the same assertion, within its lifetime. A DPoP nonce resend signs a
  // new one: the provider authenticated the client, and so spent the assertion's jti, before it
  // asked for the nonce.
  const signNewAssertion = async (key: AssertionKey) => {
    const claims = assertionClaims(profile, toSend.url, deps.now());
    secrets.clientAssertion = await signAssertion(claims, key);
    toSend = buildTokenRequest(options);
    return secrets.clientAssertion;
  };
  if (signingKey) {
    try {
      await signNewAssertion(signingKey);
    } catch {
      return failure(
        "secret_unavailable",
        "The client assertion could not be signed with the profile's key",
        { request },
      );
    }
  }
  // A provider may repeat what it was sent (a debugging endpoint, an error quoting the body):
  // nothing it says is stored or shown with the profile's secrets in it.
  const sent = secretsSent(options);
  const hide = (text: string) =>
    maskText(text, sensitiveValues(sent, null)) ?? "The request did not complete";
  const refusal = secretOriginRefusal(
    toSend.url,
    grant?.type === "refresh_token" ? "refreshTokenUrl" : "tokenRequestUrl",
    profile.secretOrigins,
  );
  if (refusal) return failure("secret_origin_mismatch", refusal, { request });
  const policy = teamAddressPolicy(
    { allow: deps.egressAllow, teamMayAllow: deps.egressTeamMayAllow ?? [] },
    profile.team.egressAllowlist,
  );
  const requestedScope =
    requestProfile.scopes
      .filter((s) => s.key === "scope")
      .map((s) => s.value)
      .filter(Boolean)
      .join(" ") || null;
  const awaitProvider = deps.awaitProvider ?? (<T>(work: Promise<T>) => work);
  const pause = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const sleep = (ms: number) => awaitProvider(pause(ms));
  const limits = deps.limits ?? DEFAULT_SEND_LIMITS;
  // All attempts and the waits between them end within twice one attempt's deadline, so a job
  // holds its worker slot for a bounded time whatever the provider does.
  const budgetMs = 2 * limits.totalMs;
  const left = () => budgetMs - (performance.now() - started);
  const worthRetrying = (waitMs: number) => left() - waitMs >= limits.totalMs / 4;
  const retry = async (attempt: number, previousError: string, waitMs: number) => {
    await deps.onRetry?.({
      attempt: attempt + 1,
      previousError,
      retryAt: new Date(deps.now().getTime() + waitMs),
    });
    await sleep(waitMs);
    await deps.onRetry?.({ attempt: attempt + 1, previousError, retryAt: null });
  };

  // RFC 9449 §8: the nonce the provider asked for, sent in every later proof.
  let dpopNonce: string | null = null;
  const nonceNote: string[] = [];
  const withProof = async (): Promise<TokenRequest> => {
    if (!dpopKey) return toSend;
    // A new proof for every send: a provider refuses a proof's jti the second time.
    const claims = proofClaims({
      method: toSend.method,
      url: toSend.url,
      now: deps.now(),
      nonce: dpopNonce,
    });
    const proof = await signProof(claims, dpopKey);
    sent.push(proof);
    return { ...toSend, headers: [...toSend.headers, ["DPoP", proof]] };
  };

  for (let httpAttempts = 1; ; httpAttempts++) {
    const last = httpAttempts >= MAX_HTTP_ATTEMPTS;
    let exchange: HttpExchange;
    try {
      exchange = await awaitProvider(
        sendRequest(await withProof(), {
          policy,
          tls,
          limits: { ...limits, totalMs: Math.round(Math.min(limits.totalMs, left())) },
        }),
      );
    } catch (error) {
      if (!(error instanceof TransportFailure)) throw error;
      const wait = backoff(httpAttempts, null);
      if (
        RETRYABLE_FAILURES.has(error.kind) &&
        !error.answerTooSlow &&
        !last &&
        worthRetrying(wait)
      ) {
        await retry(httpAttempts, describeFailedAttempt({ transport: error }), wait);
        continue;
      }
      return failure(error.kind, hide(error.message), {
        request,
        httpAttempts,
        warnings: nonceNote,
      });
    }
    // Answered only while the budget leaves time for one more send; else the 400 is the verdict.
    const nonce: string | null =
      dpopKey && dpopNonce === null && worthRetrying(0) ? askedNonce(exchange) : null;
    if (nonce) {
      // Asked once and answered at once: the same attempt for the user, noted in the run.
      dpopNonce = nonce;
      if (signingKey) sent.push(await signNewAssertion(signingKey));
      nonceNote.push(
        `The provider asked for a DPoP nonce (${exchange.status} use_dpop_nonce); the request was sent again with it`,
      );
      httpAttempts--;
      continue;
    }
    const judgement = judgeResponse(
      exchange,
      requestedScope,
      deps.now(),
      dpopKey ? "DPoP" : "Bearer",
    );
    const skew = clockSkewWarning(exchange.headers, deps.now(), {
      assertionLifetimeSeconds: signingKey ? profile.assertionLifetimeSeconds : null,
      dpop: dpopKey !== null,
    });
    const skewNote = skew ? [skew] : [];
    const wait = judgement.ok ? 0 : backoff(httpAttempts, judgement.retryAfterMs);
    if (!judgement.ok && judgement.retryable && !last && worthRetrying(wait)) {
      await retry(httpAttempts, describeFailedAttempt({ httpStatus: exchange.status }), wait);
      continue;
    }
    const sensitive = sensitiveValues(sent, parseAnswer(exchange));
    if (!judgement.ok) {
      const { errorMessage, ...answer } = answerEvidence(exchange, judgement, sensitive);
      return failure(judgement.errorClass, errorMessage, {
        request,
        httpAttempts,
        ...answer,
        warnings: [...nonceNote, ...skewNote],
      });
    }
    const { tokenFacts, warnings, ...answer } = answerEvidence(exchange, judgement, sensitive);
    const exp = judgement.facts.jwt?.claims.exp;
    return storable({
      durationMs: durationMs(),
      token: {
        accessToken: judgement.accessToken,
        refreshToken: judgement.refreshToken,
        tokenType: judgement.facts.tokenType,
        expiresIn: judgement.facts.expiresIn,
        jwtExp: typeof exp === "number" ? exp : null,
      },
      fields: {
        ...signedBy,
        request,
        httpAttempts,
        ...answer,
        status: "succeeded",
        tokenFacts,
        warnings: [...nonceNote, ...warnings, ...skewNote, ...authMethodWarnings(profile)],
      },
    });
  }
}

/**
 * What a provider sent may hold lone surrogates (JSON can spell them: a token_type, a JWT claim,
 * warnings quoting them), which Prisma refuses to write: in the verdict they become U+FFFD. The
 * body, decoded from bytes, cannot hold one, and is the one field worth not copying.
 */
function storable(outcome: Outcome): Outcome {
  const { responseBody, ...rest } = outcome.fields;
  return {
    ...outcome,
    fields: {
      ...replaceLoneSurrogates(rest),
      ...(responseBody === undefined ? {} : { responseBody }),
    },
  };
}

/**
 * A warning when the provider's metadata lists its client authentication methods and the
 * profile's is not among them: the token came anyway, but the provider may stop accepting it.
 */
export function authMethodWarnings(profile: {
  clientAuthMethod: string;
  providerAuthMethods: readonly string[];
}): string[] {
  const listed = profile.providerAuthMethods;
  if (listed.length === 0 || listed.includes(profile.clientAuthMethod)) return [];
  return [
    `The provider's metadata does not list ${profile.clientAuthMethod} among its client authentication methods (${listed.join(", ")})`,
  ];
}

const RETRYABLE_FAILURES = new Set(["timeout", "connection_refused", "network_error", "dns_error"]);

// Exponential from 500 ms, or the provider's Retry-After, never more than 10 s.
const backoff = (attemptNo: number, retryAfterMs: number | null) =>
  Math.min(MAX_RETRY_WAIT_MS, retryAfterMs ?? 500 * 2 ** (attemptNo - 1));

/** The profile's secrets, opened at the moment of use. */
/** What a request to the provider's endpoints needs of a stored profile. */
export const requestProfileOf = (profile: ProfileWithFields): RequestProfile => ({
  tokenRequestUrl: profile.tokenRequestUrl,
  clientId: profile.clientId,
  clientAuthMethod: profile.clientAuthMethod,
  scopes: scopesOf(profile.scopes),
  fields: profile.fields,
});

export function openSecrets(sealer: Sealer, profile: ProfileWithFields): RequestSecrets {
  const clientSecret = profile.clientSecretSealed
    ? sealer.open(profile.clientSecretSealed, {
        table: "authorization_profile",
        rowId: profile.id,
        column: "client_secret_sealed",
      })
    : null;
  const fieldValues = new Map(
    profile.fields.map((f) => [
      fieldValueKey(f.type, f.key),
      f.secret
        ? f.valueSealed
          ? sealer.open(f.valueSealed, {
              table: "authorization_field",
              rowId: f.id,
              column: "value_sealed",
            })
          : ""
        : (f.value ?? ""),
    ]),
  );
  return { clientSecret, fieldValues };
}

/** The key that signs this profile's client assertion, opened here; null for other methods. */
export function assertionKeyOf(
  sealer: Sealer,
  profile: ProfileWithFields,
  clientSecret: string | null,
  signingKid?: string | null,
): AssertionKey | null {
  if (profile.clientAuthMethod === "client_secret_jwt") {
    if (!clientSecret)
      throw new Error("client_secret_jwt signs with the Client Secret Key: enter it");
    return { method: "client_secret_jwt", clientSecret };
  }
  if (profile.clientAuthMethod !== "private_key_jwt") return null;
  const kid = publicKeyId(profile.publicJwk);
  if (!profile.privateKeySealed || !kid)
    throw new Error("This profile has no private key: save it to generate one, or upload one");
  // A Test with the next key names it; once switched (it is current now) the current key is it.
  const nextKid = publicKeyId(profile.nextPublicJwk);
  const role =
    !signingKid || signingKid === kid ? "current" : signingKid === nextKid ? "next" : null;
  const sealed = role === "next" ? profile.nextPrivateKeySealed : profile.privateKeySealed;
  if (!role || !sealed)
    throw new Error(
      `The key ${signingKid} this Test was to sign with is no longer the profile's current or next key`,
    );
  const privateJwk = JSON.parse(sealer.open(sealed, privateKeyContext(profile.id, role)));
  return {
    method: "private_key_jwt",
    privateJwk,
    alg: profile.signingAlgorithm,
    kid: role === "next" ? (nextKid as string) : kid,
  };
}
