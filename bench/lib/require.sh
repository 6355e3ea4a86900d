# Sourced by the bench scripts: checks the tools a bench needs before it starts anything.
# require <command> [debian package]: a tool the bench needs. Installed from Debian's packages when missing and this
# runs as root; otherwise the bench stops here with one line saying what to install (never a riddle further down).
require() {
  local cmd=$1 pkg=${2:-$1}
  command -v "$cmd" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "[bench] installing $pkg from Debian's packages (needed: $cmd)" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg"; } >/dev/null 2>&1 || true
  fi
  command -v "$cmd" >/dev/null 2>&1 || { echo "[bench] stopped: needs $cmd (apt-get install $pkg, or put it on PATH)" >&2; exit 1; }
}
require java openjdk-17-jdk-headless
require python3
