#!/usr/bin/env bash
# Start-up catch-up of Camel-side schedules after downtime, on the packaged app: N generated per-minute routes
# `langgraph:schedule/bench-NNNN` (catchUp=last, the default; each tick's route only sets a body, so what is timed is
# the app's own work: finding the missed ticks from the store, recording each one's fate, firing the caught-up ones).
# First start (declares the schedules in the embedded SQLite store), kill -9, down across two per-minute ticks, start
# again on the same data: reports the app's "checked for missed ticks ... in X ms" line, the time to ready and the
# number of caught-up ticks that reached their routes.
#   bench/schedules-catchup.sh [schedules=1000]        (mvn -B -q -DskipTests package first)
set -euo pipefail
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx512m}
source "$(dirname "$0")/lib/common.sh"
COUNT=${1:-1000}

python3 - $WORK/schedules.camel.yaml "$COUNT" <<'PY'
import sys
path, count = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    for i in range(1, count + 1):
        f.write(f"""- route:
    id: bench-schedule-{i:04d}
    from:
      uri: "langgraph:schedule/bench-{i:04d}"
      parameters: {{schedule: "* * * * *"}}
      steps:
        - setBody:
            simple: "${{header.CamelLangGraphScheduledFireTime}}"
""")
PY

machine
echo "JVM: $JAVA_OPTS; $COUNT per-minute schedules"
APP_PORT=$(free_port)
APP_DATA=catchup app_start first "file:$WORK/schedules.camel.yaml"
until grep -q "schedule(s) checked for missed ticks" $WORK/first.log; do sleep 0.2; done
kill -9 "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; forget_pid "$APP_PID"
killed=$(date +%s)
# down across two ticks: until 1 s after the second minute boundary after the kill
resume=$(( (killed / 60 + 2) * 60 + 1 ))
echo "killed at $(date -u -d @$killed +%T); restarting at $(date -u -d @$resume +%T) (two ticks missed per schedule)"
sleep $(( resume - $(date +%s) ))
APP_DATA=catchup app_start second "file:$WORK/schedules.camel.yaml"
until grep -q "schedule(s) checked for missed ticks" $WORK/second.log; do sleep 0.2; done
line=$(grep -o "Schedules: .*" $WORK/second.log | head -1)
store=$WORK/catchup-data/langgraph-callbacks.db
sleep 5
fates=$(python3 - "$store" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(", ".join(f"{fate} {n}" for fate, n in c.execute("SELECT fate, COUNT(*) FROM lg_schedule_tick GROUP BY fate ORDER BY fate")))
PY
)
printf 'restart: ready %.1f s; %s; ticks in the store: %s; load %s\n' "$(awk -v m=$APP_READY_MS 'BEGIN{print m/1000}')" "$line" "$fates" "$(load)"
app_stop
