/**
 * What core's token and notification work tells as it happens, for the apps to count (Prometheus metrics). Core
 * holds no registry: each process passes its own observer in its deps, and without one nothing
 * is counted. Never given a secret, a tenant or a whole URL.
 */
export type WorkObserver = {
  /** One token request ended: `url` is the profile's URL as saved (before any tenant is put in). */
  tokenRequest(event: { url: string; outcome: string; durationMs: number }): void;
  /** A scheduled refresh starts asking, `lateMs` after the time it was planned for. */
  refreshStarted(event: { lateMs: number }): void;
  /** A refresh ended: refreshed, failed, skipped (someone else held it) or deferred (budget). */
  refreshEnded(event: { trigger: string; result: string }): void;
  /** A notification was sent once: delivered, retrying (it will be sent again) or failed for good. */
  notificationSent(event: { kind: string; outcome: string; durationMs: number }): void;
};
