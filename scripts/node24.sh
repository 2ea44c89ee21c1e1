#!/usr/bin/env bash
# Node.js 24 beside the machine's Node 20: GitHub runners run the action on Node 24 (action.yml says
# node24), but Debian 12 has no Node 24 and forky's needs a newer libc. So: a forky container image
# with Debian's nodejs, built once from the Debian archive and cached, that runs commands in this repo.
# It has python3 too: the unit suite runs the image's Python scripts (autotune.py, build_check.py).
# Debian's nodejs comes without npm: run tools from node_modules/.bin (after npm ci on the host).
#
#   bash scripts/node24.sh image          build the image if missing; print its name
#   bash scripts/node24.sh run CMD ARG..  run CMD in the repo (bind-mounted at the same path), as root,
#                                         on the host network, with this machine's docker CLI, its buildx
#                                         plugin (if any) and the engine's socket, so the action can build
#
# TESTBED_CACHE (as in testbed.sh) holds the root file system tarball; NODE24_IMAGE names the image.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "$(id -u)" -eq 0 ]; then SUDO=(); default_cache=/var/cache/flask-testbed
else SUDO=(sudo); default_cache="${XDG_CACHE_HOME:-$HOME/.cache}/flask-testbed"; fi
CACHE="${TESTBED_CACHE:-$default_cache}"
SUITE=forky
# Bump when the recipe changes, so an old cached tarball or image is not reused.
REV=2
IMAGE="${NODE24_IMAGE:-flask-testbed/node24:$SUITE-r$REV}"

log() { printf 'node24: %s\n' "$*" >&2; }
die() { printf 'node24: error: %s\n' "$*" >&2; exit 1; }

image_ok() {
  [ "$(docker image inspect -f '{{index .Config.Labels "flask-testbed.rev"}}' "$IMAGE" 2>/dev/null || true)" = "$REV" ]
}

ensure_image() {
  image_ok && return 0
  local tarball="$CACHE/rootfs-$SUITE-node-r$REV.tar" rootfs="$CACHE/build/rootfs-$SUITE-node" mirror script
  if [ ! -s "$tarball" ]; then
    command -v debootstrap >/dev/null || die "debootstrap is missing; run: bash scripts/testbed.sh up (it installs it)"
    mirror=$(bash "$REPO_ROOT/scripts/testbed.sh" mirror)
    # Bookworm's debootstrap predates forky; testing is bootstrapped like sid.
    script=/usr/share/debootstrap/scripts/$SUITE
    [ -e "$script" ] || script=/usr/share/debootstrap/scripts/sid
    mkdir -p "$CACHE/build"
    "${SUDO[@]}" rm -rf "$rootfs"
    log "debootstrap $SUITE with nodejs from $mirror (about a minute, once)"
    if ! "${SUDO[@]}" debootstrap --variant=minbase --include=nodejs,python3,ca-certificates "$SUITE" "$rootfs" "$mirror" "$script" \
        >"$CACHE/build/$SUITE-node.log" 2>&1; then
      tail -n 20 "$CACHE/build/$SUITE-node.log" >&2
      die "debootstrap $SUITE failed (log: $CACHE/build/$SUITE-node.log)"
    fi
    "${SUDO[@]}" sh -c "
      rm -rf '$rootfs'/var/cache/apt/archives/*.deb '$rootfs'/var/lib/apt/lists/*
      tar -C '$rootfs' -c . >'$tarball.tmp' && mv '$tarball.tmp' '$tarball'
      rm -rf '$rootfs'"
  fi
  docker import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'ENV LANG=C.UTF-8' \
    -c "LABEL flask-testbed.rev=$REV" \
    - "$IMAGE" <"$tarball" >/dev/null
  log "imported $IMAGE ($(docker run --rm --pull never --network host "$IMAGE" node --version))"
}

# The engine's socket path from DOCKER_HOST (unix only), else the default one.
docker_socket() {
  case "${DOCKER_HOST:-}" in
    "") echo /var/run/docker.sock ;;
    unix://*) echo "${DOCKER_HOST#unix://}" ;;
    *) die "DOCKER_HOST=$DOCKER_HOST is not a unix socket; the Node 24 container can only reach a local engine" ;;
  esac
}

run_in_image() {
  [ $# -gt 0 ] || die "usage: $0 run CMD [ARG...]"
  ensure_image
  local socket docker_cli plugin args=()
  socket=$(docker_socket)
  docker_cli=$(command -v docker)
  args=(--rm --pull never --network host -v "$REPO_ROOT:$REPO_ROOT" -w "$REPO_ROOT"
    -v "$socket:/var/run/docker.sock" -v "$docker_cli:/usr/local/bin/docker:ro" -e CI="${CI:-}")
  # The host's buildx plugin, where the docker CLI finds it, so the action inside builds as it would here.
  plugin=$(docker info -f '{{range .ClientInfo.Plugins}}{{if eq .Name "buildx"}}{{.Path}}{{end}}{{end}}' 2>/dev/null || true)
  [ -z "$plugin" ] || args+=(-v "$plugin:/usr/libexec/docker/cli-plugins/docker-buildx:ro")
  # The test bed's addresses (TESTBED_*), for a run of the action against it.
  while IFS= read -r name; do args+=(-e "$name"); done < <(compgen -e | grep '^TESTBED_' || true)
  docker run "${args[@]}" "$IMAGE" "$@"
}

case "${1:-}" in
  image) ensure_image; echo "$IMAGE" ;;
  run) shift; run_in_image "$@" ;;
  *) echo "usage: $0 image | run CMD [ARG...]" >&2; exit 2 ;;
esac
