import "server-only";
import * as schemas from "@authdeck/core/schemas";
import { createRouter, publicProcedure } from "../trpc.ts";

export const meRouter = createRouter({
  /** Who is signed in, or null: lets pages decide where to send a visitor. */
  get: publicProcedure.output(schemas.meOutput).query(({ ctx }) => ctx.user),
});
