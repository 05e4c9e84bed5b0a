import { findTeamApp } from "../apps/find-app.ts";
import { Prisma } from "../db/generated/client.ts";
import type { ListProfilesInput } from "../schemas/profile.ts";
import { tokenStateAt } from "../shared/token-state.ts";
import { assertCan, type Member } from "../teams/member.ts";
import type { ProfileDeps } from "./deps.ts";

const SORT_COLUMNS: Record<ListProfilesInput["sort"], string> = {
  // Case-insensitive, as people expect a list of names to be sorted.
  name: "lower(p.name)",
  identityProviderName: "lower(p.identity_provider_name)",
  type: "p.type",
  updatedAt: "p.updated_at",
};

type Row = {
  id: string;
  name: string;
  type: string;
  identity_provider_name: string;
  token_request_url: string;
  needs_secrets: boolean;
  updated_at: Date;
  last_status: string | null;
  last_finished_at: Date | null;
  token_status: string | null;
  token_expires_at: Date | null;
  token_present: boolean | null;
  token_lease_until: Date | null;
};

/**
 * One page of an app's profiles, searched, sorted and counted by PostgreSQL, with each
 * profile's latest test and token state. Reads no secret column.
 */
export async function listProfiles(
  deps: Pick<ProfileDeps, "db" | "now">,
  member: Member,
  input: Omit<ListProfilesInput, "teamId">,
) {
  assertCan(member, "profile.read");
  const app = await findTeamApp(deps.db, member, input.appId);
  const where = matching(app.id, member.teamId, input.search);
  // The count and the page each read the profile table through its indexes, side by side; a
  // count over the page's joins (a window function) cost more than both together.
  const [rows, [counted]] = await Promise.all([
    queryPage(deps, where, input),
    deps.db.$queryRaw<[{ total: bigint }]>`
      SELECT count(*) AS total FROM authorization_profile p WHERE ${where}`,
  ]);
  return {
    total: Number(counted?.total ?? 0),
    page: input.page,
    pageSize: input.pageSize,
    profiles: rows.map((row) => ({
      id: row.id,
      name: row.name,
      type: row.type,
      identityProviderName: row.identity_provider_name,
      tokenUrlHost: hostOf(row.token_request_url),
      needsSecrets: row.needs_secrets,
      updatedAt: row.updated_at,
      lastTest: row.last_status
        ? { status: row.last_status, finishedAt: row.last_finished_at }
        : null,
      // One state rule for every page: a row that never held a token has none, not "expired".
      token: row.token_status
        ? {
            status: tokenStateAt(
              {
                status: row.token_status,
                expiresAt: row.token_expires_at,
                hasToken: row.token_present === true,
                leaseUntil: row.token_lease_until,
              },
              deps.now(),
            ),
            expiresAt: row.token_expires_at,
          }
        : null,
    })),
  };
}

/** The app's profiles whose name, identity provider or token URL holds `search`. */
function matching(appId: string, teamId: string, search: string) {
  const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return Prisma.sql`p.app_id = ${appId}::uuid AND p.team_id = ${teamId}::uuid
    AND (${search} = '' OR p.name ILIKE ${pattern}
         OR p.identity_provider_name ILIKE ${pattern} OR p.token_request_url ILIKE ${pattern})`;
}

function queryPage(
  deps: Pick<ProfileDeps, "db">,
  where: Prisma.Sql,
  input: Omit<ListProfilesInput, "teamId" | "appId">,
) {
  const order = Prisma.raw(
    `${SORT_COLUMNS[input.sort]} ${input.direction === "desc" ? "DESC" : "ASC"}, p.id`,
  );
  // The page is chosen from the profile table alone; only its rows then look up their latest
  // run and token state.
  return deps.db.$queryRaw<Row[]>`
    WITH page AS (
      SELECT p.id, p.name, p.type, p.identity_provider_name, p.token_request_url,
             p.needs_secrets, p.updated_at
      FROM authorization_profile p
      WHERE ${where}
      ORDER BY ${order}
      LIMIT ${input.pageSize} OFFSET ${(input.page - 1) * input.pageSize}
    )
    SELECT p.id, p.name, p.type::text, p.identity_provider_name, p.token_request_url,
           p.needs_secrets, p.updated_at,
           r.status::text AS last_status, r.finished_at AS last_finished_at,
           ts.status::text AS token_status, ts.expires_at AS token_expires_at,
           ts.access_token_sealed IS NOT NULL AS token_present, ts.lease_until AS token_lease_until
    FROM page p
    LEFT JOIN LATERAL (
      SELECT status, finished_at FROM test_run
      WHERE profile_id = p.id ORDER BY queued_at DESC LIMIT 1
    ) r ON true
    LEFT JOIN token_state ts ON ts.profile_id = p.id AND ts.tenant = ''
    ORDER BY ${order}`;
}

const hostOf = (url: string) => /^https?:\/\/([^/?#]*)/i.exec(url)?.[1] ?? "";
