import { z } from "zod";
import { HEALTH_STATUSES } from "../../shared/health-status.ts";
import { CLIENT_AUTH_METHODS } from "../profile.ts";

const flagSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("expired"), label: z.string() }),
  z.object({
    kind: z.literal("expiring"),
    label: z.string(),
    days: z.number(),
    threshold: z.union([z.literal(30), z.literal(7), z.literal(1)]),
  }),
  z.object({ kind: z.literal("failing"), label: z.string() }),
  z.object({ kind: z.literal("stale"), label: z.string() }),
]);

/** The team's credential inventory, "needs attention first"; no secret is ever in it. */
export const listCredentialsOutput = z.object({
  now: z.date(),
  /** Every profile of the team; more than `cap` means only the first `cap` are listed. */
  total: z.number(),
  cap: z.number(),
  credentials: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      app: z.object({ id: z.string(), name: z.string() }),
      clientAuthMethod: z.enum(CLIENT_AUTH_METHODS),
      /** YYYY-MM-DD, entered on the profile; only for the methods that send a secret. */
      secretExpiresOn: z.string().nullable(),
      certificateExpiresAt: z.date().nullable(),
      /** The earliest of the two: what the Expires column shows and sorts by. */
      expiresAt: z.date().nullable(),
      /** private_key_jwt: when the current signing key was made (keys do not expire). */
      keyAddedAt: z.date().nullable(),
      lastTokenAt: z.date().nullable(),
      lastUsedAt: z.date().nullable(),
      refreshFailing: z.boolean(),
      health: z.enum(HEALTH_STATUSES),
      lastChange: z.object({ at: z.date(), by: z.string().nullable() }),
      flags: z.array(flagSchema),
    }),
  ),
});
