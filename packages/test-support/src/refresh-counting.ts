import type { RecordedRequest } from "./token-server.ts";

/**
 * For every token requested whose lifetime ended before the last request seen, how many more
 * requests for the same URL (one URL per profile) arrived during that lifetime.
 */
export function requestsPerLifetime(requests: readonly RecordedRequest[], lifetimeMs: number) {
  const byUrl = new Map<string, number[]>();
  let last = 0;
  for (const r of requests) {
    const times = byUrl.get(r.url) ?? [];
    times.push(r.receivedAt);
    byUrl.set(r.url, times);
    last = Math.max(last, r.receivedAt);
  }
  let tokens = 0;
  let total = 0;
  let max = 0;
  for (const times of byUrl.values()) {
    times.sort((a, b) => a - b);
    times.forEach((issued, i) => {
      if (issued + lifetimeMs > last) return;
      let during = 0;
      for (let j = i + 1; j < times.length && times[j]! < issued + lifetimeMs; j++) during++;
      tokens++;
      total += during;
      max = Math.max(max, during);
    });
  }
  return { tokens, max, mean: tokens === 0 ? 0 : total / tokens };
}
