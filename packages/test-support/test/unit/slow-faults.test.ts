import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { skippedSlowFaults } from "../../src/tags.ts";

// .ci/run leaves the slow fault tests out of one runtime's run; they must still be found, and
// only those, or a runtime would silently skip more (or fewer) than the README says.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the slow fault tests", () => {
  it("are left out only when AUTHDECK_SLOW_FAULTS=skip", () => {
    vi.stubEnv("AUTHDECK_SLOW_FAULTS", "");
    expect(skippedSlowFaults(path.join(root, "apps/worker"), "test/integration")).toEqual([]);
    vi.stubEnv("AUTHDECK_SLOW_FAULTS", "skip");
    expect(skippedSlowFaults(path.join(root, "apps/worker"), "test/integration")).toEqual([
      "test/integration/lost-runs.test.ts",
      "test/integration/postgres-restart.test.ts",
      "test/integration/refresh-floods.test.ts",
      "test/integration/two-workers.test.ts",
      "test/integration/worker-crash.test.ts",
    ]);
    expect(skippedSlowFaults(path.join(root, "apps/web"), "test/integration")).toEqual([
      "test/integration/token-api-redis-down.test.ts",
      "test/integration/token-api-sentinel-failover.test.ts",
    ]);
    expect(skippedSlowFaults(path.join(root, "packages/core"), "test/integration")).toEqual([
      "test/integration/redis-sentinel.test.ts",
    ]);
    expect(skippedSlowFaults(path.join(root, "apps/web"), "e2e")).toEqual([
      "e2e/redis-outage.spec.ts",
    ]);
  });
});
