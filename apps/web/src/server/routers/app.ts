import "server-only";
import * as apps from "@authdeck/core/apps";
import * as schemas from "@authdeck/core/schemas";
import { createRouter, teamProcedure } from "../trpc.ts";

export const appsRouter = createRouter({
  list: teamProcedure("app.read")
    .input(schemas.teamRef)
    .query(({ ctx }) => apps.listApps(ctx, ctx.member)),
  get: teamProcedure("app.read")
    .input(schemas.appRef)
    .query(({ ctx, input }) => apps.getApp(ctx, ctx.member, input)),
  create: teamProcedure("app.create")
    .input(schemas.createAppInput)
    .mutation(({ ctx, input }) => apps.createApp(ctx, ctx.member, input)),
  rename: teamProcedure("app.rename")
    .input(schemas.renameAppInput)
    .mutation(({ ctx, input }) => apps.renameApp(ctx, ctx.member, input)),
  delete: teamProcedure("app.delete")
    .input(schemas.deleteAppInput)
    .mutation(({ ctx, input }) => apps.deleteApp(ctx, ctx.member, input)),
});
