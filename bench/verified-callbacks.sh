#!/usr/bin/env bash
# Verified callbacks, side by side in one run (same JVM flags, same wrk load, 5 s warm-up each):
#   (1) ceiling: a bare platform-http route answering 200;
#   (2) naive hook: parse the JSON, append it to a file, 200 (no token, no durability, no checks);
#   (3) receiver, SQLite, confirmation on: token, size, claim committed, 200; every claim names a made-up run (a flood
#       of forged claims with a valid token): the first are refused after the server's answer, then the flood guard
#       checks 20 a second and the rest wait in the inbox until the flood ends (after the run, with the app stopped);
#   (3b) the same with the server unreachable (the issue's first measurement): every confirmation fails at once and is
#       checked again later;
#   (4) receiver, PostgreSQL: the same with the store on a private PostgreSQL server (scripts/postgres.sh);
#   (5) receiver with claims confirmed against the real Python server: N real finished runs, their claims posted by
#       8 connections; answers p50 / p99, outcomes confirmed and routed per second, share per outcome in the burst;
#   (6) one outcome at a time (low load): the app's share received -> routed, split into the server's GETs (as the app
#       timed them: its confirmation histogram on the management port) and the app's own time;
#   (7) JFR: the receiver (3) again with a profile; its hottest frames.
#   bench/verified-callbacks.sh [duration=20s] [connections=32] [threads=2] [runs=300] [single=50]
#   BENCH_JFR=0 leaves out (7); BENCH_PG=0 leaves out (4).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
require wrk
DURATION=${1:-20s}; CONNECTIONS=${2:-32}; THREADS=${3:-2}; RUNS=${4:-300}; SINGLE=${5:-50}
machine
# CPU time (clock ticks) of a process and of the LangGraph server's process group: who used the two cores in a run
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
server_ticks() {
  local t=0 p
  for p in $(pgrep -g "$(cat "$WORK/server/server.pgid")"); do t=$((t + $(ticks "$p"))); done
  echo $t
}
wrk_run() { # name url
  wrk -t$THREADS -c$CONNECTIONS -d5s -s bench/lua/webhook.lua "$2" > /dev/null   # warm-up
  echo "== $1 (load $(load))"
  local app0 server0 hz
  app0=$(ticks "$APP_PID"); server0=$(server_ticks); hz=$(getconf CLK_TCK)
  wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s bench/lua/webhook.lua "$2" | tee "$WORK/$1.wrk"
  echo "$(( ($(ticks "$APP_PID") - app0) / hz )) $(( ($(server_ticks) - server0) / hz ))" > "$WORK/$1.cpu"
}
cpu() { cat "$WORK/$1.cpu" 2>/dev/null || echo "- -"; }
rate() { awk '/Requests\/sec/ {print $2}' "$WORK/$1.wrk"; }
pct() { awk -v p="$2" '$1 == p"%" {print $2}' "$WORK/$1.wrk"; }
non2xx() { awk '/Non-2xx/ {print $NF}' "$WORK/$1.wrk" | grep . || echo 0; }
RECEIVER_URL() { echo "http://127.0.0.1:$PORT/langgraph/webhook/bench?cid=cid-1&token=$(token bench cid-1)"; }
forged_routed() { cat "$WORK/$1-out/routed.jsonl" 2>/dev/null | wc -l; }

start_langgraph server
echo "LangGraph Python dev server at $LG_URL"

app_start bare bench/routes/bare.camel.yaml
wrk_run ceiling "http://127.0.0.1:$PORT/bare"
app_stop

app_start naive bench/routes/naive-hook.camel.yaml
wrk_run naive "http://127.0.0.1:$PORT/naive"
app_stop

app_start receiver bench/routes/confirmed-to-file.camel.yaml
wrk_run receiver "$(RECEIVER_URL)"
echo "receiver: routed $(forged_routed receiver) of the made-up claims (expected 0)"
app_stop

# nothing listens on port 9 of the loopback: each confirmation is refused at once, as in the issue's first table
LG_URL_LIVE=$LG_URL LG_URL=http://127.0.0.1:9
app_start receiver-unreachable bench/routes/confirmed-to-file.camel.yaml
wrk_run receiver-unreachable "$(RECEIVER_URL)"
echo "receiver, server unreachable: routed $(forged_routed receiver-unreachable) of the made-up claims (expected 0)"
app_stop
LG_URL=$LG_URL_LIVE

if [ "${BENCH_PG:-1}" = 1 ]; then
  # its own directory under /tmp: the work dir is private, and the server may run as the postgres user
  BENCH_SERVERS_PG=$(mktemp -d /tmp/camel-langgraph-bench-pg.XXXX)
  trap 'scripts/postgres.sh stop "$BENCH_SERVERS_PG" >/dev/null 2>&1 || true; rm -rf "$BENCH_SERVERS_PG"; bench_cleanup' EXIT
  PG_URL=$(scripts/postgres.sh start "$BENCH_SERVERS_PG" 2>>"$WORK/postgres.log")
  app_start receiver-pg bench/routes/confirmed-to-file.camel.yaml -Dcamel.component.langgraph.store-url=$PG_URL \
    -Dcamel.component.langgraph.store-user=langgraph -Dcamel.component.langgraph.store-password=langgraph
  wrk_run receiver-pg "$(RECEIVER_URL)"
  echo "receiver on PostgreSQL: routed $(forged_routed receiver-pg) of the made-up claims (expected 0)"
  app_stop
fi

echo "== confirmed and routed: $RUNS real runs, 8 connections (load $(load))"
python3 bench/lib/claims.py prepare "$LG_URL" "$RUNS" "$WORK/runs.jsonl"
APP_MGMT_PORT=$(free_port)   # (6) reads the app's confirmation histogram there
app_start confirmed bench/routes/confirmed-to-file.camel.yaml
python3 bench/lib/claims.py post "$WORK/runs.jsonl" "http://127.0.0.1:$PORT" bench "$SECRET" 8 "$WORK/sent.jsonl"
for _ in $(seq 1 300); do
  [ "$(wc -l < "$WORK/confirmed-out/routed.jsonl" 2>/dev/null || echo 0)" -ge "$RUNS" ] && break; sleep 0.2
done
python3 bench/lib/claims.py report "$WORK/sent.jsonl" "$WORK/confirmed-out/routed.jsonl" | tee "$WORK/confirmed.txt"

echo "== one outcome at a time: $SINGLE real runs (load $(load))"
python3 bench/lib/claims.py prepare "$LG_URL" "$SINGLE" "$WORK/single.jsonl"
python3 bench/lib/claims.py single "$WORK/single.jsonl" "http://127.0.0.1:$PORT" bench "$SECRET" \
  "$WORK/confirmed-out/routed.jsonl" "$LG_URL" "http://127.0.0.1:$APP_MGMT_PORT" | tee "$WORK/single.txt"
app_stop
unset APP_MGMT_PORT

if [ "${BENCH_JFR:-1}" = 1 ]; then
  # recorded after the warm-up, so the profile is the receiver's steady state, not the app's startup
  app_start receiver-jfr bench/routes/confirmed-to-file.camel.yaml
  wrk -t$THREADS -c$CONNECTIONS -d5s -s bench/lua/webhook.lua "$(RECEIVER_URL)" > /dev/null
  jcmd "$APP_PID" JFR.start name=receiver settings=profile filename="$WORK/receiver.jfr" > /dev/null
  echo "== receiver-jfr (load $(load))"
  wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s bench/lua/webhook.lua "$(RECEIVER_URL)" | tee "$WORK/receiver-jfr.wrk"
  jcmd "$APP_PID" JFR.stop name=receiver > /dev/null
  app_stop
  echo "== receiver (JFR): top frames of runnable samples, and the innermost io.camellanggraph frame"
  jfr print --events jdk.ExecutionSample "$WORK/receiver.jfr" > "$WORK/receiver.samples.txt"
  python3 - "$WORK/receiver.samples.txt" <<'PY'
import re, sys
from collections import Counter
top, app, threads, n = Counter(), Counter(), Counter(), 0
for block in open(sys.argv[1]).read().split("jdk.ExecutionSample")[1:]:
    frames = re.findall(r"^\s+([\w.$<>]+)\(", block, re.M)
    if not frames: continue
    n += 1; top[frames[0]] += 1
    thread = re.search(r'sampledThread = "([^"]+)"', block)
    if thread: threads[re.sub(r"[-#]?\d+", "", thread.group(1))] += 1
    own = next((f for f in frames if f.startswith("io.camellanggraph")), None)
    if own: app[own] += 1
print(f"  {n} samples; by thread:")
for f, c in threads.most_common(6): print(f"   {100*c/n:5.1f}%  {f}")
print("  top frames:")
for f, c in top.most_common(12): print(f"   {100*c/n:5.1f}%  {f}")
print("  innermost io.camellanggraph frame on the stack:")
for f, c in app.most_common(10): print(f"   {100*c/n:5.1f}%  {f}")
PY
fi

echo "== summary (load $(load))"
printf '%-34s %10s %9s %9s %9s %8s %8s %8s\n' run req/s p50 p99 /naive non-2xx app-cpu-s server-cpu-s
for r in ceiling naive receiver receiver-unreachable receiver-pg receiver-jfr; do
  [ -f "$WORK/$r.wrk" ] || continue
  printf '%-34s %10s %9s %9s %9s %8s %8s %8s\n' "$r" "$(rate $r)" "$(pct $r 50)" "$(pct $r 99)" \
    "$(python3 -c "print(round($(rate $r)/$(rate naive), 3))")" "$(non2xx $r)" $(cpu $r)
done
grep -h "answers\|outcomes/s" "$WORK/confirmed.txt" | sed 's/^/receiver, claims confirmed: /'
grep -h "p50" "$WORK/single.txt" | sed 's/^/single outcome: /'
