import "server-only";
import * as inventory from "@authdeck/core/inventory";
import * as schemas from "@authdeck/core/schemas";
import { createRouter, teamProcedure } from "../trpc.ts";

export const credentialRouter = createRouter({
  /** The team's credential inventory, "needs attention first"; every role may read it. */
  list: teamProcedure("profile.read")
    .input(schemas.teamRef)
    .output(schemas.listCredentialsOutput)
    .query(({ ctx }) => inventory.listCredentials(ctx, ctx.member)),
});
