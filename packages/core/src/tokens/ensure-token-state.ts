import type { Prisma } from "../db/generated/client.ts";

/**
 * The token state of a profile and tenant, made (due at once) when there is none yet. Callers
 * asking at the same moment all get the one row: an insert that skips an existing row
 * (`ON CONFLICT DO NOTHING`), then a read. Prisma's upsert reads first and inserts second here,
 * so all but one of them hit the unique index. Most calls find the row: they only read it.
 */
export async function ensureTokenState(
  db: Pick<Prisma.TransactionClient, "tokenState">,
  key: { teamId: string; profileId: string; tenant: string },
) {
  const where = { profileId_tenant: { profileId: key.profileId, tenant: key.tenant } };
  const known = await db.tokenState.findUnique({ where });
  if (known) return known;
  await db.tokenState.createMany({
    data: [{ ...key, status: "refreshing", nextRefreshAt: new Date() }],
    skipDuplicates: true,
  });
  return db.tokenState.findUniqueOrThrow({ where });
}
