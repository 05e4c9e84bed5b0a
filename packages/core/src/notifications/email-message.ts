import { eventWords } from "./payload.ts";

type Named = { id: string; name: string };

/**
 * A value as one line of plain text: a provider's error or a name could otherwise start a new
 * line where a reader (or a mail header) expects none. Long values are cut.
 */
export function oneLine(value: string, max = 200): string {
  const flat = value.replace(/[\p{Cc}\u2028\u2029]+/gu, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * The subject and plain-text body of a notification email, written from the JSON every channel
 * is sent (see channelPayload), in the words Slack messages use.
 */
export function emailMessage(payload: Record<string, unknown>): { subject: string; text: string } {
  const type = oneLine(String(payload.type), 80);
  const team = payload.team as Named;
  const app = payload.app as Named | undefined;
  const profile = payload.profile as Named | undefined;
  const error = payload.error as { class: string; message: string } | null;
  const what = eventWords(payload, (value) => oneLine(value, 80));
  const subject =
    app && profile
      ? `Authdeck: ${what} for profile "${oneLine(profile.name, 80)}"`
      : `Authdeck: ${what}`;
  const lines = [
    `${subject}.`,
    "",
    `Event: ${type}`,
    `Time: ${oneLine(String(payload.timestamp), 40)}`,
    `Team: ${oneLine(team.name)}`,
    ...(app && profile ? [`App: ${oneLine(app.name)}`, `Profile: ${oneLine(profile.name)}`] : []),
    ...(error ? [`Error: ${oneLine(error.class, 80)}: ${oneLine(error.message, 500)}`] : []),
    ...(typeof payload.link === "string" ? [`Link: ${oneLine(payload.link, 300)}`] : []),
  ];
  return { subject, text: `${lines.join("\n")}\n` };
}
