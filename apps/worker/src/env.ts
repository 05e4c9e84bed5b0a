import {
  loadEnv,
  metricsEnvShape,
  requireOneRedisTopology,
  requireSmtpSettings,
  sharedEnvSchema,
  smtpEnvShape,
} from "@authdeck/core/config";
import { z } from "zod";

const workerEnvSchema = sharedEnvSchema
  .extend(metricsEnvShape)
  // The SMTP server email notifications go through; unset, email deliveries fail with the reason.
  .extend(smtpEnvShape)
  .extend({
    // Jobs mostly wait on the network and PostgreSQL: 10,000 tokens of two minutes (83 refreshes a
    // second) fell behind by seconds at 10 and kept to their due times at 25 (docs/performance.md).
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(25),
    // The least time between two scheduled refreshes of one token: a provider issuing tokens that
    // live a second must not keep the worker refreshing (the token API still asks when it needs one).
    REFRESH_MIN_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3_600).default(30),
    // Refreshes one team may make a minute, counted across every worker; past it they wait for the
    // next minute. 1,200 keeps 2,000 profiles (a team's most) with 2-minute tokens fresh.
    REFRESH_BUDGET_PER_TEAM_PER_MINUTE: z.coerce
      .number()
      .int()
      .min(1)
      .max(10_000_000)
      .default(1_200),
    // The port of the worker's Prometheus metrics (GET /metrics); unset, no metrics server runs.
    WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  })
  .superRefine((env, ctx) => {
    requireSmtpSettings(env, ctx);
    requireOneRedisTopology(env, ctx);
  });

export type WorkerEnv = z.infer<typeof workerEnvSchema>;

export const readWorkerEnv = (): WorkerEnv => loadEnv(workerEnvSchema, process.env);
