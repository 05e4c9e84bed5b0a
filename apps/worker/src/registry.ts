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

export type JobDefinition<Schema extends z.ZodType = z.ZodType> = {
  schema: Schema;
  handle: (payload: z.infer<Schema>, context: JobContext) => Promise<unknown>;
};

/** Job name → payload schema and handler. Payloads carry ids only, never secrets. */
export type JobRegistry = Record<string, JobDefinition>;

export const defineJob = <Schema extends z.ZodType>(definition: JobDefinition<Schema>) =>
  definition as unknown as JobDefinition;

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
