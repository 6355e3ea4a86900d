#!/usr/bin/env bash
# Python messaging clients nobody here wrote, for the tests that plug the app into a flow as another team would:
# python-qpid-proton (AMQP 1.0) and kafka-python, from PyPI, in a venv of their own (not the LangGraph server's).
#
#   scripts/python-clients.sh install
#   scripts/python-clients.sh python
#
# install: creates the venv in $CLIENTS_VENV (default ~/.cache/camel-langgraph/python-clients) and installs the pinned
#          clients when missing or of another version; a no-op otherwise.
# python:  install, then print the venv's python interpreter (what the tests run the client scripts with).
set -euo pipefail

log() { echo "[python-clients] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
usage() { sed -n '5,6p' "$0" | sed 's/^# *//' >&2; exit 2; }

VENV="${CLIENTS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/camel-langgraph/python-clients}"
# pinned: the versions the tests were written against
PACKAGES=("python-qpid-proton==0.40.0" "kafka-python==3.0.12")

installed() {
  [ -x "$VENV/bin/python" ] || return 1
  local want have
  want="$(printf '%s\n' "${PACKAGES[@]}" | sort)"
  have="$("$VENV/bin/python" -m pip freeze 2>/dev/null | grep -iE '^(python-qpid-proton|kafka-python)==' | sort)" || return 1
  [ "$(echo "$want" | tr 'A-Z' 'a-z')" = "$(echo "$have" | tr 'A-Z' 'a-z')" ]
}

do_install() {
  if installed; then
    log "clients installed in $VENV"
    return 0
  fi
  command -v python3 >/dev/null 2>&1 || die "python3 not found"
  if [ ! -x "$VENV/bin/python" ]; then
    log "creating $VENV"
    mkdir -p "$(dirname "$VENV")"
    python3 -m venv "$VENV" >&2 || die "python3 -m venv failed (Debian: apt-get install -y python3-venv)"
  fi
  log "installing ${PACKAGES[*]}"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check "${PACKAGES[@]}" >&2 || die "pip install failed"
  installed || die "clients missing after pip install"
}

[ $# -ge 1 ] || usage
case "$1" in
  install) do_install ;;
  python) do_install; echo "$VENV/bin/python" ;;
  *) usage ;;
esac
