import type { Prisma } from "../db/generated/client.ts";

type Named = { id: string; name: string };

/** What a profile's change is about, with names as they are when it happens. */
export type ProfileSubject = { team: Named; app: Named; profile: Named };

/** An expiry reminder's facts: which credential, when it expires, and the threshold reached. */
export type ExpiryFacts = {
  kind: "client_secret" | "client_certificate";
  expiresAt: string;
  /** Whole days left, rounded up; 0 once expired. */
  daysLeft: number;
  /** 30, 7 or 1; 0 for the one reminder sent once it has expired. */
  threshold: number;
};

/** An unused API key as a reminder names it: never the key nor its hash. */
export type UnusedKeyFacts = {
  id: string;
  name: string;
  prefix: string;
  /** Null when the key was never used; then it counts from its creation. */
  lastUsedAt: string | null;
  createdAt: string;
  apps: Named[];
};

/** What a reminder adds to the payload: the expiring credential, or the unused key. */
export type ReminderFacts = { credential: ExpiryFacts } | { apiKey: UnusedKeyFacts };

/**
 * The JSON every channel is sent: the event, when it happened, what it is about, the error
 * (class and provider message, already masked of secrets where it was recorded) and the path of
 * the profile's page. Never a token nor a secret.
 */
export function channelPayload(
  type: string,
  at: Date,
  about: { team: Named } & Partial<ProfileSubject>,
  error: { class: string; message: string } | null = null,
  reminder: ReminderFacts | null = null,
): Prisma.InputJsonObject {
  const { team, app, profile } = about;
  return {
    type,
    timestamp: at.toISOString(),
    team,
    ...(app && profile
      ? { app, profile, link: `/t/${team.id}/apps/${app.id}/profiles/${profile.id}` }
      : {}),
    ...(reminder && "apiKey" in reminder ? { link: `/t/${team.id}/api-keys` } : {}),
    ...reminder,
    error,
  };
}

/** One line for a Slack message. */
export function slackText(payload: Record<string, unknown>): string {
  const profile = payload.profile as Named | undefined;
  const app = payload.app as Named | undefined;
  const error = payload.error as { class: string; message: string } | null;
  const what = eventWords(payload, (value) => slackEscape(value));
  if (!profile || !app) return `Authdeck: ${what}.`;
  const why = error ? ` (${slackEscape(error.class)}: ${slackEscape(error.message, 500)})` : "";
  return `Authdeck: ${what} for profile "${slackEscape(profile.name)}" in app "${slackEscape(app.name)}"${why}.`;
}

/** "client secret expires in 7 days (2027-01-05)", "API key "CI" (adk_Zx81Qa…) not used since 2026-09-01". */
function reminderWords(
  payload: Record<string, unknown>,
  text: (value: string) => string,
): string | null {
  const credential = payload.credential as ExpiryFacts | undefined;
  if (credential) {
    const what = credential.kind === "client_secret" ? "client secret" : "client certificate";
    const on = credential.expiresAt.slice(0, 10);
    if (credential.daysLeft === 0) return `${what} expired on ${on}`;
    const days = `${credential.daysLeft} ${credential.daysLeft === 1 ? "day" : "days"}`;
    return `${what} expires in ${days} (${on})`;
  }
  const key = payload.apiKey as UnusedKeyFacts | undefined;
  if (!key) return null;
  const since = key.lastUsedAt
    ? `not used since ${key.lastUsedAt.slice(0, 10)}`
    : `never used since it was made on ${key.createdAt.slice(0, 10)}`;
  return `API key "${text(key.name)}" (${text(key.prefix)}…) ${since}`;
}

/**
 * A value as plain text in Slack's mrkdwn: a provider's error or a profile's name could
 * otherwise ping the channel (`<!channel>`) or show a link under false words (`<url|text>`).
 * Slack asks for &, < and > to be escaped; long values are cut.
 */
export function slackEscape(value: string, max = 200): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return cut.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** What an event says in words, for every channel that writes sentences (Slack, email). */
/**
 * What happened, in words: a reminder's facts, or the event's own words. `text` makes a value
 * from the payload safe for the medium (escaped for Slack, one line for an email).
 */
export function eventWords(
  payload: Record<string, unknown>,
  text: (value: string) => string,
): string {
  const type = String(payload.type);
  return reminderWords(payload, text) ?? WORDS[type] ?? text(type);
}

const WORDS: Record<string, string> = {
  "profile.refresh.failing": "token refresh is failing",
  "profile.refresh.recovered": "token refresh recovered",
  "profile.health.failing": "health check is failing",
  "profile.health.recovered": "health check recovered",
  "profile.secret.expiring": "client secret expiring",
  "profile.certificate.expiring": "client certificate expiring",
  "api_key.unused": "API key unused for 90 days",
  "channel.test": "this is a test event from your notification channel",
};
