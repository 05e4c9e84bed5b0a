import "server-only";
import * as apiKeys from "@authdeck/core/api-keys";
import * as schemas from "@authdeck/core/schemas";
import { createRouter, teamProcedure } from "../trpc.ts";

export const apiKeyRouter = createRouter({
  list: teamProcedure("apiKey.manage")
    .input(schemas.teamRef)
    .output(schemas.listApiKeysOutput)
    .query(({ ctx }) => apiKeys.listApiKeys(ctx, ctx.member)),
  create: teamProcedure("apiKey.manage")
    .input(schemas.createApiKeyInput)
    .output(schemas.createApiKeyOutput)
    .mutation(({ ctx, input }) => apiKeys.createApiKey(ctx, ctx.member, input)),
  revoke: teamProcedure("apiKey.manage")
    .input(schemas.revokeApiKeyInput)
    .output(schemas.revokeApiKeyOutput)
    .mutation(({ ctx, input }) => apiKeys.revokeApiKey(ctx, ctx.member, input)),
});
