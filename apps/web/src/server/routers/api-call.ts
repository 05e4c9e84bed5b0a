import "server-only";
import { apiCallsTopic } from "@authdeck/core/queue";
import * as requestConsole from "@authdeck/core/request-console";
import * as schemas from "@authdeck/core/schemas";
import { liveStream } from "../streams.ts";
import { createRouter, teamProcedure } from "../trpc.ts";

/** The request console ("Try a request"): calls made with a profile's token, and their history. */
export const apiCallRouter = createRouter({
  /** Queues a request; the worker sends it. Editors and above. */
  send: teamProcedure("profile.test")
    .input(schemas.sendApiCallInput)
    .output(schemas.sentApiCallOutput)
    .mutation(({ ctx, input }) => requestConsole.sendApiCall(ctx, ctx.member, input)),
  /** A profile's latest requests with who sent them (viewers and above). */
  list: teamProcedure("profile.read")
    .input(schemas.listApiCallsInput)
    .output(schemas.listApiCallsOutput)
    .query(({ ctx, input }) => requestConsole.listApiCalls(ctx, ctx.member, input)),
  get: teamProcedure("profile.read")
    .input(schemas.apiCallRef)
    .output(schemas.apiCallOutput)
    .query(({ ctx, input }) => requestConsole.getApiCall(ctx, ctx.member, input)),
  /** One request as it moves on, until it has its answer (or its failure). */
  onUpdate: teamProcedure("profile.read")
    .input(schemas.apiCallRef)
    .subscription(({ ctx, input, signal }) =>
      liveStream(ctx, signal, {
        topic: apiCallsTopic(ctx.queuePrefix, input.profileId),
        pollMs: 3_000,
        read: async () =>
          schemas.apiCallOutput.parse(await requestConsole.getApiCall(ctx, ctx.member, input)),
        changed: (before, after) => before.status !== after.status,
        final: schemas.isCallOver,
      }),
    ),
  /** The history again whenever a request of the profile moves on. */
  onList: teamProcedure("profile.read")
    .input(schemas.listApiCallsInput)
    .subscription(({ ctx, input, signal }) =>
      liveStream(ctx, signal, {
        topic: apiCallsTopic(ctx.queuePrefix, input.profileId),
        pollMs: 10_000,
        read: async () =>
          schemas.listApiCallsOutput.parse(
            await requestConsole.listApiCalls(ctx, ctx.member, input),
          ),
      }),
    ),
});
