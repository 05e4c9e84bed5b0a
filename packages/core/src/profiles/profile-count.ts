import type { Prisma } from "../db/generated/client.ts";
import { conflict } from "../errors/app-error.ts";
import { PROFILE_COUNT_LIMITS } from "../shared/profile-limits.ts";

type Tx = Pick<Prisma.TransactionClient, "authorizationProfile" | "$executeRaw">;

const number = (n: number) => n.toLocaleString("en-US");

/**
 * Refuses one more profile (or `importing` more) past what the app or the team may hold
 * (PROFILE_COUNT_LIMITS). Call it inside the transaction that adds them: it holds a lock on the
 * team's profile count until that transaction ends, so two requests at once cannot both take
 * the last place.
 */
export async function assertRoomForProfiles(
  tx: Tx,
  where: { teamId: string; appId: string },
  importing?: number,
) {
  const adding = importing ?? 1;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`profiles:${where.teamId}`}))`;
  const [inApp, inTeam] = await Promise.all([
    tx.authorizationProfile.count({ where: { appId: where.appId } }),
    tx.authorizationProfile.count({ where: { teamId: where.teamId } }),
  ]);
  for (const [what, has, limit] of [
    ["app", inApp, PROFILE_COUNT_LIMITS.perApp],
    ["team", inTeam, PROFILE_COUNT_LIMITS.perTeam],
  ] as const) {
    if (has + adding <= limit) continue;
    throw conflict(
      importing === undefined
        ? `This ${what} already has ${number(has)} profiles, the most ${article(what)} ${what} may have: delete one before adding another`
        : `Importing ${number(adding)} profile${adding === 1 ? "" : "s"} would give this ${what} ${number(has + adding)}; ${article(what)} ${what} may have at most ${number(limit)}`,
    );
  }
}

const article = (what: "app" | "team") => (what === "app" ? "an" : "a");
