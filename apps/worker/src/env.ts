import { loadEnv, sharedEnvSchema } from "@authdeck/core/config";
import { z } from "zod";

const workerEnvSchema = sharedEnvSchema.extend({
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
});

export type WorkerEnv = z.infer<typeof workerEnvSchema>;

export const readWorkerEnv = (): WorkerEnv => loadEnv(workerEnvSchema, process.env);
