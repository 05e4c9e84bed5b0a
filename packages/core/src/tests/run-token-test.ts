import type { Sealer } from "../crypto/sealer.ts";
import type { Db } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import { createAddressPolicy } from "../http/address-policy.ts";
import {
  DEFAULT_SEND_LIMITS,
  type HttpExchange,
  type SendLimits,
  sendRequest,
  TransportFailure,
} from "../http/send-request.ts";
import { scopesOf } from "../profiles/stored-scopes.ts";
import {
  buildTokenRequest,
  fieldValueKey,
  type RequestProfile,
  type RequestSecrets,
} from "../tokens/build-token-request.ts";
import { judgeResponse, parseAnswer, redactTokens } from "../tokens/judge-response.ts";
import { storeToken } from "../tokens/store-token.ts";

export type RunnerDeps = {
  db: Db;
  sealer: Sealer;
  now: () => Date;
  /** Hosts and CIDRs the whole deployment may reach although they are not public. */
  egressAllow: readonly string[];
  limits?: SendLimits;
  publish: (event: { runId: string; status: string }) => Promise<void>;
  sleep?: (ms: number) => Promise<void>;
};

export const MAX_ATTEMPTS = 3;
const MAX_RETRY_WAIT_MS = 10_000;

/**
 * Runs one queued test: reads the profile, opens its secrets, sends the token request through
 * the egress guard (retrying 5xx, 429 and network errors), judges the answer, stores the token,
 * writes the run once and announces it. Every failure becomes a verdict; nothing is thrown for
 * a misbehaving provider.
 */
export async function runTokenTest(
  deps: RunnerDeps,
  runId: string,
): Promise<{ status: string } | null> {
  const claimed = await deps.db.testRun.updateMany({
    where: { id: runId, status: { in: ["queued", "running"] } },
    data: { status: "running", startedAt: deps.now(), attempts: { increment: 1 } },
  });
  // Already final (a duplicate delivery after a crash): its result stands.
  if (claimed.count === 0) return null;
  await deps.publish({ runId, status: "running" });

  const run = await deps.db.testRun.findUniqueOrThrow({
    where: { id: runId },
    include: {
      profile: {
        include: {
          fields: { orderBy: { position: "asc" } },
          team: { select: { egressAllowlist: true } },
        },
      },
    },
  });
  const { profile } = run;
  const outcome = await attempt(deps, profile, run.tenant);
  const finished = deps.now();
  const written = await deps.db.testRun.updateMany({
    where: { id: run.id, status: "running" },
    data: {
      ...outcome.fields,
      finishedAt: finished,
      durationMs: outcome.durationMs,
    },
  });
  if (written.count === 0) return null;
  if (outcome.token) {
    await storeToken(deps, {
      teamId: run.teamId,
      profileId: profile.id,
      tenant: run.tenant ?? "",
      accessToken: outcome.token.accessToken,
      refreshToken: outcome.token.refreshToken,
      tokenType: outcome.token.tokenType,
      expiresIn: outcome.token.expiresIn,
      defaultLifetimeSeconds: profile.defaultLifetimeSeconds,
      jwtExp: outcome.token.jwtExp,
      obtainedAt: finished,
    });
  }
  const status = String(outcome.fields.status);
  await deps.publish({ runId: run.id, status });
  return { status };
}

type ProfileWithFields = Prisma.AuthorizationProfileGetPayload<{
  include: { fields: true; team: { select: { egressAllowlist: true } } };
}>;

type Obtained = {
  accessToken: string;
  refreshToken: string | null;
  tokenType: string | null;
  expiresIn: number | null;
  jwtExp: number | null;
};

type Outcome = {
  durationMs: number;
  token: Obtained | null;
  fields: Prisma.TestRunUpdateManyMutationInput;
};

async function attempt(
  deps: RunnerDeps,
  profile: ProfileWithFields,
  tenant: string | null,
): Promise<Outcome> {
  const started = performance.now();
  const durationMs = () => Math.round(performance.now() - started);
  const failure = (
    errorClass: string,
    errorMessage: string,
    evidence: Prisma.TestRunUpdateManyMutationInput = {},
  ): Outcome => ({
    durationMs: durationMs(),
    token: null,
    fields: { ...evidence, status: "failed", errorClass, errorMessage },
  });
  const requestProfile: RequestProfile = {
    tokenRequestUrl: profile.tokenRequestUrl,
    clientId: profile.clientId,
    clientAuthMethod: profile.clientAuthMethod,
    scopes: scopesOf(profile.scopes),
    fields: profile.fields,
  };
  let secrets: RequestSecrets;
  try {
    secrets = openSecrets(deps.sealer, profile);
  } catch (error) {
    return failure("secret_unavailable", (error as Error).message);
  }
  const options = { profile: requestProfile, secrets, tenant: tenant ?? undefined };
  const request = buildTokenRequest({
    ...options,
    redact: true,
  }) as unknown as Prisma.InputJsonValue;
  const policy = createAddressPolicy([...deps.egressAllow, ...profile.team.egressAllowlist]);
  const requestedScope =
    requestProfile.scopes
      .filter((s) => s.key === "scope")
      .map((s) => s.value)
      .filter(Boolean)
      .join(" ") || null;
  const sleep = deps.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));

  for (let attempts = 1; ; attempts++) {
    const last = attempts >= MAX_ATTEMPTS;
    let exchange: HttpExchange;
    try {
      exchange = await sendRequest(buildTokenRequest(options), {
        policy,
        limits: deps.limits ?? DEFAULT_SEND_LIMITS,
      });
    } catch (error) {
      if (!(error instanceof TransportFailure)) throw error;
      if (RETRYABLE_FAILURES.has(error.kind) && !last) {
        await sleep(backoff(attempts, null));
        continue;
      }
      return failure(error.kind, error.message, { request, attempts });
    }
    const judgement = judgeResponse(exchange, requestedScope, deps.now());
    if (!judgement.ok && judgement.retryable && !last) {
      await sleep(backoff(attempts, judgement.retryAfterMs));
      continue;
    }
    const evidence = {
      request,
      attempts,
      responseStatus: exchange.status,
      responseHeaders: exchange.headers as Prisma.InputJsonValue,
      responseBody: redactTokens(exchange.body, parseAnswer(exchange)),
    };
    if (!judgement.ok) return failure(judgement.errorClass, judgement.message, evidence);
    const exp = judgement.facts.jwt?.claims.exp;
    return {
      durationMs: durationMs(),
      token: {
        accessToken: judgement.accessToken,
        refreshToken: judgement.refreshToken,
        tokenType: judgement.facts.tokenType,
        expiresIn: judgement.facts.expiresIn,
        jwtExp: typeof exp === "number" ? exp : null,
      },
      fields: {
        ...evidence,
        status: "succeeded",
        tokenFacts: judgement.facts as unknown as Prisma.InputJsonValue,
        warnings: judgement.warnings,
      },
    };
  }
}

const RETRYABLE_FAILURES = new Set(["timeout", "connection_refused", "network_error", "dns_error"]);

// Exponential from 500 ms, or the provider's Retry-After, never more than 10 s.
const backoff = (attemptNo: number, retryAfterMs: number | null) =>
  Math.min(MAX_RETRY_WAIT_MS, retryAfterMs ?? 500 * 2 ** (attemptNo - 1));

function openSecrets(sealer: Sealer, profile: ProfileWithFields): RequestSecrets {
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

/** The verdict of a run the worker could not carry out, written only if none was. */
export async function markRunFailed(deps: { db: Db; now: () => Date }, runId: string, message: string) {
  await deps.db.testRun.updateMany({
    where: { id: runId, status: { in: ["queued", "running"] } },
    data: { status: "failed", errorClass: "internal_error", errorMessage: message, finishedAt: deps.now() },
  });
}
