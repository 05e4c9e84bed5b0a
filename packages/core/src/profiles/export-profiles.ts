import type { z } from "zod";
import { findTeamApp } from "../apps/find-app.ts";
import { EXPORT_FORMAT, type exportedProfileSchema } from "../schemas/profile.ts";
import { assertCan, type Member } from "../teams/member.ts";
import { apiCallSettingsOf } from "./api-call-settings.ts";
import type { ProfileDeps } from "./deps.ts";
import { assertionSettingsOf, secretExpiryOf } from "./profile-columns.ts";
import { plainValue } from "./secret-fields.ts";
import { scopesOf } from "./stored-scopes.ts";

/**
 * An app's profiles as a JSON document, without a single secret or private key: client
 * certificates and CA bundles are public and go along, a certificate's key does not.
 */
export async function exportProfiles(
  deps: Pick<ProfileDeps, "db" | "now">,
  member: Member,
  input: { appId: string },
) {
  assertCan(member, "profile.read");
  const app = await findTeamApp(deps.db, member, input.appId);
  const profiles = await deps.db.authorizationProfile.findMany({
    where: { appId: app.id, teamId: member.teamId },
    orderBy: { name: "asc" },
    include: { fields: { orderBy: { position: "asc" } } },
  });
  const exported: Array<z.input<typeof exportedProfileSchema>> = profiles.map((p) => ({
    type: p.type,
    name: p.name,
    identityProviderName: p.identityProviderName,
    clientId: p.clientId,
    hasClientSecret: p.clientSecretSealed !== null,
    clientSecretExpiresOn: secretExpiryOf(p) ?? undefined,
    tokenRequestUrl: p.tokenRequestUrl,
    ...(p.refreshTokenUrl ? { refreshTokenUrl: p.refreshTokenUrl } : {}),
    scopes: scopesOf(p.scopes),
    description: p.description,
    clientAuthMethod: p.clientAuthMethod,
    ...assertionSettingsOf(p),
    issuer: p.issuer ?? undefined,
    ...(p.revocationEndpoint ? { revocationEndpoint: p.revocationEndpoint } : {}),
    ...(p.introspectionEndpoint ? { introspectionEndpoint: p.introspectionEndpoint } : {}),
    providerAuthMethods: p.providerAuthMethods,
    hasPrivateKey: p.privateKeySealed !== null,
    dpop: p.dpopPrivateKeySealed !== null,
    ...(p.clientCertificate ? { clientCertificate: p.clientCertificate } : {}),
    hasCertificateKey: p.clientCertificateKeySealed !== null,
    ...(p.caBundle ? { caBundle: p.caBundle } : {}),
    tenancyEnabled: p.tenancyEnabled,
    ...apiCallSettingsOf(p),
    apiBaseUrl: p.apiBaseUrl ?? undefined,
    fields: p.fields.map((f) => {
      const value = plainValue(f);
      return { type: f.type, key: f.key, secret: f.secret, ...(value === null ? {} : { value }) };
    }),
  }));
  return {
    format: EXPORT_FORMAT,
    version: 1 as const,
    exportedAt: deps.now().toISOString(),
    app: app.name,
    profiles: exported,
  };
}
