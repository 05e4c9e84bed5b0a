#!/usr/bin/env bash
# Makes PostgreSQL and Redis answer at DATABASE_URL and REDIS_URL: starts Debian's services when
# they are installed but stopped, installs them when missing (as root), creates the role and the
# database, and checks Redis keeps jobs (maxmemory-policy noeviction).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DATABASE_URL=${DATABASE_URL:-postgresql://authdeck:authdeck@127.0.0.1:5432/authdeck}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}

url_part() { node -e 'const u=new URL(process.argv[1]);const v={host:u.hostname.replace(/^\[|\]$/g,""),port:u.port,user:decodeURIComponent(u.username),password:decodeURIComponent(u.password),db:u.pathname.slice(1)}[process.argv[2]];process.stdout.write(v||"")' "$1" "$2"; }
is_local() { case "$1" in 127.* | localhost | ::1 | "") return 0 ;; *) return 1 ;; esac; }
wait_for() { # description, command...
  local what=$1; shift
  for _ in $(seq 1 60); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  die "$what did not answer within 30 s."
}

PG_HOST=$(url_part "$DATABASE_URL" host); PG_PORT=$(url_part "$DATABASE_URL" port); PG_PORT=${PG_PORT:-5432}
PG_USER=$(url_part "$DATABASE_URL" user); PG_PASSWORD=$(url_part "$DATABASE_URL" password)
PG_DB=$(url_part "$DATABASE_URL" db)

pg_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; }

ensure_postgres() {
  command -v pg_isready >/dev/null || { is_local "$PG_HOST" && apt_install postgresql; } ||
    die "psql and pg_isready are missing: apt-get install postgresql-client."
  pg_ready && return 0
  is_local "$PG_HOST" || die "PostgreSQL at $PG_HOST:$PG_PORT does not answer; check DATABASE_URL."
  if ! command -v pg_lsclusters >/dev/null || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
    apt_install postgresql
  fi
  say "starting PostgreSQL"
  pg_lsclusters -h | while read -r version cluster _ status _; do
    [ "$status" = online ] || pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start
  done
  wait_for "PostgreSQL at $PG_HOST:$PG_PORT" pg_ready
}

# Runs SQL as a superuser: the local postgres account over the socket, else trust over TCP.
as_superuser() {
  if is_root && id postgres >/dev/null 2>&1; then
    runuser -u postgres -- psql -qtAX -p "$PG_PORT" -d postgres -c "$1"
  else
    psql -qtAX -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -c "$1"
  fi
}

ensure_database() {
  local as_owner=(env PGPASSWORD="$PG_PASSWORD" psql -qtAX -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER")
  if ! "${as_owner[@]}" -d postgres -c 'select 1' >/dev/null 2>&1; then
    is_local "$PG_HOST" || die "Cannot sign in to PostgreSQL as $PG_USER; check DATABASE_URL."
    say "creating PostgreSQL role $PG_USER"
    as_superuser "CREATE ROLE \"$PG_USER\" LOGIN CREATEDB PASSWORD '${PG_PASSWORD//\'/\'\'}'" >/dev/null ||
      die "Could not create role $PG_USER: create it (with CREATEDB) or set DATABASE_URL."
  fi
  if [ "$("${as_owner[@]}" -d postgres -c "select 1 from pg_database where datname = '$PG_DB'")" != 1 ]; then
    say "creating database $PG_DB"
    "${as_owner[@]}" -d postgres -c "CREATE DATABASE \"$PG_DB\"" >/dev/null ||
      die "Could not create database $PG_DB as $PG_USER: grant CREATEDB or create it yourself."
  fi
}

REDIS_HOST=$(url_part "$REDIS_URL" host); REDIS_PORT=$(url_part "$REDIS_URL" port); REDIS_PORT=${REDIS_PORT:-6379}
redis_cmd() { redis-cli -u "$REDIS_URL" --no-auth-warning "$@"; }
redis_ready() { [ "$(redis_cmd ping 2>/dev/null)" = PONG ]; }

ensure_redis() {
  command -v redis-cli >/dev/null || { is_local "$REDIS_HOST" && apt_install redis-server; } ||
    die "redis-cli is missing: apt-get install redis-tools."
  redis_ready || {
    is_local "$REDIS_HOST" || die "Redis at $REDIS_HOST:$REDIS_PORT does not answer; check REDIS_URL."
    command -v redis-server >/dev/null || apt_install redis-server
    say "starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
      --dir /tmp --logfile "" >/dev/null
    wait_for "Redis at $REDIS_HOST:$REDIS_PORT" redis_ready
  }
  local policy
  policy=$(redis_cmd config get maxmemory-policy | sed -n 2p)
  [ "$policy" = noeviction ] ||
    die "Redis maxmemory-policy is '$policy': BullMQ loses jobs unless it is 'noeviction'. Run: redis-cli config set maxmemory-policy noeviction (and set it in redis.conf)."
}

ensure_postgres
ensure_database
ensure_redis
say "PostgreSQL and Redis are ready"
