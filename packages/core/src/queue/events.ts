import { z } from "zod";
import type { TokenStatus } from "../db/generated/enums.ts";
import { API_CALL_STATUSES } from "../schemas/api-call.ts";
import { HEALTH_STATUSES } from "../shared/health-status.ts";
import { RUN_STATUSES } from "../shared/run-status.ts";
import type { RedisClient } from "./redis.ts";

/**
 * What the worker announces, and on which Redis channel. Messages hold ids and statuses only,
 * never secrets, and are hints: a subscriber re-reads the row, which is the truth.
 */
export const runChannel = (prefix: string, runId: string) => `${prefix}:events:run:${runId}`;
/** The channel on which a token state's changes are announced. */
export const tokenChannel = (prefix: string, stateId: string) =>
  `${prefix}:events:token:${stateId}`;
/** Every token change of a team, for its dashboard. */
export const teamTokenChannel = (prefix: string, teamId: string) =>
  `${prefix}:events:team-tokens:${teamId}`;

const TOKEN_STATUSES = [
  "fresh",
  "refreshing",
  "failing",
  "expired",
] as const satisfies readonly TokenStatus[];

export const runEvent = z.strictObject({ runId: z.uuid(), status: z.enum(RUN_STATUSES) });
export type RunEvent = z.infer<typeof runEvent>;

export const tokenEvent = z.strictObject({
  stateId: z.uuid(),
  teamId: z.uuid(),
  profileId: z.uuid(),
  status: z.enum(TOKEN_STATUSES),
});
export type TokenEvent = z.infer<typeof tokenEvent>;

/** A profile's health changed (its check's verdict turned, or the check was set up or off). */
export const healthEvent = z.strictObject({
  teamId: z.uuid(),
  profileId: z.uuid(),
  health: z.enum(HEALTH_STATUSES),
});
export type HealthEvent = z.infer<typeof healthEvent>;

/** A console's API call of a profile moved on (queued, running, answered or failed). */
export const apiCallEvent = z.strictObject({
  teamId: z.uuid(),
  profileId: z.uuid(),
  callId: z.uuid(),
  status: z.enum(API_CALL_STATUSES),
});
export type ApiCallEvent = z.infer<typeof apiCallEvent>;

/** The channel of a profile's console calls: its page's history and the call being watched. */
export const apiCallsChannel = (prefix: string, profileId: string) =>
  `${prefix}:events:api-calls:${profileId}`;

/**
 * A team's pages hear each of its tokens, the scheduler's "these are refreshing now", and each
 * change of a profile's health.
 */
export const teamTokensEvent = z.union([
  tokenEvent,
  z.strictObject({ status: z.literal("refreshing") }),
  healthEvent,
]);
export type TeamTokensEvent = z.infer<typeof teamTokensEvent>;

/** A channel together with the schema of its messages: what publishers and subscribers share. */
export type EventTopic<Event> = { channel: string; schema: z.ZodType<Event> };

export const runTopic = (prefix: string, runId: string): EventTopic<RunEvent> => ({
  channel: runChannel(prefix, runId),
  schema: runEvent,
});
export const tokenTopic = (prefix: string, stateId: string): EventTopic<TokenEvent> => ({
  channel: tokenChannel(prefix, stateId),
  schema: tokenEvent,
});
export const teamTokensTopic = (prefix: string, teamId: string): EventTopic<TeamTokensEvent> => ({
  channel: teamTokenChannel(prefix, teamId),
  schema: teamTokensEvent,
});

export const apiCallsTopic = (prefix: string, profileId: string): EventTopic<ApiCallEvent> => ({
  channel: apiCallsChannel(prefix, profileId),
  schema: apiCallEvent,
});

export type Publisher = Pick<RedisClient, "publish">;

/** Checks the message against its topic's schema, then publishes it. */
export async function publishEvent<Event>(
  publisher: Publisher,
  topic: EventTopic<Event>,
  event: Event,
): Promise<void> {
  await publisher.publish(topic.channel, JSON.stringify(topic.schema.parse(event)));
}

export const publishRunEvent = (publisher: Publisher, prefix: string, event: RunEvent) =>
  publishEvent(publisher, runTopic(prefix, event.runId), event);

/** A token's change goes to those waiting for that token and to its team's dashboards. */
export async function publishTokenEvent(publisher: Publisher, prefix: string, event: TokenEvent) {
  await publishEvent(publisher, tokenTopic(prefix, event.stateId), event);
  await publishEvent(publisher, teamTokensTopic(prefix, event.teamId), event);
}

/** A profile's health goes to its team's pages. */
export const publishHealthEvent = (publisher: Publisher, prefix: string, event: HealthEvent) =>
  publishEvent(publisher, teamTokensTopic(prefix, event.teamId), event);

/** A console call's progress goes to the pages of its profile. */
export const publishApiCallEvent = (publisher: Publisher, prefix: string, event: ApiCallEvent) =>
  publishEvent(publisher, apiCallsTopic(prefix, event.profileId), event);
