#!/usr/bin/env bash
# A year of work in compressed time on the app's own store classes (bench/src/YearSoak.java, issue 31): 525,600 ticks
# of a per-minute schedule, 1,000,000 outcomes, 10,000 decisions, 100,000 bridge requests, with time advanced rather
# than waited (row timestamps and the retention's clock are simulated), then one more day. On SQLite (files in the work
# dir) and on PostgreSQL (a throwaway cluster, scripts/postgres.sh, stopped at the end). Prints per database: rows per
# table at the start, at the peak and at the end, the store's size, and the latency of a tick, a claim, a decision and
# the background passes at the start and at the end beside a bare INSERT on the same database (the ceiling).
#   bench/year-soak.sh [sqlite|postgres|both=both] [YearSoak args: days=365 outcomes=1000000 decisions=10000
#                       bridge=100000 threads=8 ops=2000 warmup=2000]          SOAK_JAVA_OPTS (default -Xmx512m)
# About 25 minutes for both on 2 shared cores (SQLite 7.5, PostgreSQL 17.5); BENCH_KEEP=1 keeps the databases.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
WHICH=${1:-both}; [ $# -gt 0 ] && shift
OPTS=${SOAK_JAVA_OPTS:--Xmx512m -XX:+UseParallelGC}
[ -d target/classes ] || { echo "target/classes missing: build first" >&2; exit 1; }
PG_DIR=$WORK/pg
trap '[ -d "$PG_DIR" ] && scripts/postgres.sh stop "$PG_DIR" >/dev/null 2>&1; bench_cleanup' EXIT
machine
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (with local changes)')"
mkdir -p $WORK/classes
javac -d $WORK/classes -cp "target/classes:target/lib/*" bench/src/YearSoak.java bench/src/SoakStores.java

soak() { # <label> <YearSoak database argument> [args]
  local label=$1; shift
  echo; echo "=== $label: java $OPTS YearSoak $* ($(date -u +%T) UTC, load $(load))"
  local t0; t0=$(date +%s)
  java $OPTS -cp "$WORK/classes:target/classes:target/lib/*" YearSoak "$@" body="$BENCH_BODY" 2>&1 | grep --line-buffered -v -E '^\S+ (INFO|DEBUG) |^\[|SLF4J'
  echo "=== $label: $(( $(date +%s) - t0 )) s wall, load after $(load)"
}

if [ "$WHICH" = sqlite ] || [ "$WHICH" = both ]; then
  soak SQLite sqlite="$WORK/sqlite" "$@"
  # the databases and their logs take a few GB: kept with BENCH_KEEP=1
  [ "${BENCH_KEEP:-}" = 1 ] || rm -rf "$WORK/sqlite" "$WORK/sqlite-fresh"
fi
if [ "$WHICH" = postgres ] || [ "$WHICH" = both ]; then
  scripts/postgres.sh install
  chmod 755 "$WORK" # the server runs as the postgres user when this runs as root
  URL=$(scripts/postgres.sh start "$PG_DIR" 2>>"$WORK/pg-start.log")
  soak PostgreSQL postgres="$URL" "$@"
  scripts/postgres.sh stop "$PG_DIR" 2>/dev/null
  [ "${BENCH_KEEP:-}" = 1 ] || rm -rf "$PG_DIR"
fi
