import type { Db } from "../db/client.ts";
import { notFound } from "../errors/app-error.ts";
import { type SendLimits, sendRequest, TransportFailure } from "../http/send-request.ts";
import { teamAddressPolicy } from "../http/team-rules.ts";
import {
  type FetchMetadataResult,
  providerMetadataDocument,
} from "../schemas/provider-metadata.ts";
import { assertCan, isUuid, type Member } from "../teams/member.ts";
import { metadataUrls } from "./metadata-urls.ts";

export type DiscoveryDeps = {
  db: Db;
  egressAllow: readonly string[];
  egressTeamMayAllow: readonly string[];
  sendLimits?: SendLimits | undefined;
};

/** A metadata document is a few KiB; a provider sending more is not sending metadata. */
export const METADATA_LIMITS: SendLimits = {
  connectMs: 5_000,
  headersMs: 5_000,
  bodyMs: 5_000,
  totalMs: 8_000,
  maxBodyBytes: 256 * 1024,
};

/** How much of a failed answer's body the dialog shows. */
const BODY_SHOWN = 2_000;

/**
 * "Fetch metadata": reads the issuer's RFC 8414 metadata, or its OpenID Connect configuration
 * when the first is not there, through the team's egress guard, and returns what the profile
 * dialog fills in and shows. Editors and above: it makes the server send a request.
 */
export async function fetchProviderMetadata(
  deps: DiscoveryDeps,
  member: Member,
  input: { appId: string; issuer: string },
): Promise<FetchMetadataResult> {
  assertCan(member, "profile.write");
  const app = isUuid(input.appId)
    ? await deps.db.app.findFirst({
        where: { id: input.appId, teamId: member.teamId },
        select: { team: { select: { egressAllowlist: true } } },
      })
    : null;
  if (!app) throw notFound("App");
  const policy = teamAddressPolicy(
    { allow: deps.egressAllow, teamMayAllow: deps.egressTeamMayAllow },
    app.team.egressAllowlist,
  );
  const failed = (problem: string, at: string | null, status: number | null, body: string | null) =>
    ({ ok: false, problem, metadataUrl: at, status, body }) as const;

  const urls = metadataUrls(input.issuer);
  for (const [index, url] of urls.entries()) {
    let answer: Awaited<ReturnType<typeof sendRequest>>;
    try {
      answer = await sendRequest(
        { method: "GET", url, headers: [["Accept", "application/json"]], body: "" },
        { policy, limits: deps.sendLimits ?? METADATA_LIMITS },
      );
    } catch (error) {
      if (!(error instanceof TransportFailure)) throw error;
      return failed(error.message, url, null, null);
    }
    const body = answer.body.slice(0, BODY_SHOWN);
    if (answer.status !== 200) {
      if (index < urls.length - 1) continue;
      return failed(
        `No metadata at ${urls.join(" or ")}: the provider answered ${answer.status}`,
        url,
        answer.status,
        body,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(answer.body);
    } catch {
      return failed("The metadata is not JSON", url, answer.status, body);
    }
    const parsed = providerMetadataDocument.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
      return failed(`The metadata is not valid: ${where}${issue?.message}`, url, 200, body);
    }
    const doc = parsed.data;
    // RFC 8414 §3.3: metadata naming another issuer must not be used (it could be an attacker's).
    if (doc.issuer !== input.issuer) {
      return failed(
        `The metadata names the issuer ${JSON.stringify(doc.issuer.slice(0, 300))}, not ${input.issuer}: it is not used (RFC 8414 §3.3)`,
        url,
        200,
        body,
      );
    }
    return {
      ok: true,
      metadata: {
        metadataUrl: url,
        issuer: doc.issuer,
        tokenEndpoint: doc.token_endpoint,
        tokenEndpointAuthMethods: doc.token_endpoint_auth_methods_supported ?? [],
        dpopSigningAlgs: doc.dpop_signing_alg_values_supported ?? [],
        revocationEndpoint: doc.revocation_endpoint ?? null,
        introspectionEndpoint: doc.introspection_endpoint ?? null,
      },
    };
  }
  return failed("No metadata URL for this issuer", null, null, null);
}
