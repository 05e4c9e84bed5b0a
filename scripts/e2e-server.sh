#!/usr/bin/env bash
# The product as the end-to-end tests see it: a database of this run's own (dropped on exit),
# its own queue prefix and keys, then web, worker and proxy in production mode.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
: "${AUTHDECK_E2E_RUN:?set by playwright.config.ts}"

db_name="authdeck_e2e_${AUTHDECK_E2E_RUN}"
test_db() { pnpm --filter @authdeck/test-support --silent exec tsx src/cli/test-database.ts "$@"; }
DATABASE_URL=$(test_db create "$db_name")
export DATABASE_URL
export AUTHDECK_BASE_URL="http://localhost:${PORT:?set by playwright.config.ts}"
# Every test signs up and in from 127.0.0.1; the production limit would refuse them.
export AUTH_RATE_LIMIT_PER_MINUTE=1000
# Token tests reach the test token servers on loopback.
export AUTHDECK_EGRESS_ALLOW="127.0.0.0/8,::1/128,localhost"
# What e2e/egress.spec.ts lets a team allow itself.
export AUTHDECK_EGRESS_TEAM_MAY_ALLOW="10.20.0.0/16,idp.internal"
export AUTHDECK_QUEUE_PREFIX="authdeck-e2e-${AUTHDECK_E2E_RUN}"
export AUTHDECK_SEALING_KEYS="e2e:$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64"))')"
export BETTER_AUTH_SECRET="$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64url"))')"

cleanup() { test_db drop "$db_name" || true; }
trap cleanup EXIT
bash scripts/run-product.sh &
product=$!
trap 'kill -TERM $product 2>/dev/null; wait $product; exit 0' INT TERM
wait $product
