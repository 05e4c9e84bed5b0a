import { randomUUID } from "node:crypto";
import { secretOriginsOf } from "@authdeck/core/client";
import type { Sealer } from "@authdeck/core/crypto";
import type { Db } from "@authdeck/core/db";

/** The client secret every seeded profile has (the bench's token servers take any). */
export const SEEDED_CLIENT_SECRET = "bench-secret";

const PROVIDERS = [
  "Okta",
  "Auth0",
  "Keycloak",
  "Azure AD",
  "Ping",
  "Cognito",
  "FusionAuth",
  "Zitadel",
];
const SERVICES = [
  "Billing",
  "Payments",
  "Search",
  "Catalog",
  "Shipping",
  "Ledger",
  "Reports",
  "CRM",
];

export type SeededProfile = { id: string; index: number };

/**
 * `count` profiles in a new app of the team, each with its own token URL path (so the token
 * server can count requests per profile) and a sealed client secret.
 */
export async function seedProfiles(
  deps: { db: Db; sealer: Sealer },
  options: {
    teamId: string;
    appName: string;
    count: number;
    tokenUrl: (index: number) => string;
    autoRefresh: boolean;
  },
) {
  const app = await deps.db.app.create({ data: { teamId: options.teamId, name: options.appName } });
  const profiles: SeededProfile[] = [];
  for (let start = 0; start < options.count; start += 1_000) {
    const rows = [];
    for (let index = start; index < Math.min(options.count, start + 1_000); index++) {
      const id = randomUUID();
      const tokenRequestUrl = options.tokenUrl(index);
      profiles.push({ id, index });
      rows.push({
        id,
        teamId: options.teamId,
        appId: app.id,
        name: `${SERVICES[index % SERVICES.length]} API ${String(index).padStart(5, "0")}`,
        identityProviderName: PROVIDERS[Math.floor(index / SERVICES.length) % PROVIDERS.length]!,
        clientId: `client-${index}`,
        clientSecretSealed: deps.sealer.seal(SEEDED_CLIENT_SECRET, {
          table: "authorization_profile",
          rowId: id,
          column: "client_secret_sealed",
        }),
        secretOrigins: secretOriginsOf({ tokenRequestUrl }),
        tokenRequestUrl,
        scopes: [{ key: "scope", value: "read" }],
        autoRefresh: options.autoRefresh,
      });
    }
    await deps.db.authorizationProfile.createMany({ data: rows });
  }
  return { appId: app.id, profiles };
}

/**
 * A current token for every profile, as if each had been obtained one lifetime ago at a random
 * moment: their refreshes then fall evenly over one lifetime, as in a deployment that has run
 * for a while, starting `firstDueInMs` from now.
 */
export async function seedTokenStates(
  deps: { db: Db; sealer: Sealer },
  options: {
    teamId: string;
    profiles: SeededProfile[];
    lifetimeMs: number;
    leadMs: number;
    firstDueInMs: number;
  },
) {
  const now = Date.now();
  for (let start = 0; start < options.profiles.length; start += 1_000) {
    const rows = options.profiles.slice(start, start + 1_000).map((profile) => {
      const id = randomUUID();
      const nextRefreshAt = now + options.firstDueInMs + Math.random() * options.lifetimeMs;
      const expiresAt = nextRefreshAt + options.leadMs;
      return {
        id,
        teamId: options.teamId,
        profileId: profile.id,
        status: "fresh" as const,
        accessTokenSealed: deps.sealer.seal(`seeded-${profile.index}`, {
          table: "token_state",
          rowId: id,
          column: "access_token_sealed",
        }),
        tokenType: "Bearer",
        obtainedAt: new Date(expiresAt - options.lifetimeMs),
        expiresAt: new Date(expiresAt),
        nextRefreshAt: new Date(nextRefreshAt),
      };
    });
    await deps.db.tokenState.createMany({ data: rows });
  }
}
