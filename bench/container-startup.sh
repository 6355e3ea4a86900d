#!/usr/bin/env bash
# Startup to ready and resident memory of the container image (built by scripts/image-test.sh, which must have run
# once), against a Python LangGraph dev server on loopback (started here, not timed). Per run: `podman start` ->
# first 200 of /observe/health/ready, VmRSS of the app (PID 1) at ready and 10 s later, and the CPU time the JVM had
# used when ready (user + system; on a shared machine the wall time stretches with the load, the CPU time much less).
# The image maps its AppCDS archive (written at image build). Prints the median of each.
#   bench/container-startup.sh [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/require.sh
require curl
RUNS=${1:-3}
PODMAN=(bash scripts/podman/podman.sh)
IMAGE=localhost/camel-langgraph:image-test
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
LG_DIR="$(mktemp -d /tmp/container-startup-langgraph.XXXXXX)"
NAME="camel-langgraph-bench-$$"
trap '"${PODMAN[@]}" rm -f -t 0 "$NAME" >/dev/null 2>&1 || true; bash scripts/langgraph-server.sh stop "$LG_DIR" >/dev/null 2>&1 || true; rm -rf "$LG_DIR"' EXIT
LG_PORT="$(free_port)"
bash scripts/langgraph-server.sh start python "$LG_PORT" "$LG_DIR" >/dev/null 2>&1
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1) on the host; image $IMAGE; date $(date -u +%FT%TZ); load $(cut -d' ' -f1-3 /proc/loadavg)"
RESULTS="$LG_DIR/results.tsv"
for i in $(seq 1 "$RUNS"); do
  MGMT="$(free_port)"
  "${PODMAN[@]}" create --name "$NAME" --network host -e LANGGRAPH_URL="http://127.0.0.1:$LG_PORT" \
    -e CAMEL_SERVER_HOST=127.0.0.1 -e CAMEL_SERVER_PORT="$(free_port)" -e CAMEL_MANAGEMENT_HOST=127.0.0.1 \
    -e CAMEL_MANAGEMENT_PORT="$MGMT" -e JMS_EMBEDDED_PORT=0 --no-healthcheck "$IMAGE" >/dev/null
  t0=$(date +%s%N)
  "${PODMAN[@]}" start "$NAME" >/dev/null
  until [ "$(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:$MGMT/observe/health/ready")" = 200 ]; do sleep 0.02; done
  ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  read -r rss cpu < <("${PODMAN[@]}" exec "$NAME" bash -c \
    'echo $(( $(awk "/^VmRSS:/ {print \$2}" /proc/1/status) / 1024 )) $(awk -v t=$(getconf CLK_TCK) "{printf \"%.1f\", (\$14 + \$15) / t}" /proc/1/stat)')
  sleep 10
  rss_later=$(( $("${PODMAN[@]}" exec "$NAME" bash -c 'awk "/^VmRSS:/ {print \$2}" /proc/1/status') / 1024 ))
  printf 'run %d: ready %5d ms, CPU used by then %s s, RSS at ready %s MB, 10 s later %s MB, load %s\n' \
    "$i" "$ready_ms" "$cpu" "$rss" "$rss_later" "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%s\t%s\t%s\t%s\n' "$ready_ms" "$cpu" "$rss" "$rss_later" >> "$RESULTS"
  "${PODMAN[@]}" rm -f -t 30 "$NAME" >/dev/null
done
python3 - "$RESULTS" <<'PY'
import sys, statistics
rows = [list(map(float, l.split("\t"))) for l in open(sys.argv[1])]
cols = ["ready (ms)", "CPU seconds to ready", "RSS at ready (MB)", "RSS 10 s later (MB)"]
print(f"median of {len(rows)} runs: " + ", ".join(f"{c} {statistics.median(r[i] for r in rows):.{1 if i == 1 else 0}f}" for i, c in enumerate(cols)))
PY
