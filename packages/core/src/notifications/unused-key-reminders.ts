import type { Db } from "../db/client.ts";
import { STALE_AFTER_DAYS } from "../inventory/attention.ts";
import { channelPayload, type UnusedKeyFacts } from "./payload.ts";
import { recordReminder } from "./record-reminder.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const EVENT = "api_key.unused";

/**
 * Reminds of API keys, not revoked, unused for STALE_AFTER_DAYS (90) days: counted from the last
 * use, or from creation for a key never used. Once per idle stretch: the reminder is keyed on
 * that last use, so a use and another 90 idle days remind again. `batch` keys at a time.
 */
export async function remindUnusedKeys(db: Db, now: Date, batch: number): Promise<number> {
  const cutoff = new Date(now.getTime() - STALE_AFTER_DAYS * DAY_MS);
  let recorded = 0;
  let after: string | undefined;
  for (;;) {
    const page = await db.apiKey.findMany({
      where: {
        revokedAt: null,
        OR: [{ lastUsedAt: { lte: cutoff } }, { lastUsedAt: null, createdAt: { lte: cutoff } }],
        ...(after ? { id: { gt: after } } : {}),
      },
      select: {
        id: true,
        name: true,
        prefix: true,
        appIds: true,
        createdAt: true,
        lastUsedAt: true,
        team: { select: { id: true, name: true } },
        reminders: { where: { event: EVENT }, select: { dueAt: true } },
      },
      orderBy: { id: "asc" },
      take: batch,
    });
    for (const key of page) {
      const idleSince = key.lastUsedAt ?? key.createdAt;
      if (key.reminders.some((r) => r.dueAt.getTime() === idleSince.getTime())) continue;
      // Apps are named as they are now; one deleted since the key was made is left out.
      const apps = await db.app.findMany({
        where: { id: { in: key.appIds }, teamId: key.team.id },
        select: { id: true, name: true },
        orderBy: { name: "asc" },
      });
      const apiKey: UnusedKeyFacts = {
        id: key.id,
        name: key.name,
        prefix: key.prefix,
        lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
        createdAt: key.createdAt.toISOString(),
        apps,
      };
      const written = await recordReminder(
        db,
        {
          teamId: key.team.id,
          appIds: key.appIds,
          event: EVENT,
          subject: { apiKeyId: key.id },
          dueAt: idleSince,
          threshold: STALE_AFTER_DAYS,
          payload: channelPayload(EVENT, now, { team: key.team }, null, { apiKey }),
        },
        now,
      );
      if (written) recorded += 1;
    }
    if (page.length < batch) return recorded;
    after = page[page.length - 1]?.id;
  }
}
