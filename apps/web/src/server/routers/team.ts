import "server-only";
import * as schemas from "@authdeck/core/schemas";
import * as teams from "@authdeck/core/teams";
import { createRouter, signedInProcedure, teamProcedure } from "../trpc.ts";

export const teamRouter = createRouter({
  list: signedInProcedure.query(({ ctx }) => teams.listMyTeams(ctx, ctx.user.id)),
  create: signedInProcedure
    .input(schemas.createTeamInput)
    .mutation(({ ctx, input }) => teams.createTeam(ctx, { userId: ctx.user.id, name: input.name })),
  get: teamProcedure("team.read")
    .input(schemas.teamRef)
    .query(({ ctx }) => teams.getTeam(ctx, ctx.member)),
  rename: teamProcedure("team.rename")
    .input(schemas.renameTeamInput)
    .mutation(({ ctx, input }) => teams.renameTeam(ctx, ctx.member, input)),
  delete: teamProcedure("team.delete")
    .input(schemas.deleteTeamInput)
    .mutation(({ ctx, input }) => teams.deleteTeam(ctx, ctx.member, input)),
  transferOwnership: teamProcedure("team.transfer")
    .input(schemas.transferOwnershipInput)
    .mutation(({ ctx, input }) => teams.transferOwnership(ctx, ctx.member, input)),
  egressAllowlist: teamProcedure("team.read")
    .input(schemas.teamRef)
    .query(({ ctx }) => teams.getEgressAllowlist(ctx, ctx.member)),
  setEgressAllowlist: teamProcedure("egress.manage")
    .input(schemas.setEgressAllowlistInput)
    .mutation(({ ctx, input }) => teams.setEgressAllowlist(ctx, ctx.member, input)),
  leave: teamProcedure("team.leave")
    .input(schemas.teamRef)
    .mutation(({ ctx }) => teams.leaveTeam(ctx, ctx.member)),
});
