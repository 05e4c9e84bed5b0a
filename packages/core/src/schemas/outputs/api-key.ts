import { z } from "zod";

export const listApiKeysOutput = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    apps: z.array(z.object({ id: z.string(), name: z.string() })),
    createdAt: z.date(),
    lastUsedAt: z.date().nullable(),
    callsLast24h: z.number(),
    revokedAt: z.date().nullable(),
  }),
);
/** The one answer that carries a key: shown once to the admin who made it, stored only hashed. */
export const createApiKeyOutput = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  key: z.string(),
});
export const revokeApiKeyOutput = z.object({ id: z.string() });
