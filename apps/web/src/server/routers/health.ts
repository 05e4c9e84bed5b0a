import "server-only";
import { checkHealth } from "@authdeck/core/health";
import * as schemas from "@authdeck/core/schemas";
import { createRouter, publicProcedure } from "../trpc.ts";

export const healthRouter = createRouter({
  status: publicProcedure
    .output(schemas.healthOutput)
    .query(({ ctx }) => checkHealth({ ...ctx, showNodes: ctx.user !== null })),
});
