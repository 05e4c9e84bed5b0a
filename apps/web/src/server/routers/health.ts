import "server-only";
import { checkHealth } from "@authdeck/core/health";
import { createRouter, publicProcedure } from "../trpc.ts";

export const healthRouter = createRouter({
  status: publicProcedure.query(({ ctx }) => checkHealth(ctx)),
});
