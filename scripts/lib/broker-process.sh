# Sourced by scripts/kafka.sh and scripts/activemq.sh: the life of a broker process started in a directory of its own,
# its PID in <dir>/<pid file>. Expects log() from the sourcing script.

# watch_process <dir> <pid to watch> <script>: stops the broker of <dir> (`<script> stop <dir>`) once the watched
# process is gone, e.g. a test JVM killed before its shutdown hook ran.
watch_process() {
  local dir=$1 watch=$2 script=$3
  [ -f "$dir/watchdog.pid" ] && kill "$(cat "$dir/watchdog.pid")" 2>/dev/null || true
  setsid bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 2; done; WATCHDOG_SELF=$$ "$2" stop "$3"' \
    _ "$watch" "$script" "$dir" >/dev/null 2>&1 </dev/null &
  echo $! >"$dir/watchdog.pid"
}

# stop_process <dir> <pid file>: ends the watchdog (unless it is the caller), then the broker: SIGTERM, SIGKILL after 30 s.
stop_process() {
  local dir=$1 pidfile=$2
  if [ -f "$dir/watchdog.pid" ]; then
    local w; w="$(cat "$dir/watchdog.pid")"; rm -f "$dir/watchdog.pid"
    [ "$w" != "${WATCHDOG_SELF:-}" ] && kill "$w" 2>/dev/null || true
  fi
  if [ -f "$dir/$pidfile" ] && kill -0 "$(cat "$dir/$pidfile")" 2>/dev/null; then
    local pid waited=0
    pid="$(cat "$dir/$pidfile")"
    kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do
      if [ "$waited" -ge 60 ]; then log "no exit after 30 s: SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; break; fi
      sleep 0.5; waited=$((waited + 1))
    done
    rm -f "$dir/$pidfile"
    log "stopped ($dir)"
  else
    log "not running ($dir)"
  fi
}
