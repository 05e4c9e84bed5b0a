import { z } from "zod";
import { sharedEnvSchema } from "../config/env-schema.ts";
import { loadEnv } from "../config/load-env.ts";

// The database commands need only the database; rotation needs the keys too.
export const cliEnv = () =>
  loadEnv(z.object({ DATABASE_URL: sharedEnvSchema.shape.DATABASE_URL }), process.env);

/** Migrations go to DATABASE_DIRECT_URL when set: they need a session a pooler would not keep. */
export const migrationDatabaseUrl = () => {
  const env = loadEnv(
    z.object({
      DATABASE_URL: sharedEnvSchema.shape.DATABASE_URL,
      DATABASE_DIRECT_URL: sharedEnvSchema.shape.DATABASE_DIRECT_URL,
    }),
    process.env,
  );
  return env.DATABASE_DIRECT_URL ?? env.DATABASE_URL;
};

export const rotationEnv = () =>
  loadEnv(
    z.object({
      DATABASE_URL: sharedEnvSchema.shape.DATABASE_URL,
      AUTHDECK_SEALING_KEYS: sharedEnvSchema.shape.AUTHDECK_SEALING_KEYS,
    }),
    process.env,
  );
