import { findTeamApp } from "../apps/find-app.ts";
import type { Db } from "../db/client.ts";
import type { TokenState } from "../db/generated/client.ts";
import type { RunTrigger } from "../db/generated/enums.ts";
import { tokenStateAt } from "../shared/token-state.ts";
import { assertCan, type Member } from "../teams/member.ts";

/** The state a person should see, by the one rule every page uses. */
export const displayStatus = (state: TokenState | null, now: Date) =>
  tokenStateAt(state && { ...state, hasToken: state.accessTokenSealed !== null }, now);

const HISTORY = 60;

/** Every profile of an app with its tokens and recent requests, for the token dashboard. */
export async function tokenDashboard(
  deps: { db: Db; now: () => Date },
  member: Member,
  input: { appId: string },
) {
  assertCan(member, "profile.read");
  const app = await findTeamApp(deps.db, member, input.appId);
  const now = deps.now();
  const profiles = await deps.db.authorizationProfile.findMany({
    where: { appId: app.id, teamId: member.teamId },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      identityProviderName: true,
      autoRefresh: true,
      tenancyEnabled: true,
      revocationEndpoint: true,
      introspectionEndpoint: true,
      tokenStates: true,
    },
  });
  const runs = await deps.db.$queryRaw<
    Array<{
      profile_id: string;
      trigger: RunTrigger;
      status: string;
      duration_ms: number | null;
      finished_at: Date;
    }>
  >`
    SELECT profile_id::text, trigger::text, status::text, duration_ms, finished_at FROM (
      SELECT r.profile_id, r.trigger, r.status, r.duration_ms, r.finished_at,
        row_number() OVER (PARTITION BY r.profile_id ORDER BY r.finished_at DESC) AS n
      FROM test_run r JOIN authorization_profile p ON p.id = r.profile_id
      WHERE p.app_id = ${app.id}::uuid AND r.finished_at IS NOT NULL
    ) ranked WHERE n <= ${HISTORY} ORDER BY finished_at`;
  return {
    now,
    profiles: profiles.map((p) => ({
      id: p.id,
      name: p.name,
      identityProviderName: p.identityProviderName,
      autoRefresh: p.autoRefresh,
      tenancyEnabled: p.tenancyEnabled,
      // Whether the provider's metadata named the endpoints "Revoke token" and "Inspect token" use.
      canRevoke: p.revocationEndpoint !== null,
      canInspect: p.introspectionEndpoint !== null,
      tokens: (p.tokenStates.length ? p.tokenStates : [null]).map((s) => ({
        tenant: s?.tenant ?? "",
        status: displayStatus(s, now),
        obtainedAt: s?.obtainedAt ?? null,
        expiresAt: s?.expiresAt ?? null,
        nextRefreshAt: p.autoRefresh ? (s?.nextRefreshAt ?? null) : null,
        consecutiveFailures: s?.consecutiveFailures ?? 0,
        lastError: s?.lastError ?? null,
        // Why the next refresh comes later than usual, when it does.
        refreshNote: s?.refreshNote ?? null,
      })),
      history: runs
        .filter((r) => r.profile_id === p.id)
        .map((r) => ({
          trigger: r.trigger,
          status: r.status,
          durationMs: r.duration_ms,
          at: r.finished_at,
        })),
    })),
  };
}
