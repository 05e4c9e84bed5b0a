import { z } from "zod";
import { sharedEnvSchema } from "../config/env-schema.ts";
import { loadEnv } from "../config/load-env.ts";

// The database commands need only the database.
export const cliEnv = () =>
  loadEnv(z.object({ DATABASE_URL: sharedEnvSchema.shape.DATABASE_URL }), process.env);
