#!/usr/bin/env bash
# A private PostgreSQL server from Debian's packages, for cluster tests and local trials (loopback only).
#
#   scripts/postgres.sh install
#   scripts/postgres.sh start <dir> [port] [--watch-pid PID]
#   scripts/postgres.sh stop <dir>
#   scripts/postgres.sh crash <dir>
#   scripts/postgres.sh status <dir>
#
# install: apt-get install -y postgresql when no initdb/pg_ctl is found (PATH or /usr/lib/postgresql/*/bin);
#          a no-op otherwise. Needs root (or sudo) the first time.
# start:   idempotent. initdb of a private cluster in <dir>/data (once), started on 127.0.0.1:<port> (default:
#          the port of the last start in <dir>, else a free one), no Unix socket outside <dir>; creates the role
#          and database (PG_USER / PG_PASSWORD / PG_DATABASE, default langgraph / langgraph / langgraph; the role
#          may create databases) and prints the JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5xxxx/langgraph
#          (also written to <dir>/jdbc-url). Run as root, the server runs as the postgres user (initdb refuses
#          root): <dir> is handed to that user and must be reachable by it (e.g. under /tmp).
#          --watch-pid P  stops the server when process P (e.g. the test JVM) is gone.
# stop:    fast shutdown (open sessions are ended); <dir> stays, a later start reuses it.
# crash:   immediate shutdown (pg_ctl -m immediate: no checkpoint, sessions cut, crash recovery at the next start),
#          as a power cut or kill -9 would leave it; the watchdog and <dir> stay, `start <dir>` brings the same
#          server back on the same port.
set -euo pipefail

log() { echo "[postgres] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
usage() { sed -n '4,8p' "$0" | sed 's/^# *//' >&2; exit 2; }

PG_USER="${PG_USER:-langgraph}"
PG_PASSWORD="${PG_PASSWORD:-langgraph}"
PG_DATABASE="${PG_DATABASE:-langgraph}"

pg_bindir() { # directory holding initdb and pg_ctl, newest version first; empty when not installed
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
  fi
}

do_install() {
  if [ -n "$(pg_bindir)" ]; then
    log "PostgreSQL found in $(pg_bindir)"
    return 0
  fi
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  log "installing PostgreSQL from the Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q >&2
  $sudo apt-get install -y -q postgresql >&2
  [ -n "$(pg_bindir)" ] || die "postgresql installed, but no initdb/pg_ctl under /usr/lib/postgresql/*/bin"
  log "PostgreSQL installed in $(pg_bindir)"
}

# Runs a command as the user owning the cluster: postgres when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$RUN_USER" -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null && return 0
  local p
  for _ in $(seq 1 100); do
    p=$(( 20000 + RANDOM % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
  done
  die "no free port found"
}

psql_admin() { # psql as the cluster's superuser over the cluster's own socket directory
  as_owner "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$PORT" -U postgres -d postgres "$@"
}

do_start() {
  DIR="$1"; shift
  PORT=""
  local watch=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --watch-pid) watch="$2"; shift 2 ;;
      *) PORT="$1"; shift ;;
    esac
  done
  BIN="$(pg_bindir)"
  [ -n "$BIN" ] || die "PostgreSQL is not installed: run scripts/postgres.sh install"
  RUN_USER="$(id -un)"
  if [ "$(id -u)" = 0 ]; then
    RUN_USER=postgres
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
  mkdir -p "$DIR"
  DIR="$(cd "$DIR" && pwd)"
  [ "$(id -u)" = 0 ] && chown "$RUN_USER" "$DIR"
  as_owner test -w "$DIR" || die "$DIR is not writable by $RUN_USER (its parent directories must be reachable by that user)"
  [ -n "$PORT" ] || PORT="$(cat "$DIR/port" 2>/dev/null || true)"
  [ -n "$PORT" ] || PORT="$(free_port)"

  if [ ! -f "$DIR/data/PG_VERSION" ]; then
    log "initdb in $DIR/data ($BIN)"
    as_owner "$BIN/initdb" -D "$DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 || {
        as_owner "$BIN/initdb" -D "$DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
          -E UTF8 --no-locale >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
      }
  fi
  if as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    PORT="$(cat "$DIR/port")"
    log "already running on 127.0.0.1:$PORT"
  else
    log "starting on 127.0.0.1:$PORT"
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start \
      -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='$DIR' -c max_connections=200 -c fsync=off" \
      >&2 || { tail -n 30 "$DIR/server.log" >&2 || true; die "server did not start"; }
    echo "$PORT" >"$DIR/port"
  fi

  psql_admin <<SQL
SELECT 'CREATE ROLE "$PG_USER" LOGIN CREATEDB' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER')\gexec
ALTER ROLE "$PG_USER" PASSWORD '$PG_PASSWORD';
SELECT 'CREATE DATABASE "$PG_DATABASE" OWNER "$PG_USER"' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DATABASE')\gexec
SQL

  if [ -n "$watch" ]; then
    [ -f "$DIR/watchdog.pid" ] && kill "$(cat "$DIR/watchdog.pid")" 2>/dev/null || true
    # stops the server once the watched process is gone (e.g. a test JVM killed before its shutdown hook ran)
    setsid bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 2; done; WATCHDOG_SELF=$$ "$2" stop "$3"' \
      _ "$watch" "$(readlink -f "$0")" "$DIR" \
      >/dev/null 2>&1 </dev/null &
    echo $! >"$DIR/watchdog.pid"
  fi

  local url="jdbc:postgresql://127.0.0.1:$PORT/$PG_DATABASE"
  echo "$url" >"$DIR/jdbc-url"
  echo "$url"
}

# pg_ctl stop in <mode> (fast, immediate) when the server of $DIR runs; <done> is what the log line says then.
server_stop() {
  local mode=$1 done=$2
  BIN="$(pg_bindir)"
  [ -n "$BIN" ] || die "PostgreSQL is not installed"
  RUN_USER="$(id -un)"
  [ "$(id -u)" = 0 ] && RUN_USER=postgres
  if [ -f "$DIR/data/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -m "$mode" -w -t 60 stop >&2
    log "$done ($DIR)"
  else
    log "not running ($DIR)"
  fi
}

do_stop() {
  DIR="$1"
  if [ -f "$DIR/watchdog.pid" ]; then
    local w; w="$(cat "$DIR/watchdog.pid")"; rm -f "$DIR/watchdog.pid"
    [ "$w" != "${WATCHDOG_SELF:-}" ] && kill "$w" 2>/dev/null || true
  fi
  server_stop fast stopped
}

do_crash() {
  DIR="$1"
  server_stop immediate crashed
}

do_status() {
  DIR="$1"
  BIN="$(pg_bindir)"
  RUN_USER="$(id -un)"
  [ "$(id -u)" = 0 ] && RUN_USER=postgres
  if [ -n "$BIN" ] && [ -f "$DIR/data/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    echo "running $(cat "$DIR/jdbc-url" 2>/dev/null)"
  else
    echo "stopped"
    return 3
  fi
}

[ $# -ge 1 ] || usage
cmd="$1"; shift
case "$cmd" in
  install) do_install ;;
  start) [ $# -ge 1 ] || usage; do_start "$@" ;;
  stop) [ $# -ge 1 ] || usage; do_stop "$1" ;;
  crash) [ $# -ge 1 ] || usage; do_crash "$1" ;;
  status) [ $# -ge 1 ] || usage; do_status "$1" ;;
  *) usage ;;
esac
