import { Prisma } from "../db/generated/client.ts";
import { notFound } from "../errors/app-error.ts";
import type { ListProfilesInput } from "../schemas/profile.ts";
import { PROFILE_LIST } from "../shared/profile-limits.ts";
import { tokenStateAt } from "../shared/token-state.ts";
import { assertCan, isUuid, type Member } from "../teams/member.ts";
import type { ProfileDeps } from "./deps.ts";

const SORT_COLUMNS: Record<ListProfilesInput["sort"], string> = {
  // Case-insensitive, as people expect a list of names to be sorted.
  name: "lower(p.name)",
  identityProviderName: "lower(p.identity_provider_name)",
  type: "p.type",
  updatedAt: "p.updated_at",
};

type Row = {
  app_found: boolean;
  total: bigint;
  id: string | null;
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
  if (!isUuid(input.appId)) throw notFound("App");
  const countUpTo = Math.max(PROFILE_LIST.countCap, input.page * input.pageSize);
  const rows = await queryPage(deps, member.teamId, input, countUpTo);
  const first = rows[0];
  // The app check rides in the same statement: another team's app is not found, like a wrong id.
  if (!first?.app_found) throw notFound("App");
  const counted = Number(first.total);
  return {
    total: Math.min(counted, countUpTo),
    /** More match than `total`: they were not all counted. */
    totalCapped: counted > countUpTo,
    page: input.page,
    pageSize: input.pageSize,
    profiles: rows
      .filter((row): row is Row & { id: string } => row.id !== null)
      .map((row) => ({
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

/**
 * The app's profiles whose name, identity provider or token URL holds `search`; a search
 * shorter than PROFILE_LIST.anywhereMin characters matches the start of a name or identity provider.
 */
function matching(appId: string, teamId: string, search: string) {
  const escaped = search.replace(/[\\%_]/g, (c) => `\\${c}`);
  const scope = Prisma.sql`p.app_id = ${appId}::uuid AND p.team_id = ${teamId}::uuid`;
  if (search === "") return scope;
  if ([...search].length < PROFILE_LIST.anywhereMin) {
    // lower(column) LIKE 'ab%' is a range on the (app_id, lower(column), id) sort indexes.
    const prefix = `${escaped}%`;
    return Prisma.sql`${scope} AND (lower(p.name) LIKE lower(${prefix})
      OR lower(p.identity_provider_name) LIKE lower(${prefix}))`;
  }
  const pattern = `%${escaped}%`;
  return Prisma.sql`${scope} AND (p.name ILIKE ${pattern}
    OR p.identity_provider_name ILIKE ${pattern} OR p.token_request_url ILIKE ${pattern})`;
}

/**
 * One statement, one round trip: whether the app is the team's, the capped count and the page.
 * The page is chosen from the profile table alone; only its rows then look up their latest run
 * and token state. The count row is always there (a page past the end has no profile rows).
 */
function queryPage(
  deps: Pick<ProfileDeps, "db">,
  teamId: string,
  input: Omit<ListProfilesInput, "teamId">,
  countUpTo: number,
) {
  const where = matching(input.appId, teamId, input.search);
  // Ties go by id in the same direction, so a descending page is the sort index read backwards.
  const direction = input.direction === "desc" ? "DESC" : "ASC";
  const order = Prisma.raw(`${SORT_COLUMNS[input.sort]} ${direction}, p.id ${direction}`);
  return deps.db.$queryRaw<Row[]>`
    WITH counted AS (
      SELECT count(*) AS total
      FROM (SELECT 1 FROM authorization_profile p WHERE ${where} LIMIT ${countUpTo + 1}) matched
    ), page AS (
      SELECT p.id, p.name, p.type, p.identity_provider_name, p.token_request_url,
             p.needs_secrets, p.updated_at
      FROM authorization_profile p
      WHERE ${where}
      ORDER BY ${order}
      LIMIT ${input.pageSize} OFFSET ${(input.page - 1) * input.pageSize}
    ), rows AS (
      SELECT p.id, p.name, p.type, p.identity_provider_name, p.token_request_url,
             p.needs_secrets, p.updated_at,
             r.status::text AS last_status, r.finished_at AS last_finished_at,
             ts.status::text AS token_status, ts.expires_at AS token_expires_at,
             ts.has_token AS token_present,
             ts.lease_until AS token_lease_until
      FROM page p
      LEFT JOIN LATERAL (
        SELECT status, finished_at FROM test_run
        WHERE profile_id = p.id ORDER BY queued_at DESC LIMIT 1
      ) r ON true
      LEFT JOIN token_state ts ON ts.profile_id = p.id AND ts.tenant = ''
    )
    SELECT EXISTS (SELECT 1 FROM app WHERE id = ${input.appId}::uuid AND team_id = ${teamId}::uuid)
             AS app_found,
           c.total, p.id, p.name, p.type::text, p.identity_provider_name, p.token_request_url,
           p.needs_secrets, p.updated_at, p.last_status, p.last_finished_at, p.token_status,
           p.token_expires_at, p.token_present, p.token_lease_until
    FROM counted c LEFT JOIN rows p ON true
    ORDER BY ${order}`;
}

const hostOf = (url: string) => /^https?:\/\/([^/?#]*)/i.exec(url)?.[1] ?? "";
