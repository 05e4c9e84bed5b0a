import { z } from "zod";

const serviceHealth = z.object({
  ok: z.boolean(),
  latencyMs: z.number().nullable(),
  detail: z.string(),
});

export const healthOutput = z.object({
  postgres: serviceHealth,
  redis: serviceHealth,
  worker: serviceHealth,
  /** How Redis is run; its nodes' addresses only for someone signed in. */
  redisTopology: z.object({
    topology: z.enum(["single", "sentinel", "cluster"]),
    master: z.string().nullable(),
  }),
});

/** Who is signed in: the three facts pages need, never the session or account behind them. */
export const meOutput = z
  .object({ id: z.string(), name: z.string(), email: z.string() })
  .nullable();
