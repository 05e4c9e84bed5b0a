import { describe, expect, it } from "vitest";
import { createApp } from "../../src/apps/index.ts";
import { listProfiles } from "../../src/profiles/index.ts";
import { PROFILE_LIST } from "../../src/shared/profile-limits.ts";
import type { Member } from "../../src/teams/member.ts";
import { appErrorOf, createTeamWithMembers, useTestDb } from "../fixtures.ts";

const { db, deps } = await useTestDb("profile_list");
const listDeps = { db, now: () => new Date() };

async function setUp(name: string) {
  const team = await createTeamWithMembers(deps, name);
  const app = await createApp(deps, await team.as("admin"), { name: "list" });
  const viewer = await team.as("viewer");
  return { team, app, viewer };
}

/** Rows written straight to the table, as many as a test needs (the app limit is not the subject). */
async function insertProfiles(
  teamId: string,
  appId: string,
  rows: Array<{ name: string; identityProviderName?: string; tokenRequestUrl?: string }>,
) {
  await db.authorizationProfile.createMany({
    data: rows.map((row) => ({
      teamId,
      appId,
      name: row.name,
      identityProviderName: row.identityProviderName ?? "Example IdP",
      tokenRequestUrl: row.tokenRequestUrl ?? "https://idp.example.com/oauth/token",
    })),
  });
}

const list = (member: Member, appId: string, input: { search?: string; page?: number } = {}) =>
  listProfiles(listDeps, member, {
    appId,
    search: input.search ?? "",
    sort: "name",
    direction: "asc",
    page: input.page ?? 1,
    pageSize: 50,
  });

const names = (page: Awaited<ReturnType<typeof list>>) => page.profiles.map((p) => p.name);

describe("the profile list", () => {
  it("matches a search of one or two characters at the start of a name or identity provider, in any case", async () => {
    const { team, app, viewer } = await setUp("Short search");
    await insertProfiles(team.team.id, app.id, [
      { name: "42 Orders" },
      { name: "Billing 42" },
      { name: "Payments", identityProviderName: "Okta" },
      { name: "Okapi reports", identityProviderName: "Auth0" },
      { name: "Search", identityProviderName: "Keycloak", tokenRequestUrl: "https://ok.example/t" },
      { name: "under_score" },
      { name: "u1" },
    ]);
    expect(names(await list(viewer, app.id, { search: "42" }))).toEqual(["42 Orders"]);
    expect(names(await list(viewer, app.id, { search: "oK" }))).toEqual([
      "Okapi reports",
      "Payments",
    ]);
    // `_` and `%` are literal characters, not LIKE wildcards.
    expect(names(await list(viewer, app.id, { search: "u_" }))).toEqual([]);
    expect(names(await list(viewer, app.id, { search: "%" }))).toEqual([]);
    // Three characters or more still look anywhere, token URLs included.
    expect(names(await list(viewer, app.id, { search: " 42" }))).toEqual(["Billing 42"]);
    expect(names(await list(viewer, app.id, { search: "ok.ex" }))).toEqual(["Search"]);
    expect(names(await list(viewer, app.id, { search: "r_s" }))).toEqual(["under_score"]);
  });

  it("counts matches up to the cap, says when there are more, and counts deeper pages further", async () => {
    const { team, app, viewer } = await setUp("Capped count");
    const over = PROFILE_LIST.countCap + 10;
    await insertProfiles(
      team.team.id,
      app.id,
      Array.from({ length: over }, (_, i) => ({ name: `P ${String(i).padStart(5, "0")}` })),
    );
    const first = await list(viewer, app.id);
    expect(first).toMatchObject({ total: PROFILE_LIST.countCap, totalCapped: true });
    expect(names(first)[0]).toBe("P 00000");

    // The last page: the pages up to it hold more than the cap, so the count reaches the end.
    const lastPage = Math.ceil(over / 50);
    const last = await list(viewer, app.id, { page: lastPage });
    expect(last).toMatchObject({ total: over, totalCapped: false });
    expect(last.profiles).toHaveLength(over - (lastPage - 1) * 50);

    const searched = await list(viewer, app.id, { search: "P 0000" });
    expect(searched).toMatchObject({ total: 10, totalCapped: false });
  });

  it("is NOT_FOUND for another team's app, in the same statement as the page", async () => {
    const mine = await setUp("List owner");
    const other = await setUp("List stranger");
    await insertProfiles(mine.team.team.id, mine.app.id, [{ name: "Private" }]);
    const error = await appErrorOf(list(other.viewer, mine.app.id));
    expect(error.code).toBe("NOT_FOUND");
    expect((await appErrorOf(list(other.viewer, "not-a-uuid"))).code).toBe("NOT_FOUND");
    // An app of the team with nothing in it is an empty page, not an error.
    expect(await list(other.viewer, other.app.id)).toMatchObject({
      total: 0,
      totalCapped: false,
      profiles: [],
    });
  });
});
