import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { migrationsDir, repoRoot, schemaPath } from "../db/paths.ts";
import { diffSchemas } from "../db/schema-diff.ts";
import { cliEnv } from "./env.ts";

/**
 * `pnpm db:draft <name>`: writes the SQL that takes the committed schema to the working one.
 * The committed schema describes exactly what the migrations build (the agreement test keeps it
 * so), which is why it can stand in for a shadow database.
 */
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: pnpm db:draft <snake_case_name>");
  process.exit(1);
}
const existing = (await readdir(migrationsDir, { withFileTypes: true })).filter((e) =>
  e.isDirectory(),
);
let from: string | null = null;
if (existing.length > 0) {
  const { stdout } = await promisify(execFile)("git", ["show", "HEAD:prisma/schema.prisma"], {
    cwd: repoRoot,
  });
  from = path.join(await mkdtemp(path.join(os.tmpdir(), "authdeck-draft-")), "committed.prisma");
  await writeFile(from, stdout);
}
const sql = await diffSchemas({ from, to: schemaPath, databaseUrl: cliEnv().DATABASE_URL });
if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
  console.log("db:draft the schema matches the committed one: nothing to draft");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, "migration.sql"), sql);
console.log(
  `db:draft wrote ${path.relative(repoRoot, dir)}/migration.sql; read it before committing`,
);
