#!/usr/bin/env bash
# Soak: the app's full webhook path (bench/routes/webhook-to-file.camel.yaml) under a moderate steady webhook load for
# 10 minutes (wrk -t1 -c4 with a 20 ms pause per connection between requests: at most ~200 webhooks/s), sampling
# every 30 s: heap used after a full GC (jcmd GC.run + GC.heap_info), open file descriptors (/proc/<pid>/fd), VmRSS,
# live threads, the inbox database size. Prints the samples and start / end / max of each.
#   bench/soak.sh [duration seconds=600] [sample every seconds=30]     (BENCH_DELAY_MS, SOAK_CONNECTIONS to change the load)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
require wrk
DURATION=${1:-600}; EVERY=${2:-30}
export BENCH_DELAY_MS=${BENCH_DELAY_MS:-20}
CONNECTIONS=${SOAK_CONNECTIONS:-4}
machine
app_start soak file:bench/routes/webhook-to-file.camel.yaml -Dcamel.component.langgraph.detect-interrupts=false -Dcamel.component.langgraph.trust-webhook-body=true
URL="http://127.0.0.1:$PORT/langgraph/webhook/bench?cid=cid-1&token=$(token bench cid-1)"
echo "JVM: $JAVA_OPTS; wrk -t1 -c$CONNECTIONS -d${DURATION}s, BENCH_DELAY_MS=$BENCH_DELAY_MS, for $DURATION s, sample every $EVERY s"
wrk -t1 -c$CONNECTIONS -d${DURATION}s --latency -s bench/lua/webhook-count.lua "$URL" > $WORK/wrk.out 2>&1 &
WRK_PID=$!; BENCH_PIDS+=("$WRK_PID")
DB=$WORK/soak-data/langgraph-callbacks.db
printf '%6s %10s %7s %8s %8s %9s %9s %s\n' "t(s)" "heap(MB)" "fds" "RSS(MB)" "threads" "routed" "db(MB)" "load" | tee $WORK/samples.txt
t0=$(date +%s)
while :; do
  t=$(( $(date +%s) - t0 ))
  dbmb=$(du -cm "$DB"* 2>/dev/null | tail -1 | cut -f1)
  printf '%6d %10s %7d %8s %8d %9d %9s %s\n' $t "$(heap_after_gc_mb $APP_PID)" "$(fds_of $APP_PID)" "$(rss_mb $APP_PID)" \
    "$(threads_of $APP_PID)" "$(cat $WORK/soak-out/routed.jsonl 2>/dev/null | wc -l)" "$dbmb" "$(load)" | tee -a $WORK/samples.txt
  [ $t -lt "$DURATION" ] || break
  kill -0 $WRK_PID 2>/dev/null || break
  sleep $(( EVERY - ( ($(date +%s) - t0) % EVERY ) ))
done
wait $WRK_PID || true; forget_pid $WRK_PID
cat $WORK/wrk.out
app_stop
python3 - $WORK/samples.txt <<'EOF'
import sys
rows = [l.split() for l in open(sys.argv[1]).read().splitlines()[1:]]
for i, name in [(1, "heap after GC (MB)"), (2, "open fds"), (3, "RSS (MB)"), (4, "threads")]:
    v = [float(r[i]) for r in rows]
    print(f"{name:20s} start {v[0]:8.1f}  end {v[-1]:8.1f}  max {max(v):8.1f}  min {min(v):8.1f}")
EOF
