import type { RedisTarget } from "@authdeck/core/config";
import type { Sealer } from "@authdeck/core/crypto";
import type { Db } from "@authdeck/core/db";
import type { Logger } from "@authdeck/core/logging";
import type { WorkObserver } from "@authdeck/core/metrics";
import type { MailSettings } from "@authdeck/core/notifications";
import type { RedisClient } from "@authdeck/core/queue";
import type { RefreshBudget, RefreshPolicy } from "@authdeck/core/tokens";
import type { Job } from "bullmq";
import type { z } from "zod";
import type { Seat } from "./slots.ts";

/** `seat.awaitProvider` wraps every wait on a provider, so a slow one frees the job's slot. */
export type JobContext = { job: Job; log: Logger; seat: Seat };

/**
 * A job as the worker sees it: its payload read by its schema, or refused with the number of
 * issues found (the log says how many, never what: a payload that does not fit may hold anything).
 */
export type ReadPayload =
  | { ok: true; teamId: string | undefined; handle: (context: JobContext) => Promise<unknown> }
  | { ok: false; issues: number };

export type JobDefinition = { read: (data: unknown) => ReadPayload };

/** Job name → definition. Payloads carry ids only, never secrets. */
export type JobRegistry = Record<string, JobDefinition>;

// The team a payload names, if any: the worker shares its slots between teams by it.
const teamOf = (payload: object) =>
  "teamId" in payload && typeof payload.teamId === "string" ? payload.teamId : undefined;

/** A job's payload schema with its handler, which is only ever given a payload that fits. */
export const defineJob = <Schema extends z.ZodType<object>>(definition: {
  schema: Schema;
  handle: (payload: z.infer<Schema>, context: JobContext) => Promise<unknown>;
}): JobDefinition => ({
  read(data) {
    const parsed = definition.schema.safeParse(data);
    if (!parsed.success) return { ok: false, issues: parsed.error.issues.length };
    return {
      ok: true,
      teamId: teamOf(parsed.data),
      handle: (context) => definition.handle(parsed.data, context),
    };
  },
});

/** What job handlers are given: built once per process from the validated environment. */
export type WorkerDeps = {
  db: Db;
  sealer: Sealer;
  now: () => Date;
  egressAllow: readonly string[];
  egressTeamMayAllow: readonly string[];
  /** SMTP_URL and SMTP_FROM, for email notifications; null when they are not set. */
  mail?: MailSettings | null | undefined;
  queuePrefix: string;
  redis: RedisTarget | string;
  publisher: RedisClient;
  refreshPolicy: RefreshPolicy;
  budget: RefreshBudget;
  /** Counts token requests and refreshes when the worker serves metrics. */
  metrics?: WorkObserver | undefined;
};
