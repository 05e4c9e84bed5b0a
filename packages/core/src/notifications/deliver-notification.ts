import { SealError, type Sealer } from "../crypto/sealer.ts";
import type { Db } from "../db/client.ts";
import {
  DEFAULT_SEND_LIMITS,
  type SendLimits,
  sendRequest,
  TransportFailure,
} from "../http/send-request.ts";
import { teamAddressPolicy } from "../http/team-rules.ts";
import type { WorkObserver } from "../metrics/observer.ts";
import { recipientAllowed } from "../shared/email-addresses.ts";
import { sensitiveValues } from "../tokens/masking/answer-evidence.ts";
import { maskValues } from "../tokens/masking/mask-values.ts";
import { openChannelSecrets } from "./channel-secrets.ts";
import { DELIVERY_LEASE_MS } from "./claim-due-deliveries.ts";
import { emailMessage } from "./email-message.ts";
import { slackText } from "./payload.ts";
import { type MailSettings, sendEmail } from "./send-email.ts";
import { webhookHeaders } from "./sign-webhook.ts";

/** How hard a delivery tries, and when a channel that keeps failing is paused. */
export type DeliveryPolicy = {
  /** Sends of one delivery before it fails for good. */
  maxAttempts: number;
  /** The wait after the first failed send; each next one doubles it. */
  firstRetryMs: number;
  /** Deliveries in a row that failed for good before the channel is paused. */
  pauseAfter: number;
};

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  maxAttempts: 6,
  firstRetryMs: 10_000,
  pauseAfter: 5,
};

export type DeliveryDeps = {
  db: Db;
  sealer: Sealer;
  now: () => Date;
  egressAllow: readonly string[];
  egressTeamMayAllow: readonly string[];
  deliveryPolicy?: DeliveryPolicy | undefined;
  sendLimits?: SendLimits | undefined;
  /** Told of every send's outcome (the worker's metrics). */
  metrics?: Pick<WorkObserver, "notificationSent"> | undefined;
  /** The operator's SMTP settings; without them, email deliveries fail with the reason. */
  mail?: MailSettings | null | undefined;
};

const EXCERPT_CHARS = 500;

type Sent = {
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  excerpt: string | null;
  latencyMs: number;
};

/**
 * Sends one claimed delivery once, through the egress guard like a token request (a channel
 * URL to a metadata or private address is refused the same way), and writes the outcome while
 * the claim holds. A failed send is tried again later, each wait twice the one before, until
 * `maxAttempts`; a delivery that failed for good counts against its channel, which is paused,
 * with the reason, after `pauseAfter` of them in a row.
 */
export async function deliverNotification(
  deps: DeliveryDeps,
  input: { deliveryId: string; lease: Date },
): Promise<"delivered" | "retrying" | "failed" | "skipped"> {
  const policy = deps.deliveryPolicy ?? DEFAULT_DELIVERY_POLICY;
  // The claim's lease started when the scheduler claimed the row, not when this job started: a
  // job that waited in the queue could send near the lease's end, while the row, claimed again,
  // is sent by another job. Renewing the lease first, atomically, gives the send a whole lease
  // (longer than its deadline) and tells a job whose claim was taken over to leave it.
  const lease = new Date(deps.now().getTime() + DELIVERY_LEASE_MS);
  const renewed = await deps.db.notificationDelivery.updateMany({
    where: { id: input.deliveryId, leaseUntil: input.lease, status: "pending" },
    data: { leaseUntil: lease },
  });
  if (renewed.count === 0) return "skipped";
  const delivery = await deps.db.notificationDelivery.findFirst({
    where: { id: input.deliveryId, leaseUntil: lease, status: "pending" },
    include: { channel: { include: { team: { select: { egressAllowlist: true } } } } },
  });
  if (!delivery) return "skipped";
  const { channel } = delivery;
  if (channel.pausedAt) {
    await deps.db.notificationDelivery.updateMany({
      where: { id: delivery.id, leaseUntil: lease },
      data: { leaseUntil: null },
    });
    return "skipped";
  }
  let sent: Sent;
  try {
    sent = await sendDelivery(deps, delivery, channel);
  } catch (error) {
    // A sealed value no key opens (a sealing key dropped too soon) fails every attempt the same
    // way: counted like a failed send, so the channel is paused with the reason instead of
    // being claimed again forever, holding back its later deliveries.
    if (!(error instanceof SealError)) throw error;
    sent = {
      ok: false,
      httpStatus: null,
      error:
        "The channel's URL or signing secret could not be opened: its sealing key is not in AUTHDECK_SEALING_KEYS",
      excerpt: null,
      latencyMs: 0,
    };
  }

  const at = deps.now();
  const attempts = delivery.attempts + 1;
  const outcome = sent.ok ? "delivered" : attempts >= policy.maxAttempts ? "failed" : "retrying";
  const written = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.notificationDelivery.updateMany({
      where: { id: delivery.id, leaseUntil: lease },
      data: {
        attempts,
        httpStatus: sent.httpStatus,
        error: sent.error,
        latencyMs: sent.latencyMs,
        responseExcerpt: sent.excerpt,
        leaseUntil: null,
        ...(outcome === "retrying"
          ? { nextAttemptAt: new Date(at.getTime() + policy.firstRetryMs * 2 ** (attempts - 1)) }
          : { status: outcome, finishedAt: at }),
      },
    });
    if (count === 0) return false;
    if (outcome === "delivered" && channel.consecutiveFailures > 0)
      await tx.notificationChannel.update({
        where: { id: channel.id },
        data: { consecutiveFailures: 0 },
      });
    if (outcome === "failed") {
      const failures = channel.consecutiveFailures + 1;
      const pause = failures >= policy.pauseAfter;
      await tx.notificationChannel.update({
        where: { id: channel.id },
        data: {
          consecutiveFailures: failures,
          ...(pause
            ? {
                pausedAt: at,
                pausedReason: `Paused after ${failures} deliveries in a row failed; the last: ${sent.error}`,
              }
            : {}),
        },
      });
    }
    return true;
  });
  if (written)
    deps.metrics?.notificationSent({ kind: channel.kind, outcome, durationMs: sent.latencyMs });
  return written ? outcome : "skipped";
}

type ChannelToSend = {
  id: string;
  kind: string;
  urlSealed: string | null;
  signingSecretSealed: string | null;
  recipients: string[];
  team: { egressAllowlist: string[] };
};

/** Sends the delivery once the channel's way; only the send differs between kinds. */
function sendDelivery(
  deps: DeliveryDeps,
  delivery: { id: string; payload: unknown },
  channel: ChannelToSend,
): Promise<Sent> {
  const payload = delivery.payload as Record<string, unknown>;
  return channel.kind === "email"
    ? sendEmailDelivery(deps, delivery, payload, channel.recipients)
    : sendHttpDelivery(deps, delivery, payload, channel);
}

async function sendEmailDelivery(
  deps: DeliveryDeps,
  delivery: { id: string },
  payload: Record<string, unknown>,
  recipients: readonly string[],
): Promise<Sent> {
  const refused = (error: string): Sent => ({
    ok: false,
    httpStatus: null,
    error,
    excerpt: null,
    latencyMs: 0,
  });
  if (!deps.mail)
    return refused(
      "Email is not set up on the worker: set SMTP_URL, SMTP_FROM and SMTP_RECIPIENT_DOMAINS",
    );
  // Checked again at each send: the operator may have narrowed the domains since the channel
  // was added, and the narrower list wins.
  const { recipientDomains } = deps.mail;
  const allowed = recipients.filter((address) => recipientAllowed(address, recipientDomains));
  if (allowed.length === 0)
    return refused(
      `None of the channel's addresses is at a domain in SMTP_RECIPIENT_DOMAINS (${recipientDomains.join(", ")})`,
    );
  const sent = await sendEmail(deps.mail, deps.sendLimits ?? DEFAULT_SEND_LIMITS, {
    to: allowed,
    messageId: `<${delivery.id}@authdeck>`,
    ...emailMessage(payload),
  });
  const left = recipients.length - allowed.length;
  const note = left > 0 ? `${left} address(es) not sent to: outside SMTP_RECIPIENT_DOMAINS` : null;
  return {
    ok: sent.ok,
    httpStatus: sent.code,
    error: [sent.error, note].filter(Boolean).join("; ") || null,
    excerpt: null,
    latencyMs: sent.latencyMs,
  };
}

/** Builds the channel's HTTP request (signed for a webhook) and sends it once. */
async function sendHttpDelivery(
  deps: DeliveryDeps,
  delivery: { id: string },
  payload: Record<string, unknown>,
  channel: ChannelToSend,
): Promise<Sent> {
  const secrets = openChannelSecrets(deps.sealer, channel);
  if (!secrets.url) throw new Error(`Channel ${channel.id} of kind ${channel.kind} has no URL`);
  const body = JSON.stringify(channel.kind === "slack" ? { text: slackText(payload) } : payload);
  const headers: Array<[string, string]> = [["content-type", "application/json"]];
  if (secrets.signingSecret)
    headers.push(
      ...webhookHeaders(secrets.signingSecret, { id: delivery.id, at: deps.now(), body }),
    );
  // A receiver may echo what it was sent: its path (a Slack URL's secret part) included.
  // Also the path alone, with and without its slash (when long enough to be a credential rather
  // than a word any answer holds), and the signing key without its prefix.
  const { pathname, search } = new URL(secrets.url);
  const pathAlone = [pathname, pathname.slice(1)].filter((v) => v.length >= 8);
  const hidden = [
    secrets.url,
    `${pathname}${search}`,
    ...pathAlone,
    secrets.signingSecret,
    secrets.signingSecret?.replace(/^whsec_/, ""),
  ].filter((v): v is string => Boolean(v) && v !== "/");
  return send(deps, channel.team.egressAllowlist, { url: secrets.url, headers, body }, hidden);
}

async function send(
  deps: DeliveryDeps,
  teamRules: readonly string[],
  request: { url: string; headers: Array<[string, string]>; body: string },
  hidden: readonly string[],
): Promise<Sent> {
  const policy = teamAddressPolicy(
    { allow: deps.egressAllow, teamMayAllow: deps.egressTeamMayAllow },
    teamRules,
  );
  const mask = (text: string) => {
    const masked = maskValues(text, sensitiveValues(hidden, null));
    return masked.ok
      ? masked.text.slice(0, EXCERPT_CHARS)
      : "(not shown: it held a secret of this channel)";
  };
  try {
    const answer = await sendRequest(
      { method: "POST", ...request },
      { policy, ...(deps.sendLimits ? { limits: deps.sendLimits } : {}) },
    );
    const ok = answer.status >= 200 && answer.status < 300;
    return {
      ok,
      httpStatus: answer.status,
      error: ok ? null : `The receiver answered ${answer.status}`,
      excerpt: answer.body ? mask(answer.body) : null,
      latencyMs: answer.durationMs,
    };
  } catch (error) {
    if (!(error instanceof TransportFailure)) throw error;
    return {
      ok: false,
      httpStatus: null,
      error: mask(error.message),
      excerpt: null,
      latencyMs: error.durationMs,
    };
  }
}
