import { z } from "zod";
import { AllowRuleError, parseAllowRule } from "../http/allow-rules.ts";
import { parseKeyRing } from "./key-ring.ts";
import { redisEnvShape } from "./redis-env.ts";

/**
 * A comma-separated list of egress rules (addresses, CIDR ranges, host names), each held to the
 * rules team admins are held to: no catch-all, no link-local range. A bad entry is named by its
 * position, since the message must not echo the value.
 */
export const egressRulesVariable = z
  .string()
  .default("")
  .transform((value, ctx) => {
    const rules = value
      .split(",")
      .map((rule) => rule.trim())
      .filter(Boolean);
    rules.forEach((rule, index) => {
      try {
        parseAllowRule(rule);
      } catch (error) {
        if (!(error instanceof AllowRuleError)) throw error;
        ctx.addIssue({ code: "custom", message: `entry ${index + 1} ${error.reason}` });
      }
    });
    return rules;
  });

const postgresUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value) && URL.canParse(value), {
    message:
      "must be a postgresql:// URL, for example postgresql://user:pass@127.0.0.1:5432/authdeck",
  });

/** Variables both apps read. Each app extends this with its own in its `env.ts`. */
export const sharedEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: postgresUrl.default("postgresql://authdeck:authdeck@127.0.0.1:5432/authdeck"),
  // PostgreSQL itself when DATABASE_URL points at a transaction-mode pooler (PgBouncer):
  // migrations hold a session-level lock, which only a direct session keeps. Unset, they use
  // DATABASE_URL. See docs/scaling.md.
  DATABASE_DIRECT_URL: postgresUrl.optional(),
  REDIS_URL: z
    .string()
    .default("redis://127.0.0.1:6379")
    .refine((value) => /^rediss?:\/\/\S+$/.test(value) && URL.canParse(value), {
      message: "must be a redis:// or rediss:// URL, for example redis://127.0.0.1:6379",
    }),
  ...redisEnvShape,
  AUTHDECK_SEALING_KEYS: z
    .string({ message: "is required: run `npm start` once to generate one into .env.local" })
    .transform((value, ctx) => {
      const result = parseKeyRing(value);
      if (!result.ok) {
        ctx.addIssue({ code: "custom", message: result.error });
        return z.NEVER;
      }
      return result.keyRing;
    }),
  AUTHDECK_QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,40}$/, "must be 1-40 letters, digits, '-' or '_'")
    .default("authdeck"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // What a team's own egress rules may open (the web app checks them on save, the worker when
  // it sends); unset, teams can open nothing that is not public.
  AUTHDECK_EGRESS_TEAM_MAY_ALLOW: egressRulesVariable,
  // Comma-separated hosts and CIDRs every team's outgoing requests (token requests, API calls
  // through the proxy) may reach although they are not public.
  AUTHDECK_EGRESS_ALLOW: egressRulesVariable,
});

export type SharedEnv = z.infer<typeof sharedEnvSchema>;
