#!/usr/bin/env bash
# Runs the built web app and the worker side by side in production mode; when either stops, or
# on Ctrl-C / SIGTERM, both stop (the worker finishes its running jobs first).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export NODE_ENV=production PORT=${PORT:-3000}

cd "$ROOT"
say "web and worker on Node $(node -v)"
# The worker as `pnpm build` bundled it (apps/worker/build.ts): plain node, no TypeScript loader.
(cd apps/worker && exec node dist/main.js) &
worker=$!
(cd apps/web && exec node_modules/.bin/next start --port "$PORT") &
web=$!

stop() {
  trap - INT TERM
  kill -TERM "$web" "$worker" 2>/dev/null || true
  wait "$web" "$worker" 2>/dev/null || true
}
trap 'stop; exit 0' INT TERM

set +e
wait -n "$web" "$worker"
status=$?
set -e
say "a process stopped (exit $status); stopping the other"
stop
exit "$status"
