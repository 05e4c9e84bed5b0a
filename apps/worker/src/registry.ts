import type { Logger } from "@authdeck/core/logging";
import type { Job } from "bullmq";
import type { z } from "zod";

export type JobContext = { job: Job; log: Logger };

export type JobDefinition<Schema extends z.ZodType = z.ZodType> = {
  schema: Schema;
  handle: (payload: z.infer<Schema>, context: JobContext) => Promise<unknown>;
};

/** Job name → payload schema and handler. Payloads carry ids only, never secrets. */
export type JobRegistry = Record<string, JobDefinition>;

export const defineJob = <Schema extends z.ZodType>(definition: JobDefinition<Schema>) =>
  definition as unknown as JobDefinition;
