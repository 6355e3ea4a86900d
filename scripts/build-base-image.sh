#!/usr/bin/env bash
# Builds a local Java 17 base image from Debian's packages, for machines that reach no container registry:
# debootstrap bookworm (minbase) + openjdk-17-jre-headless, imported with `podman import`.
#
#   scripts/build-base-image.sh [image name, default localhost/camel-langgraph-base:bookworm-jre17]
#
# Then: podman build --build-arg BASE_IMAGE=localhost/camel-langgraph-base:bookworm-jre17 ...  (scripts/image-test.sh
# does this). Installs debootstrap, podman and runc with apt-get when they are missing. Needs root.
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE="${1:-localhost/camel-langgraph-base:bookworm-jre17}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
PODMAN=(bash scripts/podman/podman.sh)

missing=()
for tool in debootstrap podman runc; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

if "${PODMAN[@]}" image exists "$IMAGE"; then
  echo "[build-base-image] $IMAGE exists (podman rmi it to rebuild)"
  exit 0
fi

ROOTFS="$(mktemp -d /tmp/camel-langgraph-rootfs.XXXXXX)"
trap 'rm -rf "$ROOTFS"' EXIT
echo "[build-base-image] debootstrap bookworm into $ROOTFS (a few minutes)"
debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm "$ROOTFS" "$MIRROR" >/tmp/debootstrap.log 2>&1 \
  || { tail -30 /tmp/debootstrap.log; exit 1; }
# smaller image: no package caches, docs or man pages
chroot "$ROOTFS" apt-get clean
rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/usr/share/doc/* "$ROOTFS"/usr/share/man/*
tar -C "$ROOTFS" -c . | "${PODMAN[@]}" import --change 'CMD ["bash"]' - "$IMAGE"
echo "[build-base-image] built $IMAGE: $("${PODMAN[@]}" run --rm --network host "$IMAGE" java -version 2>&1 | head -1)"
