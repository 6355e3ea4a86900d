#!/usr/bin/env bash
# Fault bench: the app's full webhook path (bench/routes/kill-outputs.camel.yaml) under wrk load is killed with
# kill -9 mid-run and restarted on the same data dir and port while wrk goes on; when the output is stable the app
# is stopped and everything is counted:
#   acknowledged = 2xx answers counted by wrk (bench/lua/webhook-count.lua, per thread, summed in done())
#   committed    = rows of the inbox (SQLite) after the run
#   into the route = lines the route appended (at-least-once: a redelivery after the kill is a second line)
#   at the output  = files named by CamelLangGraphIdempotencyKey (the idempotent output: a redelivery replaces its file)
# Passes when every acknowledged and every committed outcome is at the output, once (0 lost, 0 duplicates there),
# and none is left pending. wrk's bodies name made-up runs, so confirmation is off for this bench
# (trust-webhook-body=true): the crash window between a route's end and its routed mark is the same with it on.
#   bench/kill-under-load.sh [duration=30s] [kill after seconds=10] [connections=32] [threads=2]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
require wrk
DURATION=${1:-30s}; KILL_AT=${2:-10}; CONNECTIONS=${3:-32}; THREADS=${4:-2}
machine
export APP_DATA=kill APP_PORT=$(free_port)
OUT=$WORK/kill-out
ROUTES=file:bench/routes/kill-outputs.camel.yaml
OPTS="-Dcamel.component.langgraph.detect-interrupts=false -Dcamel.component.langgraph.trust-webhook-body=true"
app_start kill-1 $ROUTES $OPTS
URL="http://127.0.0.1:$PORT/langgraph/webhook/bench?cid=cid-1&token=$(token bench cid-1)"
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION -s bench/lua/webhook-count.lua <full webhook path>; kill -9 after $KILL_AT s"
wrk -t$THREADS -c$CONNECTIONS -d$DURATION -s bench/lua/webhook-count.lua "$URL" > $WORK/wrk.out 2>&1 &
WRK_PID=$!; BENCH_PIDS+=("$WRK_PID")
sleep "$KILL_AT"
before=$(wc -l < $OUT/routed.jsonl)
kill -9 $APP_PID; wait $APP_PID 2>/dev/null || true; forget_pid $APP_PID
echo "kill -9 at $KILL_AT s: $before lines routed by then (load $(load))"
app_start kill-2 $ROUTES $OPTS
echo "restarted on the same data dir and port in $(awk -v m=$APP_READY_MS 'BEGIN{print m/1000}') s"
wait $WRK_PID || true; forget_pid $WRK_PID
cat $WORK/wrk.out
# settled: the output no longer grows and no row is pending or claimed. The claims the killed process held are taken
# over only once their lease has run out (lease-time, 30 s, plus up to half of it until the next scan), which can be
# after wrk has ended; stopping before that leaves them claimed (they are routed at the next start, not lost)
unsettled() {
  python3 - "$WORK/kill-data/langgraph-callbacks.db" <<'PY'
import sqlite3, sys
con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=10)
print(con.execute("SELECT COUNT(*) FROM lg_inbox WHERE state IN ('pending', 'claimed')").fetchone()[0])
PY
}
prev=-1; deadline=$((SECONDS + 90))
while [ $SECONDS -lt $deadline ]; do
  n=$(wc -l < $OUT/routed.jsonl)
  [ "$n" = "$prev" ] && [ "$(unsettled)" = 0 ] && break
  prev=$n; sleep 2
done
app_stop
python3 - "$OUT/routed.jsonl" "$WORK/kill-data/langgraph-callbacks.db" "$WORK/wrk.out" "$OUT/by-key" <<'EOF'
import json, os, re, sqlite3, sys
from collections import Counter
routed, db, wrk, by_key = sys.argv[1:5]
ids, broken = Counter(), 0
for line in open(routed, encoding="utf-8", errors="replace"):
    try:
        ids[json.loads(line)["run_id"]] += 1
    except Exception:
        broken += 1
lines = sum(ids.values())
acked = int(re.search(r"acknowledged_2xx (\d+)", open(wrk).read()).group(1))
con = sqlite3.connect(db)
states = dict(con.execute("SELECT state, COUNT(*) FROM lg_inbox GROUP BY state").fetchall())
committed = {k.split(":", 1)[0] for (k,) in con.execute("SELECT dedup_key FROM lg_inbox")}
files = [f for f in os.listdir(by_key) if f.endswith(".json")]
at_output = Counter(f[:-len(".json")] for f in files)
temp_left = [f for f in os.listdir(by_key) if f.startswith(".tmp-")]
lost = committed - set(at_output)
redelivered = {k: v for k, v in ids.items() if v > 1}
print(f"acknowledged (2xx) {acked}; committed in the inbox {len(committed)} {states}")
print(f"into the route (at least once): {lines} lines (+{broken} unparseable), {len(ids)} distinct, "
      f"{len(redelivered)} redelivered after the kill")
print(f"at the idempotent output (files by key): {len(files)} files, {len(at_output)} distinct keys, "
      f"duplicates 0 by construction, committed but not at the output {len(lost)}, temp files left {len(temp_left)}")
ok = len(at_output) >= acked and not lost and broken == 0 and not temp_left and "pending" not in states and "claimed" not in states
print("PASS: every acknowledged outcome at the output, once" if ok else "FAIL")
if redelivered: print("  redelivered into the route (first 5):", list(redelivered.items())[:5])
sys.exit(0 if ok else 1)
EOF
