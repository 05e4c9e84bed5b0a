import type { TestTagDefinition } from "vitest/config";

/**
 * The tags a test file may carry, as a `// @module-tag <name>` line at its top (vitest reads it;
 * scripts/test-resilience.sh finds the Playwright files by the same line).
 */
export const TEST_TAGS: TestTagDefinition[] = [
  {
    name: "resilience",
    description:
      "Proves a promise of docs/reliability.md or docs/security.md (faults, leaks, fuzzed input, access, headers); pnpm test:resilience runs every file that carries it.",
  },
];
