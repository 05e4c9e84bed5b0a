import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";
// Relative: vitest bundles it into the config, where a package import would reach Node as .ts.
import {
  integrationFiles,
  redisClusterSetup,
  skippedSlowFaults,
  TEST_TAGS,
} from "../../packages/test-support/src/tags.ts";

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
          include: integrationFiles(here, "test/integration"),
          // AUTHDECK_TEST_POSTGRES=pgbouncer: one PgBouncer in front of PostgreSQL for the run;
          // AUTHDECK_TEST_REDIS=cluster: one Redis Cluster, for the queue and event files only.
          globalSetup: [
            fileURLToPath(
              new URL("../../packages/test-support/src/pgbouncer-setup.ts", import.meta.url),
            ),
            redisClusterSetup,
          ],
          exclude: [...configDefaults.exclude, ...skippedSlowFaults(here, "test/integration")],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Two files at a time, on two cores: each file has its own database and Redis prefix,
          // and much of their time is waiting (an authorization server's 60 s key cache, live
          // streams' lifetimes), so two at a time end much sooner. Vitest's default is one file
          // at a time on a 2-core machine (cores - 1).
          maxWorkers: 2,
        },
      },
    ],
  },
});
