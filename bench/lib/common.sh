# Shared helpers of the bench scripts (sourced, not run). Every process a script starts is recorded and ended by its
# PID when the script exits (also on Ctrl-C or an error); LangGraph servers are stopped through their work dir.
#   BENCH_JAVA_OPTS  JVM options of the app (default: -Xms256m -Xmx256m -XX:+UseParallelGC, as bench/webhook-throughput.sh)
#   BENCH_KEEP=1     keep the work dir (logs, data) even when the script succeeds

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD

source "$ROOT/bench/lib/require.sh"
JAVA_OPTS=${BENCH_JAVA_OPTS--Xms256m -Xmx256m -XX:+UseParallelGC}
SECRET=bench-secret-0123456789abcdef
WORK=$(mktemp -d /tmp/camel-langgraph-bench.XXXX)
export BENCH_BODY=${BENCH_BODY:-$ROOT/src/test/resources/webhook-captures/js-dev-server-1.5.1/run-success.json}
[ -f target/camel-langgraph-app.jar ] || { echo "target/camel-langgraph-app.jar missing: build it first (mvn -B -q -DskipTests package)" >&2; exit 1; }

BENCH_PIDS=()
BENCH_SERVERS=()
bench_cleanup() {
  local pid wd
  for pid in "${BENCH_PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && kill "$pid" 2>/dev/null; done
  for pid in "${BENCH_PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  done
  for wd in "${BENCH_SERVERS[@]}"; do "$ROOT/scripts/langgraph-server.sh" stop "$wd" >/dev/null 2>&1 || true; done
  echo "work dir (logs, data): $WORK"
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
machine() {
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/ {print $2}') GB RAM," \
       "$(java -version 2>&1 | head -1), $(uname -sr); date $(date -u +%FT%TZ); load $(load)"
}

# Starts a LangGraph Python dev server in $WORK/<name> on a free port; sets LG_URL.
start_langgraph() {
  local name=$1; shift
  local port; port=$(free_port)
  BENCH_SERVERS+=("$WORK/$name")
  LG_URL=$("$ROOT/scripts/langgraph-server.sh" start python "$port" "$WORK/$name" "$@" 2>>"$WORK/$name-start.log")
}

# app_launch <name> <routes pattern> [-Dextra ...]: starts the packaged app in the background, log in $WORK/<name>.log;
# sets APP_PID, PORT (HTTP port; reused when APP_PORT is set), APP_T0 (epoch ms just before exec). Data dir and
# bench.out: $WORK/<name>-data and -out, or $WORK/$APP_DATA-data and -out when APP_DATA is set (restarts on the same data).
app_launch() {
  local name=$1 routes=$2; shift 2
  PORT=${APP_PORT:-$(free_port)}
  APP_T0=$(now_ms)
  # the management port too: the shipped 9876 may be taken by another app on the machine
  java $JAVA_OPTS -Dcamel.server.port=$PORT -Dcamel.server.host=127.0.0.1 -Dcamel.management.port=${APP_MGMT_PORT:-$(free_port)} \
    -Dlanggraph.url=${LG_URL:-http://127.0.0.1:9} -Dlanggraph.webhook.secret=$SECRET -Dlanggraph.data-dir=$WORK/${APP_DATA:-$name}-data \
    -Dbench.out=$WORK/${APP_DATA:-$name}-out -Djms.embedded.port=0 \
    -Dcamel.main.routes-include-pattern=$routes "$@" -jar target/camel-langgraph-app.jar >> "$WORK/$name.log" 2>&1 &
  APP_PID=$!
  BENCH_PIDS+=("$APP_PID")
}
# Waits for Camel's "started in" line (up to $2 s, default 120); sets APP_READY_MS (from launch).
app_wait_started() {
  local name=$1 limit=${2:-120} deadline
  deadline=$(( $(date +%s) + limit ))
  while ! grep -q "started in" "$WORK/$name.log" 2>/dev/null; do
    kill -0 "$APP_PID" 2>/dev/null || { echo "app $name exited during start, see $WORK/$name.log" >&2; tail -30 "$WORK/$name.log" >&2; exit 1; }
    [ "$(date +%s)" -lt "$deadline" ] || { echo "app $name did not start within $limit s, see $WORK/$name.log" >&2; exit 1; }
    sleep 0.05
  done
  APP_READY_MS=$(( $(now_ms) - APP_T0 ))
}
app_start() { app_launch "$@"; app_wait_started "$1"; }
app_stop() { # graceful (SIGTERM), then waits
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  forget_pid "$APP_PID"
}
# A reaped PID may be reused by someone else's process: never signal it again.
forget_pid() {
  local keep=() p
  for p in "${BENCH_PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  BENCH_PIDS=("${keep[@]}")
}
# Heap used after a full GC, in MB (jcmd GC.run, then GC.heap_info's "used" totals).
heap_after_gc_mb() {
  jcmd "$1" GC.run >/dev/null 2>&1
  jcmd "$1" GC.heap_info 2>/dev/null | awk '
    /total [0-9]+K, used [0-9]+K/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i+1); sub(/K,?/, "", v); u += v } }
    END { printf "%.1f\n", u / 1024 }'
}
rss_mb() { awk '/VmRSS/ {printf "%.1f\n", $2 / 1024}' /proc/$1/status; }
threads_of() { awk '/^Threads/ {print $2}' /proc/$1/status; }
fds_of() { ls /proc/$1/fd 2>/dev/null | wc -l; }
# HMAC token of callback <name> and correlation id <cid>, as CallbackTokens computes it.
token() {
  python3 -c "import hmac,hashlib,base64,sys; print(base64.urlsafe_b64encode(hmac.new(sys.argv[1].encode(), (sys.argv[2]+'\n'+sys.argv[3]).encode(), hashlib.sha256).digest()).decode().rstrip('='))" \
    "$SECRET" "$1" "$2"
}
