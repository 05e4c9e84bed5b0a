import { assertCan, type Member } from "../teams/member.ts";
import { apiCallSettingsOf } from "./api-call-settings.ts";
import { describeCertificate } from "./client-certificate.ts";
import type { ProfileDeps } from "./deps.ts";
import { findTeamProfile } from "./find-profile.ts";
import { keysOf } from "./key-rotation.ts";
import { assertionSettingsOf, secretExpiryOf } from "./profile-columns.ts";
import { hasValue, plainValue } from "./secret-fields.ts";
import { publicKeyId } from "./signing-key.ts";
import { scopesOf } from "./stored-scopes.ts";

/** The profile for viewing and editing: secrets only as "saved" flags, never their values. */
export async function getProfile(
  deps: Pick<ProfileDeps, "db">,
  member: Member,
  input: { appId: string; profileId: string },
) {
  assertCan(member, "profile.read");
  const p = await findTeamProfile(deps.db, member, input.appId, input.profileId);
  return {
    id: p.id,
    appId: p.appId,
    version: p.version,
    type: p.type,
    name: p.name,
    identityProviderName: p.identityProviderName,
    clientId: p.clientId,
    hasClientSecret: p.clientSecretSealed !== null,
    clientSecretExpiresOn: secretExpiryOf(p) ?? "",
    tokenRequestUrl: p.tokenRequestUrl,
    refreshTokenUrl: p.refreshTokenUrl ?? "",
    scopes: scopesOf(p.scopes),
    description: p.description,
    clientAuthMethod: p.clientAuthMethod,
    ...assertionSettingsOf(p),
    issuer: p.issuer ?? "",
    revocationEndpoint: p.revocationEndpoint ?? "",
    introspectionEndpoint: p.introspectionEndpoint ?? "",
    providerAuthMethods: p.providerAuthMethods,
    // The private key never leaves the vault: only its public half's kid and the JWKS URL's id.
    hasPrivateKey: p.privateKeySealed !== null,
    keyId: publicKeyId(p.publicJwk),
    jwksId: p.jwksId,
    // Every key the JWKS publishes, with its role in a rotation (current, next, previous).
    keys: keysOf(p),
    // The certificate is public; its key never leaves the vault, only whether one is stored.
    clientCertificate: p.clientCertificate ?? "",
    certificate: describeCertificate(p.clientCertificate),
    hasCertificateKey: p.clientCertificateKeySealed !== null,
    caBundle: p.caBundle ?? "",
    dpop: p.dpopPrivateKeySealed !== null,
    tenancyEnabled: p.tenancyEnabled,
    needsSecrets: p.needsSecrets,
    autoRefresh: p.autoRefresh,
    ...apiCallSettingsOf(p),
    apiBaseUrl: p.apiBaseUrl ?? "",
    fields: p.fields.map((f) => ({
      type: f.type,
      key: f.key,
      secret: f.secret,
      value: plainValue(f) ?? undefined,
      hasValue: hasValue(f),
    })),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}
