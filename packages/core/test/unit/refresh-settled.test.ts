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

describe("refreshSettled", () => {
  it("waits while the row is as it was asked about", () => {
    expect(refreshSettled(asked, asked, now)).toBe(false);
  });

  it("waits while a refresh holds the row, even though the row changed", () => {
    const claimed = {
      ...asked,
      status: "refreshing" as const,
      updatedAt: ago(10),
      leaseUntil: ahead(90_000),
    };
    expect(refreshSettled(asked, claimed, now)).toBe(false);
  });

  it("ends once a usable token is there", () => {
    const fresh = {
      ...asked,
      obtainedAt: ago(10),
      expiresAt: ahead(3_600_000),
      updatedAt: ago(10),
    };
    expect(refreshSettled(asked, fresh, now)).toBe(true);
  });

  it("ends once a later refresh let go of the row without a token (failed or deferred)", () => {
    const failed = {
      ...asked,
      status: "failing" as const,
      consecutiveFailures: 3,
      updatedAt: ago(10),
    };
    expect(refreshSettled(asked, failed, now)).toBe(true);
  });

  it("ends when the lease of a refresh that died has run out", () => {
    const abandoned = { ...asked, updatedAt: ago(10), leaseUntil: ago(1) };
    expect(refreshSettled(asked, abandoned, now)).toBe(true);
  });

  it("does not take a nearly expired token for a usable one", () => {
    const nearly = { ...asked, obtainedAt: ago(3_590_000), expiresAt: ahead(10_000) };
    expect(refreshSettled(asked, nearly, now)).toBe(false);
  });
});
