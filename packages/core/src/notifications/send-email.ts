import { createTransport } from "nodemailer";
import type { SendLimits } from "../http/send-request.ts";
import { sensitiveValues } from "../tokens/masking/answer-evidence.ts";
import { maskValues } from "../tokens/masking/mask-values.ts";

/** The operator's SMTP server (SMTP_URL, user and password inside) and the sender (SMTP_FROM). */
export type MailSettings = { url: string; from: string; recipientDomains: readonly string[] };

export type EmailSent = {
  ok: boolean;
  /** The SMTP server's reply code, when it answered one. */
  code: number | null;
  error: string | null;
  latencyMs: number;
};

type SmtpError = Error & { code?: string; responseCode?: number; response?: string };

const ERROR_CHARS = 500;

/**
 * Sends one message through the operator's SMTP server. That server is not held to the team
 * egress rules: the operator chose it in SMTP_URL, a team only chooses the recipients, and the
 * mail is relayed by the server, never sent to an address a team picked.
 * A delivery's limits bound the connection, the greeting and each silence of the server, and
 * `totalMs` the whole send, so a server that stalls cannot hold a worker's slot.
 */
export async function sendEmail(
  mail: MailSettings,
  limits: SendLimits,
  message: { to: readonly string[]; messageId: string; subject: string; text: string },
): Promise<EmailSent> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const transport = createTransport({
    url: mail.url,
    connectionTimeout: limits.connectMs,
    greetingTimeout: limits.headersMs,
    socketTimeout: limits.bodyMs,
    // The message is text the worker wrote: it must never read a file or a URL into it.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          Object.assign(
            new Error(`No answer within ${limits.totalMs} ms, the deadline for one attempt`),
            {
              code: "ETIMEDOUT",
            },
          ),
        ),
      limits.totalMs,
    );
  });
  try {
    const info = await Promise.race([
      transport.sendMail({
        from: mail.from,
        // Blind copies only: a recipient does not see who else the channel mails.
        bcc: [...message.to],
        // One id per delivery, the same on every retry: a late accept after our deadline makes
        // a second copy that mail clients and servers can recognise as the same message.
        messageId: message.messageId,
        subject: message.subject,
        text: message.text,
      }),
      deadline,
    ]);
    // The server took the message for some recipients and refused others: delivered, and said.
    const refused = (info.rejected ?? []).map(String);
    const error = refused.length
      ? `The SMTP server refused ${refused.slice(0, 3).join(", ").slice(0, 200)}`
      : null;
    return { ok: true, code: 250, error, latencyMs: elapsed() };
  } catch (error) {
    const failure = error as SmtpError;
    return {
      ok: false,
      code: failure.responseCode ?? null,
      error: maskSmtpSettings(mail.url, `The SMTP server refused or failed: ${failure.message}`),
      latencyMs: elapsed(),
    };
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}

/** An SMTP error's text without SMTP_URL, its user and password in any spelling, cut short. */
export function maskSmtpSettings(smtpUrl: string, text: string): string {
  const url = new URL(smtpUrl);
  const decoded = (value: string) => {
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  };
  // The user name too when long enough to be an id rather than a word (some services use an
  // access key id as the SMTP user).
  const hidden = [
    smtpUrl,
    `${url.username}:${url.password}`,
    url.password,
    decoded(url.password),
    ...(url.username.length >= 6 ? [url.username, decoded(url.username)] : []),
  ].filter((value) => value.length >= 3);
  const masked = maskValues(text, sensitiveValues(hidden, null));
  return masked.ok ? masked.text.slice(0, ERROR_CHARS) : "(not shown: it held the SMTP settings)";
}
