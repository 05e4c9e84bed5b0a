import type { Sealer } from "../crypto/sealer.ts";
import type { Db } from "../db/client.ts";
import { openDpopKey } from "../profiles/dpop-key.ts";
import { fieldValueOf } from "../tokens/service-token.ts";
import type { CallingProfile } from "./call-with-token.ts";

/**
 * A profile as the worker's API calls (the console's, the health checks') need it: its call
 * settings, its field values opened, which of them are secret (to mask in what is kept), and the
 * team's egress rules. Null without an API Base URL: there is nowhere to call.
 */
export async function loadCallingProfile(deps: { db: Db; sealer: Sealer }, profileId: string) {
  const profile = await deps.db.authorizationProfile.findUniqueOrThrow({
    where: { id: profileId },
    include: {
      fields: { orderBy: { position: "asc" } },
      team: { select: { egressAllowlist: true } },
    },
  });
  const { apiBaseUrl } = profile;
  if (!apiBaseUrl) return null;
  const fields = profile.fields.map((f) => ({
    type: f.type,
    key: f.key,
    value: fieldValueOf(deps.sealer, f),
    secret: f.secret,
  }));
  const calling: CallingProfile = {
    ...profile,
    apiBaseUrl,
    fields,
    dpop: openDpopKey(deps.sealer, profile),
  };
  // Never sent on an API call, but an API that echoes it back must not have it kept.
  const clientSecret = profile.clientSecretSealed
    ? deps.sealer.open(profile.clientSecretSealed, {
        table: "authorization_profile",
        rowId: profile.id,
        column: "client_secret_sealed",
      })
    : "";
  return {
    profile: calling,
    id: profile.id,
    teamId: profile.teamId,
    tenancyEnabled: profile.tenancyEnabled,
    team: { id: profile.teamId, egressAllowlist: profile.team.egressAllowlist },
    /** The values no kept answer or request may show, besides the token itself. */
    secretValues: [clientSecret, ...fields.filter((f) => f.secret).map((f) => f.value)].filter(
      Boolean,
    ),
  };
}
