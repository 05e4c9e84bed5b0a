import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// biome.json keeps client code (components/, lib/) and core's client-safe folders (shared/,
// schemas/) from importing server modules. These tests lint fixtures placed where those rules
// apply, in a copy of the repository's own configuration, and the real tree with it.
const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const biome = path.join(repoRoot, "node_modules", ".bin", "biome");
const RULE = "style/noRestrictedImports";

let sandbox: string;

beforeAll(async () => {
  sandbox = await mkdtemp(path.join(os.tmpdir(), "authdeck-client-imports-"));
  const config = JSON.parse(await readFile(path.join(repoRoot, "biome.json"), "utf8"));
  config.vcs = { enabled: false };
  await writeFile(path.join(sandbox, "biome.json"), JSON.stringify(config));
});
afterAll(async () => rm(sandbox, { recursive: true, force: true }));

/** Lints `source` as the file at `file` (a path inside the repository); the diagnostics, if any. */
async function lint(file: string, source: string): Promise<string> {
  const target = path.join(sandbox, file);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, source);
  try {
    await run(biome, ["lint", `--only=${RULE}`, "--colors=off", file], { cwd: sandbox });
    return "";
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    return `${stdout}${stderr}` || String(error);
  } finally {
    await rm(target);
  }
}

describe("the client import check", () => {
  it.each([
    [
      "apps/web/src/components/x/a.tsx",
      'import { createDb } from "@authdeck/core/db";',
      "through @authdeck/core/client",
    ],
    [
      "apps/web/src/components/x/b.tsx",
      'import { PROFILE_LIMITS } from "@authdeck/core/profiles";',
      "through @authdeck/core/client",
    ],
    ["apps/web/src/lib/c.ts", 'import "server-only";', "Server-only modules"],
    [
      "apps/web/src/lib/d.ts",
      'import { readFile } from "node:fs/promises";',
      "Server-only modules",
    ],
    [
      "apps/web/src/components/e.tsx",
      'import { serverDeps } from "~/server/deps.ts";',
      "but the router's type",
    ],
    [
      "packages/core/src/shared/f.ts",
      'import { createDb } from "../db/client.ts";',
      "shared/ is loaded by the browser",
    ],
    [
      "packages/core/src/schemas/g.ts",
      'import { PROFILE_LIMITS } from "../profiles/index.ts";',
      "schemas/ is loaded by the browser",
    ],
    [
      "packages/core/src/client.ts",
      'export { refreshNow } from "./tokens/index.ts";',
      "The client entry exports shared/ and schemas/ only",
    ],
  ])("refuses %s importing a server module", async (file, line, message) => {
    const report = await lint(file, `${line}\nexport const used = [${used(line)}];\n`);
    expect(report).toContain(RULE);
    expect(report).toContain(message);
  });

  it("lets client code import the client entry and the router's type", async () => {
    const source = [
      'import { PROFILE_LIMITS } from "@authdeck/core/client";',
      'import type { AppRouter } from "~/server/root.ts";',
      "export const used: [typeof PROFILE_LIMITS, AppRouter | null] = [PROFILE_LIMITS, null];",
    ].join("\n");
    expect(await lint("apps/web/src/components/x/ok.tsx", source)).toBe("");
    expect(
      await lint(
        "packages/core/src/schemas/ok.ts",
        'export { PROFILE_LIMITS } from "../shared/profile-limits.ts";\n',
      ),
    ).toBe("");
    expect(
      await lint(
        "packages/core/src/client.ts",
        'export * from "./shared/index.ts";\nexport type { TokenFacts } from "./tokens/token-facts.ts";\n',
      ),
    ).toBe("");
  });

  it("passes on the real tree", async () => {
    await expect(
      run(biome, ["lint", `--only=${RULE}`, "apps", "packages", "bench"], { cwd: repoRoot }),
    ).resolves.toBeDefined();
  });
});

/** The names a fixture's import binds, so the fixture uses them. */
const used = (line: string) => line.match(/\{ (\w+) \}/)?.[1] ?? "";
