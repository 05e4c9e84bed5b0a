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
      canRevoke: z.boolean(),
      canInspect: z.boolean(),
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

/** A provider's answer to a revocation or introspection that failed, with secrets masked. */
const providerFailure = z.object({
  ok: z.literal(false),
  problem: z.string(),
  status: z.number().nullable(),
  headers: z.record(z.string(), z.string()),
  body: z.string().nullable(),
});

export const revokeTokenOutput = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), status: z.number() }),
  providerFailure,
]);

/** "Revoke all": how many of a profile's live tokens the provider revoked, and its refusals. */
export const revokeAllTokensOutput = z.object({
  revoked: z.number(),
  failed: z.array(
    z.object({ tenant: z.string().nullable(), problem: z.string(), status: z.number().nullable() }),
  ),
  left: z.number(),
});

/** RFC 7662 §2.2 as the provider answered it; never the token itself. */
export const inspectTokenOutput = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    active: z.boolean(),
    exp: z.number().nullable(),
    scope: z.string().nullable(),
    clientId: z.string().nullable(),
    tokenType: z.string().nullable(),
  }),
  providerFailure,
]);
