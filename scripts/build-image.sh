#!/usr/bin/env bash
# Builds eksid's image from deploy/Dockerfile (default tag eksid:local), from the repository root.
#   scripts/build-image.sh [tag]
# BuildKit is required (COPY --chmod, secret mounts): Docker 23+ with the buildx plugin, or an
# older client with DOCKER_BUILDKIT=1. The CA bundle for a TLS-intercepting proxy is passed as
# the build secret `ca` (never stored in the image): EKSID_BUILD_CA_FILE, else NODE_EXTRA_CA_CERTS,
# else the system bundle when it exists. Base images: pulled as usual, or made offline by
# scripts/offline-images.sh.
set -euo pipefail
root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tag=${1:-eksid:local}
docker_cli=${DOCKER:-docker}

ca=${EKSID_BUILD_CA_FILE:-${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}}
secret=()
[ -s "$ca" ] && secret=(--secret "id=ca,src=$ca")

# A client without buildx (Docker 23+) would fall back to the legacy builder, which cannot build this file.
if ! "$docker_cli" buildx version >/dev/null 2>&1; then
  export DOCKER_BUILDKIT=1
fi
exec "$docker_cli" build -f "$root_dir/deploy/Dockerfile" -t "$tag" "${secret[@]}" "$root_dir"
