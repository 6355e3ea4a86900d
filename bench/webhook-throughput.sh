#!/usr/bin/env bash
# Webhook throughput, side by side in one run: (1) the ceiling, a bare platform-http route answering 200, and (2) the
# app's full webhook path (token check, JSON parse, durable inbox commit before the 200, de-duplication, routing to a
# file), both in the packaged app with the same JVM settings, loaded by wrk with a real 1.5 KB webhook body captured from a LangGraph server.
# wrk's bodies name made-up runs, so confirmation with the server is off here (trust-webhook-body=true): this is the
# receive, record and route path alone; bench/verified-callbacks.sh measures it with confirmation on.
#   bench/webhook-throughput.sh [duration=20s] [connections=32] [threads=2]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/require.sh
require wrk
DURATION=${1:-20s}; CONNECTIONS=${2:-32}; THREADS=${3:-2}
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseParallelGC}
SECRET=bench-secret-0123456789abcdef
WORK=$(mktemp -d /tmp/camel-langgraph-bench.XXXX)
export BENCH_BODY=$PWD/src/test/resources/webhook-captures/js-dev-server-1.5.1/run-success.json
[ -f target/camel-langgraph-app.jar ] || mvn -B -q -DskipTests package

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start_app() { # name routes -> sets APP_PID, PORT
  PORT=$(free_port)
  java $JAVA_OPTS -Dcamel.server.port=$PORT -Dcamel.server.host=127.0.0.1 \
    -Dlanggraph.url=http://127.0.0.1:9 -Dlanggraph.webhook.secret=$SECRET -Dlanggraph.data-dir=$WORK/$1-data \
    -Dcamel.component.langgraph.detect-interrupts=false -Dcamel.component.langgraph.trust-webhook-body=true -Dbench.out=$WORK/$1-out -Djms.embedded.port=0 \
    -Dcamel.main.routes-include-pattern=file:$2 -jar target/camel-langgraph-app.jar > $WORK/$1.log 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 120); do grep -q "started in" $WORK/$1.log 2>/dev/null && return 0; sleep 0.5; done
  echo "app $1 did not start, see $WORK/$1.log" >&2; exit 1
}
stop_app() { kill $APP_PID; wait $APP_PID 2>/dev/null || true; }
token() { python3 -c "import hmac,hashlib,base64,sys; print(base64.urlsafe_b64encode(hmac.new(b'$SECRET', b'bench\ncid-1', hashlib.sha256).digest()).decode().rstrip('='))"; }

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), wrk -t$THREADS -c$CONNECTIONS -d$DURATION, body $(wc -c < $BENCH_BODY) bytes"

start_app bare bench/routes/bare.camel.yaml
wrk -t$THREADS -c$CONNECTIONS -d5s -s bench/lua/webhook.lua "http://127.0.0.1:$PORT/bare" > /dev/null   # warm-up
echo "== ceiling: bare platform-http route"
wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s bench/lua/webhook.lua "http://127.0.0.1:$PORT/bare" | tee $WORK/bare.wrk
stop_app

start_app full bench/routes/webhook-to-file.camel.yaml
URL="http://127.0.0.1:$PORT/langgraph/webhook/bench?cid=cid-1&token=$(token)"
wrk -t$THREADS -c$CONNECTIONS -d5s -s bench/lua/webhook.lua "$URL" > /dev/null   # warm-up
echo "== full webhook path: token, parse, durable inbox, de-duplication, route to file"
wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s bench/lua/webhook.lua "$URL" | tee $WORK/full.wrk
# every acknowledged webhook must reach the file: wait until the routed count stops growing, then count
acked=$(( $(awk '/requests in/ {print $1}' $WORK/full.wrk) ))
prev=-1; while true; do n=$(wc -l < $WORK/full-out/routed.jsonl); [ "$n" = "$prev" ] && break; prev=$n; sleep 2; done
stop_app
echo "requests in the measured run: $acked; routed lines (warm-up included): $(wc -l < $WORK/full-out/routed.jsonl), distinct run ids: $(grep -o '^{"run_id":"[^"]*"' $WORK/full-out/routed.jsonl | sort -u | wc -l)"
bare=$(awk '/Requests\/sec/ {print $2}' $WORK/bare.wrk); full=$(awk '/Requests\/sec/ {print $2}' $WORK/full.wrk)
echo "ratio full/ceiling: $(python3 -c "print(round($full/$bare, 3))")"
echo "work dir (logs, data): $WORK"
