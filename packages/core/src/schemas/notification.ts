import { z } from "zod";
import { MAX_EMAIL_RECIPIENTS, splitAddresses } from "../shared/email-addresses.ts";
import { CHANNEL_KINDS, NOTIFICATION_EVENTS } from "../shared/notification-events.ts";
import { idSchema, nameSchema } from "./common.ts";
import { teamRef } from "./team.ts";

const channelUrl = z
  .string()
  .trim()
  .min(1, "URL is required")
  .max(3000, "URL must be at most 3000 characters")
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "https:" || url.protocol === "http:";
    } catch {
      return false;
    }
  }, "Enter a full http:// or https:// URL");

const emailAddress = z.email().max(254);

/** The problem with the recipients as typed (split by the form), naming the bad ones. */
function recipientsProblem(addresses: readonly string[]): string | null {
  const bad = addresses.filter((address) => !emailAddress.safeParse(address).success);
  if (addresses.length === 0) return "Enter at least one email address";
  if (bad.length > 0)
    return `Enter valid email addresses: ${bad.slice(0, 3).join(", ").slice(0, 200)}`;
  if (addresses.length > MAX_EMAIL_RECIPIENTS)
    return `Enter at most ${MAX_EMAIL_RECIPIENTS} email addresses`;
  return null;
}

const recipientsOf = (values: readonly string[] = []) => splitAddresses(values.join("\n"));

/**
 * A webhook or Slack channel is sent to a URL, an email channel to addresses: each kind's field
 * is checked (with the other fields, so every problem shows at once), the other one ignored.
 */
export const createChannelInput = teamRef
  .extend({
    kind: z.enum(CHANNEL_KINDS, { message: "Choose Webhook, Slack or Email" }),
    name: nameSchema("Channel name"),
    url: z.string().max(10_000).optional(),
    recipients: z.array(z.string().max(1_000)).max(100).optional(),
    events: z
      .array(z.enum(NOTIFICATION_EVENTS, { message: "Unknown event" }))
      .min(1, "Choose at least one event")
      .max(NOTIFICATION_EVENTS.length),
    /** Empty: every app of the team, those made later included. */
    appIds: z.array(idSchema).max(100).default([]),
  })
  .superRefine(({ kind, url, recipients }, ctx) => {
    if (kind === "email") {
      const problem = recipientsProblem(recipientsOf(recipients));
      if (problem) ctx.addIssue({ code: "custom", path: ["recipients"], message: problem });
      return;
    }
    for (const issue of channelUrl.safeParse(url ?? "").error?.issues ?? [])
      ctx.addIssue({ code: "custom", path: ["url"], message: issue.message });
  })
  .transform(({ url, recipients, ...input }) =>
    input.kind === "email"
      ? { ...input, kind: input.kind, recipients: recipientsOf(recipients) }
      : { ...input, kind: input.kind, url: channelUrl.parse(url) },
  );
export type CreateChannelInput = z.infer<typeof createChannelInput>;
/** A new channel's settings, one shape per kind (the team comes from the acting member). */
export type ChannelSettings = CreateChannelInput extends infer T
  ? T extends unknown
    ? Omit<T, "teamId">
    : never
  : never;

export const channelRef = teamRef.extend({ channelId: idSchema });
export const listDeliveriesInput = channelRef.extend({
  limit: z.number().int().min(1).max(100).default(50),
});

const channelSummary = z.object({
  id: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  name: z.string(),
  target: z.string(),
  /** Email channels: where they are sent (not a credential, so every member sees them). */
  recipients: z.array(z.string()),
  events: z.array(z.string()),
  apps: z.array(z.object({ id: z.string(), name: z.string() })),
  pausedAt: z.date().nullable(),
  pausedReason: z.string().nullable(),
  consecutiveFailures: z.number(),
  createdAt: z.date(),
});
export const listChannelsOutput = z.array(channelSummary);
/** The one answer that carries a webhook's signing secret: shown once, stored sealed. */
export const createChannelOutput = z.object({
  id: z.string(),
  signingSecret: z.string().nullable(),
});
export const channelIdOutput = z.object({ id: z.string() });
export const listDeliveriesOutput = z.array(
  z.object({
    id: z.string(),
    event: z.string(),
    status: z.enum(["pending", "delivered", "failed"]),
    attempts: z.number(),
    httpStatus: z.number().nullable(),
    error: z.string().nullable(),
    latencyMs: z.number().nullable(),
    responseExcerpt: z.string().nullable(),
    createdAt: z.date(),
    finishedAt: z.date().nullable(),
    nextAttemptAt: z.date(),
  }),
);
