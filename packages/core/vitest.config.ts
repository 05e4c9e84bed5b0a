import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";
import {
  integrationFiles,
  redisClusterSetup,
  skippedSlowFaults,
  TEST_TAGS,
} from "../test-support/src/tags.ts";

// Core's tests use the test-support package, which depends on core: an alias instead of a
// dependency keeps the workspace graph free of a cycle (turbo refuses one). Each project
// extends this config, so both see the alias.
const here = fileURLToPath(new URL(".", import.meta.url));
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
          include: integrationFiles(here, "test/integration"),
          // AUTHDECK_TEST_POSTGRES=pgbouncer: one PgBouncer in front of PostgreSQL for the run;
          // AUTHDECK_TEST_REDIS=cluster: one Redis Cluster, for the queue and event files only.
          globalSetup: [testSupport("pgbouncer-setup.ts"), redisClusterSetup],
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
