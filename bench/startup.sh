#!/usr/bin/env bash
# Startup to ready and resident memory of the packaged app as shipped: config/, the shipped routes/*.camel.yaml, the
# embedded ActiveMQ Artemis broker (with its TCP acceptor), JVM options as scripts/run-app.sh (none unless
# STARTUP_JAVA_OPTS), and a given langgraph.url (a LangGraph Python dev server is started here when none is given;
# not timed). Per run: launch -> first 200 from the webhook receiver (a signed webhook POSTed to the shipped example
# callback every 20 ms: the full path answers), launch -> Camel's "started in" line, Camel's own figure, VmRSS at ready and
# 10 s later, VmHWM, and the CPU time (user + system) the JVM had used when ready: on a shared machine the wall time
# stretches with the load, the CPU time much less. Prints the median of each.
# STARTUP_CDS=1: also records an AppCDS archive of the app's classes (one start and stop with -XX:ArchiveClassesAtExit)
# and alternates each run as shipped with a run with -XX:SharedArchiveFile (a JVM option, no code change): side by side.
#   bench/startup.sh [runs=5] [langgraph url]
set -euo pipefail
BENCH_JAVA_OPTS=${STARTUP_JAVA_OPTS:-}; export BENCH_JAVA_OPTS
source "$(dirname "$0")/lib/common.sh"
require curl
RUNS=${1:-5}; LG_URL=${2:-}
machine
[ -n "$LG_URL" ] || { start_langgraph lg; echo "LangGraph Python dev server: $LG_URL"; }
VARIANTS="plain"
if [ "${STARTUP_CDS:-0}" = 1 ]; then
  JAVA_OPTS_PLAIN=$JAVA_OPTS
  JAVA_OPTS="$JAVA_OPTS_PLAIN -XX:ArchiveClassesAtExit=$WORK/app-cds.jsa"
  app_start cds-dump "file:routes/*.camel.yaml" -Djms.embedded.port=$(free_port) -Dapp.out-dir=$WORK/out-cds
  sleep 5; app_stop
  JAVA_OPTS=$JAVA_OPTS_PLAIN
  [ -f $WORK/app-cds.jsa ] || { echo "no CDS archive written, see $WORK/cds-dump.log" >&2; exit 1; }
  echo "AppCDS archive: $(du -m $WORK/app-cds.jsa | cut -f1) MB; runs alternate: plain, cds (+ -XX:SharedArchiveFile=<archive>)"
  VARIANTS="plain cds"
fi
echo "JVM options: '${JAVA_OPTS}'; routes: file:routes/*.camel.yaml; langgraph.url=$LG_URL"
RESULTS=$WORK/startup.tsv
PROBE_TOKEN=$(token example startup-probe)
JAVA_OPTS_PLAIN=$JAVA_OPTS
for i in $(seq 1 "$RUNS"); do for variant in $VARIANTS; do
  name=startup-$variant-$i
  JAVA_OPTS=$JAVA_OPTS_PLAIN; [ $variant = plain ] || JAVA_OPTS="$JAVA_OPTS_PLAIN -XX:SharedArchiveFile=$WORK/app-cds.jsa"
  app_launch $name "file:routes/*.camel.yaml" -Djms.embedded.port=$(free_port) -Dapp.out-dir=$WORK/out-$variant-$i
  http_ms=; log_ms=; deadline=$(( $(date +%s) + 120 ))
  while [ -z "$http_ms" ] || [ -z "$log_ms" ]; do
    kill -0 $APP_PID 2>/dev/null || { echo "app exited, see $WORK/$name.log" >&2; tail -20 $WORK/$name.log >&2; exit 1; }
    [ "$(date +%s)" -lt "$deadline" ] || { echo "not ready within 120 s, see $WORK/$name.log" >&2; exit 1; }
    if [ -z "$http_ms" ] && [ "$(curl -s -o /dev/null -m 1 -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @$BENCH_BODY \
          "http://127.0.0.1:$PORT/langgraph/webhook/example?cid=startup-probe&token=$PROBE_TOKEN")" = 200 ]; then
      http_ms=$(( $(now_ms) - APP_T0 )); rss_ready=$(rss_mb $APP_PID)
      cpu=$(awk -v t=$(getconf CLK_TCK) '{printf "%.1f", ($14 + $15) / t}' /proc/$APP_PID/stat)
    fi
    if [ -z "$log_ms" ] && grep -q "started in" $WORK/$name.log; then log_ms=$(( $(now_ms) - APP_T0 )); fi
    sleep 0.02
  done
  sleep 10
  rss_later=$(rss_mb $APP_PID); hwm=$(awk '/VmHWM/ {printf "%.1f", $2 / 1024}' /proc/$APP_PID/status)
  camel=$(grep -o 'started in [^ ]*' $WORK/$name.log | head -1 | cut -d' ' -f3)
  printf '%-5s run %d: first webhook 200 %5d ms, "started in" line %5d ms (Camel: %s), CPU used by then %s s, RSS at ready %s MB, 10 s later %s MB, VmHWM %s MB, load %s\n' \
    $variant $i $http_ms $log_ms "$camel" "$cpu" "$rss_ready" "$rss_later" "$hwm" "$(load)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' $variant $http_ms $log_ms "$rss_ready" "$rss_later" "$hwm" "$cpu" >> $RESULTS
  app_stop
done; done
python3 - $RESULTS <<'EOF'
import sys, statistics
lines = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
cols = ["first webhook 200 (ms)", "'started in' line (ms)", "RSS at ready (MB)", "RSS 10 s later (MB)", "VmHWM (MB)", "CPU seconds to ready"]
for variant in dict.fromkeys(l[0] for l in lines):
    rows = [list(map(float, l[1:])) for l in lines if l[0] == variant]
    print(f"{variant}: median of {len(rows)} runs: " + ", ".join(f"{c} {statistics.median(r[i] for r in rows):.{1 if i == 5 else 0}f}" for i, c in enumerate(cols)))
EOF
