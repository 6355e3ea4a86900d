#!/usr/bin/env bash
# Verified callbacks, side by side in one run:
#   (1) the ceiling: a bare platform-http route answering 200;
#   (2) a naive hand-written hook: parse the JSON, append it to a file, 200 (no token, no durability, no checks);
#   (3) the receiver's durable acknowledgements: token, parse, claim committed to the inbox, 200, with confirmation
#       on against a real Python server (every claim names a made-up run: each is refused after one GET, beside the load);
#   (4) outcomes confirmed and routed per second: N real finished runs on the real server, their claims posted, each
#       confirmed (GET run, GET thread state) and routed to a file; and the app's share per outcome, p50 / p99.
#   bench/verified-callbacks.sh [duration=20s] [connections=32] [threads=2] [runs=1000]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
require wrk
DURATION=${1:-20s}; CONNECTIONS=${2:-32}; THREADS=${3:-2}; RUNS=${4:-1000}
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk" >&2; exit 1; }
machine
wrk_run() { # name url
  wrk -t$THREADS -c$CONNECTIONS -d5s -s bench/lua/webhook.lua "$2" > /dev/null   # warm-up
  echo "== $1 (load $(load))"
  wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s bench/lua/webhook.lua "$2" | tee "$WORK/$1.wrk"
}
rate() { awk '/Requests\/sec/ {print $2}' "$WORK/$1.wrk"; }

start_langgraph server
echo "LangGraph Python dev server at $LG_URL"

app_start bare bench/routes/bare.camel.yaml
wrk_run ceiling "http://127.0.0.1:$PORT/bare"
app_stop

app_start naive bench/routes/naive-hook.camel.yaml
wrk_run naive "http://127.0.0.1:$PORT/naive"
app_stop

app_start receiver bench/routes/confirmed-to-file.camel.yaml
wrk_run receiver "http://127.0.0.1:$PORT/langgraph/webhook/bench?cid=cid-1&token=$(token bench cid-1)"
sleep 5
echo "receiver: routed $(wc -l < "$WORK/receiver-out/routed.jsonl" 2>/dev/null || echo 0) of the made-up claims (expected 0)"
app_stop

echo "== confirmed and routed: $RUNS real runs (load $(load))"
python3 bench/lib/claims.py prepare "$LG_URL" "$RUNS" "$WORK/runs.jsonl"
app_start confirmed bench/routes/confirmed-to-file.camel.yaml
python3 bench/lib/claims.py post "$WORK/runs.jsonl" "http://127.0.0.1:$PORT" bench "$SECRET" 8 "$WORK/sent.jsonl"
for _ in $(seq 1 300); do
  [ "$(wc -l < "$WORK/confirmed-out/routed.jsonl" 2>/dev/null || echo 0)" -ge "$RUNS" ] && break; sleep 0.2
done
python3 bench/lib/claims.py report "$WORK/sent.jsonl" "$WORK/confirmed-out/routed.jsonl"
app_stop

echo "== summary (load $(load))"
echo "ceiling $(rate ceiling) req/s, naive hook $(rate naive) req/s, receiver (durable ack) $(rate receiver) req/s"
echo "receiver / ceiling: $(python3 -c "print(round($(rate receiver)/$(rate ceiling), 3))"), receiver / naive: $(python3 -c "print(round($(rate receiver)/$(rate naive), 3))")"
