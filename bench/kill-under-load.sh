#!/usr/bin/env bash
# Fault bench: the app's full webhook path (bench/routes/webhook-to-file.camel.yaml) under wrk load is killed with
# kill -9 mid-run and restarted on the same data dir and port while wrk goes on; when the routed count is stable the app
# is stopped and everything is counted:
#   acknowledged = 2xx answers counted by wrk (bench/lua/webhook-count.lua, per thread, summed in done())
#   committed    = rows of the inbox (SQLite) after the run; routed = lines of the route's file
# Passes when every acknowledged webhook was routed exactly once: routed lines = distinct run ids (no duplicates),
# distinct routed >= acknowledged, and every committed outcome is in the file (and none is still pending).
#   bench/kill-under-load.sh [duration=30s] [kill after seconds=10] [connections=32] [threads=2]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
DURATION=${1:-30s}; KILL_AT=${2:-10}; CONNECTIONS=${3:-32}; THREADS=${4:-2}
machine
export APP_DATA=kill APP_PORT=$(free_port)
OUT=$WORK/kill-out
app_start kill-1 file:bench/routes/webhook-to-file.camel.yaml -Dcamel.component.langgraph.detect-interrupts=false
URL="http://127.0.0.1:$PORT/langgraph/webhook/bench?cid=cid-1&token=$(token bench cid-1)"
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION -s bench/lua/webhook-count.lua <full webhook path>; kill -9 after $KILL_AT s"
wrk -t$THREADS -c$CONNECTIONS -d$DURATION -s bench/lua/webhook-count.lua "$URL" > $WORK/wrk.out 2>&1 &
WRK_PID=$!; BENCH_PIDS+=("$WRK_PID")
sleep "$KILL_AT"
before=$(wc -l < $OUT/routed.jsonl)
kill -9 $APP_PID; wait $APP_PID 2>/dev/null || true; forget_pid $APP_PID
echo "kill -9 at $KILL_AT s: $before lines routed by then (load $(load))"
app_start kill-2 file:bench/routes/webhook-to-file.camel.yaml -Dcamel.component.langgraph.detect-interrupts=false
echo "restarted on the same data dir and port in $(awk -v m=$APP_READY_MS 'BEGIN{print m/1000}') s"
wait $WRK_PID || true; forget_pid $WRK_PID
cat $WORK/wrk.out
prev=-1; while true; do n=$(wc -l < $OUT/routed.jsonl); [ "$n" = "$prev" ] && break; prev=$n; sleep 2; done
app_stop
python3 - "$OUT/routed.jsonl" "$WORK/kill-data/langgraph-callbacks.db" "$WORK/wrk.out" <<'EOF'
import json, re, sqlite3, sys
from collections import Counter
routed, db, wrk = sys.argv[1:4]
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
committed = {k.rsplit(":", 1)[0] for (k,) in con.execute("SELECT dedup_key FROM lg_inbox")}
missing = committed - set(ids)
dups = {k: v for k, v in ids.items() if v > 1}
print(f"acknowledged (2xx) {acked}; committed in the inbox {len(committed)} {states}; routed lines {lines}"
      f" (+{broken} unparseable), distinct run ids {len(ids)}, duplicates {len(dups)}, committed but not routed {len(missing)}")
ok = not dups and len(ids) >= acked and not missing and broken == 0
print("PASS: every acknowledged webhook routed exactly once" if ok else "FAIL")
if dups: print("  duplicated run ids (first 5):", list(dups.items())[:5])
sys.exit(0 if ok else 1)
EOF
