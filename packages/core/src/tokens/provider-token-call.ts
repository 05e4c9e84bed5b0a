import type { Sealer } from "../crypto/sealer.ts";
import type { Db } from "../db/client.ts";
import { conflict, notFound } from "../errors/app-error.ts";
import type { TlsOptions } from "../http/egress-guard.ts";
import { type SendLimits, sendRequest, TransportFailure } from "../http/send-request.ts";
import { teamAddressPolicy } from "../http/team-rules.ts";
import { secretOriginRefusal } from "../shared/secret-urls.ts";
import { assertCan, isUuid, type Member } from "../teams/member.ts";
import { authenticateClient, buildTokenRequest, secretsSent } from "./build-token-request.ts";
import { assertionClaims, signAssertion } from "./client-assertion.ts";
import { clientTlsOf } from "./client-tls.ts";
import { maskText, NOT_SHOWN, sensitiveValues } from "./masking/answer-evidence.ts";
import { maskValues } from "./masking/mask-values.ts";
import { assertionKeyOf, openSecrets, requestProfileOf } from "./request-token.ts";
import { openAccessToken } from "./service-token.ts";
import { tenantFor } from "./tenant.ts";

export type TokenCallDeps = {
  db: Db;
  sealer: Sealer;
  now: () => Date;
  egressAllow: readonly string[];
  egressTeamMayAllow: readonly string[];
  sendLimits?: SendLimits | undefined;
};

/** RFC 7009 revocation or RFC 7662 introspection: both POST the token, authenticated. */
export type TokenCallKind = "revocation" | "introspection";

const ENDPOINT = {
  revocation: { field: "revocationEndpoint", label: "revocation endpoint" },
  introspection: { field: "introspectionEndpoint", label: "introspection endpoint" },
} as const;

/** How much of a failed answer's body is shown. */
const BODY_SHOWN = 4_000;

export type ProviderFailure = {
  ok: false;
  problem: string;
  status: number | null;
  headers: Record<string, string>;
  body: string | null;
};

export type TokenCallResult =
  | {
      ok: true;
      status: number;
      /** The answer's body with every secret sent (and any token it holds) masked. */
      body: string;
      state: { id: string; accessTokenSealed: string | null };
      profileId: string;
      tenant: string | null;
    }
  | (ProviderFailure & { profileId: string; tenant: string | null });

/**
 * Sends a stored token of a profile to the provider's revocation or introspection endpoint,
 * with the client authenticated as its token requests are, through the team's egress guard.
 * A 200 is `ok`; anything else comes back with its status, headers and body, masked.
 */
export async function callTokenEndpoint(
  deps: TokenCallDeps,
  member: Member,
  input: { appId: string; profileId: string; tenant?: string | undefined },
  kind: TokenCallKind,
): Promise<TokenCallResult> {
  assertCan(member, "profile.test");
  const profile =
    isUuid(input.profileId) && isUuid(input.appId)
      ? await deps.db.authorizationProfile.findFirst({
          where: { id: input.profileId, appId: input.appId, teamId: member.teamId },
          include: {
            fields: { orderBy: { position: "asc" } },
            team: { select: { egressAllowlist: true } },
          },
        })
      : null;
  if (!profile) throw notFound("Authorization profile");
  const { field, label } = ENDPOINT[kind];
  const endpoint = profile[field];
  if (!endpoint) {
    throw conflict(
      `This profile has no ${label}: fetch the provider's metadata in the profile's dialog and save it`,
    );
  }
  const tenant = tenantFor(profile, input.tenant, "Choose the tenant whose token to use");
  const state = await deps.db.tokenState.findUnique({
    where: { profileId_tenant: { profileId: profile.id, tenant: tenant ?? "" } },
  });
  if (!state?.accessTokenSealed) throw conflict("No token is stored for this profile");
  const done = { profileId: profile.id, tenant };
  const failed = (
    problem: string,
    answer?: { status: number; headers: Record<string, string>; body: string | null },
  ) => ({
    ok: false as const,
    problem,
    status: answer?.status ?? null,
    headers: answer?.headers ?? {},
    body: answer?.body ?? null,
    ...done,
  });

  const refusal = secretOriginRefusal(endpoint, field, profile.secretOrigins);
  if (refusal) return failed(refusal);
  let accessToken: string;
  let secrets: ReturnType<typeof openSecrets>;
  let key: ReturnType<typeof assertionKeyOf>;
  let tls: TlsOptions;
  try {
    accessToken = openAccessToken(deps.sealer, state);
    secrets = openSecrets(deps.sealer, profile);
    key = assertionKeyOf(deps.sealer, profile, secrets.clientSecret);
    // The mTLS methods prove the client with its certificate here too; a CA bundle is the
    // provider's, so it covers these endpoints as it covers the token URL.
    tls = clientTlsOf(deps.sealer, profile, deps.now());
  } catch (error) {
    return failed((error as Error).message);
  }
  const requestProfile = requestProfileOf(profile);
  if (key) {
    // The assertion names the token endpoint (or the issuer) as for a token request: providers
    // accept those audiences at every endpoint that authenticates the client.
    try {
      const tokenUrl = buildTokenRequest({
        profile: requestProfile,
        secrets,
        tenant: tenant ?? undefined,
      }).url;
      secrets.clientAssertion = await signAssertion(
        assertionClaims(profile, tokenUrl, deps.now()),
        key,
      );
    } catch {
      return failed("The client assertion could not be signed with the profile's key");
    }
  }
  const headers: Array<[string, string]> = [
    ["Content-Type", "application/x-www-form-urlencoded"],
    ["Accept", "application/json"],
  ];
  const body = new URLSearchParams({ token: accessToken, token_type_hint: "access_token" });
  authenticateClient(requestProfile, secrets, { headers, body }, false);
  const sent = [...secretsSent({ profile: requestProfile, secrets }), accessToken];
  const hide = (text: string) => maskText(text, sensitiveValues(sent, null)) ?? "";

  const policy = teamAddressPolicy(
    { allow: deps.egressAllow, teamMayAllow: deps.egressTeamMayAllow },
    profile.team.egressAllowlist,
  );
  let answer: Awaited<ReturnType<typeof sendRequest>>;
  try {
    answer = await sendRequest(
      { method: "POST", url: endpoint, headers, body: body.toString() },
      { policy, tls, ...(deps.sendLimits ? { limits: deps.sendLimits } : {}) },
    );
  } catch (error) {
    if (!(error instanceof TransportFailure)) throw error;
    return failed(hide(error.message));
  }
  let parsed: Record<string, unknown> | null = null;
  try {
    const json = JSON.parse(answer.body);
    if (json && typeof json === "object") parsed = json as Record<string, unknown>;
  } catch {}
  const sensitive = sensitiveValues(sent, parsed);
  const masked = (text: string) => maskText(text, sensitive) ?? NOT_SHOWN;
  const bodyMasking = maskValues(answer.body, sensitive);
  const maskedBody = bodyMasking.ok ? bodyMasking.text : NOT_SHOWN;
  if (answer.status !== 200) {
    const shownHeaders = Object.fromEntries(
      Object.entries(answer.headers).map(([name, value]) => [name, masked(value)]),
    );
    return failed(`The provider's ${label} answered ${answer.status}`, {
      status: answer.status,
      headers: shownHeaders,
      body: maskedBody.slice(0, BODY_SHOWN),
    });
  }
  return { ok: true, status: answer.status, body: maskedBody, state, ...done };
}
