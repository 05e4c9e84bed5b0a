import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const coreDir = path.resolve(path.dirname(require.resolve("../../package.json")));

/**
 * Drafts migration SQL between two schema files with Prisma 6's WebAssembly schema engine, since
 * Prisma 7's CLI needs a native engine that cannot be downloaded here. Prisma 6 wants a `url` in
 * the datasource block, which Prisma 7 forbids, so each schema is copied with one added.
 * `from: null` diffs from an empty database.
 */
export async function diffSchemas(options: {
  from: string | null;
  to: string;
  databaseUrl: string;
}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "authdeck-diff-"));
  try {
    const toFile = await withUrl(options.to, path.join(dir, "to.prisma"));
    const fromArgs = options.from
      ? ["--from-schema-datamodel", await withUrl(options.from, path.join(dir, "from.prisma"))]
      : ["--from-empty"];
    const cli = path.join(coreDir, "node_modules", "prisma6", "build", "index.js");
    const { stdout } = await run(
      process.execPath,
      [
        cli,
        "migrate",
        "diff",
        "--config",
        path.join(coreDir, "prisma6.config.ts"),
        ...fromArgs,
        "--to-schema-datamodel",
        toFile,
        "--script",
      ],
      {
        cwd: coreDir,
        maxBuffer: 16 * 1024 * 1024,
        env: {
          // biome-ignore lint/style/noProcessEnv: the CLI child needs PATH and HOME, nothing of ours
          ...process.env,
          DATABASE_URL: options.databaseUrl,
          // Existing files stop the CLI from downloading engines it never runs for a diff.
          PRISMA_QUERY_ENGINE_LIBRARY: "/bin/true",
          PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true",
          PRISMA_HIDE_UPDATE_MESSAGE: "1",
        },
      },
    );
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function withUrl(schemaFile: string, target: string): Promise<string> {
  const schema = await readFile(schemaFile, "utf8");
  const patched = schema.replace(
    /datasource\s+db\s*\{/,
    (block) => `${block}\n  url = env("DATABASE_URL")`,
  );
  await writeFile(target, patched);
  return target;
}
