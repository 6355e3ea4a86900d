#!/usr/bin/env bash
# Writes the AppCDS archive of the app (the classes it loads, pre-parsed) with a short training run, so that no
# real run pays for writing it at its exit: the app starts with every route against an unreachable LangGraph
# server and a scratch data directory, its example clock fires (and its run request fails at once, no retries,
# so the stop does not wait for a back-off), and Camel Main stops it after 8 s. About 30 s, mostly the dump.
#
#   scripts/app-cds.sh <app jar> <archive>      (scripts/run-app.sh and the Containerfile call it)
#
# Run the app with: java -XX:SharedArchiveFile=<archive> -Xlog:cds=off -jar <app jar>. The JVM ignores an archive
# of another JVM or of other jars (rebuild it after each package).
set -euo pipefail
JAR="$1" ARCHIVE="$2"
SCRATCH="$(mktemp -d /tmp/camel-langgraph-cds.XXXXXX)"
trap 'rm -rf "$SCRATCH"' EXIT
rm -f "$ARCHIVE"
if ! env LANGGRAPH_URL=http://127.0.0.1:9 LANGGRAPH_DATA_DIR="$SCRATCH/data" APP_OUT_DIR="$SCRATCH/out" \
    EXAMPLE_SCHEDULE='0/2 * * * * ?' SCHEDULE_REDELIVERY_MAXIMUM=0 \
    CAMEL_MAIN_DURATION_MAX_SECONDS=8 CAMEL_MAIN_SHUTDOWN_TIMEOUT=5 CAMEL_SERVER_HOST=127.0.0.1 CAMEL_SERVER_PORT=0 \
    CAMEL_MANAGEMENT_HOST=127.0.0.1 CAMEL_MANAGEMENT_PORT=0 JMS_EMBEDDED_PORT=0 \
    java -XX:ArchiveClassesAtExit="$ARCHIVE" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$JAR" >"$SCRATCH/training.log" 2>&1 \
    || [ ! -s "$ARCHIVE" ]; then
  tail -30 "$SCRATCH/training.log" >&2
  echo "[app-cds] no archive written" >&2
  exit 1
fi
echo "[app-cds] wrote $ARCHIVE ($(du -m "$ARCHIVE" | cut -f1) MB)" >&2
