#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium and ChromeDriver (/usr/bin/chromium, /usr/bin/chromedriver) for the
# operator page test (OperatorViewTest). Idempotent: does nothing when both are there. Needs root (apt-get).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
chromium --version
chromedriver --version
