import "server-only";
import { teamTokensTopic } from "@authdeck/core/queue";
import * as schemas from "@authdeck/core/schemas";
import * as tokens from "@authdeck/core/tokens";
import { liveStream } from "../streams.ts";
import { createRouter, teamProcedure } from "../trpc.ts";

export const tokenRouter = createRouter({
  dashboard: teamProcedure("profile.read")
    .input(schemas.appRef)
    .output(schemas.tokenDashboardOutput)
    .query(({ ctx, input }) => tokens.tokenDashboard(ctx, ctx.member, input)),
  /**
   * The dashboard at once, sent on every (re)connection so nothing missed while disconnected
   * stays missed, then again whenever one of the team's tokens changes. Each value is parsed
   * as `dashboard`'s output is.
   */
  onChange: teamProcedure("profile.read")
    .input(schemas.appRef)
    .subscription(({ ctx, input, signal }) =>
      liveStream(ctx, signal, {
        topic: teamTokensTopic(ctx.queuePrefix, ctx.member.teamId),
        pollMs: 10_000,
        read: async () =>
          schemas.tokenDashboardOutput.parse(await tokens.tokenDashboard(ctx, ctx.member, input)),
      }),
    ),
  /** The tenants the Test dialog offers for a profile with tenancy. */
  recentTenants: teamProcedure("profile.read")
    .input(schemas.profileRef)
    .output(schemas.recentTenantsOutput)
    .query(({ ctx, input }) => tokens.listRecentTenants(ctx, ctx.member, input)),
  setAutoRefresh: teamProcedure("profile.write")
    .input(schemas.setAutoRefreshInput)
    .output(schemas.setAutoRefreshOutput)
    .mutation(({ ctx, input }) => tokens.setAutoRefresh(ctx, ctx.member, input)),
  /** RFC 7009: revokes the stored token at the provider, then discards it. */
  revoke: teamProcedure("profile.test")
    .input(schemas.storedTokenRef)
    .output(schemas.revokeTokenOutput)
    .mutation(({ ctx, input }) => tokens.revokeToken(ctx, ctx.member, input)),
  /**
   * RFC 7009 for every live token of the profile: before deleting it, or after its Client Secret
   * Key was replaced.
   */
  revokeAll: teamProcedure("profile.test")
    .input(schemas.profileRef)
    .output(schemas.revokeAllTokensOutput)
    .mutation(({ ctx, input }) => tokens.revokeProfileTokens(ctx, ctx.member, input)),
  /** RFC 7662: what the provider says of the stored token (a mutation: it sends the token). */
  inspect: teamProcedure("profile.test")
    .input(schemas.storedTokenRef)
    .output(schemas.inspectTokenOutput)
    .mutation(({ ctx, input }) => tokens.inspectToken(ctx, ctx.member, input)),
  refreshNow: teamProcedure("profile.test")
    .input(schemas.profileRef)
    .output(schemas.refreshNowOutput)
    .mutation(({ ctx, input }) => tokens.refreshNow(ctx, ctx.member, input)),
});
