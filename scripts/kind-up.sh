#!/usr/bin/env bash
# From nothing to a kind cluster whose API server issues service-account tokens eksid trusts,
# with the pod identity webhook and agent installed and two demo pods:
#   scripts/kind-up.sh
#   kubectl exec demo -- aws sts get-caller-identity               # IRSA
#   kubectl exec demo-pod-identity -- aws sts get-caller-identity  # EKS Pod Identity
#   scripts/kind-down.sh                                           # removes all of it
#
# eksid runs as a Docker container (kind-eksid) beside the cluster: it must exist before the
# cluster, whose API server is created with eksid's issuer URL and signing key.
#
# Environment: EKSID_PORT (host port, default 4599), EKSID_IMAGE (default eksid:local),
# EKSID_SKIP_BUILD=1 (use an existing image), KIND_NODE_IMAGE, EKSID_KIND_STATE.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLUSTER="eksid"
CONTEXT="kind-${CLUSTER}"
CONTAINER="kind-eksid"
EKSID_CLUSTER="demo"
EKSID_PORT="${EKSID_PORT:-4599}"
EKSID_IMAGE="${EKSID_IMAGE:-eksid:local}"
# A pinned node image, so every run gets the same Kubernetes (override with KIND_NODE_IMAGE).
KIND_NODE_IMAGE="${KIND_NODE_IMAGE:-kindest/node:v1.33.1}"
STATE="${EKSID_KIND_STATE:-${TMPDIR:-/tmp}/eksid-kind}"
# What pods and the agent use to reach eksid: its container name on the kind network. The
# issuer URL (and so every token's iss claim) is built from it.
PUBLIC_URL="http://${CONTAINER}:4599"

step() { printf '==> %s\n' "$*"; }
die() { printf 'kind-up: %s\n' "$*" >&2; exit 1; }

need() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || die "missing required tool: ${tool} (install it and retry)"
  done
}

port_in_use() {
  # bash's /dev/tcp: no nc/ss/lsof needed. A refused connection means the port is free.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Escapes a string for the replacement side of a sed s|...|...| expression.
sed_escape() {
  printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'
}

# Prints deploy/kind/cluster.yaml with the issuer and the keys directory filled in.
render_kind_config() {
  local issuer keys_dir
  issuer="$(sed_escape "$1")"
  keys_dir="$(sed_escape "$2")"
  sed -e "s|@EKSID_ISSUER@|${issuer}|g" -e "s|@EKSID_KEYS_DIR@|${keys_dir}|g" "${ROOT}/deploy/kind/cluster.yaml"
}

# Prints deploy/kind/webhook.yaml with the CA bundle (base64 PEM) filled in.
render_webhook() {
  sed -e "s|@CA_BUNDLE@|$(sed_escape "$1")|g" "${ROOT}/deploy/kind/webhook.yaml"
}

preflight() {
  need docker kind kubectl
  docker info >/dev/null 2>&1 || die "the Docker engine is not answering (is Docker running?)"
  if kind get clusters 2>/dev/null | grep -qx "${CLUSTER}"; then
    die "kind cluster '${CLUSTER}' already exists (run scripts/kind-down.sh first)"
  fi
  if docker container inspect "${CONTAINER}" >/dev/null 2>&1; then
    die "container '${CONTAINER}' already exists (run scripts/kind-down.sh first)"
  fi
  if port_in_use "${EKSID_PORT}"; then
    die "port ${EKSID_PORT} on 127.0.0.1 is already in use (docker compose down, or set EKSID_PORT)"
  fi
}

wait_healthy() {
  local status deadline=$((SECONDS + 180))
  while ((SECONDS < deadline)); do
    status="$(docker inspect -f '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}' "${CONTAINER}")"
    case "${status}" in
      "running healthy") return 0 ;;
      running*) sleep 2 ;;
      *) docker logs --tail 20 "${CONTAINER}" >&2 || true; die "eksid container stopped (${status}); its last log lines are above" ;;
    esac
  done
  die "eksid did not become healthy within 180s (docker logs ${CONTAINER})"
}

# Runs a Node one-liner inside the eksid container (its image has node, not curl).
in_eksid() {
  docker exec "${CONTAINER}" node --input-type=module -e "$1"
}

start_eksid() {
  if [[ "${EKSID_SKIP_BUILD:-}" != "1" ]]; then
    step "building ${EKSID_IMAGE} from deploy/Dockerfile (a few minutes the first time)"
    docker build -q -f "${ROOT}/deploy/Dockerfile" -t "${EKSID_IMAGE}" "${ROOT}" >/dev/null
  fi
  step "starting eksid (${CONTAINER}, http://127.0.0.1:${EKSID_PORT}, issuer host ${PUBLIC_URL})"
  # The admin token /_eksid asks for: made here, kept in a 0600 file, handed to docker through
  # the environment (not argv); the agent and webhook get it from a Secret (install_admin_token).
  local token
  # 43 characters of 62: about 256 bits, from the kernel's CSPRNG with bash and tr alone.
  IFS= read -r -n 43 token < <(LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom)
  (umask 077 && printf '%s' "${token}" >"${STATE}/admin-token")
  EKSID_ADMIN_TOKEN="$(cat "${STATE}/admin-token")" docker run -d --name "${CONTAINER}" -e EKSID_ADMIN_TOKEN -p "127.0.0.1:${EKSID_PORT}:4599" "${EKSID_IMAGE}" \
    up --host 0.0.0.0 --port 4599 --data /data --config /etc/eksid/demo.yaml --public-url "${PUBLIC_URL}" >/dev/null
  wait_healthy
}

cluster_issuer() {
  in_eksid "const r = await fetch('http://127.0.0.1:4599/clusters/${EKSID_CLUSTER}'); if (!r.ok) { console.error(await r.text()); process.exit(1); } console.log((await r.json()).cluster.identity.oidc.issuer);"
}

export_keys() {
  docker exec "${CONTAINER}" eksid keys export --cluster "${EKSID_CLUSTER}" --out /tmp/eksid-keys >/dev/null
  mkdir -p "${STATE}/keys"
  docker cp -q "${CONTAINER}:/tmp/eksid-keys/." "${STATE}/keys"
  docker exec "${CONTAINER}" rm -rf /tmp/eksid-keys
  chmod 0600 "${STATE}/keys/sa.key"
}

# CA + serving certificate from eksid's own generator (`eksid webhook-certs`, node-forge), so
# the host needs no openssl. Prints the caBundle.
webhook_certificates() {
  docker exec "${CONTAINER}" eksid webhook-certs --out /tmp/webhook-certs --service-name pod-identity-webhook --namespace eksid-system >/dev/null
  mkdir -p "${STATE}/webhook-certs"
  docker cp -q "${CONTAINER}:/tmp/webhook-certs/." "${STATE}/webhook-certs"
  docker exec "${CONTAINER}" rm -rf /tmp/webhook-certs
  tr -d '\n' <"${STATE}/webhook-certs/ca-bundle.txt"
}

# Proves the API server signs as eksid's issuer: a token from the TokenRequest API must carry
# the issuer URL and verify against the issuer's published JWKS (what eksid's STS checks).
# A token is the direct proof: it is exactly what a projected volume hands to the aws CLI.
check_token_issuer() {
  local issuer="$1" token deadline=$((SECONDS + 60))
  # The controller manager creates the default service account just after the API server starts.
  until kubectl --context "${CONTEXT}" -n default get serviceaccount default >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "service account default/default did not appear within 60s"
    sleep 1
  done
  token="$(kubectl --context "${CONTEXT}" -n default create token default --audience sts.amazonaws.com --duration 10m)"
  docker exec "${CONTAINER}" node --input-type=module -e "
    import { createPublicKey, verify } from 'node:crypto';
    const [token, issuer] = process.argv.slice(1);
    const [header, payload, signature] = token.split('.');
    const part = (p) => JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    const { kid } = part(header);
    const { iss } = part(payload);
    const local = issuer.replace(/^https?:\/\/[^/]+/, 'http://127.0.0.1:4599');
    const jwks = await (await fetch(local + '/keys')).json();
    const jwk = jwks.keys.find((k) => k.kid === kid);
    const ok = iss === issuer && jwk !== undefined && verify('sha256', Buffer.from(header + '.' + payload), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(signature, 'base64url'));
    if (!ok) { console.error('token iss ' + iss + ', kid ' + kid + ': not signed by ' + issuer); process.exit(1); }" "${token}" "${issuer}" \
    || die "the API server does not sign tokens as eksid's issuer (did kind apply the kubeadm patch of deploy/kind/cluster.yaml?)"
}

check_mutated() {
  local pod="$1" variable="$2" names
  names="$(kubectl --context "${CONTEXT}" get pod "${pod}" -o jsonpath='{.spec.containers[0].env[*].name}')"
  [[ " ${names} " == *" ${variable} "* ]] || die "pod ${pod} was not mutated by the webhook (no ${variable}); see kubectl -n eksid-system logs deploy/pod-identity-webhook"
}

main() {
  preflight
  # Past the preflight checks something may have been created: say how to remove it.
  trap 'status=$?; ((status == 0)) || printf "kind-up: stopped; scripts/kind-down.sh removes what was created\n" >&2' EXIT
  rm -rf "${STATE}"
  mkdir -p "${STATE}"

  start_eksid
  local issuer
  issuer="$(cluster_issuer)"
  [[ "${issuer}" =~ ^${PUBLIC_URL}/id/[0-9A-F]{32}$ ]] || die "unexpected issuer URL '${issuer}'"
  step "cluster ${EKSID_CLUSTER}: issuer ${issuer}"

  step "exporting the issuer signing key to ${STATE}/keys (sa.key, sa.pub)"
  export_keys

  step "creating kind cluster ${CLUSTER} (${KIND_NODE_IMAGE}) with eksid as its service-account issuer"
  render_kind_config "${issuer}" "${STATE}/keys" >"${STATE}/cluster.yaml"
  kind create cluster --config "${STATE}/cluster.yaml" --image "${KIND_NODE_IMAGE}" --wait 120s
  docker network connect kind "${CONTAINER}"
  check_token_issuer "${issuer}"
  step "the API server signs service-account tokens as ${issuer}"

  step "loading ${EKSID_IMAGE} into the cluster"
  kind load docker-image "${EKSID_IMAGE}" --name "${CLUSTER}"

  step "installing the pod identity webhook and agent (namespace eksid-system)"
  local ca_bundle
  ca_bundle="$(webhook_certificates)"
  kubectl --context "${CONTEXT}" apply -f "${ROOT}/deploy/kind/namespace.yaml"
  kubectl --context "${CONTEXT}" -n eksid-system create secret generic eksid-admin-token --from-file=token="${STATE}/admin-token"
  kubectl --context "${CONTEXT}" -n eksid-system create secret tls pod-identity-webhook-tls \
    --cert "${STATE}/webhook-certs/tls.crt" --key "${STATE}/webhook-certs/tls.key"
  render_webhook "${ca_bundle}" | kubectl --context "${CONTEXT}" apply -f -
  kubectl --context "${CONTEXT}" apply -f "${ROOT}/deploy/kind/agent.yaml"
  kubectl --context "${CONTEXT}" -n eksid-system rollout status deployment/pod-identity-webhook --timeout=180s
  kubectl --context "${CONTEXT}" -n eksid-system rollout status daemonset/eks-pod-identity-agent --timeout=180s

  step "starting the demo pods (pulls amazon/aws-cli on first run)"
  kubectl --context "${CONTEXT}" apply -f "${ROOT}/deploy/kind/demo.yaml"
  kubectl --context "${CONTEXT}" wait --for=condition=Ready pod/demo pod/demo-pod-identity --timeout=300s
  check_mutated demo AWS_ROLE_ARN
  check_mutated demo-pod-identity AWS_CONTAINER_CREDENTIALS_FULL_URI

  step "IRSA: kubectl exec demo -- aws sts get-caller-identity"
  kubectl --context "${CONTEXT}" exec demo -- aws sts get-caller-identity
  step "Pod Identity: kubectl exec demo-pod-identity -- aws sts get-caller-identity"
  kubectl --context "${CONTEXT}" exec demo-pod-identity -- aws sts get-caller-identity

  step "ready: kubectl context ${CONTEXT}, eksid at http://127.0.0.1:${EKSID_PORT}; scripts/kind-down.sh removes everything"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
