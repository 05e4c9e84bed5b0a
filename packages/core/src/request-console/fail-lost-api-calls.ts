import type { Db } from "../db/client.ts";
import { CALL_TIMEOUT_MS } from "./run-api-call.ts";

/** Longer than any call can take (its timeout, and the queue's wait before it): it was lost. */
export const LOST_AFTER_MS = CALL_TIMEOUT_MS + 2 * 60_000;

/**
 * Console calls whose worker died (or whose job was lost) before they had an outcome: they are
 * not sent again (an API may not take a second POST kindly), but say so instead of waiting for
 * ever. Returns them, for their pages to hear.
 */
export async function failLostApiCalls(deps: { db: Db; now: () => Date }) {
  const before = new Date(deps.now().getTime() - LOST_AFTER_MS);
  const lost = await deps.db.apiCall.findMany({
    where: { status: { in: ["queued", "running"] }, queuedAt: { lt: before } },
    select: { id: true, teamId: true, profileId: true },
    take: 100,
  });
  if (lost.length === 0) return [];
  await deps.db.apiCall.updateMany({
    where: { id: { in: lost.map((c) => c.id) }, status: { in: ["queued", "running"] } },
    data: {
      status: "failed",
      finishedAt: deps.now(),
      errorClass: "lost",
      errorMessage:
        "Authdeck lost this request before it had an answer (its worker stopped); it was not sent again",
    },
  });
  return lost;
}
