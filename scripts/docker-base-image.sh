#!/usr/bin/env bash
# Makes local stand-ins for the public base images on machines that reach no image registry (CI):
#   pp-local/debian:bookworm-slim   ← debootstrap --variant=minbase bookworm from the mirror apt uses
#   pp-local/node:20-bookworm-slim  ← the above + this machine's Node 20 (node, npm) and CA bundle
# The Dockerfiles take them through --build-arg BASE_IMAGE=… / NODE_IMAGE=…; a normal user pulls the public ones.
# Idempotent: an image that already exists is kept.
set -euo pipefail

DEBIAN_IMAGE="${LOCAL_DEBIAN_IMAGE:-pp-local/debian:bookworm-slim}"
NODE_IMAGE="${LOCAL_NODE_IMAGE:-pp-local/node:20-bookworm-slim}"

have_image() { docker image inspect "$1" >/dev/null 2>&1; }

# The Debian mirror apt is configured with (deb822 sources or the one-line format).
apt_mirror() {
  local uri
  uri=$(grep -hsE '^URIs:.*debian/?$' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | head -n1 || true)
  [ -n "$uri" ] || uri=$(grep -hsE '^deb .*debian/? bookworm' /etc/apt/sources.list /etc/apt/sources.list.d/*.list |
    awk '{print $2}' | head -n1 || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

if have_image "$DEBIAN_IMAGE"; then
  echo "docker-base-image: $DEBIAN_IMAGE exists"
else
  command -v debootstrap >/dev/null || { echo "debootstrap is not installed" >&2; exit 1; }
  rootfs=$(mktemp -d /tmp/pp-rootfs-XXXXXX)
  trap 'rm -rf "$rootfs"' EXIT
  mirror=$(apt_mirror)
  echo "docker-base-image: debootstrap bookworm from $mirror"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >/tmp/pp-debootstrap.log 2>&1 ||
    { tail -n 20 /tmp/pp-debootstrap.log >&2; exit 1; }
  # Same trimming as the -slim images: no apt lists or caches in the layer.
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin
  printf 'deb %s bookworm main\ndeb %s bookworm-updates main\n' "$mirror" "$mirror" >"$rootfs/etc/apt/sources.list"
  tar -C "$rootfs" -c . | docker import -c 'CMD ["bash"]' - "$DEBIAN_IMAGE" >/dev/null
  rm -rf "$rootfs"
  trap - EXIT
  echo "docker-base-image: made $DEBIAN_IMAGE"
fi

if have_image "$NODE_IMAGE"; then
  echo "docker-base-image: $NODE_IMAGE exists"
else
  node_bin=$(readlink -f "$(command -v node)")
  node_prefix=$(dirname "$(dirname "$node_bin")")
  npm_dir="$node_prefix/lib/node_modules/npm"
  [ -d "$npm_dir" ] || { echo "npm not found next to $node_bin" >&2; exit 1; }
  ctx=$(mktemp -d /tmp/pp-node-ctx-XXXXXX)
  trap 'rm -rf "$ctx"' EXIT
  cp "$node_bin" "$ctx/node"
  cp -r "$npm_dir" "$ctx/npm"
  # This machine's CA bundle: its egress may re-sign TLS (a proxy CA beside Debian's), which npm ci in the build
  # stage must trust. Public certificates only; an image built on a normal network gets Debian's own bundle.
  if [ -s /etc/ssl/certs/ca-certificates.crt ]; then
    cp /etc/ssl/certs/ca-certificates.crt "$ctx/ca-certificates.crt"
  else
    : >"$ctx/ca-certificates.crt"
  fi
  # Laid out like the official node image: node in /usr/local/bin, npm under /usr/local/lib/node_modules.
  cat >"$ctx/Dockerfile" <<EOF
FROM $DEBIAN_IMAGE
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \
 && node --version && npm --version
CMD ["node"]
EOF
  docker build -q -t "$NODE_IMAGE" "$ctx" >/dev/null
  rm -rf "$ctx"
  trap - EXIT
  echo "docker-base-image: made $NODE_IMAGE ($(docker run --rm "$NODE_IMAGE" node --version))"
fi
