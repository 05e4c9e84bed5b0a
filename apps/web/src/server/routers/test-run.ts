import "server-only";
import { isRunOver } from "@authdeck/core/client";
import { runTopic } from "@authdeck/core/queue";
import * as schemas from "@authdeck/core/schemas";
import * as tests from "@authdeck/core/test-runs";
import { liveStream } from "../streams.ts";
import { createRouter, teamProcedure } from "../trpc.ts";
import { readWhenDone } from "../verdict-wait.ts";

export const testRunRouter = createRouter({
  /** Queues a test; the verdict comes with the answer when it is there within a short wait. */
  start: teamProcedure("profile.test")
    .input(schemas.startTestInput)
    .output(schemas.startTestOutput)
    .mutation(async ({ ctx, input, signal }) => {
      const { runId } = await tests.startTest(ctx, ctx.member, input);
      const run = await readWhenDone(
        runTopic(ctx.queuePrefix, runId),
        async () =>
          schemas.runOutput.parse(await tests.getRun(ctx, ctx.member, { ...input, runId })),
        isRunOver,
        ctx.limits.testVerdictWaitMs,
        signal,
      );
      return { runId, run };
    }),
  /** Ends a queued or running test with a "cancelled" verdict; one with a verdict keeps it. */
  cancel: teamProcedure("profile.test")
    .input(schemas.runRef)
    .output(schemas.runOutput)
    .mutation(({ ctx, input }) => tests.cancelTest(ctx, ctx.member, input)),
  /** The token a passed test obtained, for the clipboard; audited, editors and above. */
  revealToken: teamProcedure("profile.test")
    .input(schemas.runRef)
    .output(schemas.revealRunTokenOutput)
    .mutation(({ ctx, input }) => tests.revealRunToken(ctx, ctx.member, input)),
  get: teamProcedure("profile.read")
    .input(schemas.runRef)
    .output(schemas.runOutput)
    .query(({ ctx, input }) => tests.getRun(ctx, ctx.member, input)),
  list: teamProcedure("profile.read")
    .input(schemas.listRunsInput)
    .output(schemas.listRunsOutput)
    .query(({ ctx, input }) => tests.listRuns(ctx, ctx.member, input)),
  /**
   * The run as it changes, read from its row each time, until it reaches a verdict. A stream
   * has no `.output()` (tRPC would check the stream, not its values): each value is parsed.
   */
  onUpdate: teamProcedure("profile.read")
    .input(schemas.runRef)
    .subscription(({ ctx, input, signal }) =>
      liveStream(ctx, signal, {
        topic: runTopic(ctx.queuePrefix, input.runId),
        pollMs: 3_000,
        read: async () => schemas.runOutput.parse(await tests.getRun(ctx, ctx.member, input)),
        // A delivery after a worker crash starts the run again without changing its status.
        changed: (before, after) =>
          after.status !== before.status ||
          after.httpAttempts !== before.httpAttempts ||
          after.deliveries !== before.deliveries ||
          after.attemptError !== before.attemptError ||
          after.retryAt?.getTime() !== before.retryAt?.getTime(),
        final: isRunOver,
      }),
    ),
});
