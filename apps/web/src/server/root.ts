import { healthRouter } from "./routers/health.ts";
import { createRouter } from "./trpc.ts";

export const appRouter = createRouter({
  health: healthRouter,
});

export type AppRouter = typeof appRouter;
