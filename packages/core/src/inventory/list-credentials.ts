import type { Db } from "../db/client.ts";
import { Prisma } from "../db/generated/client.ts";
import type { ClientAuthMethod } from "../db/generated/enums.ts";
import { describeCertificate } from "../profiles/client-certificate.ts";
import { secretExpiryOf } from "../profiles/profile-columns.ts";
import { dateOfDay } from "../shared/calendar-day.ts";
import type { HealthStatusName } from "../shared/health-status.ts";
import { assertCan, type Member } from "../teams/member.ts";
import { flagsOf, rankByAttention } from "./attention.ts";

/**
 * The most profiles one inventory reads. Ranking needs every row at once (certificate expiries
 * are read from the PEM), so the list is capped rather than paged: past the cap, the profiles
 * whose client secrets expire soonest are the ones kept, and the page says how many are left out.
 */
export const INVENTORY_CAP = 1000;

/** The audit actions that change a profile's settings or keys (not tests, calls or tokens). */
const CHANGE_ACTIONS = [
  "profile.create",
  "profile.update",
  "profile.duplicate",
  "profile.autoRefresh",
  "profile.healthCheck",
  "profile.key.add",
  "profile.key.switch",
  "profile.key.retire",
];

type Row = {
  id: string;
  name: string;
  app_id: string;
  app_name: string;
  client_auth_method: ClientAuthMethod;
  client_secret_expires_on: Date | null;
  client_certificate: string | null;
  key_added_at: Date | null;
  created_at: Date;
  last_token_at: Date | null;
  refresh_failing: boolean | null;
  last_used_at: Date | null;
  health: HealthStatusName | null;
  changed_at: Date;
  changed_by: string | null;
};

/**
 * Every profile of the team with what its credential needs: expiries, last token, last use by a
 * service (token API or proxy, counted per minute in api_key_usage and kept 90 days), refresh
 * and health state and who changed it last, ranked "needs attention first". Two queries
 * whatever the number of profiles; reads no secret column.
 */
export async function listCredentials(deps: { db: Db; now: () => Date }, member: Member) {
  assertCan(member, "profile.read");
  const now = deps.now();
  const [rows, [counted]] = await Promise.all([
    queryRows(deps.db, member.teamId),
    deps.db.$queryRaw<[{ total: bigint }]>`
      SELECT count(*) AS total FROM authorization_profile WHERE team_id = ${member.teamId}::uuid`,
  ]);
  const credentials = rows.map((row) => {
    const secretExpiresOn = secretExpiryOf({
      clientAuthMethod: row.client_auth_method,
      clientSecretExpiresOn: row.client_secret_expires_on,
    });
    const certificateExpiresAt = describeCertificate(row.client_certificate)?.validTo ?? null;
    const secretExpiresAt = secretExpiresOn ? dateOfDay(secretExpiresOn) : null;
    const expiries = [secretExpiresAt, certificateExpiresAt].filter((d): d is Date => d !== null);
    const facts = {
      name: row.name,
      expiresAt: expiries.length ? new Date(Math.min(...expiries.map((d) => d.getTime()))) : null,
      lastTokenAt: row.last_token_at,
      lastUsedAt: row.last_used_at,
      refreshFailing: row.refresh_failing === true,
      healthFailing: row.health === "failing",
      createdAt: row.created_at,
    };
    return {
      ...facts,
      id: row.id,
      app: { id: row.app_id, name: row.app_name },
      clientAuthMethod: row.client_auth_method,
      secretExpiresOn,
      certificateExpiresAt,
      keyAddedAt: row.key_added_at,
      health: row.health ?? "not_checked",
      lastChange: { at: row.changed_at, by: row.changed_by },
      flags: flagsOf(facts, now),
    };
  });
  const total = Number(counted?.total ?? 0);
  return { now, total, cap: INVENTORY_CAP, credentials: rankByAttention(credentials, now) };
}

function queryRows(db: Db, teamId: string) {
  // Each lateral join reads one profile's rows through an index (token_state and
  // api_key_usage by profile, audit_event by team and target), so the cost grows with the
  // profiles shown, not with the history kept.
  return db.$queryRaw<Row[]>`
    WITH p AS (
      SELECT p.id, p.name, p.app_id, a.name AS app_name, p.client_auth_method::text,
             p.client_secret_expires_on, p.client_certificate, p.key_added_at, p.created_at,
             p.created_by_id
      FROM authorization_profile p JOIN app a ON a.id = p.app_id
      WHERE p.team_id = ${teamId}::uuid
      ORDER BY p.client_secret_expires_on ASC NULLS LAST, lower(p.name), p.id
      LIMIT ${INVENTORY_CAP}
    )
    SELECT p.id::text, p.name, p.app_id::text, p.app_name, p.client_auth_method,
           p.client_secret_expires_on, p.client_certificate, p.key_added_at, p.created_at,
           t.last_token_at, t.refresh_failing, u.last_used_at,
           -- A check turned off reads as not checked, as on the profile list.
           CASE WHEN h.enabled THEN h.status::text END AS health,
           coalesce(c.created_at, p.created_at) AS changed_at, m_user.name AS changed_by
    FROM p
    LEFT JOIN LATERAL (
      SELECT max(obtained_at) AS last_token_at, bool_or(status = 'failing') AS refresh_failing
      FROM token_state WHERE profile_id = p.id
    ) t ON true
    LEFT JOIN LATERAL (
      SELECT max(minute) AS last_used_at FROM api_key_usage WHERE profile_id = p.id
    ) u ON true
    LEFT JOIN health_check h ON h.profile_id = p.id
    LEFT JOIN LATERAL (
      SELECT e.actor_user_id, e.created_at FROM audit_event e
      WHERE e.team_id = ${teamId}::uuid AND e.target_id = p.id::text
        AND e.target_type = 'profile' AND e.action IN (${Prisma.join(CHANGE_ACTIONS)})
      ORDER BY e.created_at DESC LIMIT 1
    ) c ON true
    -- A profile never changed since an import was last changed when it was made. People are
    -- named only while still members of the team, as the audit log names them.
    LEFT JOIN membership m ON m.team_id = ${teamId}::uuid
      AND m.user_id = coalesce(c.actor_user_id, p.created_by_id)
    LEFT JOIN "user" m_user ON m_user.id = m.user_id`;
}
