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

integration() { # package, files...
  local package=$1; shift
  say "$package: $*"
  pnpm --filter "$package" exec vitest run --project integration "$@"
}

integration @authdeck/worker \
  test/integration/process.test.ts test/integration/worker-crash.test.ts \
  test/integration/postgres-restart.test.ts test/integration/lost-runs.test.ts \
  test/integration/refresh.test.ts test/integration/token-test.test.ts \
  test/integration/usage-pruning.test.ts
integration @authdeck/worker test/integration/tenant-expiry.test.ts
integration @authdeck/core \
  test/integration/start-test.test.ts test/integration/token-test-recording.test.ts \
  test/integration/egress.test.ts test/integration/profiles.test.ts \
  test/integration/invitations.test.ts test/integration/service-token.test.ts \
  test/integration/api-key-usage.test.ts
integration @authdeck/core \
  test/integration/secret-origins.test.ts test/integration/tenants.test.ts \
  test/integration/token-request-rules.test.ts
integration @authdeck/web \
  test/integration/input-fuzz.test.ts test/integration/token-api-fuzz.test.ts \
  test/integration/token-api-rate-limit.test.ts \
  test/integration/oversized-body.test.ts test/integration/access-matrix.test.ts \
  test/integration/next-request.test.ts \
  test/integration/boundaries.test.ts test/integration/sign-in.test.ts \
  test/integration/audit-trail.test.ts \
  test/integration/live-streams.test.ts test/integration/live-streams-http.test.ts \
  test/integration/validation-messages.test.ts
integration @authdeck/web test/integration/lone-surrogates.test.ts
pnpm --filter @authdeck/core exec vitest run --project unit test/unit/sealer.test.ts
pnpm --filter @authdeck/core exec vitest run --project unit \
  test/unit/profile-schema.test.ts test/unit/name-schemas.test.ts test/unit/tenant.test.ts \
  test/unit/secret-urls.test.ts test/unit/build-token-request.test.ts test/unit/text-rules.test.ts

say "build, then the browser tests"
pnpm build --output-logs=errors-only
pnpm --filter @authdeck/web exec playwright test \
  e2e/redis-outage.spec.ts e2e/sse-reconnect.spec.ts e2e/secret-leaks.spec.ts \
  e2e/request-bodies.spec.ts e2e/headers.spec.ts \
  e2e/live-access.spec.ts e2e/token-api-concurrency.spec.ts
