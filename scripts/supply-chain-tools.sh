#!/usr/bin/env bash
# The supply-chain tools the attestation and signing tests need, for machines that cannot reach
# Docker Hub or GitHub's releases: both are compiled from their Go modules here.
#
#   bash scripts/supply-chain-tools.sh ensure   make sure the engine (DOCKER_HOST, else the default) has the
#                                               SBOM scanner image and the cache holds cosign; print `env`
#   bash scripts/supply-chain-tools.sh env      print where they are as `export KEY=VALUE` lines (no build)
#   bash scripts/supply-chain-tools.sh status   say what is present
#
# The SBOM scanner: BuildKit makes an SBOM by running a generator image on the built root file system
# (its SBOM protocol: the image's entrypoint reads BUILDKIT_SCAN_SOURCE and writes in-toto statements
# with an SPDX predicate to BUILDKIT_SCAN_DESTINATION). The one buildx uses by default,
# docker/buildkit-syft-scanner, is not served by the Go module proxy, so this stand-in runs Syft, the
# scanner inside it, from Syft's own module (github.com/anchore/syft), with a few lines of sh that wrap
# its SPDX JSON in the statement BuildKit expects. Syft catalogs as it would an image (installed
# packages: dpkg's database, Python's dist-info), not the requirements files a folder scan also reads.
#
# cosign: compiled from github.com/sigstore/cosign/v2 (cmd/cosign).
#
# Cached between runs under TESTBED_CACHE, as buildkit-image.sh does: the binaries, Go's module and
# build caches, keyed by the versions and this recipe's revision.
set -euo pipefail

SYFT_VERSION=v1.57.1
COSIGN_VERSION=v2.6.5
# Bump when the recipe below changes, so an image of the old recipe is not reused.
RECIPE_REV=1
SCANNER_IMAGE="flask-testbed/buildkit-syft-scanner:$SYFT_VERSION-r$RECIPE_REV"

if [ "$(id -u)" -eq 0 ]; then
  default_cache=/var/cache/flask-testbed
else
  default_cache="${XDG_CACHE_HOME:-$HOME/.cache}/flask-testbed"
fi
CACHE="${TESTBED_CACHE:-$default_cache}"
WORK="$CACHE/supply-chain"
SYFT_DIR="$WORK/syft-$SYFT_VERSION"
COSIGN_DIR="$WORK/cosign-$COSIGN_VERSION"
KEY="$SYFT_VERSION-r$RECIPE_REV"

log() { printf 'supply-chain-tools: %s\n' "$*" >&2; }
die() { printf 'supply-chain-tools: error: %s\n' "$*" >&2; exit 1; }

# Compiles ./CMD of Go module MODULE@VERSION into DIR (static, one package at a time: the machine is shared).
# Built inside the downloaded module, as buildkit-image.sh builds BuildKit: the module's own go.mod
# (replace directives included) decides the dependencies.
go_build() {
  local module=$1 version=$2 cmd=$3 dir=$4 ldflags=$5 src name
  name=$(basename "$cmd")
  [ -x "$dir/$name" ] && return 0
  command -v go >/dev/null || die "go is not on PATH; $name is compiled from its Go module"
  export GOPATH="$WORK/gopath" GOCACHE="$WORK/go-build" GOFLAGS=-buildvcs=false CGO_ENABLED=0
  log "fetching $module@$version through the Go module proxy"
  src=$(go mod download -json "$module@$version" \
    | python3 -c 'import json, sys; d = json.load(sys.stdin); print(d.get("Dir", "")); sys.exit("Error" in d)') \
    || die "go mod download $module@$version failed"
  [ -d "$src/$cmd" ] || die "the downloaded module has no $cmd ($src)"
  log "compiling $name $version (a few minutes the first time)"
  rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
  (cd "$src" && nice go build -p 1 -trimpath -ldflags "-s -w $ldflags" -o "$dir.tmp/" "./$cmd") >"$WORK/$name-build.log" 2>&1 \
    || { tail -n 20 "$WORK/$name-build.log" >&2; die "compiling $name failed (log: $WORK/$name-build.log)"; }
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
}

# The generator's entrypoint: Syft on the target root file system, its SPDX document wrapped in an in-toto
# statement (subjects are filled in by BuildKit). Extras (other stages) are not scanned: only the image is.
scanner_entrypoint() {
  cat <<'EOF'
#!/bin/sh
# BuildKit SBOM generator protocol: scan $BUILDKIT_SCAN_SOURCE, write <name>.spdx.json statements to
# $BUILDKIT_SCAN_DESTINATION.
set -eu
src=${BUILDKIT_SCAN_SOURCE:?BuildKit passes the root file system to scan}
out=${BUILDKIT_SCAN_DESTINATION:?BuildKit passes the folder to write to}
name=$(basename "$src")
export SYFT_CHECK_FOR_APP_UPDATE=false TMPDIR=/tmp
syft scan "dir:$src" --override-default-catalogers image --source-name "$name" -q -o "spdx-json=/tmp/$name.spdx"
{
  printf '{"_type":"https://in-toto.io/Statement/v0.1","predicateType":"https://spdx.dev/Document","subject":[],"predicate":'
  cat "/tmp/$name.spdx"
  printf '}\n'
} >"$out/$name.spdx.json"
EOF
}

# The scanner image: busybox (Debian's static build) for the sh, Syft, the entrypoint; nothing else.
build_scanner() {
  local ctx="$WORK/scanner-ctx" apt_dir="$WORK/busybox"
  go_build github.com/anchore/syft "$SYFT_VERSION" cmd/syft "$SYFT_DIR" "-X main.version=$SYFT_VERSION"
  rm -rf "$ctx" "$apt_dir" && mkdir -p "$ctx/rootfs/bin" "$ctx/rootfs/tmp" "$apt_dir"
  (cd "$apt_dir" && apt-get download busybox-static >/dev/null 2>&1) || die "apt-get download busybox-static failed"
  dpkg-deb -x "$apt_dir"/busybox-static_*.deb "$apt_dir/x"
  install -m 755 "$apt_dir/x/bin/busybox" "$ctx/rootfs/bin/busybox"
  for applet in sh cat basename printf; do ln -s busybox "$ctx/rootfs/bin/$applet"; done
  install -m 755 "$SYFT_DIR/syft" "$ctx/rootfs/bin/syft"
  scanner_entrypoint >"$ctx/rootfs/bin/scan" && chmod 755 "$ctx/rootfs/bin/scan"
  chmod 1777 "$ctx/rootfs/tmp"
  tar -C "$ctx/rootfs" -c . | docker import -c 'ENTRYPOINT ["/bin/scan"]' -c 'ENV PATH=/bin' \
    -c "LABEL flask-testbed.syft-scanner=$KEY org.opencontainers.image.version=$SYFT_VERSION" - "$SCANNER_IMAGE" >/dev/null
  rm -rf "$ctx" "$apt_dir"
  log "imported $SCANNER_IMAGE"
}

scanner_ok() {
  [ "$(docker image inspect -f '{{index .Config.Labels "flask-testbed.syft-scanner"}}' "$SCANNER_IMAGE" 2>/dev/null || true)" = "$KEY" ]
}

cmd_env() {
  echo "export TESTBED_SBOM_SCANNER='$SCANNER_IMAGE'"
  echo "export TESTBED_COSIGN_DIR='$COSIGN_DIR'"
}

cmd_ensure() {
  mkdir -p "$WORK"
  exec 8>"$WORK/lock"
  flock -w 1800 8 || die "another supply-chain-tools.sh holds $WORK/lock"
  scanner_ok || build_scanner
  go_build github.com/sigstore/cosign/v2 "$COSIGN_VERSION" cmd/cosign "$COSIGN_DIR" \
    "-X sigs.k8s.io/release-utils/version.gitVersion=$COSIGN_VERSION"
  cmd_env
}

cmd_status() {
  if scanner_ok; then echo "scanner: $SCANNER_IMAGE present"; else echo "scanner: $SCANNER_IMAGE missing"; fi
  if [ -x "$COSIGN_DIR/cosign" ]; then echo "cosign: $COSIGN_DIR/cosign"; else echo "cosign: not compiled yet"; fi
}

case "${1:-}" in
  ensure) cmd_ensure ;;
  env) cmd_env ;;
  status) cmd_status ;;
  *) echo "usage: $0 ensure|env|status" >&2; exit 2 ;;
esac
