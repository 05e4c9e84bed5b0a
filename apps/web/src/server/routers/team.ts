import "server-only";
import * as schemas from "@authdeck/core/schemas";
import * as teams from "@authdeck/core/teams";
import { createRouter, signedInProcedure, teamProcedure } from "../trpc.ts";

export const teamRouter = createRouter({
  list: signedInProcedure
    .output(schemas.listMyTeamsOutput)
    .query(({ ctx }) => teams.listMyTeams(ctx, ctx.user.id)),
  create: signedInProcedure
    .input(schemas.createTeamInput)
    .output(schemas.teamNameOutput)
    .mutation(({ ctx, input }) => teams.createTeam(ctx, { userId: ctx.user.id, name: input.name })),
  get: teamProcedure("team.read")
    .input(schemas.teamRef)
    .output(schemas.teamOutput)
    .query(({ ctx }) => teams.getTeam(ctx, ctx.member)),
  rename: teamProcedure("team.rename")
    .input(schemas.renameTeamInput)
    .output(schemas.teamNameOutput)
    .mutation(({ ctx, input }) => teams.renameTeam(ctx, ctx.member, input)),
  delete: teamProcedure("team.delete")
    .input(schemas.deleteTeamInput)
    .output(schemas.deletedTeamOutput)
    .mutation(({ ctx, input }) => teams.deleteTeam(ctx, ctx.member, input)),
  transferOwnership: teamProcedure("team.transfer")
    .input(schemas.transferOwnershipInput)
    .output(schemas.transferOwnershipOutput)
    .mutation(({ ctx, input }) => teams.transferOwnership(ctx, ctx.member, input)),
  egressAllowlist: teamProcedure("team.read")
    .input(schemas.teamRef)
    .output(schemas.egressAllowlistOutput)
    .query(({ ctx }) => teams.getEgressAllowlist(ctx, ctx.member)),
  setEgressAllowlist: teamProcedure("egress.manage")
    .input(schemas.setEgressAllowlistInput)
    .output(schemas.setEgressAllowlistOutput)
    .mutation(({ ctx, input }) => teams.setEgressAllowlist(ctx, ctx.member, input)),
  leave: teamProcedure("team.leave")
    .input(schemas.teamRef)
    .output(schemas.leaveTeamOutput)
    .mutation(({ ctx }) => teams.leaveTeam(ctx, ctx.member)),
});
