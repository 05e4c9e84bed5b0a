import { randomUUID } from "node:crypto";
import { type DatabaseFixture, openTestDb } from "@authdeck/test-support";
import { afterAll } from "vitest";
import type { Db } from "../src/db/index.ts";
import { AppError } from "../src/errors/index.ts";
import { createTeam, type Deps, resolveMember } from "../src/teams/index.ts";

// Shared with the other packages' tests; re-exported here beside the core-only helpers.
export { openTestDb };

/**
 * The test file's own database, opened as the file loads (with the deps the team use-cases
 * take) and dropped after its last test.
 */
export async function useTestDb(label: string): Promise<{ db: Db; deps: Deps }> {
  const database: DatabaseFixture = await openTestDb(label);
  afterAll(async () => database.close());
  const { db } = database;
  return { db, deps: { db, now: () => new Date() } };
}

/** A profile row written straight to the database, for tests about what lies around it. */
export const insertProfile = (db: Db, row: { teamId: string; appId: string; name: string }) =>
  db.authorizationProfile.create({
    data: {
      ...row,
      identityProviderName: "Example IdP",
      tokenRequestUrl: "https://idp.example.com/oauth/token",
    },
  });

/** A person as better-auth would have stored them; the tests need only the row. */
export async function createUser(db: Db, name: string) {
  const id = `user_${randomUUID()}`;
  return db.user.create({ data: { id, name, email: `${id}@example.test` } });
}

/** A team made through the use-case, with one person in each role below owner. */
export async function createTeamWithMembers(deps: Deps, name: string) {
  const users = {
    owner: await createUser(deps.db, `${name} owner`),
    admin: await createUser(deps.db, `${name} admin`),
    editor: await createUser(deps.db, `${name} editor`),
    viewer: await createUser(deps.db, `${name} viewer`),
  };
  const team = await createTeam(deps, { userId: users.owner.id, name });
  for (const role of ["admin", "editor", "viewer"] as const) {
    await deps.db.membership.create({ data: { teamId: team.id, userId: users[role].id, role } });
  }
  /** The membership as every request resolves it: read from the database each time. */
  const as = (role: keyof typeof users) => resolveMember(deps.db, users[role].id, team.id);
  return { team, users, as };
}

/** The AppError a call fails with; any other outcome fails the test. */
export async function appErrorOf(call: Promise<unknown>): Promise<AppError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("Expected the call to fail with an AppError, but it succeeded");
}
