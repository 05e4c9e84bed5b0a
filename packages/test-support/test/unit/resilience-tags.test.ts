import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// pnpm test:resilience runs the test files that carry the resilience tag; the docs promise what
// those tests prove. A test the docs cite without the tag would silently drop out of that run.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const DOCS = ["docs/reliability.md", "docs/security.md"];
const CITED_TEST = /\b(?:apps|packages|bench)\/[\w./-]+\.(?:test|spec)\.tsx?\b/g;
const TAG_LINE = /^\/\/ @module-tag resilience$/m;

const cited = [
  ...new Set(DOCS.flatMap((doc) => readFileSync(path.join(root, doc), "utf8").match(CITED_TEST))),
].filter((file): file is string => file !== undefined);

describe("the tests the docs cite", () => {
  it("are found in the docs", () => {
    expect(cited.length).toBeGreaterThan(50);
  });

  it.each(cited)("%s exists and carries the resilience tag", (file) => {
    const text = readFileSync(path.join(root, file), "utf8");
    expect(text).toMatch(TAG_LINE);
  });
});
