import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";
// Relative: vitest bundles it into the config, where a package import would reach Node as .ts.
import { skippedSlowFaults, TEST_TAGS } from "../../packages/test-support/src/tags.ts";

// Unit tests sit next to the code; integration tests call the tRPC router against real
// PostgreSQL and Redis. The browser tests under e2e/ belong to Playwright.
const here = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("./src", import.meta.url)),
      "server-only": fileURLToPath(new URL("./test/support/empty.ts", import.meta.url)),
    },
  },
  test: {
    tags: TEST_TAGS,
    projects: [
      { extends: true, test: { name: "unit", include: ["src/**/*.test.{ts,tsx}"] } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...skippedSlowFaults(here, "test/integration")],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
