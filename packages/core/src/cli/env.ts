import { z } from "zod";
import { sharedEnvSchema } from "../config/env-schema.ts";
import { loadEnv } from "../config/load-env.ts";

// The database commands need only the database; rotation needs the keys too.
export const cliEnv = () =>
  loadEnv(z.object({ DATABASE_URL: sharedEnvSchema.shape.DATABASE_URL }), process.env);

export const rotationEnv = () =>
  loadEnv(
    z.object({
      DATABASE_URL: sharedEnvSchema.shape.DATABASE_URL,
      AUTHDECK_SEALING_KEYS: sharedEnvSchema.shape.AUTHDECK_SEALING_KEYS,
    }),
    process.env,
  );
