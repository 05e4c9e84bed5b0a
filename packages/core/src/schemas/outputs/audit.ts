import { z } from "zod";

const actor = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const listAuditOutput = z.object({
  events: z.array(
    z.object({
      id: z.string(),
      at: z.date(),
      action: z.string(),
      targetType: z.string(),
      targetId: z.string().nullable(),
      changes: z.record(z.string(), z.unknown()),
      actor,
    }),
  ),
  nextCursor: z.string().optional(),
});
export const auditFilterOptionsOutput = z.object({
  actions: z.array(z.string()),
  actors: z.array(actor),
});
