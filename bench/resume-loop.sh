#!/usr/bin/env bash
# Human in the loop against a real LangGraph Python dev server (started here, loopback): the app starts an `approval` run
# every second (bench/routes/resume-loop.camel.yaml); each interrupted outcome's resume URL is answered by this script
# with a JSON POST. Reports p50/p99 of
#   answer -> resume run accepted   (POST sent -> 202; the app checks the handle, asks the server for the thread state
#                                    and the last run, records the decision, creates the resume run)
#   answer -> next outcome routed   (POST sent -> the resumed run's outcome in the route)
# beside the server's own time for the same work, measured on threads of their own in the same run:
#   server: state + runs + create   (the three API calls the app makes, made directly, one after the other)
#   server: resumed run             (the resumed run's created_at -> updated_at, as the server stamps them)
#   bench/resume-loop.sh [answers=60]        (the first 5 count as warm-up)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
N=${1:-60}; WARMUP=5

machine
start_langgraph lg
echo "LangGraph Python dev server: $LG_URL"
app_start resume file:bench/routes/resume-loop.camel.yaml
echo "app pid $APP_PID on :$PORT, answering $N interrupts (load before: $(load))"
python3 - "$WORK/resume-out" "$N" "$WARMUP" "$LG_URL" <<'PY'
import json, sys, time, urllib.request
from datetime import datetime
out, n, warmup, lg = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
now = lambda: time.time() * 1000
ms = lambda iso: datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000

def call(method, url, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.status, json.loads(r.read() or b"null")

def lines(name):
    try:
        return [json.loads(l) for l in open(f"{out}/{name}")]
    except FileNotFoundError:
        return []

answered, accepted, routed, direct, server_run = set(), [], [], [], []
deadline = time.time() + n * 3 + 120
while len(answered) < n and time.time() < deadline:
    todo = [a for a in lines("awaiting.jsonl") if a["thread_id"] not in answered]
    if not todo:
        time.sleep(0.05)
        continue
    a = todo[0]
    answered.add(a["thread_id"])
    t0 = now()
    status, body = call("POST", a["url"], "approve")
    t1 = now()
    assert status == 202, status
    while True:
        done = [d for d in lines("done.jsonl") if d["run"]["thread_id"] == a["thread_id"]]
        if done:
            break
        time.sleep(0.01)
    run = done[0]["run"]
    accepted.append(t1 - t0)
    routed.append(done[0]["written"] - t0)
    server_run.append(ms(run["updated_at"]) - ms(run["created_at"]))
    # the server's own time for the app's three calls, on a thread of its own waiting at the same interrupt
    _, thread = call("POST", f"{lg}/threads", {})
    tid = thread["thread_id"]
    _, waited = call("POST", f"{lg}/threads/{tid}/runs/wait", {"assistant_id": "approval", "input": {"text": "direct"}})
    s0 = now()
    _, state = call("GET", f"{lg}/threads/{tid}/state")
    _, runs = call("GET", f"{lg}/threads/{tid}/runs?limit=1")
    iid = state["tasks"][0]["interrupts"][0]["id"]
    call("POST", f"{lg}/threads/{tid}/runs", {"assistant_id": runs[0]["assistant_id"], "command": {"resume": {iid: "approve"}},
                                               "multitask_strategy": "reject"})
    direct.append(now() - s0)

def pct(values, p):
    v = sorted(values[warmup:])
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))] if v else float("nan")

print(f"answers measured: {max(0, len(accepted) - warmup)} (of {len(accepted)}, first {warmup} warm-up)")
for name, values in [("answer -> resume run accepted", accepted), ("server: state + runs + create", direct),
                     ("answer -> next outcome routed", routed), ("server: resumed run", server_run)]:
    print(f"{name:32s} p50 {pct(values, 50):7.1f} ms   p99 {pct(values, 99):7.1f} ms   max {max(values[warmup:] or [float('nan')]):7.1f} ms")
PY
echo "load after: $(load)"
app_stop
