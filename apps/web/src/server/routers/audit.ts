import "server-only";
import * as audit from "@authdeck/core/audit";
import * as schemas from "@authdeck/core/schemas";
import { createRouter, teamProcedure } from "../trpc.ts";

export const auditRouter = createRouter({
  list: teamProcedure("audit.read")
    .input(schemas.listAuditInput)
    .output(schemas.listAuditOutput)
    .query(({ ctx, input }) => audit.listAuditEvents(ctx, ctx.member, input)),
  filterOptions: teamProcedure("audit.read")
    .input(schemas.teamRef)
    .output(schemas.auditFilterOptionsOutput)
    .query(({ ctx }) => audit.auditFilterOptions(ctx, ctx.member)),
});
