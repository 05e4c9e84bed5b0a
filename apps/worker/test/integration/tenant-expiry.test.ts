// @module-tag resilience
import type { Db } from "@authdeck/core/db";
import { createLogger } from "@authdeck/core/logging";
import { TENANT_LIMITS } from "@authdeck/core/profiles";
import { type DatabaseFixture, openTestDb } from "@authdeck/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTenantExpiry } from "../../src/tenant-expiry.ts";
import { createProfileFor, testSealer, waitFor } from "../support.ts";

let database: DatabaseFixture;
let db: Db;

beforeAll(async () => {
  database = await openTestDb("tenant_expiry", { poolSize: 2 });
  db = database.db;
});

afterAll(async () => database?.close());

describe("the worker's tenant expiry", () => {
  it(`removes tenant tokens nobody asked for in ${TENANT_LIMITS.unusedDays} days, on its schedule`, async () => {
    const { profileId } = await createProfileFor(
      { db, sealer: testSealer() },
      { tokenRequestUrl: "https://idp.example.com/token" },
    );
    const profile = await db.authorizationProfile.findUniqueOrThrow({ where: { id: profileId } });
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60_000);
    const seed = (tenant: string, lastUsedAt: Date) =>
      db.tokenState.create({
        data: { teamId: profile.teamId, profileId, tenant, status: "fresh", lastUsedAt },
      });
    await seed("stale", daysAgo(TENANT_LIMITS.unusedDays + 1));
    await seed("recent", daysAgo(TENANT_LIMITS.unusedDays - 1));
    const lines: string[] = [];
    const log = createLogger({
      name: "worker",
      level: "info",
      destination: { write: (line: string) => void lines.push(line) },
    });
    const expiry = startTenantExpiry(
      { db, now: () => new Date(), log },
      { firstAfterMs: 200, everyMs: 500 },
    );
    try {
      await waitFor(async () => (await db.tokenState.count({ where: { profileId } })) === 1);
      // The next sweeps go on: a state that became stale since is removed too.
      await seed("later", daysAgo(TENANT_LIMITS.unusedDays + 2));
      await waitFor(async () => (await db.tokenState.count({ where: { profileId } })) === 1);
    } finally {
      await expiry.stop();
    }
    const left = await db.tokenState.findMany({ where: { profileId }, select: { tenant: true } });
    expect(left).toEqual([{ tenant: "recent" }]);
    expect(lines.join("")).toContain('"removed":1,"msg":"removed tenant tokens nobody asked for"');
  });
});
