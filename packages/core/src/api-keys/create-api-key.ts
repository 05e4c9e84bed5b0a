import { recordAudit } from "../audit/record-audit.ts";
import { invalid } from "../errors/app-error.ts";
import type { Deps } from "../teams/deps.ts";
import { assertCan, type Member } from "../teams/member.ts";
import { displayPrefix, hashApiKey, newApiKey } from "./api-key-token.ts";

/** Returns the key once; only its hash is stored. It reads tokens of the chosen apps only. */
export async function createApiKey(
  deps: Deps,
  member: Member,
  input: { name: string; appIds: string[] },
) {
  assertCan(member, "apiKey.manage");
  const appIds = [...new Set(input.appIds)];
  const apps = await deps.db.app.findMany({
    where: { id: { in: appIds }, teamId: member.teamId },
    select: { id: true, name: true },
  });
  if (apps.length !== appIds.length) throw invalid({ appIds: "Choose apps of this team" });
  const key = newApiKey();
  const created = await deps.db.$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: {
        teamId: member.teamId,
        name: input.name,
        prefix: displayPrefix(key),
        hash: hashApiKey(key),
        appIds,
        createdById: member.userId,
      },
    });
    await recordAudit(tx, {
      teamId: member.teamId,
      actor: { userId: member.userId },
      action: "apiKey.create",
      targetType: "apiKey",
      targetId: row.id,
      changes: { name: row.name, apps: apps.map((a) => a.name), prefix: row.prefix },
    });
    return row;
  });
  return { id: created.id, name: created.name, prefix: created.prefix, key };
}
