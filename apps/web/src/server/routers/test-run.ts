import { AppError } from "@authdeck/core/errors";
import * as schemas from "@authdeck/core/schemas";
import * as tests from "@authdeck/core/tests";
import { toTRPCError } from "../errors.ts";
import { runWakeUps } from "../events.ts";
import { createRouter, teamProcedure } from "../trpc.ts";

const FINAL = new Set(["succeeded", "failed"]);

export const testRunRouter = createRouter({
  start: teamProcedure("profile.test")
    .input(schemas.startTestInput)
    .mutation(({ ctx, input }) => tests.startTest(ctx, ctx.member, input)),
  get: teamProcedure("profile.read")
    .input(schemas.runRef)
    .query(({ ctx, input }) => tests.getRun(ctx, ctx.member, input)),
  list: teamProcedure("profile.read")
    .input(schemas.listRunsInput)
    .query(({ ctx, input }) => tests.listRuns(ctx, ctx.member, input)),
  /** The run as it changes, read from its row each time, until it reaches a verdict. */
  onUpdate: teamProcedure("profile.read")
    .input(schemas.runRef)
    .subscription(async function* ({ ctx, input, signal }) {
      try {
        const wakeUps = runWakeUps(ctx.queuePrefix, input.runId, signal);
        let run = await tests.getRun(ctx, ctx.member, input);
        yield run;
        if (FINAL.has(run.status)) return;
        for await (const _ of wakeUps) {
          const next = await tests.getRun(ctx, ctx.member, input);
          if (next.status !== run.status || next.attempts !== run.attempts) yield next;
          run = next;
          if (FINAL.has(run.status)) return;
        }
      } catch (error) {
        // Thrown while streaming, past every middleware: map domain errors here, or a missing
        // run would reach the browser as an internal error.
        throw error instanceof AppError ? toTRPCError(error) : error;
      }
    }),
});
