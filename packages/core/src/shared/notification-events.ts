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

/** Webhook and Slack channels are sent to a URL, email ones to a list of addresses. */
export const CHANNEL_KINDS = ["webhook", "slack", "email"] as const;
export type ChannelKindName = (typeof CHANNEL_KINDS)[number];

export const CHANNEL_KIND_LABELS: Record<ChannelKindName, string> = {
  webhook: "Webhook",
  slack: "Slack",
  email: "Email",
};

/** Why the Email kind cannot be chosen on a deployment without SMTP settings. */
export const EMAIL_NOT_SET_UP = "Set SMTP_URL, SMTP_FROM and SMTP_RECIPIENT_DOMAINS to send email";

export const NOTIFICATION_EVENT_LABELS: Record<NotificationEvent, string> = {
  "profile.refresh.failing": "Token refresh failing",
  "profile.refresh.recovered": "Token refresh recovered",
  "profile.health.failing": "Health check failing",
  "profile.health.recovered": "Health check recovered",
  "profile.secret.expiring": "Client secret expiring",
  "profile.certificate.expiring": "Client certificate expiring",
  "api_key.unused": "API key unused for 90 days",
};
