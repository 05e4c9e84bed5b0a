import type { Sealer } from "@authdeck/core/crypto";
import type { Db } from "@authdeck/core/db";
import type { Logger } from "@authdeck/core/logging";
import type { RefreshBudget, RefreshPolicy } from "@authdeck/core/tokens";
import type { Job } from "bullmq";
import type { Redis } from "ioredis";
import type { z } from "zod";
import type { Seat } from "./slots.ts";

/** `seat.awaitProvider` wraps every wait on a provider, so a slow one frees the job's slot. */
export type JobContext = { job: Job; log: Logger; seat: Seat };

export type JobDefinition = {
  schema: z.ZodType;
  handle: (payload: unknown, context: JobContext) => Promise<unknown>;
};

/** Job name → payload schema and handler. Payloads carry ids only, never secrets. */
export type JobRegistry = Record<string, JobDefinition>;

/**
 * A job whose handler is typed by its schema. The handler parses what it is given itself, so
 * its type is proven rather than assumed; a payload of a few ids costs nothing to parse twice.
 */
export const defineJob = <Schema extends z.ZodType>(definition: {
  schema: Schema;
  handle: (payload: z.infer<Schema>, context: JobContext) => Promise<unknown>;
}): JobDefinition => ({
  schema: definition.schema,
  handle: (payload, context) => definition.handle(definition.schema.parse(payload), context),
});

/** What job handlers are given: built once per process from the validated environment. */
export type WorkerDeps = {
  db: Db;
  sealer: Sealer;
  now: () => Date;
  egressAllow: readonly string[];
  egressTeamMayAllow: readonly string[];
  queuePrefix: string;
  redisUrl: string;
  publisher: Redis;
  refreshPolicy: RefreshPolicy;
  budget: RefreshBudget;
};
