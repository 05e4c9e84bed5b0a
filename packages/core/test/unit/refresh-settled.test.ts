import { describe, expect, it } from "vitest";
import type { TokenState } from "../../src/db/generated/client.ts";
import { refreshSettled } from "../../src/tokens/refresh-and-wait.ts";

const now = new Date("2026-12-06T07:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const ahead = (ms: number) => new Date(now.getTime() + ms);

const asked: TokenState = {
  id: "019aee00-0000-7000-8000-000000000001",
  teamId: "019aee00-0000-7000-8000-000000000002",
  profileId: "019aee00-0000-7000-8000-000000000003",
  tenant: "",
  status: "expired",
  accessTokenSealed: "sealed",
  refreshTokenSealed: null,
  tokenType: "Bearer",
  obtainedAt: ago(3_600_000),
  expiresAt: ago(1_000),
  nextRefreshAt: null,
  consecutiveFailures: 0,
  lastError: null,
  leaseUntil: null,
  updatedAt: ago(60_000),
  lastUsedAt: ago(60_000),
  refreshNote: null,
  shortLivedCount: 0,
};

// Each case: the row as a later read finds it, and whether the wait for a refresh is over.
const cases: Array<[title: string, current: TokenState, settled: boolean]> = [
  ["waits while the row is as it was asked about", asked, false],
  [
    "waits while a refresh holds the row, even though the row changed",
    { ...asked, status: "refreshing", updatedAt: ago(10), leaseUntil: ahead(90_000) },
    false,
  ],
  [
    "ends once a usable token is there",
    { ...asked, obtainedAt: ago(10), expiresAt: ahead(3_600_000), updatedAt: ago(10) },
    true,
  ],
  [
    "ends once a later refresh let go of the row without a token (failed or deferred)",
    { ...asked, status: "failing", consecutiveFailures: 3, updatedAt: ago(10) },
    true,
  ],
  [
    "ends when the lease of a refresh that died has run out",
    { ...asked, updatedAt: ago(10), leaseUntil: ago(1) },
    true,
  ],
  [
    "does not take a nearly expired token for a usable one",
    { ...asked, obtainedAt: ago(3_590_000), expiresAt: ahead(10_000) },
    false,
  ],
];

describe("refreshSettled", () => {
  it.each(cases)("%s", (_title, current, settled) => {
    expect(refreshSettled(asked, current, now)).toBe(settled);
  });
});
