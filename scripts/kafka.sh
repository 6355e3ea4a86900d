#!/usr/bin/env bash
# A private single-node Kafka broker (KRaft, combined broker+controller) from the org.apache.kafka:kafka_2.13 Maven
# artifact, for tests, benchmarks and local trials (loopback only, PLAINTEXT).
#
#   scripts/kafka.sh install
#   scripts/kafka.sh start <dir> [port] [--watch-pid PID]
#   scripts/kafka.sh stop <dir>
#   scripts/kafka.sh status <dir>
#
# install: resolves the broker and its dependencies with Maven (scripts/kafka/pom.xml, into ~/.m2) and caches the
#          classpath in $KAFKA_CACHE (default ~/.cache/camel-langgraph); KAFKA_VERSION overrides the version.
# start:   idempotent. Formats the KRaft storage in <dir>/data (once, with a fresh cluster id), starts the broker on
#          127.0.0.1:<port> (default: the port of the last start in <dir>, else a free one) with its controller on
#          another free port, waits until it serves, and prints the bootstrap servers, e.g. 127.0.0.1:4xxxx (also
#          written to <dir>/bootstrap). Topics are created on first use; replication factors are 1.
#          --watch-pid P  stops the broker when process P (e.g. the test JVM) is gone.
# stop:    SIGTERM (controlled shutdown), SIGKILL after 30 s; <dir> stays, a later start reuses its data.
set -euo pipefail

log() { echo "[kafka] $*" >&2; }
source "$(dirname "${BASH_SOURCE[0]}")/lib/broker-process.sh"
die() { log "ERROR: $*"; exit 1; }
usage() { sed -n '5,8p' "$0" | sed 's/^# *//' >&2; exit 2; }

HERE="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
KAFKA_VERSION="${KAFKA_VERSION:-3.9.1}"
KAFKA_CACHE="${KAFKA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/camel-langgraph}"
# named by the version and the pom, so a changed pom resolves again
CLASSPATH_FILE="$KAFKA_CACHE/kafka-$KAFKA_VERSION-$(sha1sum "$HERE/kafka/pom.xml" | cut -c1-8).classpath"
KAFKA_HEAP="${KAFKA_HEAP:--Xms128m -Xmx512m}"

classpath_ok() { # the cached classpath exists and every jar on it is still in the local repository
  [ -s "$CLASSPATH_FILE" ] || return 1
  local jar
  for jar in $(tr ':' ' ' <"$CLASSPATH_FILE"); do [ -f "$jar" ] || return 1; done
}

do_install() {
  if classpath_ok; then
    log "Kafka $KAFKA_VERSION classpath cached in $CLASSPATH_FILE"
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found (needed to resolve org.apache.kafka:kafka_2.13)"
  mkdir -p "$KAFKA_CACHE"
  log "resolving org.apache.kafka:kafka_2.13:$KAFKA_VERSION with Maven"
  local args=(-B -q -Dstyle.color=never -f "$HERE/kafka/pom.xml" "-Dkafka.version=$KAFKA_VERSION" dependency:build-classpath
              "-Dmdep.outputFile=$CLASSPATH_FILE.tmp")
  mvn -o "${args[@]}" >/dev/null 2>&1 || mvn "${args[@]}" >&2 || die "Maven could not resolve the broker"
  mv "$CLASSPATH_FILE.tmp" "$CLASSPATH_FILE"
  classpath_ok || die "resolved classpath is incomplete: $CLASSPATH_FILE"
  log "Kafka $KAFKA_VERSION classpath cached in $CLASSPATH_FILE"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null && return 0
  local p
  for _ in $(seq 1 100); do
    p=$(( 20000 + RANDOM % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
  done
  die "no free port found"
}

running() { # the broker of <dir> is alive
  [ -f "$DIR/kafka.pid" ] && kill -0 "$(cat "$DIR/kafka.pid")" 2>/dev/null
}

kafka_java() { # runs a Kafka main class on the broker's classpath
  java $KAFKA_HEAP -Dkafka.log.file="$DIR/server.log" -Dlog4j.configuration="file:$HERE/kafka/log4j.properties" \
    -cp "$(cat "$CLASSPATH_FILE")" "$@"
}

write_config() { # server.properties for a combined broker+controller on loopback
  cat >"$DIR/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DIR/data
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
EOF
}

do_start() {
  DIR="$1"; shift
  PORT=""
  local watch=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --watch-pid) watch="$2"; shift 2 ;;
      *) PORT="$1"; shift ;;
    esac
  done
  do_install
  mkdir -p "$DIR"
  DIR="$(cd "$DIR" && pwd)"
  if running; then
    log "already running on $(cat "$DIR/bootstrap")"
  else
    [ -n "$PORT" ] || PORT="$(cat "$DIR/port" 2>/dev/null || true)"
    [ -n "$PORT" ] || PORT="$(free_port)"
    CONTROLLER_PORT="$(cat "$DIR/controller-port" 2>/dev/null || true)"
    [ -n "$CONTROLLER_PORT" ] || CONTROLLER_PORT="$(free_port)"
    write_config
    if [ ! -f "$DIR/data/meta.properties" ]; then
      local cluster_id
      cluster_id="$(kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
      log "formatting KRaft storage in $DIR/data (cluster $cluster_id)"
      kafka_java kafka.tools.StorageTool format -t "$cluster_id" -c "$DIR/server.properties" >"$DIR/format.log" 2>&1 \
        || { cat "$DIR/format.log" >&2; die "storage format failed"; }
    fi
    echo "$PORT" >"$DIR/port"
    echo "$CONTROLLER_PORT" >"$DIR/controller-port"
    : >"$DIR/server.log"; rm -f "$DIR/kafka.pid"
    log "starting Kafka $KAFKA_VERSION on 127.0.0.1:$PORT (controller 127.0.0.1:$CONTROLLER_PORT)"
    setsid bash -c 'echo $$ >"$1/kafka.pid"; shift; exec "$@"' _ "$DIR" \
      java $KAFKA_HEAP -Dkafka.log.file="$DIR/server.log" -Dlog4j.configuration="file:$HERE/kafka/log4j.properties" \
      -cp "$(cat "$CLASSPATH_FILE")" kafka.Kafka "$DIR/server.properties" \
      >"$DIR/console.log" 2>&1 </dev/null &
    local waited=0
    until grep -q "Kafka Server started" "$DIR/server.log" 2>/dev/null; do
      if [ -f "$DIR/kafka.pid" ] && ! running; then
        tail -n 30 "$DIR/server.log" "$DIR/console.log" >&2 || true
        die "broker exited during startup"
      fi
      [ "$waited" -lt 240 ] || { tail -n 30 "$DIR/server.log" >&2 || true; die "broker did not start within 120 s"; }
      sleep 0.5; waited=$((waited + 1))
    done
    echo "127.0.0.1:$PORT" >"$DIR/bootstrap"
    log "up at 127.0.0.1:$PORT"
  fi

  if [ -n "$watch" ]; then
    watch_process "$DIR" "$watch" "$(readlink -f "$0")"
  fi
  cat "$DIR/bootstrap"
}

do_stop() {
  DIR="$1"
  stop_process "$DIR" kafka.pid
}

do_status() {
  DIR="$1"
  if running; then
    echo "running $(cat "$DIR/bootstrap" 2>/dev/null)"
  else
    echo "stopped"
    return 3
  fi
}

[ $# -ge 1 ] || usage
cmd="$1"; shift
case "$cmd" in
  install) do_install ;;
  start) [ $# -ge 1 ] || usage; do_start "$@" ;;
  stop) [ $# -ge 1 ] || usage; do_stop "$1" ;;
  status) [ $# -ge 1 ] || usage; do_status "$1" ;;
  *) usage ;;
esac
