#!/usr/bin/env bash
# pnpm dev: the same set-up as npm start, then web, worker and proxy in watch mode.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

ensure_pnpm
install_deps
ensure_local_secrets
# In development, tests may reach identity providers running on this machine.
export AUTHDECK_EGRESS_ALLOW=${AUTHDECK_EGRESS_ALLOW-127.0.0.0/8,::1/128,localhost}
ensure_services
pnpm --silent db:generate
pnpm --silent db:migrate
exec pnpm exec turbo run dev --parallel --filter @authdeck/web --filter @authdeck/worker --filter @authdeck/proxy
