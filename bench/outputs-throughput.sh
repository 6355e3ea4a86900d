#!/usr/bin/env bash
# Outcomes/s into the three message outputs, side by side in one run: the embedded Artemis broker (in-VM, persistent,
# as routes/results.camel.yaml's queue output), an external AMQP 1.0 broker (ActiveMQ Classic 6 from
# scripts/activemq.sh, persistent KahaDB, over the pooled Qpid JMS factory of jms.url=amqp://) and Kafka (KRaft broker
# from scripts/kafka.sh, the results-kafka output's settings: key = idempotency key, idempotent producer, acks=all).
# Every send is a persistent/acknowledged send of a 1 KB run JSON with the run headers, from T threads, as the
# results route's dispatch threads send (bench/src/OutputsThroughput.java).
#   bench/outputs-throughput.sh [n=20000] [threads=8] [rounds=2]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
N=${1:-20000}
THREADS=${2:-8}
ROUNDS=${3:-2}
[ -d target/classes ] || { echo "target/classes missing: build first" >&2; exit 1; }
machine
KAFKA=$(scripts/kafka.sh start "$WORK/kafka" 2>"$WORK/kafka-script.log" | tail -n 1)
AMQP=$(ACTIVEMQ_USER=bench ACTIVEMQ_PASSWORD=bench-password scripts/activemq.sh start "$WORK/activemq" 2>"$WORK/activemq-script.log" | tail -n 1)
stop_brokers() { scripts/kafka.sh stop "$WORK/kafka" 2>/dev/null || true; scripts/activemq.sh stop "$WORK/activemq" 2>/dev/null || true; bench_cleanup; }
trap stop_brokers EXIT
echo "kafka $KAFKA, ActiveMQ Classic $AMQP"
mkdir -p "$WORK/classes"
javac -d "$WORK/classes" -cp "target/classes:target/lib/*" bench/src/OutputsThroughput.java
echo "java $JAVA_OPTS OutputsThroughput n=$N threads=$THREADS rounds=$ROUNDS"
java $JAVA_OPTS -cp "$WORK/classes:target/classes:target/lib/*" OutputsThroughput "$N" "$THREADS" "$ROUNDS" \
  "$WORK/embedded" "$AMQP" bench bench-password "$KAFKA" 2>"$WORK/outputs-throughput.log" | grep -E '^(body|round) '
echo "load after: $(load)"
