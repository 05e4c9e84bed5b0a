#!/usr/bin/env bash
# pnpm test:resilience: only the tests behind docs/reliability.md and docs/security.md (faults,
# leaks, fuzzed input, access, headers), with the same set-up as npm test. They also run in the
# normal suites; this is the short way to check those promises alone.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

ensure_pnpm
install_deps
ensure_chromium
ensure_services

# The tests are the files that carry `// @module-tag resilience` (packages/test-support's
# TEST_TAGS); a unit test there fails when docs/reliability.md or docs/security.md cites a test
# without the tag, so a cited test cannot drop out of this run.
tagged() { # folders: the tagged test files below them
  grep -rlx --include='*.test.ts' --include='*.test.tsx' --include='*.spec.ts' \
    '// @module-tag resilience' "$@" | sort
}

vitest_tagged() { # package folder: its tagged unit and integration tests, in one vitest run
  local files
  mapfile -t files < <(cd "$1" && tagged src test 2>/dev/null)
  [ "${#files[@]}" -gt 0 ] || return 0
  say "$1: ${#files[@]} files"
  (cd "$1" && node_modules/.bin/vitest run "${files[@]}")
}

vitest_tagged apps/worker
vitest_tagged packages/core
vitest_tagged apps/web

say "build, then the browser tests"
mapfile -t specs < <(cd apps/web && tagged e2e)
pnpm test:e2e -- "${specs[@]}"
