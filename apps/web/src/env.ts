import {
  EnvError,
  loadEnv,
  metricsEnvShape,
  proxyEnvShape,
  requireOneRedisTopology,
  requireSmtpSettings,
  sharedEnvSchema,
  smtpEnvShape,
} from "@authdeck/core/config";
import { z } from "zod";
import { parseTrustedProxies } from "./server/client-address.ts";

const webEnvSchema = sharedEnvSchema
  .extend(proxyEnvShape)
  // Read here only to know whether email channels may be added; the worker sends them.
  .extend(smtpEnvShape)
  .extend({
    PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
    AUTHDECK_BASE_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3000"),
    BETTER_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
    AUTH_FAILED_SIGN_INS_PER_ACCOUNT: z.coerce.number().int().min(1).max(10_000).default(10),
    AUTHDECK_TRUSTED_PROXIES: z
      .string()
      .default("")
      .transform((value, ctx) => {
        const parsed = parseTrustedProxies(value);
        if (!("error" in parsed)) return parsed;
        ctx.addIssue({ code: "custom", message: parsed.error });
        return z.NEVER;
      }),
    TEST_RATE_LIMIT_PER_USER: z.coerce.number().int().min(1).max(10_000).default(20),
    TEST_RATE_LIMIT_PER_TEAM: z.coerce.number().int().min(1).max(100_000).default(100),
    TOKEN_API_RATE_LIMIT_PER_KEY: z.coerce.number().int().min(1).max(1_000_000).default(600),
    // Token API calls one web process works on at once (a key: a quarter); more get 503 + Retry-After.
    TOKEN_API_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(100_000).default(200),
    LIVE_STREAMS_PER_SESSION: z.coerce.number().int().min(1).max(1_000).default(20),
    LIVE_STREAM_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
    // Unset, /api/metrics answers 404: the web's metrics are served to bearers of this token only.
    METRICS_TOKEN: metricsEnvShape.METRICS_TOKEN,
  })
  .superRefine((env, ctx) => {
    requireSmtpSettings(env, ctx);
    requireOneRedisTopology(env, ctx);
    if (env.NODE_ENV === "production" && !env.BETTER_AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["BETTER_AUTH_SECRET"],
        message: "is required in production: run `npm start` once to generate one into .env.local",
      });
    }
  });

export type WebEnv = z.infer<typeof webEnvSchema>;

let cached: WebEnv | undefined;

/** The validated environment, parsed once per process. */
export function webEnv(): WebEnv {
  cached ??= loadEnv(webEnvSchema, process.env);
  return cached;
}

/** Called when the server starts: prints what is wrong and stops the process. */
export function assertWebEnv(): void {
  try {
    webEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`Authdeck web cannot start.\n${error.message}`);
    process.exit(1);
  }
}
