import "server-only";
import { createRouter, publicProcedure } from "../trpc.ts";

export const meRouter = createRouter({
  /** Who is signed in, or null: lets pages decide where to send a visitor. */
  get: publicProcedure.query(({ ctx }) => ctx.user),
});
