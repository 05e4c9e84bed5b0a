#!/usr/bin/env bash
# Several web processes and workers of the built product on one machine, behind haproxy on
# $PORT: a local trial of scaling out (docs/scaling.md). They share one PostgreSQL and one Redis,
# as separate machines would. Web process i listens on the i-th of $WEB_PORTS (by default
# $PORT+10, +11...), the API proxy on $PROXY_PORT. When any process stops, or on Ctrl-C /
# SIGTERM, all stop (workers finish their running jobs first).
#   WEB_PROCESSES=3 WORKER_PROCESSES=2 bash scripts/scale-local.sh   (after pnpm build)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export NODE_ENV=production PORT=${PORT:-3000}
export PROXY_PORT=${PROXY_PORT:-$((PORT + 1))}
WEB_PROCESSES=${WEB_PROCESSES:-2}
WORKER_PROCESSES=${WORKER_PROCESSES:-2}
if [ -z "${WEB_PORTS:-}" ]; then
  WEB_PORTS=$(seq -s ' ' $((PORT + 10)) $((PORT + 9 + WEB_PROCESSES)))
fi
read -r -a web_ports <<<"$WEB_PORTS"
[ "${#web_ports[@]}" = "$WEB_PROCESSES" ] || die "WEB_PORTS names ${#web_ports[@]} ports for $WEB_PROCESSES web processes."
# Links in mails and the origin checks speak of the address people use: the load balancer's.
export AUTHDECK_BASE_URL=${AUTHDECK_BASE_URL:-http://localhost:$PORT}
ensure_haproxy

cd "$ROOT"
config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT
{
  cat <<EOF
global
  maxconn 4096
defaults
  mode http
  option forwardfor
  timeout connect 5s
  timeout http-request 10s
  # Live pages hold a server-sent event stream open for as long as they are shown; HTTP mode
  # passes each event on at once (no buffering), and these timeouts only end idle streams.
  timeout client 1h
  timeout server 1h
frontend authdeck
  bind 127.0.0.1:$PORT
  default_backend web
backend web
  balance roundrobin
  option httpchk GET /status
EOF
  for i in "${!web_ports[@]}"; do
    echo "  server web$((i + 1)) 127.0.0.1:${web_ports[$i]} check inter 2s"
  done
} >"$config/haproxy.cfg"
haproxy -q -c -f "$config/haproxy.cfg" || die "haproxy refused its generated configuration"

say "$WEB_PROCESSES web processes (ports ${web_ports[*]}), $WORKER_PROCESSES workers and the proxy on Node $(node -v), haproxy on $AUTHDECK_BASE_URL"
pids=()
for i in $(seq 1 "$WORKER_PROCESSES"); do
  (cd apps/worker && exec node dist/main.js) &
  pids+=($!)
done
(cd apps/proxy && exec node --max-semi-space-size=2 dist/main.js) &
pids+=($!)
for port in "${web_ports[@]}"; do
  (cd apps/web && exec node dist/main.js --port "$port") &
  pids+=($!)
done
haproxy -db -f "$config/haproxy.cfg" &
pids+=($!)

stop() {
  trap - INT TERM
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap 'stop; exit 0' INT TERM

set +e
wait -n "${pids[@]}"
status=$?
set -e
say "a process stopped (exit $status); stopping the others"
stop
exit "$status"
