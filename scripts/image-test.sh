#!/usr/bin/env bash
# Builds the container image (Containerfile) and proves it against a real LangGraph server on loopback:
# a routed result, /observe/health/ready UP, the image's HEALTHCHECK passing, the process not root, and
# SIGTERM (podman stop) ending with exit code 0. Prints startup time and resident memory of the container.
#
#   scripts/image-test.sh
#
# BASE_IMAGE: the base image (default: built locally from Debian's packages by scripts/build-base-image.sh, for
# machines without a registry; on a normal machine e.g. BASE_IMAGE=docker.io/library/eclipse-temurin:17-jre).
# Costs about 45 s once the base image exists (building it takes about 1.5 minutes more); .ci/run calls it after the
# tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANGGRAPH_CLI_NO_ANALYTICS=1 LANGSMITH_TRACING=false LANGCHAIN_TRACING_V2=false
PODMAN=(bash scripts/podman/podman.sh)
IMAGE=localhost/camel-langgraph:image-test
NAME="camel-langgraph-image-test-$$"
VOLUME="$NAME-data"
log() { echo "[image-test] $*" >&2; }
fail() { log "FAIL: $*"; "${PODMAN[@]}" logs "$NAME" 2>&1 | tail -40 >&2 || true; exit 1; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
http_status() { curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" 2>/dev/null || true; }

if [ ! -f target/camel-langgraph-app.jar ] || [ -n "$(find src pom.xml -newer target/camel-langgraph-app.jar -print -quit)" ]; then
  mvn -B -q -DskipTests package
fi
if [ -z "${BASE_IMAGE:-}" ]; then
  BASE_IMAGE=localhost/camel-langgraph-base:bookworm-jre17
  bash scripts/build-base-image.sh "$BASE_IMAGE"
fi

log "building $IMAGE on $BASE_IMAGE"
# docker format: OCI images have no HEALTHCHECK
"${PODMAN[@]}" build -q --format docker --network host --build-arg BASE_IMAGE="$BASE_IMAGE" -t "$IMAGE" -f Containerfile . >/dev/null

LG_PORT="$(free_port)"
LG_DIR="$(mktemp -d /tmp/image-test-langgraph.XXXXXX)"
cleanup() {
  "${PODMAN[@]}" rm -f -t 0 "$NAME" >/dev/null 2>&1 || true
  "${PODMAN[@]}" volume rm -f "$VOLUME" >/dev/null 2>&1 || true
  bash scripts/langgraph-server.sh stop "$LG_DIR" >/dev/null 2>&1 || true
  rm -rf "$LG_DIR"
}
trap cleanup EXIT
bash scripts/langgraph-server.sh start python "$LG_PORT" "$LG_DIR" >/dev/null

PORT="$(free_port)"
MGMT="$(free_port)"
# host network, but every listener on loopback (the image's defaults are 0.0.0.0 for a container network); the
# image's HEALTHCHECK command with the management port moved (no timer: there is no systemd here to run it)
"${PODMAN[@]}" create --name "$NAME" --network host -v "$VOLUME:/data" \
  -e LANGGRAPH_URL="http://127.0.0.1:$LG_PORT" \
  -e CAMEL_SERVER_HOST=127.0.0.1 -e CAMEL_SERVER_PORT="$PORT" \
  -e CAMEL_MANAGEMENT_HOST=127.0.0.1 -e CAMEL_MANAGEMENT_PORT="$MGMT" \
  -e JMS_EMBEDDED_PORT=0 -e EXAMPLE_SCHEDULE='0/2 * * * * ?' \
  --health-interval disable --health-cmd "bash -c 'exec 3<>/dev/tcp/127.0.0.1/$MGMT && printf \"GET /observe/health/ready HTTP/1.0\\r\\n\\r\\n\" >&3 && head -n 1 <&3 | grep -q \" 200 \"'" \
  "$IMAGE" >/dev/null
t0=$(date +%s%N)
"${PODMAN[@]}" start "$NAME" >/dev/null
for _ in $(seq 1 600); do
  [ "$(http_status "http://127.0.0.1:$MGMT/observe/health/ready")" = 200 ] && break
  [ "$("${PODMAN[@]}" inspect -f '{{.State.Running}}' "$NAME")" = true ] || fail "container exited"
  sleep 0.1
done
ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
[ "$(http_status "http://127.0.0.1:$MGMT/observe/health/ready")" = 200 ] || fail "/observe/health/ready not UP"
log "ready: /observe/health/ready UP $ready_ms ms after podman start"

routed=""
for _ in $(seq 1 60); do
  routed="$("${PODMAN[@]}" exec "$NAME" bash -c 'cat /data/out/success/*.json 2>/dev/null | head -c 2000' || true)"
  [ -n "$routed" ] && break
  sleep 1
done
grep -q "HELLO FROM CAMEL-LANGGRAPH" <<<"$routed" || fail "no routed result in /data/out/success"
log "routed: a result of the echo graph is in /data/out/success"

# the SBOM is in the image and names what the image runs: Camel 4.22, no Camel below it, every jar of /app/lib
"${PODMAN[@]}" exec "$NAME" cat /app/sbom.cdx.json > "$LG_DIR/sbom.json" || fail "no SBOM at /app/sbom.cdx.json"
"${PODMAN[@]}" exec "$NAME" ls /app/lib > "$LG_DIR/lib.txt"
sbom_problems="$(python3 - "$LG_DIR/sbom.json" "$LG_DIR/lib.txt" <<'PY'
import json, re, sys
bom = json.load(open(sys.argv[1]))
if bom.get("bomFormat") != "CycloneDX":
    print("not a CycloneDX document")
purls = [c.get("purl", "") for c in bom.get("components", [])]
if not any(p.startswith("pkg:maven/org.apache.camel/camel-core-engine@4.22.0") for p in purls):
    print("camel-core-engine 4.22.0 not listed")
print(" ".join("below 4.22: " + p for p in purls if re.match(r"pkg:maven/org\.apache\.camel/[^@]+@4\.(1[0-9]|2[01])\.", p)))
names = {c["name"] + "-" + c["version"] for c in bom.get("components", [])}
print(" ".join("not listed: /app/lib/" + j for j in open(sys.argv[2]).read().split()
               if not any(j == n + ".jar" or j.startswith(n + "-") for n in names)))
PY
)"
[ -z "$(tr -d ' \n' <<<"$sbom_problems")" ] || fail "SBOM: $sbom_problems"
log "sbom: /app/sbom.cdx.json lists every jar in /app/lib, Camel at 4.22.0"

uid="$("${PODMAN[@]}" exec "$NAME" bash -c 'awk "/^Uid:/ {print \$2}" /proc/1/status')"
[ "$uid" != 0 ] || fail "the app runs as root"
log "non-root: the app (PID 1) runs as uid $uid"

"${PODMAN[@]}" healthcheck run "$NAME" >/dev/null || fail "the image's HEALTHCHECK failed"
log "healthcheck: passes"

rss_kb="$("${PODMAN[@]}" exec "$NAME" bash -c 'awk "/^VmRSS:/ {print \$2}" /proc/1/status')"
log "memory: resident $(( rss_kb / 1024 )) MB"

"${PODMAN[@]}" stop -t 30 "$NAME" >/dev/null
code="$("${PODMAN[@]}" inspect -f '{{.State.ExitCode}}' "$NAME")"
[ "$code" = 0 ] || fail "exit code $code after SIGTERM"
log "SIGTERM: exit code 0"
echo "image-test OK: ready ${ready_ms} ms, RSS $(( rss_kb / 1024 )) MB"
