import "server-only";
import * as health from "@authdeck/core/health-checks";
import { publishHealthEvent, teamTokensTopic } from "@authdeck/core/queue";
import * as schemas from "@authdeck/core/schemas";
import { liveStream } from "../streams.ts";
import { createRouter, teamProcedure } from "../trpc.ts";

export const healthCheckRouter = createRouter({
  /** A profile's check and its latest results. */
  get: teamProcedure("profile.read")
    .input(schemas.profileRef)
    .output(schemas.healthCheckOutput)
    .query(({ ctx, input }) => health.getHealthCheck(ctx, ctx.member, input)),
  /** The check and its results again whenever a health or token of the team changes. */
  onChange: teamProcedure("profile.read")
    .input(schemas.profileRef)
    .subscription(({ ctx, input, signal }) =>
      liveStream(ctx, signal, {
        topic: teamTokensTopic(ctx.queuePrefix, ctx.member.teamId),
        pollMs: 10_000,
        read: async () =>
          schemas.healthCheckOutput.parse(await health.getHealthCheck(ctx, ctx.member, input)),
      }),
    ),
  /** Each profile's health in an app, for the profile list. */
  ofApp: teamProcedure("profile.read")
    .input(schemas.appRef)
    .output(schemas.appHealthOutput)
    .query(({ ctx, input }) => health.appHealth(ctx, ctx.member, input)),
  onAppChange: teamProcedure("profile.read")
    .input(schemas.appRef)
    .subscription(({ ctx, input, signal }) =>
      liveStream(ctx, signal, {
        topic: teamTokensTopic(ctx.queuePrefix, ctx.member.teamId),
        pollMs: 10_000,
        read: async () =>
          schemas.appHealthOutput.parse(await health.appHealth(ctx, ctx.member, input)),
      }),
    ),
  save: teamProcedure("profile.write")
    .input(schemas.saveHealthCheckInput)
    .output(schemas.savedHealthCheckOutput)
    .mutation(async ({ ctx, input }) => {
      const saved = await health.saveHealthCheck(ctx, ctx.member, input);
      // Pages showing the profile's health hear that it starts over (or stops). A hint only:
      // with Redis away the check is saved all the same, and pages catch up on their next read.
      await publishHealthEvent(ctx.redis, ctx.queuePrefix, {
        teamId: ctx.member.teamId,
        profileId: input.profileId,
        health: saved.status,
      }).catch((error: unknown) => ctx.log.warn({ err: error }, "health event not published"));
      return { id: saved.id };
    }),
  /** The check runs now instead of at its next time. */
  checkNow: teamProcedure("profile.test")
    .input(schemas.profileRef)
    .output(schemas.checkHealthNowOutput)
    .mutation(({ ctx, input }) => health.checkHealthNow(ctx, ctx.member, input)),
});
