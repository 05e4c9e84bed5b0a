#!/usr/bin/env bash
# Runs the built web app, the worker and the API proxy side by side in production mode; when any
# stops, or on Ctrl-C / SIGTERM, all stop (the worker finishes its running jobs first).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export NODE_ENV=production PORT=${PORT:-3000}
# Services call partner APIs through the proxy on its own port (apps/proxy), next to the web's.
export PROXY_PORT=${PROXY_PORT:-$((PORT + 1))}

cd "$ROOT"
say "web, worker and proxy on Node $(node -v)"
# Each as `pnpm build` bundled it (build.ts): plain node, no TypeScript loader. The web's server
# (apps/web/src/main.ts) answers the token API itself and hands the rest to Next.js.
(cd apps/worker && exec node dist/main.js) &
worker=$!
# Its Node flags are apps/proxy/src/node-flags.ts's (a unit test holds this line to them).
(cd apps/proxy && exec node --max-semi-space-size=2 dist/main.js) &
proxy=$!
(cd apps/web && exec node dist/main.js --port "$PORT") &
web=$!

stop() {
  trap - INT TERM
  kill -TERM "$web" "$worker" "$proxy" 2>/dev/null || true
  wait "$web" "$worker" "$proxy" 2>/dev/null || true
}
trap 'stop; exit 0' INT TERM

set +e
wait -n "$web" "$worker" "$proxy"
status=$?
set -e
say "a process stopped (exit $status); stopping the others"
stop
exit "$status"
