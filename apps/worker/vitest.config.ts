import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";
// Relative: vitest bundles it into the config, where a package import would reach Node as .ts.
import {
  integrationFiles,
  redisClusterSetup,
  skippedSlowFaults,
  TEST_TAGS,
} from "../../packages/test-support/src/tags.ts";

const here = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  test: {
    tags: TEST_TAGS,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
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
          // Files spawn worker processes and time refreshes: run them one at a time so they do
          // not compete for the two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
