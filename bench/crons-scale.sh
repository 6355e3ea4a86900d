#!/usr/bin/env bash
# Schedules at scale, time to ready and memory of the packaged app:
#  A. 1,000 server-side crons (generated routes `langgraph:cron/bench-NNNN`, schedule "0 3 * * *", assistant echo) against
#     a dedicated LangGraph Python dev server started here: first start (all created), restart (all unchanged),
#     prune (restart declaring only the first half, one route with prune=true: the other half deleted).
#  B. 10,000 Quartz schedules (generated routes `quartz:` with cron "0 0 3 * * ?"): start.
# For each start: launch -> Camel's "started in" line, Camel's own figure, heap used after a full GC, RSS, live threads.
#   bench/crons-scale.sh [crons=1000] [quartz=10000]      BENCH_JAVA_OPTS (default here: -Xmx1g -XX:+UseParallelGC)
#   A start that is not ready within SCALE_LIMIT seconds (default 300) is skipped and reported as such.
set -euo pipefail
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC}
source "$(dirname "$0")/lib/common.sh"
require curl
CRONS=${1:-1000}; QUARTZ=${2:-10000}; LIMIT=${SCALE_LIMIT:-300}

gen_crons() { # <file> <count> [prune-on-first]
  python3 - "$@" <<'EOF'
import sys
path, count, prune = sys.argv[1], int(sys.argv[2]), len(sys.argv) > 3
with open(path, "w") as f:
    for i in range(1, count + 1):
        extra = ", prune: true" if prune and i == 1 else ""
        f.write(f"""- route:
    id: bench-cron-{i:04d}
    from:
      uri: "langgraph:cron/bench-{i:04d}"
      parameters: {{assistantId: echo, schedule: "0 3 * * *", timezone: UTC{extra}}}
      steps:
        - log: "cron ${{header.CamelLangGraphCronName}} run ${{header.CamelLangGraphRunId}}"
""")
EOF
}
gen_quartz() { # <file> <count>
  python3 - "$@" <<'EOF'
import sys
path, count = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    for i in range(1, count + 1):
        f.write(f"""- route:
    id: bench-quartz-{i:05d}
    from:
      uri: "quartz:bench/q{i:05d}"
      parameters: {{cron: "0 0 3 * * ?", trigger.timeZone: UTC}}
      steps:
        - log: "tick {i}"
""")
EOF
}
server_crons() { curl -s -X POST -H 'Content-Type: application/json' -d '{}' "$LG_URL/runs/crons/count"; }

measure() { # <label> <name> <routes> [-D...]: one start, measured; the app is stopped afterwards
  local label=$1 name=$2 routes=$3; shift 3
  app_launch "$name" "file:$routes" "$@"
  if ! ( app_wait_started "$name" "$LIMIT" ) 2>/dev/null; then
    echo "$label: NOT READY within $LIMIT s: skipped (load $(load)); log $WORK/$name.log"
    app_stop; return 0
  fi
  app_wait_started "$name" 5
  local camel heap rss thr
  camel=$(grep -o 'started in [^ ]*' "$WORK/$name.log" | head -1 | cut -d' ' -f3)
  heap=$(heap_after_gc_mb $APP_PID); rss=$(rss_mb $APP_PID); thr=$(threads_of $APP_PID)
  printf '%-44s ready %6.1f s (Camel: %s)  heap after GC %6.1f MB  RSS %6.1f MB  threads %s  load %s\n' \
    "$label" "$(awk -v m=$APP_READY_MS 'BEGIN{print m/1000}')" "$camel" "$heap" "$rss" "$thr" "$(load)"
  local actions; actions=$(grep -o -E '(CREATE|UPDATE|REPLACE|UNCHANGED|DELETE) cron' "$WORK/$name.log" | sort | uniq -c | tr -s ' ' | tr '\n' ',' || true)
  [ -z "$actions" ] || echo "    cron changes logged: ${actions%,}; crons on the server: $(server_crons)"
  app_stop
}

machine
echo "JVM: $JAVA_OPTS"
if [ "$CRONS" -gt 0 ]; then
  start_langgraph lg --clean
  echo "dedicated LangGraph Python dev server: $LG_URL (crons on it: $(server_crons))"
  gen_crons $WORK/crons.camel.yaml "$CRONS"
  gen_crons $WORK/crons-half.camel.yaml $(( CRONS / 2 )) prune
  # one data dir and one HTTP port (it is in the crons' webhook URL) for the three starts, as one app would have
  APP_PORT=$(free_port)
  APP_DATA=crons measure "A1 $CRONS crons, first start (creates)" crons1 $WORK/crons.camel.yaml
  APP_DATA=crons measure "A2 $CRONS crons, restart (unchanged)" crons2 $WORK/crons.camel.yaml
  APP_DATA=crons measure "A3 $(( CRONS / 2 )) declared + prune=true (deletes)" crons3 $WORK/crons-half.camel.yaml
  "$ROOT/scripts/langgraph-server.sh" stop "$WORK/lg" >/dev/null 2>&1 || true
  LG_URL=; APP_PORT=
fi
if [ "$QUARTZ" -gt 0 ]; then
  gen_quartz $WORK/quartz.camel.yaml "$QUARTZ"
  gen_quartz $WORK/quartz-one.camel.yaml 1
  measure "B0 1 Quartz schedule (reference)" quartz1 $WORK/quartz-one.camel.yaml
  measure "B1 $QUARTZ Quartz schedules" quartz $WORK/quartz.camel.yaml
fi
