import type { TokenState } from "../db/generated/client.ts";

/**
 * How long the proxy may use what it read for a call before reading it again: the API key
 * (its team and apps, whether it is revoked), the profile with its fields and team egress
 * rules, and the token. Each read costs a PostgreSQL round trip, and three of them per call were
 * most of the proxy's added latency (docs/performance.md, measurement 6). So a revoked key, a
 * changed profile or a token replaced by a refresh elsewhere is still used by a process for at
 * most this long after it read it; an auth error status from the API drops the token at once.
 * The web's token API keeps the profile and the token the same way, but reads the key on every
 * call (apps/web's token route), so a revoked key is refused there at once.
 */
export const DEFAULT_SERVICE_CACHE_MS = 2_000;

/** Entries kept per kind; past it the oldest read goes (a bound on memory, not on staleness). */
const MAX_ENTRIES = 10_000;

type Entry<T> = { at: number; promise: Promise<T>; value?: T; settled: boolean };

/**
 * Reads kept for `ttlMs`, one read shared by every caller that misses at the same moment. A
 * failed read is not kept. `ttlMs` 0 keeps nothing.
 */
class Kept<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number,
  ) {}

  get(id: string, read: () => Promise<T>, stillGood: (value: T) => boolean = () => true) {
    if (this.ttlMs <= 0) return read();
    const now = this.clock();
    const found = this.entries.get(id);
    if (found && now - found.at < this.ttlMs) {
      if (!found.settled) return found.promise;
      if (found.value !== undefined && stillGood(found.value)) return found.promise;
    }
    const entry: Entry<T> = { at: now, promise: read(), settled: false };
    this.entries.set(id, entry);
    entry.promise.then(
      (value) => {
        entry.value = value;
        entry.settled = true;
      },
      () => {
        if (this.entries.get(id) === entry) this.entries.delete(id);
      },
    );
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return entry.promise;
  }

  /** Forgets `id` unless what it holds now is not `matches` (a newer read replaced it). */
  forget(id: string, matches: (value: T) => boolean) {
    const found = this.entries.get(id);
    if (found && (!found.settled || (found.value !== undefined && matches(found.value))))
      this.entries.delete(id);
  }
}

export type ServiceCache = ReturnType<typeof createServiceCache>;

/** One per process: the short-lived copies of a service call's reads (see above). */
export function createServiceCache(
  ttlMs = DEFAULT_SERVICE_CACHE_MS,
  clock: () => number = Date.now,
) {
  const keys = new Kept<unknown>(ttlMs, clock);
  const profiles = new Kept<unknown>(ttlMs, clock);
  const tokens = new Kept<TokenState>(ttlMs, clock);
  const tokenId = (key: { profileId: string; tenant: string }) => `${key.profileId}|${key.tenant}`;
  return {
    ttlMs,
    /** The caller of an API key by its hash (never the key itself); refusals are not kept. */
    apiKey<T>(hash: string, read: () => Promise<T | null>): Promise<T | null> {
      return keys
        .get(hash, async () => {
          const caller = await read();
          if (caller === null) throw new NotKept(null);
          return caller;
        })
        .catch((error: unknown) => {
          if (error instanceof NotKept) return null;
          throw error;
        }) as Promise<T | null>;
    },
    profile<T>(id: { teamId: string; appId: string; profileId: string }, read: () => Promise<T>) {
      return profiles.get(`${id.teamId}|${id.appId}|${id.profileId}`, read) as Promise<T>;
    },
    /** A token state, kept while `usable` says it still is and no longer than the bound. */
    token(
      key: { profileId: string; tenant: string },
      read: () => Promise<TokenState>,
      usable: (state: TokenState) => boolean,
    ) {
      return tokens.get(tokenId(key), read, usable);
    },
    /** The API refused this token: no caller gets it from here again. */
    forgetToken(
      key: { profileId: string; tenant: string },
      state: Pick<TokenState, "accessTokenSealed">,
    ) {
      tokens.forget(tokenId(key), (kept) => kept.accessTokenSealed === state.accessTokenSealed);
    },
  };
}

// A read whose answer is not kept (an unknown or revoked key): dropped like a failure.
class NotKept {
  constructor(readonly value: null) {}
}
