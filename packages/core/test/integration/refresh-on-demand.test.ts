// @module-tag resilience
import { describe, expect, it } from "vitest";
import type { TokenEvent } from "../../src/queue/index.ts";
import { ensureTokenState, refreshTokenState } from "../../src/tokens/index.ts";
import { loopbackRefresher, recorderProfile, saveProfile, useTokenRunKit } from "../token-runs.ts";

/**
 * Token API callers that find no usable token each queue a refresh under the version of the row
 * they read. Ten callers asking at once read it before and after the first refresh claimed it, so
 * two refreshes were queued: the second, run once the first had stored its token, asked the
 * provider again. A refresh the token API asked for now sends nothing once a token is usable.
 */

const kit = useTokenRunKit("on_demand");
const profile = recorderProfile("On demand", "on-demand-secret");

async function profileWithState(url: string) {
  const saved = await saveProfile(kit, profile(url));
  const state = await ensureTokenState(kit.db, {
    teamId: saved.teamId,
    profileId: saved.profileId,
    tenant: "",
  });
  return { saved, state };
}

describe("a token API refresh queued while another one ran", () => {
  it("finds the token the first one stored and sends no second token request", async () => {
    const server = await kit.serve();
    const { saved, state } = await profileWithState(server.urlFor("ok"));
    const events: TokenEvent[] = [];

    const first = await refreshTokenState(loopbackRefresher(kit), {
      stateId: state.id,
      trigger: "api",
    });
    const second = await refreshTokenState(loopbackRefresher(kit, events), {
      stateId: state.id,
      trigger: "api",
    });

    expect([first, second]).toEqual(["refreshed", "skipped"]);
    expect(server.requests).toHaveLength(1);
    expect(
      await kit.db.testRun.count({ where: { profileId: saved.profileId, trigger: "api" } }),
    ).toBe(1);
    // Released as it was found, and said so, so nobody waits on a "refreshing" that is not.
    const after = await kit.db.tokenState.findUniqueOrThrow({ where: { id: state.id } });
    expect(after).toMatchObject({ status: "fresh", leaseUntil: null });
    expect(events.map((e) => e.status)).toEqual(["fresh"]);
  });

  it("still refreshes a token that is not usable", async () => {
    const server = await kit.serve();
    const { state } = await profileWithState(server.urlFor("ok"));
    await refreshTokenState(loopbackRefresher(kit), { stateId: state.id, trigger: "api" });
    // Expired a second ago.
    await kit.db.tokenState.update({
      where: { id: state.id },
      data: { expiresAt: new Date(Date.now() - 1_000) },
    });

    const again = await refreshTokenState(loopbackRefresher(kit), {
      stateId: state.id,
      trigger: "api",
    });

    expect(again).toBe("refreshed");
    expect(server.requests).toHaveLength(2);
  });
});

describe("Refresh now on a usable token", () => {
  it("asks the provider for a new one, since a person asked for exactly that", async () => {
    const server = await kit.serve();
    const { state } = await profileWithState(server.urlFor("ok"));
    await refreshTokenState(loopbackRefresher(kit), { stateId: state.id, trigger: "api" });

    const manual = await refreshTokenState(loopbackRefresher(kit), {
      stateId: state.id,
      trigger: "manual",
    });

    expect(manual).toBe("refreshed");
    expect(server.requests).toHaveLength(2);
  });
});
