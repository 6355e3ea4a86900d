#!/usr/bin/env bash
# Diagnostic companion of bench/webhook-throughput.sh: where the full webhook path's time goes. Side by side in one run,
# same JVM settings and wrk load: (1) the bare platform-http ceiling, (2) the full path ending in a route that does
# nothing (bench/routes/webhook-to-nothing.camel.yaml), (3) the full path routing to a file (as webhook-throughput.sh),
# (4) the same with 16 dispatch threads instead of 4 (camel.component.langgraph.dispatch-threads). For the file routes
# the routing backlog when wrk stops is printed: acknowledged (warm-up included) minus lines already in the file.
# With BREAKDOWN_JFR=1 each app records a JFR profile; the hottest frames of the app's own code and of the runnable
# threads are printed.
#   bench/webhook-breakdown.sh [duration=20s] [connections=32] [threads=2]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
require wrk
require jfr openjdk-17-jdk-headless
DURATION=${1:-20s}; CONNECTIONS=${2:-32}; THREADS=${3:-2}
machine
echo "JVM: $JAVA_OPTS; wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s bench/lua/webhook.lua (after a 5 s warm-up)"
run() { # <name> <routes> <path> <label> [-D...]
  local jfr=()
  [ "${BREAKDOWN_JFR:-0}" = 1 ] && jfr=(-XX:StartFlightRecording=filename=$WORK/$1.jfr,settings=profile,dumponexit=true)
  local name=$1 routes=$2 path=$3 label=$4; shift 4
  app_start $name file:$routes -Dcamel.component.langgraph.detect-interrupts=false -Dcamel.component.langgraph.trust-webhook-body=true "${jfr[@]}" "$@"
  local url="http://127.0.0.1:$PORT$path"
  wrk -t$THREADS -c$CONNECTIONS -d5s -s bench/lua/webhook.lua "$url" > $WORK/$name.warmup.wrk
  wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s bench/lua/webhook.lua "$url" > $WORK/$name.wrk
  local backlog=""
  if [ -f $WORK/$name-out/routed.jsonl ]; then
    local acked=$(( $(awk '/requests in/ {print $1}' $WORK/$name.warmup.wrk) + $(awk '/requests in/ {print $1}' $WORK/$name.wrk) ))
    backlog="  routing backlog at the end $(( acked - $(wc -l < $WORK/$name-out/routed.jsonl) ))"
  fi
  printf '%-50s %9s req/s  p50 %8s  p99 %8s  load %s%s\n' "$label" "$(awk '/Requests\/sec/ {print $2}' $WORK/$name.wrk)" \
    "$(awk '$1 == "50%" {print $2}' $WORK/$name.wrk)" "$(awk '$1 == "99%" {print $2}' $WORK/$name.wrk)" "$(load)" "$backlog"
  sleep 2
  app_stop
}
run bare bench/routes/bare.camel.yaml /bare "ceiling: bare platform-http route"
run nothing bench/routes/webhook-to-nothing.camel.yaml "/langgraph/webhook/bench?cid=cid-1&token=$(token bench cid-1)" \
  "full path, route does nothing"
run file bench/routes/webhook-to-file.camel.yaml "/langgraph/webhook/bench?cid=cid-1&token=$(token bench cid-1)" \
  "full path, route appends to a file"
run file16 bench/routes/webhook-to-file.camel.yaml "/langgraph/webhook/bench?cid=cid-1&token=$(token bench cid-1)" \
  "full path to a file, 16 dispatch threads" -Dcamel.component.langgraph.dispatch-threads=16
if [ "${BREAKDOWN_JFR:-0}" = 1 ]; then
  for n in nothing file file16; do
    echo "== $n: top frames of runnable samples (jdk.ExecutionSample), and the first io.camellanggraph frame of each"
    jfr print --events jdk.ExecutionSample $WORK/$n.jfr > $WORK/$n.samples.txt
    python3 - $WORK/$n.samples.txt <<'PY'
import re, sys
from collections import Counter
top, app, n = Counter(), Counter(), 0
for block in open(sys.argv[1]).read().split("jdk.ExecutionSample")[1:]:
    frames = re.findall(r"^\s+([\w.$<>]+)\(", block, re.M)
    if not frames: continue
    n += 1; top[frames[0]] += 1
    own = next((f for f in frames if f.startswith("io.camellanggraph")), None)
    if own: app[own] += 1
print(f"  {n} samples; top frames:")
for f, c in top.most_common(12): print(f"   {100*c/n:5.1f}%  {f}")
print("  innermost io.camellanggraph frame on the stack:")
for f, c in app.most_common(12): print(f"   {100*c/n:5.1f}%  {f}")
PY
  done
fi
