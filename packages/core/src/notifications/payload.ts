import type { Prisma } from "../db/generated/client.ts";

type Named = { id: string; name: string };

/** What a profile's change is about, with names as they are when it happens. */
export type ProfileSubject = { team: Named; app: Named; profile: Named };

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
): Prisma.InputJsonObject {
  const { team, app, profile } = about;
  return {
    type,
    timestamp: at.toISOString(),
    team,
    ...(app && profile
      ? { app, profile, link: `/t/${team.id}/apps/${app.id}/profiles/${profile.id}` }
      : {}),
    error,
  };
}

/** One line for a Slack message. */
export function slackText(payload: Record<string, unknown>): string {
  const type = String(payload.type);
  const profile = payload.profile as Named | undefined;
  const app = payload.app as Named | undefined;
  const error = payload.error as { class: string; message: string } | null;
  const what = eventWords(type) ?? slackEscape(type);
  if (!profile || !app) return `Authdeck: ${what}.`;
  const why = error ? ` (${slackEscape(error.class)}: ${slackEscape(error.message, 500)})` : "";
  return `Authdeck: ${what} for profile "${slackEscape(profile.name)}" in app "${slackEscape(app.name)}"${why}.`;
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
export const eventWords = (type: string): string | undefined => WORDS[type];

const WORDS: Record<string, string> = {
  "profile.refresh.failing": "token refresh is failing",
  "profile.refresh.recovered": "token refresh recovered",
  "profile.health.failing": "health check is failing",
  "profile.health.recovered": "health check recovered",
  "channel.test": "this is a test event from your notification channel",
};
