#!/usr/bin/env bash
# A private ActiveMQ Classic broker from its Maven artifacts (activemq-broker, activemq-amqp, KahaDB), the external,
# non-Artemis broker of the tests and benchmarks that reach a broker over AMQP 1.0 (loopback only).
#
#   scripts/activemq.sh install
#   scripts/activemq.sh start <dir> [amqp port] [--watch-pid PID]
#   scripts/activemq.sh stop <dir>
#   scripts/activemq.sh status <dir>
#
# install: resolves the broker with Maven (scripts/activemq/pom.xml, into ~/.m2) and caches the classpath in
#          $ACTIVEMQ_CACHE (default ~/.cache/camel-langgraph); ACTIVEMQ_VERSION overrides the version.
# start:   idempotent. Starts scripts/activemq/ClassicBroker.java with KahaDB in <dir>/data, AMQP 1.0 on
#          127.0.0.1:<amqp port> (default: the port of the last start in <dir>, else a free one) and OpenWire on another
#          free port, waits until it serves and prints its AMQP URL, e.g. amqp://127.0.0.1:4xxxx (also in <dir>/amqp-url;
#          the OpenWire one in <dir>/openwire-url). ACTIVEMQ_USER / ACTIVEMQ_PASSWORD, when set, are the one login.
#          --watch-pid P  stops the broker when process P (e.g. the test JVM) is gone.
# stop:    SIGTERM, SIGKILL after 30 s; <dir> stays, a later start reuses its data.
set -euo pipefail

log() { echo "[activemq] $*" >&2; }
source "$(dirname "${BASH_SOURCE[0]}")/lib/broker-process.sh"
die() { log "ERROR: $*"; exit 1; }
usage() { sed -n '5,8p' "$0" | sed 's/^# *//' >&2; exit 2; }

HERE="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
ACTIVEMQ_VERSION="${ACTIVEMQ_VERSION:-6.1.8}"
ACTIVEMQ_CACHE="${ACTIVEMQ_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/camel-langgraph}"
# named by the version and the pom, so a changed pom resolves again
CLASSPATH_FILE="$ACTIVEMQ_CACHE/activemq-$ACTIVEMQ_VERSION-$(sha1sum "$HERE/activemq/pom.xml" | cut -c1-8).classpath"

classpath_ok() {
  [ -s "$CLASSPATH_FILE" ] || return 1
  local jar
  for jar in $(tr ':' ' ' <"$CLASSPATH_FILE"); do [ -f "$jar" ] || return 1; done
}

do_install() {
  if classpath_ok; then
    log "ActiveMQ Classic $ACTIVEMQ_VERSION classpath cached in $CLASSPATH_FILE"
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found (needed to resolve org.apache.activemq:activemq-broker)"
  mkdir -p "$ACTIVEMQ_CACHE"
  log "resolving org.apache.activemq:activemq-broker:$ACTIVEMQ_VERSION with Maven"
  local args=(-B -q -Dstyle.color=never -f "$HERE/activemq/pom.xml" "-Dactivemq.version=$ACTIVEMQ_VERSION"
              dependency:build-classpath "-Dmdep.outputFile=$CLASSPATH_FILE.tmp")
  mvn -o "${args[@]}" >/dev/null 2>&1 || mvn "${args[@]}" >&2 || die "Maven could not resolve the broker"
  mv "$CLASSPATH_FILE.tmp" "$CLASSPATH_FILE"
  classpath_ok || die "resolved classpath is incomplete: $CLASSPATH_FILE"
  log "ActiveMQ Classic $ACTIVEMQ_VERSION classpath cached in $CLASSPATH_FILE"
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

running() { [ -f "$DIR/broker.pid" ] && kill -0 "$(cat "$DIR/broker.pid")" 2>/dev/null; }

do_start() {
  DIR="$1"; shift
  local port="" watch=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --watch-pid) watch="$2"; shift 2 ;;
      *) port="$1"; shift ;;
    esac
  done
  do_install
  mkdir -p "$DIR"
  DIR="$(cd "$DIR" && pwd)"
  if running; then
    log "already running at $(cat "$DIR/amqp-url")"
  else
    [ -n "$port" ] || port="$(cat "$DIR/amqp-port" 2>/dev/null || true)"
    [ -n "$port" ] || port="$(free_port)"
    local openwire
    openwire="$(cat "$DIR/openwire-port" 2>/dev/null || true)"
    [ -n "$openwire" ] || openwire="$(free_port)"
    echo "$port" >"$DIR/amqp-port"
    echo "$openwire" >"$DIR/openwire-port"
    rm -f "$DIR/broker.pid"
    : >"$DIR/broker.log"
    log "starting ActiveMQ Classic $ACTIVEMQ_VERSION: AMQP 127.0.0.1:$port, OpenWire 127.0.0.1:$openwire"
    setsid bash -c 'echo $$ >"$1/broker.pid"; shift; exec "$@"' _ "$DIR" \
      java -Xms64m -Xmx384m -Dorg.slf4j.simpleLogger.showDateTime=true -cp "$(cat "$CLASSPATH_FILE")" \
      "$HERE/activemq/ClassicBroker.java" "$DIR/data" "$port" "$openwire" \
      >"$DIR/broker.log" 2>&1 </dev/null &
    local waited=0
    until grep -q "ActiveMQ Classic broker started" "$DIR/broker.log" 2>/dev/null; do
      if [ -f "$DIR/broker.pid" ] && ! running; then
        tail -n 30 "$DIR/broker.log" >&2 || true
        die "broker exited during startup"
      fi
      [ "$waited" -lt 240 ] || { tail -n 30 "$DIR/broker.log" >&2 || true; die "broker did not start within 120 s"; }
      sleep 0.5; waited=$((waited + 1))
    done
    echo "amqp://127.0.0.1:$port" >"$DIR/amqp-url"
    echo "tcp://127.0.0.1:$openwire" >"$DIR/openwire-url"
    log "up at amqp://127.0.0.1:$port"
  fi

  if [ -n "$watch" ]; then
    watch_process "$DIR" "$watch" "$(readlink -f "$0")"
  fi
  cat "$DIR/amqp-url"
}

do_stop() {
  DIR="$1"
  stop_process "$DIR" broker.pid
}

do_status() {
  DIR="$1"
  if running; then echo "running $(cat "$DIR/amqp-url" 2>/dev/null)"; else echo "stopped"; return 3; fi
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
