#!/usr/bin/env bash
# Podman as it runs on this machine (Debian's packages, no systemd, no registry): runc runtime, cgroupfs cgroup
# manager, the project's containers.conf. On a normal machine plain `podman` (or `docker`) does the same.
set -euo pipefail
export CONTAINERS_CONF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/containers.conf"
exec podman --runtime runc --cgroup-manager cgroupfs "$@"
