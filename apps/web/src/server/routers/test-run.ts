import { runChannel } from "@authdeck/core/queue";
import * as schemas from "@authdeck/core/schemas";
import * as tests from "@authdeck/core/test-runs";
import { liveStream } from "../streams.ts";
import { createRouter, teamProcedure } from "../trpc.ts";

const FINAL = new Set(["succeeded", "failed", "cancelled"]);

export const testRunRouter = createRouter({
  start: teamProcedure("profile.test")
    .input(schemas.startTestInput)
    .mutation(({ ctx, input }) => tests.startTest(ctx, ctx.member, input)),
  /** Ends a queued or running test with a "cancelled" verdict; one with a verdict keeps it. */
  cancel: teamProcedure("profile.test")
    .input(schemas.runRef)
    .mutation(({ ctx, input }) => tests.cancelTest(ctx, ctx.member, input)),
  get: teamProcedure("profile.read")
    .input(schemas.runRef)
    .query(({ ctx, input }) => tests.getRun(ctx, ctx.member, input)),
  list: teamProcedure("profile.read")
    .input(schemas.listRunsInput)
    .query(({ ctx, input }) => tests.listRuns(ctx, ctx.member, input)),
  /** The run as it changes, read from its row each time, until it reaches a verdict. */
  onUpdate: teamProcedure("profile.read")
    .input(schemas.runRef)
    .subscription(({ ctx, input, signal }) =>
      liveStream(ctx, signal, {
        channel: runChannel(ctx.queuePrefix, input.runId),
        pollMs: 3_000,
        read: () => tests.getRun(ctx, ctx.member, input),
        changed: (before, after) =>
          after.status !== before.status ||
          after.attempts !== before.attempts ||
          after.attemptError !== before.attemptError ||
          after.retryAt?.getTime() !== before.retryAt?.getTime(),
        final: (run) => FINAL.has(run.status),
      }),
    ),
});
