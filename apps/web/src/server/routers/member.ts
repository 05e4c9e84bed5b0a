import "server-only";
import * as schemas from "@authdeck/core/schemas";
import * as teams from "@authdeck/core/teams";
import { createRouter, teamProcedure } from "../trpc.ts";

export const memberRouter = createRouter({
  list: teamProcedure("member.read")
    .input(schemas.teamRef)
    .output(schemas.listMembersOutput)
    .query(({ ctx }) => teams.listMembers(ctx, ctx.member)),
  changeRole: teamProcedure("member.changeRole")
    .input(schemas.changeMemberRoleInput)
    .output(schemas.changeMemberRoleOutput)
    .mutation(({ ctx, input }) => teams.changeMemberRole(ctx, ctx.member, input)),
  remove: teamProcedure("member.remove")
    .input(schemas.removeMemberInput)
    .output(schemas.removeMemberOutput)
    .mutation(({ ctx, input }) => teams.removeMember(ctx, ctx.member, input)),
});
