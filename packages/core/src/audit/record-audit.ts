import type { Prisma } from "../db/generated/client.ts";

export type AuditActor = { userId: string } | { apiKeyId: string };

export type AuditEntry = {
  teamId: string;
  actor: AuditActor;
  action: string;
  targetType: string;
  targetId?: string | null;
  /** Changed field names with their new non-secret values; secrets appear as "[changed]". */
  changes?: Record<string, unknown>;
};

type Tx = Pick<Prisma.TransactionClient, "auditEvent">;

/** Written inside the transaction of the change it describes, so neither exists without the other. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      teamId: entry.teamId,
      actorUserId: "userId" in entry.actor ? entry.actor.userId : null,
      actorApiKeyId: "apiKeyId" in entry.actor ? entry.actor.apiKeyId : null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      changes: (entry.changes ?? {}) as Prisma.InputJsonValue,
    },
  });
}
