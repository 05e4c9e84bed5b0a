import { describe, expect, it } from "vitest";
import type { TokenState } from "../../src/db/generated/client.ts";
import { createServiceCache } from "../../src/tokens/service-cache.ts";

const clockAt = (start = 0) => {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

const token = (sealed: string) => ({ accessTokenSealed: sealed }) as TokenState;
const key = { profileId: "p", tenant: "" };

describe("the proxy's cache of its per-call reads", () => {
  it("reads again once a copy is as old as the bound, not before", async () => {
    const clock = clockAt();
    const cache = createServiceCache(2_000, clock.now);
    let reads = 0;
    const read = async () => ({ read: ++reads });
    const id = { teamId: "t", appId: "a", profileId: "p" };
    expect(await cache.profile(id, read)).toEqual({ read: 1 });
    clock.advance(1_999);
    expect(await cache.profile(id, read)).toEqual({ read: 1 });
    clock.advance(1);
    expect(await cache.profile(id, read)).toEqual({ read: 2 });
  });

  it("shares one read between callers that miss at the same moment", async () => {
    const cache = createServiceCache(2_000, clockAt().now);
    let reads = 0;
    const read = () =>
      new Promise<TokenState>((resolve) => setTimeout(() => resolve(token(`t${++reads}`)), 5));
    const got = await Promise.all(
      Array.from({ length: 20 }, () => cache.token(key, read, () => true)),
    );
    expect(reads).toBe(1);
    expect(new Set(got.map((t) => t.accessTokenSealed))).toEqual(new Set(["t1"]));
  });

  it("does not keep an unknown or revoked key, nor a failed read", async () => {
    const cache = createServiceCache(2_000, clockAt().now);
    let reads = 0;
    const refuse = async () => {
      reads++;
      return null;
    };
    expect(await cache.apiKey("h", refuse)).toBeNull();
    expect(await cache.apiKey("h", refuse)).toBeNull();
    expect(reads).toBe(2);
    await expect(cache.apiKey("h2", () => Promise.reject(new Error("db down")))).rejects.toThrow(
      "db down",
    );
    expect(await cache.apiKey("h2", async () => ({ apiKeyId: "k" }))).toEqual({ apiKeyId: "k" });
  });

  it("drops a token the API refused at once, but not a newer one read meanwhile", async () => {
    const cache = createServiceCache(2_000, clockAt().now);
    const first = await cache.token(
      key,
      async () => token("old"),
      () => true,
    );
    cache.forgetToken(key, first);
    const second = await cache.token(
      key,
      async () => token("new"),
      () => true,
    );
    expect(second.accessTokenSealed).toBe("new");
    // A late caller that still saw the old token refused leaves the new one alone.
    cache.forgetToken(key, first);
    expect(
      (
        await cache.token(
          key,
          async () => token("newer"),
          () => true,
        )
      ).accessTokenSealed,
    ).toBe("new");
  });

  it("reads a token again when the kept one is no longer usable, within the bound", async () => {
    const cache = createServiceCache(2_000, clockAt().now);
    await cache.token(
      key,
      async () => token("expiring"),
      () => true,
    );
    const got = await cache.token(
      key,
      async () => token("fresh"),
      (t) => t.accessTokenSealed !== "expiring",
    );
    expect(got.accessTokenSealed).toBe("fresh");
  });

  it("keeps nothing with a bound of 0", async () => {
    const cache = createServiceCache(0, clockAt().now);
    let reads = 0;
    const read = async () => ++reads;
    const id = { teamId: "t", appId: "a", profileId: "p" };
    await cache.profile(id, read);
    await cache.profile(id, read);
    expect(reads).toBe(2);
  });
});
