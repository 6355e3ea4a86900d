#!/usr/bin/env bash
# End to end against a real LangGraph Python dev server (started here, loopback): a Quartz route fires every second and
# starts an `echo` run (langgraph:run?assistantId=echo&threadId=new&callback=e2e); `from: langgraph:webhook/e2e` writes a
# JSON line per outcome (bench/routes/e2e.camel.yaml). Reports p50/p99/max of
#   tick -> run request returned   (Quartz fireTime -> the producer's answer; includes the server's create)
#   tick -> server created_at      (the outbound share: app + loopback HTTP until the server stamps the run)
#   run_ended_at -> written        (server's webhook sending + the app, confirmation included; run_ended_at is the
#                                   server's last update of the run, as the confirmed copy carries it)
# The routed body is the server's copy, which has no webhook_sent_at: the app's own share alone (claim received ->
# written) is measured by bench/verified-callbacks.sh.
# once per detect-interrupts mode (with true the dispatcher reads the thread state before routing: one API call).
#   bench/end-to-end.sh [ticks=65] [modes="false true"]        (the first 3 ticks of each mode count as warm-up)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
TICKS=${1:-65}; MODES=${2:-false true}; WARMUP=3

machine
start_langgraph lg
echo "LangGraph Python dev server: $LG_URL"

for mode in $MODES; do
  name=e2e-$mode
  app_start $name file:bench/routes/e2e.camel.yaml -Dcamel.component.langgraph.detect-interrupts=$mode
  echo "== detect-interrupts=$mode: app pid $APP_PID on :$PORT, waiting for $TICKS outcomes (load before: $(load))"
  deadline=$(( $(date +%s) + TICKS + 90 ))
  while [ "$(cat $WORK/$name-out/outcomes.jsonl 2>/dev/null | wc -l)" -lt "$TICKS" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "only $(cat $WORK/$name-out/outcomes.jsonl 2>/dev/null | wc -l) outcomes in time" >&2; break; }
    sleep 1
  done
  echo "load after: $(load)"
  app_stop
  python3 - "$WORK/$name-out" "$WARMUP" "$mode" <<'EOF'
import json, sys
from datetime import datetime
out, warmup, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ms = lambda iso: datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000
ticks = {}
for line in open(f"{out}/ticks.jsonl"):
    t = json.loads(line); ticks[t["run_id"]] = t
rows = []
for line in open(f"{out}/outcomes.jsonl"):
    o = json.loads(line); run = o["run"]; t = ticks.get(run["run_id"])
    if t is None or o["source"] != "webhook":
        continue
    rows.append({"fire": t["fire"],
                 "tick -> run request returned": t["returned"] - t["fire"],
                 "tick -> server created_at": ms(run["created_at"]) - t["fire"],
                 "run_ended_at -> written": o["written"] - ms(run["run_ended_at"])})
rows.sort(key=lambda r: r["fire"])
rows = rows[warmup:]
def pct(v, p):  # nearest rank
    v = sorted(v); return v[max(0, min(len(v) - 1, -(-len(v) * p // 100) - 1))]
print(f"detect-interrupts={mode}: {len(rows)} outcomes (routed by webhook, joined with their tick; first {warmup} left out)")
for key in [k for k in rows[0] if k != "fire"]:
    v = [r[key] for r in rows]
    print(f"  {key:42s} p50 {pct(v, 50):7.1f} ms   p99 {pct(v, 99):7.1f} ms   max {max(v):7.1f} ms")
EOF
done
