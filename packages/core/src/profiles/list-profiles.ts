import { findTeamApp } from "../apps/find-app.ts";
import { Prisma } from "../db/generated/client.ts";
import type { ListProfilesInput } from "../schemas/profile.ts";
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
  total: bigint;
};

/**
 * One page of an app's profiles, searched, sorted and counted by PostgreSQL in one query, with
 * each profile's latest test and token state. Reads no secret column.
 */
export async function listProfiles(
  deps: Pick<ProfileDeps, "db">,
  member: Member,
  input: Omit<ListProfilesInput, "teamId">,
) {
  assertCan(member, "profile.read");
  const app = await findTeamApp(deps.db, member, input.appId);
  const rows = await queryPage(deps, app.id, member.teamId, input);
  // A page past the end has no rows to carry the count; the first row of page one does.
  const total = Number(
    (rows.length > 0 || input.page === 1
      ? rows[0]
      : (await queryPage(deps, app.id, member.teamId, { ...input, page: 1, pageSize: 1 }))[0]
    )?.total ?? 0,
  );
  return {
    total,
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
      token: row.token_status
        ? { status: row.token_status, expiresAt: row.token_expires_at }
        : null,
    })),
  };
}

function queryPage(
  deps: Pick<ProfileDeps, "db">,
  appId: string,
  teamId: string,
  input: Omit<ListProfilesInput, "teamId" | "appId">,
) {
  const pattern = `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const order = Prisma.raw(
    `${SORT_COLUMNS[input.sort]} ${input.direction === "desc" ? "DESC" : "ASC"}, p.id`,
  );
  return deps.db.$queryRaw<Row[]>`
    SELECT p.id, p.name, p.type::text, p.identity_provider_name, p.token_request_url,
           p.needs_secrets, p.updated_at,
           r.status::text AS last_status, r.finished_at AS last_finished_at,
           ts.status::text AS token_status, ts.expires_at AS token_expires_at,
           count(*) OVER () AS total
    FROM authorization_profile p
    LEFT JOIN LATERAL (
      SELECT status, finished_at FROM test_run
      WHERE profile_id = p.id ORDER BY queued_at DESC LIMIT 1
    ) r ON true
    LEFT JOIN token_state ts ON ts.profile_id = p.id AND ts.tenant = ''
    WHERE p.app_id = ${appId}::uuid AND p.team_id = ${teamId}::uuid
      AND (${input.search} = '' OR p.name ILIKE ${pattern}
           OR p.identity_provider_name ILIKE ${pattern} OR p.token_request_url ILIKE ${pattern})
    ORDER BY ${order}
    LIMIT ${input.pageSize} OFFSET ${(input.page - 1) * input.pageSize}`;
}

const hostOf = (url: string) => /^https?:\/\/([^/?#]*)/i.exec(url)?.[1] ?? "";
