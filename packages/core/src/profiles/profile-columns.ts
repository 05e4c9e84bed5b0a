import type { Prisma } from "../db/generated/client.ts";
import type { ProfileFields } from "../schemas/profile.ts";
import { secretOriginsOf } from "./secret-urls.ts";

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
    tenancyEnabled: profile.tenancyEnabled,
    scopes: profile.scopes as Prisma.InputJsonValue,
    secretOrigins: secretOriginsOf(profile),
  };
}
