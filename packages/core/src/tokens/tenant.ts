import type { Db } from "../db/client.ts";
import { invalid } from "../errors/app-error.ts";
import { TENANT_LIMITS } from "../shared/profile-limits.ts";
import { tenantSchema } from "../shared/tenant-rules.ts";

/**
 * The tenant a request for `profile` uses: the given one, checked, when the profile has
 * tenancy; none when it has not. `whenMissing` tells the caller how to give one.
 */
export function tenantFor(
  profile: { tenancyEnabled: boolean },
  given: string | null | undefined,
  whenMissing: string,
): string | null {
  if (!profile.tenancyEnabled) {
    if (given) throw invalid({ tenant: "This profile has no tenancy" });
    return null;
  }
  if (!given) throw invalid({ tenant: whenMissing });
  const parsed = tenantSchema.safeParse(given);
  if (!parsed.success) throw invalid({ tenant: parsed.error.issues[0]?.message ?? "Not a tenant" });
  return parsed.data;
}

// A use is written at most this often per state, sparing the token API a write per call.
const TOUCH_EVERY_MS = 60 * 60_000;

/**
 * Records a use of a profile's tenant: its token state is made (with nothing due, so only the
 * caller's own request fills it) while the profile has fewer than TENANT_LIMITS.perProfile, or
 * marked used. A new tenant past the limit is refused on the tenant field.
 */
export async function admitTenant(
  db: Db,
  key: { teamId: string; profileId: string; tenant: string },
  now: Date,
): Promise<void> {
  const where = { profileId_tenant: { profileId: key.profileId, tenant: key.tenant } };
  const known = await db.tokenState.findUnique({ where, select: { id: true, lastUsedAt: true } });
  if (known) {
    if (now.getTime() - known.lastUsedAt.getTime() > TOUCH_EVERY_MS)
      await db.tokenState.updateMany({ where: { id: known.id }, data: { lastUsedAt: now } });
    return;
  }
  await db.$transaction(async (tx) => {
    // New tenants of one profile take turns, so two of them cannot both take its last place.
    await tx.$queryRaw`SELECT 1 FROM authorization_profile WHERE id = ${key.profileId}::uuid FOR NO KEY UPDATE`;
    if (await tx.tokenState.findUnique({ where, select: { id: true } })) return;
    const kept = await tx.tokenState.count({
      where: { profileId: key.profileId, tenant: { not: "" } },
    });
    if (kept >= TENANT_LIMITS.perProfile)
      throw invalid({
        tenant: `This profile already keeps tokens for ${TENANT_LIMITS.perProfile} tenants, its limit; a tenant nobody asks for in ${TENANT_LIMITS.unusedDays} days is removed`,
      });
    await tx.tokenState.createMany({
      data: [{ ...key, status: "refreshing", lastUsedAt: now }],
      skipDuplicates: true,
    });
  });
}
