import { defineConfig } from "vitest/config";
// Relative: vitest bundles it into the config, where a package import would reach Node as .ts.
import { TEST_TAGS } from "../../packages/test-support/src/tags.ts";

export default defineConfig({
  test: {
    tags: TEST_TAGS,
    projects: [{ extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } }],
  },
});
