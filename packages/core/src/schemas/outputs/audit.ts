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
      /** The target as it is called now (null once deleted), where it lives, a test's outcome. */
      target: z.object({
        name: z.string().nullable(),
        appId: z.string().nullable(),
        outcome: z.string().nullable(),
      }),
      actor,
    }),
  ),
  nextCursor: z.string().optional(),
});
export const auditFilterOptionsOutput = z.object({
  actions: z.array(z.string()),
  actors: z.array(actor),
});
