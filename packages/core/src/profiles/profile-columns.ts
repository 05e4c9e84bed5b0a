import type { Prisma } from "../db/generated/client.ts";
import { type ProfileFields, SECRET_METHODS, SIGNING_ALGORITHMS } from "../schemas/profile.ts";
import { dateOfDay, dayOfDate } from "../shared/calendar-day.ts";
import { secretOriginsOf } from "../shared/secret-urls.ts";
import { apiCallSettingsOf } from "./api-call-settings.ts";

/** The non-secret assertion settings, as stored, audited, exported and duplicated. */
export const assertionSettingsOf = (profile: {
  assertionAudience: "token_endpoint" | "issuer";
  issuer?: string | null | undefined;
  assertionLifetimeSeconds: number;
  signingAlgorithm: string;
}) => ({
  assertionAudience: profile.assertionAudience,
  issuer: profile.issuer ?? null,
  assertionLifetimeSeconds: profile.assertionLifetimeSeconds,
  signingAlgorithm: asSigningAlgorithm(profile.signingAlgorithm),
});

/** What "Fetch metadata" found at the provider, as stored, audited, exported and duplicated. */
export const providerSettingsOf = (profile: {
  revocationEndpoint?: string | null | undefined;
  introspectionEndpoint?: string | null | undefined;
  providerAuthMethods: readonly string[];
}) => ({
  revocationEndpoint: profile.revocationEndpoint ?? null,
  introspectionEndpoint: profile.introspectionEndpoint ?? null,
  providerAuthMethods: [...profile.providerAuthMethods],
});

/**
 * "Client secret expires on" as audited, exported and duplicated (YYYY-MM-DD or null), from the
 * form (a day) or a row (a DATE). Only a method that sends a secret keeps one: a key or a
 * certificate has expiries of its own.
 */
export const secretExpiryOf = (profile: {
  clientAuthMethod: string;
  clientSecretExpiresOn?: string | Date | null | undefined;
}) => {
  const value = profile.clientSecretExpiresOn;
  if (!value || !SECRET_METHODS.has(profile.clientAuthMethod)) return null;
  return typeof value === "string" ? value : dayOfDate(value);
};

/** The stored algorithm name (a text column) as the schema's choice. */
const asSigningAlgorithm = (value: string) =>
  SIGNING_ALGORITHMS.find((alg) => alg === value) ?? SIGNING_ALGORITHMS[0];

/** The profile's settings as its table stores them: the one mapping create, edit and import share. */
export function profileColumns(profile: ProfileFields) {
  return {
    name: profile.name,
    identityProviderName: profile.identityProviderName,
    clientId: profile.clientId,
    tokenRequestUrl: profile.tokenRequestUrl,
    refreshTokenUrl: profile.refreshTokenUrl ?? null,
    description: profile.description,
    clientAuthMethod: profile.clientAuthMethod,
    clientSecretExpiresOn: nullableDate(secretExpiryOf(profile)),
    ...assertionSettingsOf(profile),
    ...providerSettingsOf(profile),
    tenancyEnabled: profile.tenancyEnabled,
    scopes: profile.scopes as Prisma.InputJsonValue,
    ...apiCallSettingsOf(profile),
    secretOrigins: secretOriginsOf(profile),
  };
}

const nullableDate = (day: string | null) => (day === null ? null : dateOfDay(day));
