import { findTeamApp } from "../apps/find-app.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { Prisma } from "../db/generated/client.ts";
import { uuidV7 } from "../db/uuid-v7.ts";
import { runTransaction } from "../errors/database-errors.ts";
import type { ProfileFields } from "../schemas/profile.ts";
import { assertCan, type Member } from "../teams/member.ts";
import { apiCallSettingsOf } from "./api-call-settings.ts";
import { certificateColumns, certificateKeyContext } from "./client-certificate.ts";
import type { ProfileDeps } from "./deps.ts";
import { dpopKeyColumns, dpopKeyContext } from "./dpop-key.ts";
import {
  assertionSettingsOf,
  profileColumns,
  providerSettingsOf,
  secretExpiryOf,
} from "./profile-columns.ts";
import { assertRoomForProfiles } from "./profile-count.ts";
import { describeFields, sealFields } from "./seal-fields.ts";
import { privateKeyContext, signingKeyColumns } from "./signing-key.ts";

export async function createProfile(
  deps: ProfileDeps,
  member: Member,
  input: { appId: string; profile: ProfileFields; autoRefresh?: boolean | undefined },
) {
  assertCan(member, "profile.write");
  const app = await findTeamApp(deps.db, member, input.appId);
  const { profile } = input;
  const id = uuidV7();
  const fields = sealFields({
    sealer: deps.sealer,
    fields: profile.fields,
    existing: [],
    movedTo: null,
  });
  const clientSecretSealed = profile.clientSecret
    ? deps.sealer.seal(profile.clientSecret, {
        table: "authorization_profile",
        rowId: id,
        column: "client_secret_sealed",
      })
    : null;
  const key = await signingKeyColumns({
    profile,
    existing: null,
    seal: (jwk) => deps.sealer.seal(jwk, privateKeyContext(id)),
    now: deps.now(),
  });
  const dpop = await dpopKeyColumns({
    dpop: profile.dpop,
    existing: null,
    seal: (jwk) => deps.sealer.seal(jwk, dpopKeyContext(id)),
  });
  const certificate = certificateColumns({
    profile,
    existing: null,
    seal: (pem) => deps.sealer.seal(pem, certificateKeyContext(id)),
    open: () => "",
    now: deps.now(),
  });
  return runTransaction(deps.db, async (tx) => {
    await assertRoomForProfiles(tx, { teamId: member.teamId, appId: app.id });
    const created = await tx.authorizationProfile.create({
      data: {
        id,
        teamId: member.teamId,
        appId: app.id,
        type: profile.type,
        ...profileColumns(profile),
        clientSecretSealed,
        ...key.columns,
        publicJwk: key.columns.publicJwk ?? Prisma.DbNull,
        ...certificate.columns,
        ...dpop.columns,
        ...(input.autoRefresh === undefined ? {} : { autoRefresh: input.autoRefresh }),
        createdById: member.userId,
        fields: { create: fields },
      },
    });
    await recordAudit(tx, {
      teamId: member.teamId,
      actor: { userId: member.userId },
      action: "profile.create",
      targetType: "profile",
      targetId: id,
      changes: {
        ...auditableProfile(profile),
        clientSecret: clientSecretSealed ? "[set]" : "[none]",
        ...key.change,
        ...certificate.change,
        ...dpop.change,
        fields: describeFields(fields),
        autoRefresh: created.autoRefresh,
      },
    });
    return { id: created.id, version: created.version };
  });
}

type Auditable = Omit<
  ProfileFields,
  | "type"
  | "clientSecret"
  | "privateKey"
  | "clientCertificate"
  | "clientCertificateKey"
  | "caBundle"
  | "dpop"
  | "fields"
  | "refreshTokenUrl"
  | "scopes"
  | "apiBaseUrl"
  | "issuer"
  | "signingAlgorithm"
  | "revocationEndpoint"
  | "introspectionEndpoint"
  | "clientSecretExpiresOn"
> & {
  clientSecretExpiresOn?: string | Date | null | undefined;
  revocationEndpoint?: string | null | undefined;
  introspectionEndpoint?: string | null | undefined;
  issuer?: string | null | undefined;
  signingAlgorithm: string;
  refreshTokenUrl?: string | null | undefined;
  apiBaseUrl?: string | null | undefined;
  scopes: unknown;
};

/** The profile's non-secret settings, as audit events record them. */
export function auditableProfile(profile: Auditable) {
  return {
    name: profile.name,
    identityProviderName: profile.identityProviderName,
    clientId: profile.clientId,
    tokenRequestUrl: profile.tokenRequestUrl,
    refreshTokenUrl: profile.refreshTokenUrl ?? null,
    scopes: profile.scopes,
    description: profile.description,
    clientAuthMethod: profile.clientAuthMethod,
    clientSecretExpiresOn: secretExpiryOf(profile),
    ...assertionSettingsOf(profile),
    ...providerSettingsOf(profile),
    tenancyEnabled: profile.tenancyEnabled,
    ...apiCallSettingsOf(profile),
  };
}
