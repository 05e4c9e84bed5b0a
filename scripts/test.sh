#!/usr/bin/env bash
# npm test: the same set-up as npm start, then every suite, with one summary line per suite.
# Each suite runs even when an earlier one failed, so one run shows everything that is wrong.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

ensure_pnpm
say "testing on Node $(node -v)"
# .ci/run sets it for one of its two runtimes (see packages/test-support/src/tags.ts).
slow_faults="slow fault tests: included"
[ "${AUTHDECK_SLOW_FAULTS:-}" = skip ] && slow_faults="slow fault tests: left out (AUTHDECK_SLOW_FAULTS=skip)"
say "$slow_faults"
# .ci/run sets it for one of its two runtimes: the integration suites then open their databases
# through a PgBouncer in transaction pooling mode (packages/test-support/src/pgbouncer.ts).
case "${AUTHDECK_TEST_POSTGRES:-direct}" in
  direct) postgres_mode="PostgreSQL: direct" ;;
  pgbouncer) postgres_mode="PostgreSQL: through PgBouncer, transaction pooling (AUTHDECK_TEST_POSTGRES=pgbouncer)" ;;
  *) die "AUTHDECK_TEST_POSTGRES must be direct or pgbouncer, not '$AUTHDECK_TEST_POSTGRES'." ;;
esac
say "$postgres_mode"
install_deps
ensure_chromium
ensure_services
# Wanted in both modes: packages/core's pgbouncer.test.ts always runs through one of its own.
ensure_pgbouncer
# Before the suites rather than in the middle of the e2e spec that starts several web processes.
ensure_haproxy

logs=$(mktemp -d)
summary=()
suites_passed=0 suites_failed=0 tests_passed=0 tests_failed=0

# Sums the "N passed" / "N failed" counts vitest and Playwright print.
count() { # file, word
  sed -e 's/\x1b\[[0-9;]*m//g' -e 's/^@authdeck\/[a-z-]*:[a-z0-9:]*: //' "$1" | grep -E '^ *(Tests +)?([0-9]+ (passed|failed|skipped)[ |(]*)+' |
    grep -oE "[0-9]+ $2" | awk '{ n += $1 } END { print n + 0 }' || true
}

# The failed tests' names, so the summary at the end of a long log says what to look at:
# vitest's "FAIL <file> > <test>" lines and Playwright's "✘ <spec> › <test>" lines.
failures() { # file
  sed -e 's/\x1b\[[0-9;]*m//g' -e 's/^@authdeck\/[a-z-]*:[a-z0-9:]*: //' "$1" |
    grep -E '^ *(FAIL +[^ ]|✘ )' | sed -E 's/^ *//; s/ \([0-9.]+m?s\)$//' | sort -u | head -20 || true
}

run_suite() { # name, command...
  local name=$1; shift
  say "suite: $name"
  local started=$SECONDS status=0
  "$@" 2>&1 | tee "$logs/$name.log" || status=$?
  local seconds=$((SECONDS - started)) passed failed
  passed=$(count "$logs/$name.log" passed); failed=$(count "$logs/$name.log" failed)
  tests_passed=$((tests_passed + passed)); tests_failed=$((tests_failed + failed))
  local detail="${seconds}s"
  [ "$passed$failed" = 00 ] || detail="$passed passed, $failed failed, $detail"
  if [ "$status" = 0 ]; then
    suites_passed=$((suites_passed + 1)); summary+=("  ✓ $name ($detail)")
  else
    suites_failed=$((suites_failed + 1)); summary+=("  ✗ $name ($detail, exit $status)")
    while IFS= read -r line; do [ -z "$line" ] || summary+=("      $line"); done < <(failures "$logs/$name.log")
  fi
}

run_suite lint pnpm lint --output-logs=errors-only
run_suite typecheck pnpm typecheck --output-logs=errors-only
run_suite unit pnpm test:unit --output-logs=full
run_suite integration pnpm test:integration --output-logs=full
# The queue and event files (tagged redis-queue) again, on a private Redis Cluster of three
# masters (docs/scaling.md). .ci/run asks for it on one runtime only, to keep CI within its time.
if [ "${AUTHDECK_CLUSTER_SUITE:-}" = run ]; then
  run_suite "integration on Redis Cluster" env AUTHDECK_TEST_REDIS=cluster pnpm test:integration \
    --filter=@authdeck/core --filter=@authdeck/worker --filter=@authdeck/web --output-logs=full
fi
# test:e2e builds web, worker and proxy first (turbo.json), so it never runs stale code.
run_suite e2e pnpm test:e2e

echo
say "summary on Node $(node -v)"
printf '%s\n' "${summary[@]}"
echo "  $slow_faults"
echo "  $postgres_mode"
echo "tests: $tests_passed passed, $tests_failed failed"
echo "suites: $suites_passed passed, $suites_failed failed"
[ "$suites_failed" = 0 ]
