import "server-only";
import * as profiles from "@authdeck/core/profiles";
import * as schemas from "@authdeck/core/schemas";
import { createRouter, teamProcedure } from "../trpc.ts";

export const profileRouter = createRouter({
  list: teamProcedure("profile.read")
    .input(schemas.listProfilesInput)
    .query(({ ctx, input }) => profiles.listProfiles(ctx, ctx.member, input)),
  get: teamProcedure("profile.read")
    .input(schemas.profileRef)
    .query(({ ctx, input }) => profiles.getProfile(ctx, ctx.member, input)),
  create: teamProcedure("profile.write")
    .input(schemas.createProfileInput)
    .mutation(({ ctx, input }) => profiles.createProfile(ctx, ctx.member, input)),
  update: teamProcedure("profile.write")
    .input(schemas.updateProfileInput)
    .mutation(({ ctx, input }) => profiles.updateProfile(ctx, ctx.member, input)),
  duplicate: teamProcedure("profile.write")
    .input(schemas.profileRef)
    .mutation(({ ctx, input }) => profiles.duplicateProfile(ctx, ctx.member, input)),
  delete: teamProcedure("profile.write")
    .input(schemas.profileRef)
    .mutation(({ ctx, input }) => profiles.deleteProfile(ctx, ctx.member, input)),
  preview: teamProcedure("profile.read")
    .input(schemas.previewRequestInput)
    .query(({ ctx, input }) => profiles.previewTokenRequest(ctx, ctx.member, input)),
  export: teamProcedure("profile.read")
    .input(schemas.appRef)
    .query(({ ctx, input }) => profiles.exportProfiles(ctx, ctx.member, input)),
  import: teamProcedure("profile.write")
    .input(schemas.importProfilesInput)
    .mutation(({ ctx, input }) => profiles.importProfiles(ctx, ctx.member, input)),
});
