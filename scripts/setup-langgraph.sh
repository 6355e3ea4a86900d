#!/usr/bin/env bash
# Installs the local LangGraph dev servers used by the tests and by the app's embedded default.
#
#   scripts/setup-langgraph.sh [python|js|all]     (default: all)
#
#   python: virtualenv at .tools/venv with graphs/python/requirements.txt (langgraph-cli[inmem])
#   js:     `npm ci` in graphs/js (@langchain/langgraph-cli, pinned by package-lock.json)
#
# Idempotent: a stamp file keyed on the hash of the requirement/lock files makes a repeated call a
# quick no-op. Concurrent callers (parallel test JVMs) are serialised with flock when available.
# Environment: LANGGRAPH_PYTHON (interpreter for the venv, default python3, must be >= 3.11).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
VENV="$TOOLS/venv"
PYDIR="$ROOT/graphs/python"
JSDIR="$ROOT/graphs/js"
what="${1:-all}"

export LANGGRAPH_CLI_NO_ANALYTICS=1 LANGSMITH_TRACING=false LANGCHAIN_TRACING_V2=false

log() { echo "[setup-langgraph] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

hash_files() { cat "$@" | sha256sum | cut -c1-16; }

mkdir -p "$TOOLS"
[ -f "$TOOLS/.gitignore" ] || echo '*' > "$TOOLS/.gitignore"

lock_or_wait() {
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$TOOLS/setup.lock"
    flock -w 900 9 || die "timed out waiting for $TOOLS/setup.lock"
  fi
}

setup_python() {
  local py="${LANGGRAPH_PYTHON:-python3}"
  command -v "$py" >/dev/null 2>&1 || die "$py not found (set LANGGRAPH_PYTHON to a Python >= 3.11)"
  "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
    || die "$("$py" --version 2>&1) is too old; langgraph-api needs Python >= 3.11 (set LANGGRAPH_PYTHON)"
  local want stamp="$VENV/.camel-langgraph-stamp"
  want="$(hash_files "$PYDIR/requirements.txt" "$PYDIR/constraints.txt")-$("$py" -c 'import sys;print("%d.%d" % sys.version_info[:2])')"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$VENV/bin/langgraph" ]; then
    log "python: up to date ($VENV)"
    return 0
  fi
  if [ -e "$VENV" ] && [ ! -x "$VENV/bin/python" ]; then rm -rf "$VENV"; fi
  if [ ! -e "$VENV" ]; then
    log "python: creating virtualenv $VENV"
    "$py" -m venv "$VENV"
  fi
  log "python: installing $PYDIR/requirements.txt (this can take a minute)"
  rm -f "$stamp"
  (cd "$PYDIR" && "$VENV/bin/python" -m pip install --disable-pip-version-check -q -r requirements.txt) >&2
  "$VENV/bin/langgraph" --version >/dev/null || die "langgraph CLI not usable after install"
  echo "$want" > "$stamp"
  log "python: installed ($("$VENV/bin/langgraph" --version))"
}

setup_js() {
  command -v node >/dev/null 2>&1 || die "node not found (Node.js >= 20 needed for the JS dev server)"
  command -v npm >/dev/null 2>&1 || die "npm not found"
  node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' \
    || die "node $(node --version) is too old; @langchain/langgraph-cli needs Node >= 20"
  local want stamp="$JSDIR/node_modules/.camel-langgraph-stamp"
  want="$(hash_files "$JSDIR/package.json" "$JSDIR/package-lock.json")-$(node -p 'process.versions.node.split(".")[0]')"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$JSDIR/node_modules/.bin/langgraphjs" ]; then
    log "js: up to date ($JSDIR/node_modules)"
    return 0
  fi
  log "js: npm ci in $JSDIR"
  (cd "$JSDIR" && npm ci --no-audit --no-fund --loglevel=error) >&2
  [ -x "$JSDIR/node_modules/.bin/langgraphjs" ] || die "langgraphjs CLI missing after npm ci"
  echo "$want" > "$stamp"
  log "js: installed (@langchain/langgraph-cli $(node -p "require('$JSDIR/node_modules/@langchain/langgraph-cli/package.json').version"))"
}

case "$what" in
  python) lock_or_wait; setup_python ;;
  js) lock_or_wait; setup_js ;;
  all) lock_or_wait; setup_python; setup_js ;;
  *) echo "usage: $0 [python|js|all]" >&2; exit 2 ;;
esac
