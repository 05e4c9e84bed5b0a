import "server-only";
import * as profiles from "@authdeck/core/profiles";
import * as schemas from "@authdeck/core/schemas";
import { createRouter, teamProcedure } from "../trpc.ts";

export const profileRouter = createRouter({
  list: teamProcedure("profile.read")
    .input(schemas.listProfilesInput)
    .output(schemas.listProfilesOutput)
    .query(({ ctx, input }) => profiles.listProfiles(ctx, ctx.member, input)),
  get: teamProcedure("profile.read")
    .input(schemas.profileRef)
    .output(schemas.profileOutput)
    .query(({ ctx, input }) => profiles.getProfile(ctx, ctx.member, input)),
  create: teamProcedure("profile.write")
    .input(schemas.createProfileInput)
    .output(schemas.savedProfileOutput)
    .mutation(({ ctx, input }) => profiles.createProfile(ctx, ctx.member, input)),
  update: teamProcedure("profile.write")
    .input(schemas.updateProfileInput)
    .output(schemas.savedProfileOutput)
    .mutation(({ ctx, input }) => profiles.updateProfile(ctx, ctx.member, input)),
  duplicate: teamProcedure("profile.write")
    .input(schemas.profileRef)
    .output(schemas.duplicateProfileOutput)
    .mutation(({ ctx, input }) => profiles.duplicateProfile(ctx, ctx.member, input)),
  delete: teamProcedure("profile.write")
    .input(schemas.profileRef)
    .output(schemas.deletedProfileOutput)
    .mutation(({ ctx, input }) => profiles.deleteProfile(ctx, ctx.member, input)),
  preview: teamProcedure("profile.read")
    .input(schemas.previewRequestInput)
    .output(schemas.previewRequestOutput)
    .query(({ ctx, input }) => profiles.previewTokenRequest(ctx, ctx.member, input)),
  /**
   * "Fetch metadata" in the profile dialog: reads the issuer's RFC 8414 / OpenID Connect
   * metadata through the team's egress guard. Editors and above, as it sends a request.
   */
  fetchMetadata: teamProcedure("profile.write")
    .input(schemas.fetchMetadataInput)
    .output(schemas.fetchMetadataOutput)
    .query(({ ctx, input }) => profiles.fetchProviderMetadata(ctx, ctx.member, input)),
  describeCertificate: teamProcedure("profile.read")
    .input(schemas.describeCertificateInput)
    .output(schemas.describeCertificateOutput)
    .query(({ ctx, input }) => profiles.describePastedCertificate(ctx, ctx.member, input)),
  /** Key rotation for private_key_jwt: add the next key, switch to it, retire the previous one. */
  addNextKey: teamProcedure("profile.write")
    .input(schemas.addNextKeyInput)
    .output(schemas.keyRotationOutput)
    .mutation(({ ctx, input }) => profiles.addNextKey(ctx, ctx.member, input)),
  switchToNextKey: teamProcedure("profile.write")
    .input(schemas.profileRef)
    .output(schemas.keyRotationOutput)
    .mutation(({ ctx, input }) => profiles.switchToNextKey(ctx, ctx.member, input)),
  retirePreviousKey: teamProcedure("profile.write")
    .input(schemas.profileRef)
    .output(schemas.keyRotationOutput)
    .mutation(({ ctx, input }) => profiles.retirePreviousKey(ctx, ctx.member, input)),
  export: teamProcedure("profile.read")
    .input(schemas.appRef)
    .output(schemas.exportProfilesOutput)
    .query(({ ctx, input }) => profiles.exportProfiles(ctx, ctx.member, input)),
  import: teamProcedure("profile.write")
    .input(schemas.importProfilesInput)
    .output(schemas.importProfilesOutput)
    .mutation(({ ctx, input }) => profiles.importProfiles(ctx, ctx.member, input)),
});
