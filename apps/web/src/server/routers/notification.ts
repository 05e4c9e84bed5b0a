import "server-only";
import * as notifications from "@authdeck/core/notifications";
import * as schemas from "@authdeck/core/schemas";
import { createRouter, teamProcedure } from "../trpc.ts";

/** A team's notification channels: every member reads them, admins manage them. */
export const notificationRouter = createRouter({
  list: teamProcedure("notification.read")
    .input(schemas.teamRef)
    .output(schemas.listChannelsOutput)
    .query(({ ctx }) => notifications.listChannels(ctx, ctx.member)),
  deliveries: teamProcedure("notification.read")
    .input(schemas.listDeliveriesInput)
    .output(schemas.listDeliveriesOutput)
    .query(({ ctx, input }) => notifications.listDeliveries(ctx, ctx.member, input)),
  create: teamProcedure("notification.manage")
    .input(schemas.createChannelInput)
    .output(schemas.createChannelOutput)
    .mutation(({ ctx, input }) => notifications.createChannel(ctx, ctx.member, input)),
  delete: teamProcedure("notification.manage")
    .input(schemas.channelRef)
    .output(schemas.channelIdOutput)
    .mutation(({ ctx, input }) => notifications.deleteChannel(ctx, ctx.member, input)),
  pause: teamProcedure("notification.manage")
    .input(schemas.channelRef)
    .output(schemas.channelIdOutput)
    .mutation(({ ctx, input }) => notifications.pauseChannel(ctx, ctx.member, input)),
  resume: teamProcedure("notification.manage")
    .input(schemas.channelRef)
    .output(schemas.channelIdOutput)
    .mutation(({ ctx, input }) => notifications.resumeChannel(ctx, ctx.member, input)),
  sendTest: teamProcedure("notification.manage")
    .input(schemas.channelRef)
    .output(schemas.channelIdOutput)
    .mutation(({ ctx, input }) => notifications.sendTestEvent(ctx, ctx.member, input)),
});
