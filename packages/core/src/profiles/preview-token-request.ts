import { PROOF_SHOWN } from "../dpop/proof.ts";
import { invalid } from "../errors/app-error.ts";
import { CERTIFICATE_METHODS, type ProfileFields } from "../schemas/profile.ts";
import { toCurl } from "../shared/curl.ts";
import { assertCan, type Member } from "../teams/member.ts";
import { buildTokenRequest, fieldValueKey } from "../tokens/build-token-request.ts";
import { assertionClaims } from "../tokens/client-assertion.ts";
import { RequestBuildError } from "../tokens/request-build-error.ts";
import { tenantFor } from "../tokens/tenant.ts";
import type { ProfileDeps } from "./deps.ts";
import { findTeamProfile } from "./find-profile.ts";
import { publicKeyId } from "./signing-key.ts";
import { scopesOf } from "./stored-scopes.ts";

type Previewable = Pick<
  ProfileFields,
  | "tokenRequestUrl"
  | "clientId"
  | "clientAuthMethod"
  | "scopes"
  | "tenancyEnabled"
  | "assertionAudience"
  | "assertionLifetimeSeconds"
> & {
  signingAlgorithm: string;
  issuer?: string | null | undefined;
  publicJwk?: unknown;
  caBundle?: string | null | undefined;
  dpop: boolean;
  fields: ReadonlyArray<{
    type: ProfileFields["fields"][number]["type"];
    key: string;
    secret: boolean;
    value?: string | null | undefined;
  }>;
};

/**
 * The request a test would send, from the same builder the worker uses, with every secret
 * masked. Nothing sealed is opened to make it. For an assertion method, the assertion's header
 * and claims as a test would make them (its own jti and times), never a signature.
 */
export async function previewTokenRequest(
  deps: Pick<ProfileDeps, "db"> & { now?: () => Date },
  member: Member,
  input: {
    appId: string;
    profileId?: string | undefined;
    draft?: ProfileFields | undefined;
    tenant?: string | undefined;
  },
) {
  assertCan(member, "profile.read");
  const profile: Previewable = input.draft
    ? input.draft
    : input.profileId
      ? await findTeamProfile(deps.db, member, input.appId, input.profileId).then((p) => ({
          ...p,
          scopes: scopesOf(p.scopes),
          dpop: p.dpopPrivateKeySealed !== null,
        }))
      : (() => {
          throw invalid({ profileId: "Choose a profile to preview" });
        })();
  // The preview needs no real tenant: "tenant" stands in for one not typed yet.
  const tenant = tenantFor(
    profile,
    profile.tenancyEnabled ? input.tenant || "tenant" : undefined,
    "Enter a tenant",
  );
  try {
    const built = buildTokenRequest({
      profile,
      secrets: {
        clientSecret: null,
        fieldValues: new Map(
          profile.fields
            .filter((f) => !f.secret)
            .map((f) => [fieldValueKey(f.type, f.key), f.value ?? ""]),
        ),
      },
      tenant: tenant ?? undefined,
      redact: true,
    });
    // A Test would add a proof made at sending time.
    const request = profile.dpop ? { ...built, headers: [...built.headers, PROOF_SHOWN] } : built;
    return {
      request,
      curl: toCurl(request, {
        clientCertificate: CERTIFICATE_METHODS.has(profile.clientAuthMethod),
        caBundle: Boolean(profile.caBundle),
      }),
      assertion: assertionPreview(profile, request.url, deps),
    };
  } catch (error) {
    if (error instanceof RequestBuildError) throw invalid({ [error.field]: error.message });
    throw error;
  }
}

function assertionPreview(profile: Previewable, url: string, deps: { now?: () => Date }) {
  if (profile.clientAuthMethod === "client_secret_jwt")
    return { header: { alg: "HS256", typ: "JWT" }, claims: claimsFor(profile, url, deps) };
  if (profile.clientAuthMethod !== "private_key_jwt") return null;
  const kid = publicKeyId(profile.publicJwk);
  return {
    header: { alg: profile.signingAlgorithm, typ: "JWT", ...(kid ? { kid } : {}) },
    claims: claimsFor(profile, url, deps),
  };
}

const claimsFor = (profile: Previewable, url: string, deps: { now?: () => Date }) =>
  assertionClaims({ ...profile, issuer: profile.issuer ?? null }, url, deps.now?.() ?? new Date());
