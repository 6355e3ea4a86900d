#!/usr/bin/env bash
# 100,000 pending correlated runs: awaitWebhook waiters holding real Camel exchanges + pending rows in the SQLite store,
# in a JVM capped at the goal's heap (-Xmx256m by default: it fails with OutOfMemoryError if the goal is missed).
# Prints heap used after GC and live threads before/after (bench/src/PendingFootprint.java).
#   bench/pending-footprint.sh [n=100000]          PENDING_JAVA_OPTS (default -Xmx256m -XX:+UseParallelGC)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
N=${1:-100000}
OPTS=${PENDING_JAVA_OPTS:--Xmx256m -XX:+UseParallelGC}
[ -d target/classes ] || { echo "target/classes missing: build first" >&2; exit 1; }
machine
mkdir -p $WORK/classes
javac -d $WORK/classes -cp "target/classes:target/lib/*" bench/src/PendingFootprint.java
echo "java $OPTS PendingFootprint $N"
java $OPTS -cp "$WORK/classes:target/classes:target/lib/*" PendingFootprint "$N" "$WORK/data" 2>&1 | grep -v -E '^\S+ (INFO|DEBUG) '
echo "load after: $(load)"
