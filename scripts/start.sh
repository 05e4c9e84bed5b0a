#!/usr/bin/env bash
# npm start: everything from a fresh clone to a running product on http://localhost:$PORT.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

ensure_pnpm
install_deps
ensure_local_secrets
ensure_services
say "migrating the database"
pnpm --silent db:migrate
say "building"
pnpm --silent build --output-logs=errors-only
say "starting web on http://localhost:${PORT:-3000}, the API proxy on port ${PROXY_PORT:-$((${PORT:-3000} + 1))} and the worker (Ctrl-C stops all)"
exec bash scripts/run-product.sh
