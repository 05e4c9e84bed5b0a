import "server-only";
import * as schemas from "@authdeck/core/schemas";
import * as teams from "@authdeck/core/teams";
import { createRouter, publicProcedure, signedInProcedure, teamProcedure } from "../trpc.ts";

export const invitationRouter = createRouter({
  create: teamProcedure("invitation.manage")
    .input(schemas.createInvitationInput)
    .output(schemas.createInvitationOutput)
    .mutation(({ ctx, input }) => teams.createInvitation(ctx, ctx.member, input)),
  list: teamProcedure("invitation.manage")
    .input(schemas.teamRef)
    .output(schemas.listInvitationsOutput)
    .query(({ ctx }) => teams.listPendingInvitations(ctx, ctx.member)),
  revoke: teamProcedure("invitation.manage")
    .input(schemas.revokeInvitationInput)
    .output(schemas.revokeInvitationOutput)
    .mutation(({ ctx, input }) => teams.revokeInvitation(ctx, ctx.member, input)),
  preview: publicProcedure
    .input(schemas.invitationTokenInput)
    .output(schemas.previewInvitationOutput)
    .query(({ ctx, input }) => teams.previewInvitation(ctx, input)),
  accept: signedInProcedure
    .input(schemas.invitationTokenInput)
    .output(schemas.acceptInvitationOutput)
    .mutation(({ ctx, input }) =>
      teams.acceptInvitation(ctx, { userId: ctx.user.id, token: input.token }),
    ),
});
