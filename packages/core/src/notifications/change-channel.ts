import { recordAudit } from "../audit/record-audit.ts";
import { AppError, conflict, notFound } from "../errors/app-error.ts";
import { TEST_EVENT } from "../shared/notification-events.ts";
import type { Deps } from "../teams/deps.ts";
import { assertCan, type Member } from "../teams/member.ts";
import { channelPayload } from "./payload.ts";

type Ref = { channelId: string };

/** Reads a channel of the member's team; another team's answers NOT_FOUND like a missing one. */
async function findChannel(deps: Deps, member: Member, channelId: string) {
  const channel = await deps.db.notificationChannel.findFirst({
    where: { id: channelId, teamId: member.teamId },
  });
  if (!channel) throw notFound("Channel");
  return channel;
}

const audit = (member: Member, action: string, channelId: string, changes = {}) => ({
  teamId: member.teamId,
  actor: { userId: member.userId },
  action,
  targetType: "notificationChannel",
  targetId: channelId,
  changes,
});

/** Deletes a channel with its delivery log; pending deliveries go with it. */
export async function deleteChannel(deps: Deps, member: Member, input: Ref) {
  assertCan(member, "notification.manage");
  const channel = await findChannel(deps, member, input.channelId);
  await deps.db.$transaction(async (tx) => {
    await tx.notificationChannel.delete({ where: { id: channel.id } });
    await recordAudit(tx, audit(member, "notification.delete", channel.id, { name: channel.name }));
  });
  return { id: channel.id };
}

/** Pauses a channel by hand: its deliveries wait, unsent, until it is resumed. */
export async function pauseChannel(deps: Deps, member: Member, input: Ref) {
  assertCan(member, "notification.manage");
  const channel = await findChannel(deps, member, input.channelId);
  await deps.db.$transaction(async (tx) => {
    await tx.notificationChannel.update({
      where: { id: channel.id },
      data: { pausedAt: deps.now(), pausedReason: "Paused by a team admin" },
    });
    await recordAudit(tx, audit(member, "notification.pause", channel.id));
  });
  return { id: channel.id };
}

/** Resumes a channel: its waiting deliveries go out, and its failure count starts again. */
export async function resumeChannel(deps: Deps, member: Member, input: Ref) {
  assertCan(member, "notification.manage");
  const channel = await findChannel(deps, member, input.channelId);
  const now = deps.now();
  await deps.db.$transaction(async (tx) => {
    await tx.notificationChannel.update({
      where: { id: channel.id },
      data: { pausedAt: null, pausedReason: null, consecutiveFailures: 0 },
    });
    await tx.notificationDelivery.updateMany({
      where: { channelId: channel.id, status: "pending" },
      data: { nextAttemptAt: now },
    });
    await recordAudit(tx, audit(member, "notification.resume", channel.id));
  });
  return { id: channel.id };
}

/**
 * The least time between two test events of one channel. Any sign-up owns a team, so without it
 * "Send test event" would let anyone make Authdeck post or mail as fast as they can click.
 */
export const TEST_EVENT_GAP_MS = 30_000;

/** Queues a test event for the channel, delivered (and logged) like any other. */
export async function sendTestEvent(
  deps: Deps & { testEventGapMs?: number },
  member: Member,
  input: Ref,
) {
  assertCan(member, "notification.manage");
  const channel = await findChannel(deps, member, input.channelId);
  if (channel.pausedAt) throw conflict("This channel is paused: resume it first");
  const team = await deps.db.team.findUniqueOrThrow({ where: { id: member.teamId } });
  const now = deps.now();
  const gapMs = deps.testEventGapMs ?? TEST_EVENT_GAP_MS;
  const delivery = await deps.db.$transaction(async (tx) => {
    // Claimed with a guarded update, so two web processes cannot both pass within the gap.
    const { count } = await tx.notificationChannel.updateMany({
      where: {
        id: channel.id,
        OR: [{ lastTestAt: null }, { lastTestAt: { lte: new Date(now.getTime() - gapMs) } }],
      },
      data: { lastTestAt: now },
    });
    if (count === 0) {
      const last = channel.lastTestAt?.getTime() ?? now.getTime();
      const waitSeconds = Math.max(1, Math.ceil((last + gapMs - now.getTime()) / 1_000));
      throw new AppError(
        "RATE_LIMITED",
        `Wait ${waitSeconds} s before sending another test event`,
        { retryAfterSeconds: waitSeconds },
      );
    }
    const row = await tx.notificationDelivery.create({
      data: {
        teamId: member.teamId,
        channelId: channel.id,
        event: TEST_EVENT,
        payload: channelPayload(TEST_EVENT, now, { team: { id: team.id, name: team.name } }),
        nextAttemptAt: now,
      },
    });
    await recordAudit(tx, audit(member, "notification.test", channel.id));
    return row;
  });
  return { id: delivery.id };
}

/** A channel's newest deliveries, for its log (every member). */
export async function listDeliveries(deps: Deps, member: Member, input: Ref & { limit: number }) {
  assertCan(member, "notification.read");
  const channel = await findChannel(deps, member, input.channelId);
  const rows = await deps.db.notificationDelivery.findMany({
    where: { channelId: channel.id },
    orderBy: { createdAt: "desc" },
    take: input.limit,
  });
  return rows.map((d) => ({
    id: d.id,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    httpStatus: d.httpStatus,
    error: d.error,
    latencyMs: d.latencyMs,
    responseExcerpt: d.responseExcerpt,
    createdAt: d.createdAt,
    finishedAt: d.finishedAt,
    nextAttemptAt: d.nextAttemptAt,
  }));
}
