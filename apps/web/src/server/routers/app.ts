import "server-only";
import * as apps from "@authdeck/core/apps";
import * as schemas from "@authdeck/core/schemas";
import { createRouter, teamProcedure } from "../trpc.ts";

export const appsRouter = createRouter({
  list: teamProcedure("app.read")
    .input(schemas.teamRef)
    .output(schemas.listAppsOutput)
    .query(({ ctx }) => apps.listApps(ctx, ctx.member)),
  get: teamProcedure("app.read")
    .input(schemas.appRef)
    .output(schemas.appOutput)
    .query(({ ctx, input }) => apps.getApp(ctx, ctx.member, input)),
  create: teamProcedure("app.create")
    .input(schemas.createAppInput)
    .output(schemas.appNameOutput)
    .mutation(({ ctx, input }) => apps.createApp(ctx, ctx.member, input)),
  rename: teamProcedure("app.rename")
    .input(schemas.renameAppInput)
    .output(schemas.appNameOutput)
    .mutation(({ ctx, input }) => apps.renameApp(ctx, ctx.member, input)),
  delete: teamProcedure("app.delete")
    .input(schemas.deleteAppInput)
    .output(schemas.deleteAppOutput)
    .mutation(({ ctx, input }) => apps.deleteApp(ctx, ctx.member, input)),
});
