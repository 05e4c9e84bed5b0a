import type { Db } from "@authdeck/core/db";

/**
 * One digest per table of every row in it, so a test can tell that a call changed nothing and,
 * when it did, which table. `ignore` lists columns that legitimately move on a read.
 */
export async function digestTables(
  db: Db,
  ignore: Record<string, readonly string[]> = {},
): Promise<Record<string, string>> {
  const tables = await db.$queryRawUnsafe<Array<{ name: string }>>(
    `SELECT tablename AS name FROM pg_tables
      WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`,
  );
  const parts = tables.map(({ name }) => {
    const dropped = (ignore[name] ?? []).map((column) => ` - '${column}'`).join("");
    return `SELECT '${name}' AS name, md5(coalesce(string_agg(r, ',' ORDER BY r), '')) AS digest
              FROM (SELECT (to_jsonb(t)${dropped})::text AS r FROM "${name}" t) rows`;
  });
  const rows = await db.$queryRawUnsafe<Array<{ name: string; digest: string }>>(
    parts.join(" UNION ALL "),
  );
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
}
