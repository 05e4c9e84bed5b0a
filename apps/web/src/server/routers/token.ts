import { AppError } from "@authdeck/core/errors";
import { teamTokenChannel } from "@authdeck/core/queue";
import * as schemas from "@authdeck/core/schemas";
import * as tokens from "@authdeck/core/tokens";
import { toTRPCError } from "../errors.ts";
import { wakeUps } from "../events.ts";
import { createRouter, teamProcedure } from "../trpc.ts";

export const tokenRouter = createRouter({
  dashboard: teamProcedure("profile.read")
    .input(schemas.appRef)
    .query(({ ctx, input }) => tokens.tokenDashboard(ctx, ctx.member, input)),
  /** The dashboard at once, then again whenever one of the team's tokens changes. */
  onChange: teamProcedure("profile.read")
    .input(schemas.appRef)
    .subscription(async function* ({ ctx, input, signal }) {
      try {
        // Sent on every (re)connection, so nothing missed while disconnected stays missed.
        yield await tokens.tokenDashboard(ctx, ctx.member, input);
        for await (const _ of wakeUps(
          teamTokenChannel(ctx.queuePrefix, ctx.member.teamId),
          signal,
          10_000,
        )) {
          yield await tokens.tokenDashboard(ctx, ctx.member, input);
        }
      } catch (error) {
        throw error instanceof AppError ? toTRPCError(error) : error;
      }
    }),
  setAutoRefresh: teamProcedure("profile.write")
    .input(schemas.setAutoRefreshInput)
    .mutation(({ ctx, input }) => tokens.setAutoRefresh(ctx, ctx.member, input)),
  refreshNow: teamProcedure("profile.test")
    .input(schemas.profileRef)
    .mutation(({ ctx, input }) => tokens.refreshNow(ctx, ctx.member, input)),
});
