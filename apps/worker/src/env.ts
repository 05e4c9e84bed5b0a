import { egressRulesVariable, loadEnv, sharedEnvSchema } from "@authdeck/core/config";
import { z } from "zod";

const workerEnvSchema = sharedEnvSchema.extend({
  // Jobs mostly wait on the network and PostgreSQL: 10,000 tokens of two minutes (83 refreshes a
  // second) fell behind by seconds at 10 and kept to their due times at 25 (docs/performance.md).
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(25),
  // Comma-separated hosts and CIDRs every team's token requests may reach although they are not
  // public. What teams may add themselves is AUTHDECK_EGRESS_TEAM_MAY_ALLOW (shared schema).
  AUTHDECK_EGRESS_ALLOW: egressRulesVariable,
});

export type WorkerEnv = z.infer<typeof workerEnvSchema>;

export const readWorkerEnv = (): WorkerEnv => loadEnv(workerEnvSchema, process.env);
