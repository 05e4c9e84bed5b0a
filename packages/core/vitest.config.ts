import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { TEST_TAGS } from "../test-support/src/tags.ts";

// Core's tests use the test-support package, which depends on core: an alias instead of a
// dependency keeps the workspace graph free of a cycle (turbo refuses one). Each project
// extends this config, so both see the alias.
const testSupport = (file: string) =>
  fileURLToPath(new URL(`../test-support/src/${file}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@authdeck\/test-support$/, replacement: testSupport("index.ts") },
      {
        find: /^@authdeck\/test-support\/certificates$/,
        replacement: testSupport("certificates.ts"),
      },
    ],
  },
  test: {
    tags: TEST_TAGS,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
