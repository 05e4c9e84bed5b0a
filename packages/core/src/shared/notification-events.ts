/** The changes of state a channel may be told about, each sent once per change. */
export const NOTIFICATION_EVENTS = [
  "profile.refresh.failing",
  "profile.refresh.recovered",
  "profile.health.failing",
  "profile.health.recovered",
  "profile.secret.expiring",
  "profile.certificate.expiring",
  "api_key.unused",
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** What "Send test event" sends: not a change of state, so no channel chooses it. */
export const TEST_EVENT = "channel.test";

/** Email is planned as a third kind; its fields (an address instead of a URL) will come with it. */
export const CHANNEL_KINDS = ["webhook", "slack"] as const;
export type ChannelKindName = (typeof CHANNEL_KINDS)[number];

export const NOTIFICATION_EVENT_LABELS: Record<NotificationEvent, string> = {
  "profile.refresh.failing": "Token refresh failing",
  "profile.refresh.recovered": "Token refresh recovered",
  "profile.health.failing": "Health check failing",
  "profile.health.recovered": "Health check recovered",
  "profile.secret.expiring": "Client secret expiring",
  "profile.certificate.expiring": "Client certificate expiring",
  "api_key.unused": "API key unused for 90 days",
};
