#!/usr/bin/env bash
# Starts / stops a real local LangGraph dev server (loopback only, in-memory, no LLM graphs).
#
#   scripts/langgraph-server.sh start <python|js> <port> <workdir> [--no-webhooks] [--config FILE] [--clean] [--watch-pid PID]
#   scripts/langgraph-server.sh stop <workdir>
#   scripts/langgraph-server.sh status <workdir>
#   scripts/langgraph-server.sh suspend|resume <workdir>
#
# start: copies graphs/<kind> into <workdir> (server state `.langgraph_api/` lives there and survives a
#        stop/start on the same workdir unless --clean), starts the dev server with setsid on
#        127.0.0.1:<port> in the background (PID in <workdir>/server.pid, log in <workdir>/server.log)
#        and waits until GET /ok answers 200 (LANGGRAPH_START_TIMEOUT seconds, default 120).
#        --no-webhooks  python only: uses langgraph.nowebhooks.json (http.disable_webhooks=true).
#        --config FILE  python only: FILE is the langgraph.json (e.g. with webhooks.allowed_fields).
#        --clean        deletes <workdir>/.langgraph_api first (fresh threads, runs, crons).
#        --watch-pid P  kills the server when process P (e.g. the test JVM) is gone.
# stop:  TERM to the server's process group, KILL after 15 s; removes server.pid.
# suspend: STOP to the server's process group: its port still accepts connections (the kernel queues them), nothing
#        answers; what a server gone silent looks like to its clients. resume: CONT, and it answers what waited.
#
# Environment: LANGGRAPH_N_JOBS (concurrent runs, default 10; the Python CLI's own default is 1),
# LANGGRAPH_START_TIMEOUT, and anything the servers read (e.g. CRON_SCHEDULER_SLEEP_TIME for Python).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { echo "[langgraph-server] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
usage() {
  sed -n '4,7p' "$0" | sed 's/^# *//' >&2
  exit 2
}

# Never reach outside hosts: no CLI analytics, no LangSmith tracing, no PyPI version check.
export LANGGRAPH_CLI_NO_ANALYTICS=1 LANGSMITH_TRACING=false LANGCHAIN_TRACING_V2=false \
  LANGSMITH_TRACING_V2=false LANGGRAPH_NO_VERSION_CHECK=true PYTHONUNBUFFERED=1 \
  NO_COLOR=1 BROWSER=true
unset LANGSMITH_API_KEY LANGCHAIN_API_KEY LANGSMITH_ENDPOINT LANGCHAIN_ENDPOINT || true

http_ok() { # prints the HTTP status of GET url (000 when nothing answers)
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true
  else
    python3 - "$1" <<'EOF' 2>/dev/null || echo 000
import sys, urllib.request
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=2).status)
except Exception as e:
    print(getattr(e, "code", "000"))
EOF
  fi
}

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
group_alive() { [ -n "${1:-}" ] && kill -0 -- "-$1" 2>/dev/null; }

tail_log() {
  log "---- last lines of $1 ----"
  tail -n "${2:-60}" "$1" 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' >&2 || true
  log "--------------------------"
}

do_stop() {
  local wd="$1" pid pgid
  [ -f "$wd/server.pid" ] || { log "no $wd/server.pid: nothing to stop"; return 0; }
  pid="$(cat "$wd/server.pid")"
  pgid="$(cat "$wd/server.pgid" 2>/dev/null || echo "$pid")"
  if [ -f "$wd/watchdog.pid" ]; then
    kill "$(cat "$wd/watchdog.pid")" 2>/dev/null || true
    rm -f "$wd/watchdog.pid"
  fi
  if group_alive "$pgid" || alive "$pid"; then
    kill -TERM -- "-$pgid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do
      group_alive "$pgid" || alive "$pid" || break
      sleep 0.1
    done
    if group_alive "$pgid" || alive "$pid"; then
      log "server (pgid $pgid) did not stop within 15 s: KILL"
      kill -KILL -- "-$pgid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do group_alive "$pgid" || break; sleep 0.1; done
    fi
    log "stopped server pid $pid"
  else
    log "server pid $pid was not running"
  fi
  rm -f "$wd/server.pid" "$wd/server.pgid"
}

do_start() {
  local kind="$1" port="$2" wd="$3"; shift 3
  local nowebhooks=0 clean=0 watch_pid="" config=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --no-webhooks) nowebhooks=1 ;;
      --clean) clean=1 ;;
      --watch-pid) watch_pid="${2:?--watch-pid needs a pid}"; shift ;;
      --config) config="${2:?--config needs a langgraph.json}"; shift ;;
      *) die "unknown option $1" ;;
    esac
    shift
  done
  [[ "$port" =~ ^[0-9]+$ ]] || die "port must be a number: $port"
  case "$kind" in python|js) ;; *) usage ;; esac
  [ "$kind" = js ] && [ "$nowebhooks" = 1 ] && die "--no-webhooks is only supported by the Python server (the JS dev server has no http.disable_webhooks)"

  mkdir -p "$wd"
  wd="$(cd "$wd" && pwd)"
  if [ -f "$wd/server.pid" ] && alive "$(cat "$wd/server.pid")"; then
    die "a server is already running for $wd (pid $(cat "$wd/server.pid")); stop it first"
  fi
  rm -f "$wd/server.pid" "$wd/server.pgid"
  if [ "$(http_ok "http://127.0.0.1:$port/ok")" != 000 ]; then
    die "something already answers on 127.0.0.1:$port"
  fi

  "$ROOT/scripts/setup-langgraph.sh" "$kind" >&2

  [ "$clean" = 1 ] && rm -rf "$wd/.langgraph_api"
  local -a cmd
  if [ "$kind" = python ]; then
    local src="$ROOT/graphs/python"
    cp "$src/graphs.py" "$wd/graphs.py"
    if [ -n "$config" ]; then cp "$config" "$wd/langgraph.json"
    elif [ "$nowebhooks" = 1 ]; then cp "$src/langgraph.nowebhooks.json" "$wd/langgraph.json"
    else cp "$src/langgraph.json" "$wd/langgraph.json"; fi
    cmd=("$ROOT/.tools/venv/bin/langgraph" dev --host 127.0.0.1 --port "$port" --no-browser --no-reload
         --n-jobs-per-worker "${LANGGRAPH_N_JOBS:-10}" --config langgraph.json)
  else
    local src="$ROOT/graphs/js"
    cp "$src/graphs.ts" "$src/langgraph.json" "$src/package.json" "$wd/"
    ln -sfn "$src/node_modules" "$wd/node_modules"
    cmd=("$src/node_modules/.bin/langgraphjs" dev --host 127.0.0.1 --port "$port" --no-browser --no-reload
         --n-jobs-per-worker "${LANGGRAPH_N_JOBS:-10}" --config langgraph.json)
  fi

  echo "===== $(date -u +%FT%TZ) start $kind on 127.0.0.1:$port: ${cmd[*]}" >> "$wd/server.log"
  local t0 pid
  t0=$(date +%s)
  if command -v setsid >/dev/null 2>&1; then
    (cd "$wd" && exec setsid "${cmd[@]}" </dev/null >>"$wd/server.log" 2>&1) &
  else # e.g. macOS: no setsid(1)
    (cd "$wd" && exec python3 -c 'import os,sys; os.setsid(); os.execvp(sys.argv[1], sys.argv[1:])' "${cmd[@]}" \
       </dev/null >>"$wd/server.log" 2>&1) &
  fi
  pid=$!
  echo "$pid" > "$wd/server.pid"
  sleep 0.2
  local pgid
  pgid="$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ' || true)"
  echo "${pgid:-$pid}" > "$wd/server.pgid"
  echo "$kind" > "$wd/server.kind"
  echo "$port" > "$wd/server.port"

  if [ -n "$watch_pid" ]; then
    # Leaves with the server; kills the server when the watched process (the test JVM) is gone.
    (exec setsid bash -c 'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 2; done
        kill -0 -- "-$3" 2>/dev/null || exit 0
        kill -TERM -- "-$3" 2>/dev/null
        for _ in $(seq 1 50); do kill -0 -- "-$3" 2>/dev/null || exit 0; sleep 0.2; done
        kill -KILL -- "-$3" 2>/dev/null' \
        watchdog "$watch_pid" "$pid" "${pgid:-$pid}" </dev/null >/dev/null 2>&1) &
    echo $! > "$wd/watchdog.pid"
  fi

  local timeout="${LANGGRAPH_START_TIMEOUT:-120}" code
  while :; do
    code="$(http_ok "http://127.0.0.1:$port/ok")"
    if [ "$code" = 200 ]; then
      log "started $kind server pid $pid on http://127.0.0.1:$port in $(( $(date +%s) - t0 )) s (workdir $wd)"
      echo "http://127.0.0.1:$port"
      return 0
    fi
    if ! alive "$pid"; then
      log "server process $pid exited during startup"
      tail_log "$wd/server.log"
      do_stop "$wd" 2>/dev/null || true
      exit 1
    fi
    if [ $(( $(date +%s) - t0 )) -ge "$timeout" ]; then
      log "server did not answer GET /ok with 200 within $timeout s (last status $code)"
      tail_log "$wd/server.log"
      do_stop "$wd" || true
      exit 1
    fi
    sleep 0.25
  done
}

case "${1:-}" in
  start) [ $# -ge 4 ] || usage; shift; do_start "$@" ;;
  stop) [ $# -eq 2 ] || usage; do_stop "$(cd "$2" 2>/dev/null && pwd || echo "$2")" ;;
  status)
    [ $# -eq 2 ] || usage
    if [ -f "$2/server.pid" ] && alive "$(cat "$2/server.pid")"; then
      echo "running pid $(cat "$2/server.pid") $(cat "$2/server.kind" 2>/dev/null) http://127.0.0.1:$(cat "$2/server.port" 2>/dev/null)"
    else
      echo "stopped"; exit 3
    fi ;;
  suspend|resume)
    [ $# -eq 2 ] || usage
    [ -f "$2/server.pgid" ] || die "no $2/server.pgid: no server started there"
    kill "-$([ "$1" = suspend ] && echo STOP || echo CONT)" -- "-$(cat "$2/server.pgid")" || die "cannot $1 the server of $2"
    log "$1ed the server of $2" ;;
  *) usage ;;
esac
