import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestTagDefinition } from "vitest/config";

/**
 * The tags a test file may carry, as a `// @module-tag <name>` line at its top (vitest reads it;
 * scripts/test-resilience.sh and the Playwright config find files by the same line).
 */
export const TEST_TAGS: TestTagDefinition[] = [
  {
    name: "resilience",
    description:
      "Proves a promise of docs/reliability.md or docs/security.md (faults, leaks, fuzzed input, access, headers); pnpm test:resilience runs every file that carries it.",
  },
  {
    name: "slow-fault",
    description:
      "Stops, kills or restarts Redis, PostgreSQL or a worker and waits out the recovery; AUTHDECK_SLOW_FAULTS=skip leaves these out (CI runs them on one Node runtime of the two).",
  },
  {
    name: "redis-queue",
    description:
      "Enqueues or runs jobs, or publishes or subscribes to events, on the tests' shared Redis; AUTHDECK_TEST_REDIS=cluster runs exactly these files, on a private Redis Cluster of three masters.",
  },
];

/** Set by .ci/run for one of its two runtimes: the slow fault tests run on the other. */
const slowFaultsSkipped = () => process.env.AUTHDECK_SLOW_FAULTS === "skip";

/**
 * What a test run leaves out of `dir` (a folder of the package `root`, an absolute path):
 * its slow fault files when AUTHDECK_SLOW_FAULTS=skip, as paths from the root; otherwise nothing.
 */
export const skippedSlowFaults = (root: string, dir: string): string[] =>
  slowFaultsSkipped()
    ? filesTagged(path.join(root, dir), "slow-fault").map((f) => `${dir}/${f}`)
    : [];

/**
 * The integration files of `dir` a test run includes: with AUTHDECK_TEST_REDIS=cluster only the
 * queue and event files (tagged redis-queue), which then run on a Redis Cluster; otherwise all.
 */
export const integrationFiles = (root: string, dir: string): string[] =>
  process.env.AUTHDECK_TEST_REDIS === "cluster"
    ? filesTagged(path.join(root, dir), "redis-queue").map((f) => `${dir}/${f}`)
    : [`${dir}/**/*.test.ts`];

/** Global setup that starts the Redis Cluster when AUTHDECK_TEST_REDIS=cluster asks for one. */
export const redisClusterSetup = fileURLToPath(
  new URL("./redis-cluster-setup.ts", import.meta.url),
);

/** The files directly in `dir` whose lines include `// @module-tag <tag>`. */
function filesTagged(dir: string, tag: string): string[] {
  const line = `// @module-tag ${tag}`;
  return readdirSync(dir)
    .filter((name) => /\.(spec|test)\.tsx?$/.test(name))
    .filter((name) => readFileSync(path.join(dir, name), "utf8").split("\n").includes(line));
}
