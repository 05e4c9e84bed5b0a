import * as apikeys from "@authdeck/core/apikeys";
import * as schemas from "@authdeck/core/schemas";
import { createRouter, teamProcedure } from "../trpc.ts";

export const apiKeyRouter = createRouter({
  list: teamProcedure("apiKey.manage")
    .input(schemas.teamRef)
    .query(({ ctx }) => apikeys.listApiKeys(ctx, ctx.member)),
  create: teamProcedure("apiKey.manage")
    .input(schemas.createApiKeyInput)
    .mutation(({ ctx, input }) => apikeys.createApiKey(ctx, ctx.member, input)),
  revoke: teamProcedure("apiKey.manage")
    .input(schemas.revokeApiKeyInput)
    .mutation(({ ctx, input }) => apikeys.revokeApiKey(ctx, ctx.member, input)),
});
