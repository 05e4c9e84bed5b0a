type Dashboard = { now: Date; profiles: Array<{ tokens: Array<{ nextRefreshAt: Date | null }> }> };

const IDLE_MS = 10_000;
const CLOSE_MS = 250;
// The scheduler claims a refresh up to a second before it is due and the worker publishes only
// when it ends, so a watcher looks often around each due time to see the refresh running.
const AROUND_MS = 1_500;

/** How long a token dashboard stream may wait before it looks again unprompted. */
export function nextLookInMs(dashboard: Dashboard): number {
  const now = dashboard.now.getTime();
  let wait = IDLE_MS;
  for (const profile of dashboard.profiles) {
    for (const token of profile.tokens) {
      if (!token.nextRefreshAt) continue;
      const until = token.nextRefreshAt.getTime() - now;
      if (until > AROUND_MS) wait = Math.min(wait, until - AROUND_MS);
      else if (until > -AROUND_MS) wait = CLOSE_MS;
    }
  }
  return Math.max(CLOSE_MS, wait);
}
