#!/usr/bin/env bash
# Removes everything scripts/kind-up.sh created: the kind cluster (and its kubeconfig
# context), the eksid container with its data volume, and the state directory holding the
# exported issuer key and webhook certificates. Safe to run twice. The eksid:local image is
# kept as a build cache; `docker image rm eksid:local` removes it.
set -euo pipefail

CLUSTER="eksid"
CONTAINER="kind-eksid"
STATE="${EKSID_KIND_STATE:-${TMPDIR:-/tmp}/eksid-kind}"

step() { printf '==> %s\n' "$*"; }
die() { printf 'kind-down: %s\n' "$*" >&2; exit 1; }

for tool in docker kind; do
  command -v "$tool" >/dev/null 2>&1 || die "missing required tool: ${tool} (install it and retry)"
done
docker info >/dev/null 2>&1 || die "the Docker engine is not answering (is Docker running?)"

removed=0
if kind get clusters 2>/dev/null | grep -qx "${CLUSTER}"; then
  step "deleting kind cluster ${CLUSTER}"
  kind delete cluster --name "${CLUSTER}"
  removed=1
fi
if docker container inspect "${CONTAINER}" >/dev/null 2>&1; then
  step "removing container ${CONTAINER} and its volumes"
  docker rm -f -v "${CONTAINER}" >/dev/null
  removed=1
fi
if [[ -e "${STATE}" ]]; then
  step "removing ${STATE}"
  rm -rf "${STATE}"
  removed=1
fi
if ((removed)); then
  step "done: nothing of kind-up.sh is left"
else
  step "nothing to remove"
fi
