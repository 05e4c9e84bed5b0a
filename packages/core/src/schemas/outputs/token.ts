import { z } from "zod";
import { RUN_TRIGGERS } from "../../shared/run-status.ts";

const DISPLAY_STATUSES = ["fresh", "refreshing", "failing", "expired", "none"] as const;

/** The token dashboard: states and history, never a token. */
export const tokenDashboardOutput = z.object({
  now: z.date(),
  profiles: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      identityProviderName: z.string(),
      autoRefresh: z.boolean(),
      tenancyEnabled: z.boolean(),
      tokens: z.array(
        z.object({
          tenant: z.string(),
          status: z.enum(DISPLAY_STATUSES),
          obtainedAt: z.date().nullable(),
          expiresAt: z.date().nullable(),
          nextRefreshAt: z.date().nullable(),
          consecutiveFailures: z.number(),
          lastError: z.string().nullable(),
          refreshNote: z.string().nullable(),
        }),
      ),
      history: z.array(
        z.object({
          trigger: z.enum(RUN_TRIGGERS),
          status: z.string(),
          durationMs: z.number().nullable(),
          at: z.date(),
        }),
      ),
    }),
  ),
});
export const setAutoRefreshOutput = z.object({ autoRefresh: z.boolean() });
export const refreshNowOutput = z.object({ queued: z.number() });
/** Tenant names, most recently used first: no token, nothing secret. */
export const recentTenantsOutput = z.array(z.string());
