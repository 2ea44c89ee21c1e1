#!/usr/bin/env bash
# A local stand-in for the BuildKit image that buildx's docker-container driver starts
# (moby/buildkit:buildx-stable-1), for machines that cannot reach Docker Hub. BuildKit is a Go
# module: buildkitd and buildctl are compiled from it here, on a Debian root file system with
# Debian's runc.
#
#   bash scripts/buildkit-image.sh ensure   make sure the engine (DOCKER_HOST, else the default) has the
#                                          image under both tags; print the pinned tag on stdout
#   bash scripts/buildkit-image.sh status   say whether the engine has it, and what is cached
#
# What the driver needs from the image: `buildkitd` as the entrypoint (it passes only flags as the
# command), `buildctl` on PATH (it waits with `buildctl debug workers` and talks to the daemon through
# `buildctl dial-stdio`, both run with `docker exec`), a writable /etc/buildkit (it copies
# buildkitd.toml there) and /var/lib/buildkit (its state volume). BuildKit's OCI worker runs build
# steps with `runc`; git and ssh serve git contexts and SSH mounts; CA certificates, TLS registries.
#
# Cached between runs under TESTBED_CACHE (as testbed.sh's stand-ins are): the compiled binaries, Go's
# module and build caches, and the image as a tarball, keyed by BuildKit's version and this recipe's
# revision. The Debian archive is the one apt uses here, read at run time (`testbed.sh mirror`).
set -euo pipefail

# The release: the one whose client buildx 0.29 is built with (its go.mod requires buildkit v0.25),
# at its latest patch.
BUILDKIT_VERSION=v0.25.2
# Bump when the recipe below changes, so a cached tarball or image of the old recipe is not reused.
RECIPE_REV=1
SUITE=bookworm
# The name the docker-container driver starts when no image is given, and ours with the version in it.
DRIVER_IMAGE=moby/buildkit:buildx-stable-1
PINNED_IMAGE="flask-testbed/buildkit:$BUILDKIT_VERSION"

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
  default_cache=/var/cache/flask-testbed
else
  SUDO=(sudo)
  default_cache="${XDG_CACHE_HOME:-$HOME/.cache}/flask-testbed"
fi
CACHE="${TESTBED_CACHE:-$default_cache}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KEY="$BUILDKIT_VERSION-r$RECIPE_REV"
WORK="$CACHE/buildkit"
TARBALL="$CACHE/buildkit-$KEY.tar"
BIN_DIR="$WORK/bin-$BUILDKIT_VERSION"

log() { printf 'buildkit-image: %s\n' "$*" >&2; }
die() { printf 'buildkit-image: error: %s\n' "$*" >&2; exit 1; }

# The image in the engine, made by this recipe? (its label carries the key)
image_ok() {
  [ "$(docker image inspect -f '{{index .Config.Labels "flask-testbed.buildkit"}}' "$1" 2>/dev/null || true)" = "$KEY" ]
}

# buildkitd and buildctl for BUILDKIT_VERSION, compiled once into BIN_DIR.
build_binaries() {
  [ -x "$BIN_DIR/buildkitd" ] && [ -x "$BIN_DIR/buildctl" ] && return 0
  command -v go >/dev/null || die "go is not on PATH; BuildKit is compiled from its Go module"
  local src
  # Go's caches live beside the tarball, so a second machine state (or a wiped ~/.cache) rebuilds fast.
  export GOPATH="$WORK/gopath" GOCACHE="$WORK/go-build" GOFLAGS=-buildvcs=false
  # Static binaries: they run on any root file system, whatever its libc.
  export CGO_ENABLED=0
  log "fetching github.com/moby/buildkit@$BUILDKIT_VERSION through the Go module proxy"
  # Not `go install MODULE/cmd/buildkitd@VERSION`: Go refuses that for a module whose go.mod has
  # exclude directives, as BuildKit's has. Building inside the downloaded module is the same build.
  src=$(go mod download -json "github.com/moby/buildkit@$BUILDKIT_VERSION" \
    | python3 -c 'import json, sys; d = json.load(sys.stdin); print(d.get("Dir", "")); sys.exit("Error" in d)') \
    || die "go mod download github.com/moby/buildkit@$BUILDKIT_VERSION failed"
  [ -d "$src/cmd/buildkitd" ] || die "the downloaded module has no cmd/buildkitd ($src)"
  log "compiling buildkitd and buildctl $BUILDKIT_VERSION (one package at a time: a few minutes the first time)"
  rm -rf "$BIN_DIR.tmp" && mkdir -p "$BIN_DIR.tmp"
  # -p 1: the machine is shared. The version is stamped as BuildKit's own release builds do, so
  # `buildx inspect` and `buildctl --version` name it.
  (cd "$src" && nice go build -p 1 -trimpath \
    -ldflags "-s -w -X github.com/moby/buildkit/version.Version=$BUILDKIT_VERSION" \
    -o "$BIN_DIR.tmp/" ./cmd/buildkitd ./cmd/buildctl) >"$WORK/go-build.log" 2>&1 \
    || { tail -n 20 "$WORK/go-build.log" >&2; die "compiling BuildKit failed (log: $WORK/go-build.log)"; }
  rm -rf "$BIN_DIR" && mv "$BIN_DIR.tmp" "$BIN_DIR"
}

# The Debian root file system of the image, in WORK/rootfs.
bootstrap_rootfs() {
  local mirror rootfs=$1 buildlog="$WORK/debootstrap.log"
  command -v debootstrap >/dev/null || die "debootstrap is not installed (apt-get install debootstrap)"
  mirror=$(bash "$REPO_ROOT/scripts/testbed.sh" mirror)
  log "debootstrap $SUITE with runc, git and openssh-client from $mirror"
  "${SUDO[@]}" rm -rf "$rootfs"
  # runc runs every build step; git and ssh, git contexts and `--ssh`; pigz, faster gzip for layers
  # (BuildKit uses it when present); CA certificates, registries over TLS.
  "${SUDO[@]}" debootstrap --variant=minbase --include=runc,ca-certificates,git,openssh-client,pigz \
    "$SUITE" "$rootfs" "$mirror" >"$buildlog" 2>&1 \
    || { tail -n 20 "$buildlog" >&2; die "debootstrap $SUITE failed (log: $buildlog)"; }
}

# The image's root file system with the binaries in it, as TARBALL.
build_tarball() {
  local rootfs="$WORK/rootfs" pid
  # Debootstrap (mostly downloads) while Go compiles (CPU).
  bootstrap_rootfs "$rootfs" &
  pid=$!
  if ! (build_binaries); then wait "$pid" || true; exit 1; fi
  wait "$pid" || die "the root file system could not be made"
  "${SUDO[@]}" install -m 755 "$BIN_DIR/buildkitd" "$BIN_DIR/buildctl" "$rootfs/usr/bin/"
  "${SUDO[@]}" sh -c "
    mkdir -p '$rootfs/etc/buildkit' '$rootfs/var/lib/buildkit'
    rm -rf '$rootfs'/var/cache/apt/archives/*.deb '$rootfs'/var/lib/apt/lists/*
    tar -C '$rootfs' -c . >'$TARBALL.tmp' && mv '$TARBALL.tmp' '$TARBALL'
    rm -rf '$rootfs'"
}

cmd_ensure() {
  mkdir -p "$WORK"
  # One maker at a time: testbed.sh up and a developer may both call this.
  exec 8>"$WORK/lock"
  flock -w 1800 8 || die "another buildkit-image.sh holds $WORK/lock"
  if ! image_ok "$PINNED_IMAGE"; then
    [ -s "$TARBALL" ] || build_tarball
    # The settings the driver relies on (see the top of this file); the label says which recipe made it.
    docker import -c 'ENTRYPOINT ["buildkitd"]' -c 'VOLUME /var/lib/buildkit' \
      -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      -c "LABEL flask-testbed.buildkit=$KEY org.opencontainers.image.version=$BUILDKIT_VERSION" \
      - "$PINNED_IMAGE" <"$TARBALL" >/dev/null
    log "imported $PINNED_IMAGE from $TARBALL"
  fi
  # Also when the driver's name points elsewhere (an older recipe, or a real image someone loaded).
  if ! image_ok "$DRIVER_IMAGE" \
    || [ "$(docker image inspect -f '{{.Id}}' "$DRIVER_IMAGE")" != "$(docker image inspect -f '{{.Id}}' "$PINNED_IMAGE")" ]; then
    docker tag "$PINNED_IMAGE" "$DRIVER_IMAGE"
    log "tagged $PINNED_IMAGE as $DRIVER_IMAGE"
  fi
  echo "$PINNED_IMAGE"
}

cmd_status() {
  local name
  for name in "$PINNED_IMAGE" "$DRIVER_IMAGE"; do
    if image_ok "$name"; then echo "image: $name present (recipe $KEY)"; else echo "image: $name missing or of another recipe"; fi
  done
  if [ -s "$TARBALL" ]; then echo "cached: $TARBALL"; else echo "cached: no tarball for $KEY"; fi
  if [ -x "$BIN_DIR/buildkitd" ]; then echo "binaries: $BIN_DIR"; else echo "binaries: not compiled yet"; fi
}

main() {
  case "${1:-}" in
    ensure) cmd_ensure ;;
    status) cmd_status ;;
    *) echo "usage: $0 ensure|status" >&2; exit 2 ;;
  esac
}

main "$@"
