import { z } from "zod";
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

export const createChannelInput = teamRef.extend({
  kind: z.enum(CHANNEL_KINDS, { message: "Choose Webhook or Slack" }),
  name: nameSchema("Channel name"),
  url: channelUrl,
  events: z
    .array(z.enum(NOTIFICATION_EVENTS, { message: "Unknown event" }))
    .min(1, "Choose at least one event")
    .max(NOTIFICATION_EVENTS.length),
  /** Empty: every app of the team, those made later included. */
  appIds: z.array(idSchema).max(100).default([]),
});
export type CreateChannelInput = z.infer<typeof createChannelInput>;

export const channelRef = teamRef.extend({ channelId: idSchema });
export const listDeliveriesInput = channelRef.extend({
  limit: z.number().int().min(1).max(100).default(50),
});

const channelSummary = z.object({
  id: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  name: z.string(),
  target: z.string(),
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
