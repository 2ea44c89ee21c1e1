#!/usr/bin/env bash
# The test bed: everything the e2e tests and the demo need around the action.
#
#   bash scripts/testbed.sh up       start (or reuse) the test bed, print its addresses
#   bash scripts/testbed.sh down     stop only what `up` started; keep caches
#   bash scripts/testbed.sh env      print the addresses as `export KEY=VALUE` lines (the shell's reader: eval them)
#   bash scripts/testbed.sh env --json   the same values as one JSON object (every other language's reader)
#   bash scripts/testbed.sh status   say what runs
#   bash scripts/testbed.sh mirror   print the Debian archive apt uses here (for other scripts' debootstrap)
#
# Two modes:
#   offline  (default; dev machines and CI here: Debian 12, no Docker Hub, but PyPI) -- a Docker engine
#            without a bridge, stand-in `python` base images built from Debian packages, PyPI through a
#            caching proxy on 127.0.0.1 (scripts/pypi-proxy.py), and a registry with auth on 127.0.0.1.
#   online   (GitHub runner: internet, Docker with buildx) -- only the registry; base images come from
#            Docker Hub and packages from PyPI.
# Pick with TESTBED_MODE=offline|online; otherwise online is chosen only on GitHub Actions with PyPI reachable.
#
# Hard rule on these machines: test traffic goes to loopback only (127.0.0.0/8). Everything below binds to
# 127.0.0.1, and the engine runs without its default bridge (which would live in 172.17.0.0/16), so
# builds and containers use `--network host` (TESTBED_NETWORK).
#
# Directories (override with the variables):
#   TESTBED_STATE  (/var/lib/flask-testbed)  pid files, logs, registry config, the env file
#   TESTBED_CACHE  (/var/cache/flask-testbed) root file system tarballs of the stand-in images, PyPI files
set -euo pipefail

# Root is needed for apt-get, dockerd and debootstrap; elsewhere (a GitHub runner) use sudo for those.
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
  default_state=/var/lib/flask-testbed
  default_cache=/var/cache/flask-testbed
else
  SUDO=(sudo)
  default_state="${XDG_STATE_HOME:-$HOME/.local/state}/flask-testbed"
  default_cache="${XDG_CACHE_HOME:-$HOME/.cache}/flask-testbed"
fi
STATE="${TESTBED_STATE:-$default_state}"
CACHE="${TESTBED_CACHE:-$default_cache}"
ENV_FILE="$STATE/env"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Stand-in images: Python version -> Debian suite that ships it. Offline, only these versions can be
# built; TESTBED_PYTHON_VERSIONS picks a subset. The first is the e2e suites' main target.
declare -A SUITE_OF=([3.9]=bullseye [3.11]=bookworm [3.13]=trixie [3.14]=forky)
OFFLINE_VERSIONS="${TESTBED_PYTHON_VERSIONS:-3.11 3.9 3.13 3.14}"
# TESTBED_IMAGE_PREFIX: another name for the stand-ins (e.g. to time a cold start beside a warm test bed).
IMAGE_PREFIX="${TESTBED_IMAGE_PREFIX:-flask-testbed/}"
# Bump when the stand-in recipe changes, so old cached tarballs and images are not reused.
STANDIN_REV=3
log() { printf 'testbed: %s\n' "$*" >&2; }
die() { printf 'testbed: error: %s\n' "$*" >&2; exit 1; }

# --- small helpers ----------------------------------------------------------------------------------

# A free TCP port on 127.0.0.1 (the kernel picks it; tiny race until the server binds, acceptable here).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Is the process in pid file $1 alive and is its command line still $2? (guards against pid reuse)
pid_alive() {
  local file=$1 pattern=$2 pid
  [ -s "$file" ] || return 1
  pid=$(cat "$file")
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$pattern"
}

# Stop the process in pid file $1 (if still the one we started), drop the file.
stop_pid() {
  local file=$1 pattern=$2 name=$3 pid
  if pid_alive "$file" "$pattern"; then
    pid=$(cat "$file")
    log "stopping $name (pid $pid)"
    "${SUDO[@]}" kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do pid_alive "$file" "$pattern" || break; sleep 0.2; done
    if pid_alive "$file" "$pattern"; then "${SUDO[@]}" kill -9 "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$file"
}

# Start "$@" detached from our session (so it outlives this script and a Ctrl-C in the caller's
# terminal), logging to $STATE/<name>.log, and record its pid in $STATE/<name>.pid.
start_bg() {
  local name=$1; shift
  # No job control here, so setsid execs in place and $! is the server's pid.
  # 9>&-: the server must not inherit (and hold) our lock.
  setsid "$@" >"$STATE/$name.log" 2>&1 </dev/null 9>&- &
  echo $! >"$STATE/$name.pid"
}

# HTTP status of a URL (000 when nothing answers). Extra args go to curl (e.g. -u user:pass).
http_code() {
  local url=$1; shift
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@" "$url" || true
}

# Value of KEY in the env file written by the last `up` (empty when absent).
env_get() {
  [ -f "$ENV_FILE" ] || return 0
  sed -n "s/^export $1='\\(.*\\)'\$/\\1/p" "$ENV_FILE" | tail -n 1
}

# --- mode -------------------------------------------------------------------------------------------

detect_mode() {
  case "${TESTBED_MODE:-}" in
    offline|online) echo "$TESTBED_MODE"; return ;;
    "") ;;
    *) die "TESTBED_MODE must be offline or online, not '$TESTBED_MODE'" ;;
  esac
  # Only probe the internet on GitHub Actions: on the offline machines nothing may leave loopback.
  if [ "${GITHUB_ACTIONS:-}" = true ] && curl -sf -o /dev/null --max-time 10 https://pypi.org/simple/pip/; then
    echo online
  else
    echo offline
  fi
}

# --- 1. Debian packages -----------------------------------------------------------------------------

install_packages() {
  local mode=$1 scope=$2 missing=()
  # Check commands, not package names: a GitHub runner has Docker from another package (moby/docker-ce)
  # that docker.io would conflict with.
  command -v docker >/dev/null && command -v dockerd >/dev/null || missing+=(docker.io)
  command -v curl >/dev/null || missing+=(curl)
  [ "$mode" = online ] || command -v debootstrap >/dev/null || missing+=(debootstrap)
  # The demo needs no more than that: an engine, curl and the stand-in's debootstrap.
  if [ "$scope" = all ]; then
    command -v docker-registry >/dev/null || missing+=(docker-registry)
    command -v htpasswd >/dev/null || missing+=(apache2-utils)
    command -v wrk >/dev/null || missing+=(wrk)
    # .ci/run lints the repo's shell scripts with it.
    command -v shellcheck >/dev/null || missing+=(shellcheck)
    # Pushes an image with its attestations as built (the action's attestations input; GitHub's runners have it).
    command -v skopeo >/dev/null || missing+=(skopeo)
    if [ "$mode" = offline ]; then
      # arm64 stand-ins and builds run under QEMU user emulation (section 3c).
      command -v qemu-aarch64-static >/dev/null || missing+=(qemu-user-static)
      command -v update-binfmts >/dev/null || missing+=(binfmt-support)
    fi
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  # Packages must not start their services: docker.io's engine would come up with its default bridge
  # (172.17.0.0/16, off limits), docker-registry's would listen on :5000 with no auth. A policy-rc.d
  # that answers 101 ("forbidden") stops that, for the length of the install only.
  local policy=/usr/sbin/policy-rc.d made_policy="" rc=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# temporary, from flask-testbed: no service starts during install\nexit 101\n' \
      | "${SUDO[@]}" tee "$policy" >/dev/null
    "${SUDO[@]}" chmod 755 "$policy"
    made_policy=1
  fi
  # Update the package lists once, and only because something is missing.
  "${SUDO[@]}" apt-get update -qq || rc=$?
  [ "$rc" -ne 0 ] || "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || rc=$?
  [ -z "$made_policy" ] || "${SUDO[@]}" rm -f "$policy"
  [ "$rc" -eq 0 ] || die "apt-get could not install ${missing[*]} (exit $rc)"
}

# --- 2. Docker engine -------------------------------------------------------------------------------

# The engine's settings file. Where this machine's capability bounding set lacks a capability the
# kernel has (a sandbox that drops one), privileged containers (the BuildKit container of buildx's
# docker-container driver is one) fail in runc with "unable to apply caps"; scripts/runc-bounded.sh,
# the default runtime then, takes the missing ones out of each container's spec. A copy of it under
# $STATE, so the engine never runs a script from a work tree that may go away.
write_engine_config() {
  local file=$1 last bounding
  last=$(cat /proc/sys/kernel/cap_last_cap)
  bounding=$(awk '/^CapBnd:/ { print $2 }' /proc/self/status)
  if [ $((16#$bounding)) -eq $(((1 << (last + 1)) - 1)) ]; then
    echo '{}' >"$file"
    return 0
  fi
  log "the capability bounding set ($bounding) lacks some of the kernel's: runc-bounded.sh is the engine's runtime"
  install -m 755 "$REPO_ROOT/scripts/runc-bounded.sh" "$STATE/runc-bounded.sh"
  printf '{"runtimes": {"bounded": {"path": "%s"}}, "default-runtime": "bounded"}\n' "$STATE/runc-bounded.sh" >"$file"
}

ensure_engine() {
  local mode=$1
  if docker info >/dev/null 2>&1; then return 0; fi
  [ "$mode" = offline ] || die "docker info does not answer; on GitHub runners Docker is preinstalled"
  log "starting dockerd (no bridge: its 172.17.0.0/16 network is off limits here)"
  "${SUDO[@]}" true # ask for a sudo password (if any) before going to the background
  write_engine_config "$STATE/dockerd.json"
  start_bg dockerd "${SUDO[@]}" dockerd --config-file "$STATE/dockerd.json" --bridge=none --iptables=false --ip-forward=false
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && { log "dockerd is up (pid $(cat "$STATE/dockerd.pid"))"; return 0; }
    pid_alive "$STATE/dockerd.pid" dockerd || break
    sleep 1
  done
  tail -n 20 "$STATE/dockerd.log" >&2 || true
  die "dockerd did not answer 'docker info' within 60 s (log: $STATE/dockerd.log)"
}

# --- 2b. buildx -------------------------------------------------------------------------------------

# GitHub runners build through buildx, so the tests do too. Bookworm has no docker-buildx package;
# forky (Debian testing) has 0.29, a static Go binary that needs only libc. Fetched with its own
# sources list and package lists, so the machine's apt setup is untouched, and installed as a CLI
# plugin of this user (a DOCKER_CONFIG without it is an engine without buildx, as the classic-builder
# tests need).
BUILDX_SUITE=forky

ensure_buildx() {
  if docker buildx version >/dev/null 2>&1; then return 0; fi
  local dir="$CACHE/buildx" plugin_dir="${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins" deb arch mirror
  local apt_opts
  mkdir -p "$dir"
  deb=$(find "$dir" -maxdepth 1 -name 'docker-buildx_*.deb' | sort | tail -n 1)
  if [ -z "$deb" ]; then
    mirror=$(debian_mirror)
    arch=$(dpkg --print-architecture)
    log "fetching docker-buildx from $BUILDX_SUITE ($mirror)"
    mkdir -p "$dir/lists/partial" "$dir/cache" "$dir/parts"
    echo "deb [arch=$arch signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $BUILDX_SUITE main" \
      >"$dir/sources.list"
    # Only this list (no sources.list.d), our own lists and package cache: apt's state stays bookworm's.
    apt_opts=(-o "Dir::Etc::sourcelist=$dir/sources.list" -o "Dir::Etc::sourceparts=$dir/parts"
      -o "Dir::State::Lists=$dir/lists" -o "Dir::Cache=$dir/cache" -o "APT::Sandbox::User=$(id -un)")
    apt-get "${apt_opts[@]}" update -qq >"$dir/apt.log" 2>&1 \
      || { tail -n 5 "$dir/apt.log" >&2; die "apt-get update for $BUILDX_SUITE failed (log: $dir/apt.log)"; }
    (cd "$dir" && apt-get "${apt_opts[@]}" download docker-buildx >>"$dir/apt.log" 2>&1) \
      || { tail -n 5 "$dir/apt.log" >&2; die "apt-get download docker-buildx from $BUILDX_SUITE failed (log: $dir/apt.log)"; }
    deb=$(find "$dir" -maxdepth 1 -name 'docker-buildx_*.deb' | sort | tail -n 1)
    [ -n "$deb" ] || die "apt-get download left no docker-buildx_*.deb in $dir"
  fi
  rm -rf "$dir/unpacked"
  dpkg-deb -x "$deb" "$dir/unpacked"
  mkdir -p "$plugin_dir"
  install -m 755 "$dir/unpacked/usr/libexec/docker/cli-plugins/docker-buildx" "$plugin_dir/docker-buildx"
  rm -rf "$dir/unpacked"
  docker buildx version >/dev/null 2>&1 || die "docker buildx does not run after installing $deb into $plugin_dir"
  log "installed $(docker buildx version | head -n 1) into $plugin_dir"
}

# --- 3. stand-in base images (offline) --------------------------------------------------------------

# The Debian archive apt already uses on this machine. Read at run time: its host must not be written
# into the repository.
debian_mirror() {
  local uri=""
  if compgen -G '/etc/apt/sources.list.d/*.sources' >/dev/null; then
    # deb822 stanzas: take URIs of the stanza whose Suites include the plain release (not -security).
    uri=$(awk '
      /^[[:space:]]*$/ { if (u != "" && s ~ /(^| )[a-z]+( |$)/ && u !~ /security/) { print u; exit } u=""; s=""; next }
      /^URIs:/   { u=$2 }
      /^Suites:/ { s=$0; sub(/^Suites:[[:space:]]*/, "", s) }
      END { if (u != "" && s ~ /(^| )[a-z]+( |$)/ && u !~ /security/) print u }
    ' /etc/apt/sources.list.d/*.sources | head -n 1)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }' \
      /etc/apt/sources.list | head -n 1)
  fi
  [ -n "$uri" ] || die "cannot find the Debian mirror in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"
  echo "$uri"
}

image_ok() { # image exists and was made by this recipe revision
  [ "$(docker image inspect -f '{{index .Config.Labels "flask-testbed.rev"}}' "$1" 2>/dev/null || true)" = "$STANDIN_REV" ]
}

# Build (or take from the cache) the root file system of one suite as a tarball.
build_rootfs_tarball() {
  local version=$1 suite=$2 tarball=$3 arch=${4:-} mirror rootfs include
  mirror=$(debian_mirror)
  rootfs="$CACHE/build/rootfs-$suite${arch:+-$arch}"
  # Like the official python:X image: Python's headers, a C and C++ compiler and patch, so Meinheld
  # (and greenlet where no wheel fits) compile as they do on GitHub.
  # Nothing else of Python's: Flask, MarkupSafe, greenlet and gevent come from PyPI's own files, through
  # the test bed's index (section 4), as they do for a user of the official images.
  include=python3,python3-pip,python3-venv,python3-dev,gcc,g++,libc6-dev,patch,ca-certificates
  "${SUDO[@]}" rm -rf "$rootfs"
  mkdir -p "$CACHE/build"
  log "debootstrap $suite${arch:+ for $arch} (Python $version) from $mirror"
  # Bookworm's debootstrap predates forky (testing): it is bootstrapped like sid.
  local script=/usr/share/debootstrap/scripts/$suite buildlog="$CACHE/build/$suite${arch:+-$arch}.log"
  [ -e "$script" ] || script=/usr/share/debootstrap/scripts/sid
  # Another architecture: unpack only (--foreign), then configure inside it, where QEMU runs its
  # binaries (section 3c; about 4 minutes emulated).
  local foreign=()
  [ -z "$arch" ] || foreign=(--arch="$arch" --foreign)
  if ! "${SUDO[@]}" debootstrap "${foreign[@]}" --variant=minbase --include="$include" "$suite" "$rootfs" "$mirror" "$script" \
      >"$buildlog" 2>&1 \
    || { [ -n "$arch" ] && ! "${SUDO[@]}" chroot "$rootfs" /debootstrap/debootstrap --second-stage >>"$buildlog" 2>&1; }; then
    tail -n 20 "$buildlog" >&2
    die "debootstrap $suite${arch:+ ($arch)} failed (log: $buildlog)"
  fi
  # The official python:3.12+ images have no `packaging` (nor wheel): Debian's pip pulls both in. Take
  # them out, so an image that needs packaging (Gunicorn's gevent worker does) must install it itself.
  if [ "$suite" = trixie ] || [ "$suite" = forky ]; then
    "${SUDO[@]}" chroot "$rootfs" dpkg --purge --force-depends python3-wheel python3-packaging >>"$buildlog" 2>&1 \
      || die "could not remove python3-packaging from the $suite stand-in (log: $buildlog)"
  fi
  # Make it behave like the official python image: pip may install into the system Python (PEP 668
  # marker removed), `python` and `pip` exist; drop downloaded .debs and apt lists to keep it small.
  "${SUDO[@]}" sh -c "
    rm -f '$rootfs'/usr/lib/python3*/EXTERNALLY-MANAGED
    ln -sf python3 '$rootfs/usr/bin/python'
    [ -e '$rootfs/usr/bin/pip' ] || ln -sf pip3 '$rootfs/usr/bin/pip'
    rm -rf '$rootfs'/var/cache/apt/archives/*.deb '$rootfs'/var/lib/apt/lists/*
    tar -C '$rootfs' -c . >'$tarball.tmp' && mv '$tarball.tmp' '$tarball'
    rm -rf '$rootfs'"
}

# Import a cached tarball as PREFIX/python:VERSION and PREFIX/python:VERSION-slim.
# The image settings of a stand-in for Python VERSION, as Dockerfile lines: the official images set
# PATH, LANG and CMD (Dockerfiles may rely on them); the labels say which recipe made it.
standin_config() {
  printf '%s\n' 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' 'ENV LANG=C.UTF-8' \
    "LABEL flask-testbed.rev=$STANDIN_REV flask-testbed.python=$1" 'CMD ["python3"]'
}

import_image() {
  local version=$1 tarball=$2 line changes=()
  local name="${IMAGE_PREFIX}python:$version"
  while read -r line; do changes+=(-c "$line"); done < <(standin_config "$version")
  docker import "${changes[@]}" - "$name" <"$tarball" >/dev/null
  # Debian has one flavour; the slim stand-in is the same image under the other tag.
  docker tag "$name" "$name-slim"
  log "imported $name and $name-slim"
}

ensure_standins() {
  local scope=$1 version suite tarball first arm_tarball pids=() failed=0 todo=()
  mkdir -p "$CACHE"
  for version in $OFFLINE_VERSIONS; do
    suite=${SUITE_OF[$version]:-}
    [ -n "$suite" ] || die "no Debian suite known for Python $version (known: ${!SUITE_OF[*]})"
    if image_ok "${IMAGE_PREFIX}python:$version" && image_ok "${IMAGE_PREFIX}python:$version-slim"; then
      continue
    fi
    todo+=("$version")
  done
  # The main target's arm64 root file system (section 3c), the slowest (emulated): started with the rest.
  first=${OFFLINE_VERSIONS%% *}
  arm_tarball="$CACHE/rootfs-${SUITE_OF[$first]}-$FOREIGN_ARCH-r$STANDIN_REV.tar"
  if [ "$scope" = all ] && [ ! -s "$arm_tarball" ]; then
    build_rootfs_tarball "$first" "${SUITE_OF[$first]}" "$arm_tarball" "$FOREIGN_ARCH" &
    pids+=($!)
  fi
  # Debootstrap the missing suites in parallel: mostly download and unpack time, ~1 min each.
  for version in "${todo[@]}"; do
    suite=${SUITE_OF[$version]}
    tarball="$CACHE/rootfs-$suite-r$STANDIN_REV.tar"
    if [ ! -s "$tarball" ]; then
      build_rootfs_tarball "$version" "$suite" "$tarball" &
      pids+=($!)
    fi
  done
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  [ "$failed" -eq 0 ] || die "building stand-in images failed"
  for version in "${todo[@]}"; do
    import_image "$version" "$CACHE/rootfs-${SUITE_OF[$version]}-r$STANDIN_REV.tar"
  done
}

# --- 3b. a second engine that exports build cache (offline) -----------------------------------------

# The bookworm engine keeps images in its classic store, where its builder cannot export cache. The
# cache tests need one that can: forky's dockerd with the containerd image store, beside the main
# engine and never touching it (its own socket, data-root, exec-root, pidfile and containerd; no
# bridge). Fetched once into $CACHE, started once per `up`, stopped by `down`. Bookworm's runc stays:
# forky's needs a newer glibc.
CACHE_ENGINE_SUITE=forky
CACHE_ENGINE_HOST=""

# apt-get against $CACHE_ENGINE_SUITE with its own sources list and package lists: the machine's apt
# setup is untouched.
suite_apt() {
  local dir="$CACHE/apt-$CACHE_ENGINE_SUITE" arch mirror opts
  opts=(-o "Dir::Etc::sourcelist=$dir/sources.list" -o "Dir::Etc::sourceparts=$dir/parts"
    -o "Dir::State::Lists=$dir/lists" -o "Dir::Cache=$dir/cache" -o "APT::Sandbox::User=$(id -un)")
  if [ ! -f "$dir/lists.done" ]; then
    mirror=$(debian_mirror)
    arch=$(dpkg --print-architecture)
    mkdir -p "$dir/lists/partial" "$dir/cache" "$dir/parts"
    echo "deb [arch=$arch signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $CACHE_ENGINE_SUITE main" \
      >"$dir/sources.list"
    apt-get "${opts[@]}" update -qq >"$dir/apt.log" 2>&1 \
      || { tail -n 5 "$dir/apt.log" >&2; die "apt-get update for $CACHE_ENGINE_SUITE failed (log: $dir/apt.log)"; }
    touch "$dir/lists.done"
  fi
  apt-get "${opts[@]}" "$@"
}

cache_engine_root() { # the unpacked engine, fetched and unpacked once; prints its folder
  local root="$CACHE/cache-engine" debs="$CACHE/cache-engine-debs" deb bin found
  if [ ! -x "$root/bin/dockerd" ]; then
    log "fetching docker.io, containerd and tini-static from $CACHE_ENGINE_SUITE"
    rm -rf "$debs" "$root.tmp" && mkdir -p "$debs" "$root.tmp/bin"
    (cd "$debs" && suite_apt download docker.io containerd tini-static >"$debs/apt.log" 2>&1) \
      || { tail -n 5 "$debs/apt.log" >&2; die "apt-get download from $CACHE_ENGINE_SUITE failed (log: $debs/apt.log)"; }
    for deb in "$debs"/*.deb; do dpkg-deb -x "$deb" "$root.tmp/unpacked"; done
    # One folder for PATH: the engine, its containerd and shim, docker-init. No runc: bookworm's is used.
    for bin in dockerd docker-proxy containerd containerd-shim-runc-v2 tini-static; do
      found=$(find "$root.tmp/unpacked" -name "$bin" -type f -perm -u+x | head -n 1)
      [ -n "$found" ] || die "$bin is missing from the $CACHE_ENGINE_SUITE packages"
      cp "$found" "$root.tmp/bin/"
    done
    mv "$root.tmp/bin/tini-static" "$root.tmp/bin/docker-init"
    rm -rf "$root.tmp/unpacked" "$root"
    mv "$root.tmp" "$root"
  fi
  echo "$root"
}

ensure_cache_engine() {
  local root dir="$STATE/cache-engine" host version first
  host="unix://$dir/docker.sock"
  if ! { pid_alive "$dir/dockerd.pid" "dockerd.*$dir" && DOCKER_HOST=$host docker info >/dev/null 2>&1; }; then
    root=$(cache_engine_root)
    mkdir -p "$dir"
    printf '%s\n' '{"features": {"containerd-snapshotter": true}, "bridge": "none", "iptables": false,' \
      ' "ip6tables": false, "ip-forward": false, "ip-masq": false}' >"$dir/daemon.json"
    log "starting the cache engine ($CACHE_ENGINE_SUITE dockerd, containerd image store) on $host"
    # No job control here, so setsid execs in place; dockerd writes its own pidfile.
    PATH="$root/bin:$PATH" setsid "${SUDO[@]}" dockerd --host "$host" --data-root "$dir/data" --exec-root "$dir/exec" \
      --pidfile "$dir/dockerd.pid" --config-file "$dir/daemon.json" >"$dir/dockerd.log" 2>&1 </dev/null 9>&- &
    for _ in $(seq 1 60); do
      DOCKER_HOST=$host docker info >/dev/null 2>&1 && break
      sleep 0.5
    done
    DOCKER_HOST=$host docker info >/dev/null 2>&1 \
      || { tail -n 20 "$dir/dockerd.log" >&2; die "the cache engine did not answer (log: $dir/dockerd.log)"; }
  fi
  version=$(DOCKER_HOST=$host docker version --format '{{.Server.Version}}')
  DOCKER_HOST=$host docker info --format '{{json .DriverStatus}}' | grep -q io.containerd.snapshotter \
    || die "the cache engine (dockerd $version) does not use the containerd image store"
  # The e2e suites' main target, for builds on this engine: amd64 and arm64 in one image (section 3c).
  first=${OFFLINE_VERSIONS%% *}
  ensure_multiplatform_standin "$host" "$first"
  CACHE_ENGINE_HOST=$host
  log "cache engine: dockerd $version on $host"
}

stop_cache_engine() {
  local dir="$STATE/cache-engine" mount
  [ -d "$dir" ] || return 0
  stop_pid "$dir/dockerd.pid" "dockerd.*$dir" "cache engine"
  # What a stopped dockerd leaves mounted under its exec-root (the default network namespace).
  while read -r mount; do "${SUDO[@]}" umount "$mount" 2>/dev/null || true; done \
    < <(awk -v root="$dir/exec" 'index($2, root) == 1 { print $2 }' /proc/self/mounts | sort -r)
}

# --- 3c. arm64 under QEMU (offline) -------------------------------------------------------------------

# Multi-platform images are built and smoke-tested here for linux/arm64 too, under QEMU user emulation
# (Debian's qemu-user-static). The kernel runs an arm64 binary through QEMU once binfmt_misc knows it;
# the F flag opens the interpreter at registration, so images need no copy of QEMU. Machines without
# systemd have binfmt_misc unmounted: mount it first. The registration is the kernel's, machine-wide.
FOREIGN_ARCH=arm64
FOREIGN_PLATFORM=linux/arm64

ensure_qemu() {
  local entry=/proc/sys/fs/binfmt_misc/qemu-aarch64
  [ -e /proc/sys/fs/binfmt_misc/register ] || "${SUDO[@]}" mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc \
    || die "cannot mount binfmt_misc, which QEMU emulation of $FOREIGN_PLATFORM needs"
  [ -e "$entry" ] || "${SUDO[@]}" update-binfmts --enable qemu-aarch64 \
    || die "update-binfmts --enable qemu-aarch64 failed (is qemu-user-static installed?)"
  grep -qx enabled "$entry" || die "binfmt_misc has qemu-aarch64, but it is disabled ($entry)"
  grep -q '^flags: .*F' "$entry" || die "qemu-aarch64 is registered without the F flag: containers could not find QEMU"
}

# The e2e suites' main target as one multi-platform image on the cache engine (whose containerd store
# holds image indexes; the classic store keeps one platform per name): the amd64 stand-in and an arm64
# one debootstrapped from the same suite. Built with BuildKit from the two tarballs, since
# `docker import --platform` records the wrong architecture.
ensure_multiplatform_standin() {
  local host=$1 version=$2 suite name tarball arm_tarball ctx
  suite=${SUITE_OF[$version]}
  name="${IMAGE_PREFIX}python:$version"
  tarball="$CACHE/rootfs-$suite-r$STANDIN_REV.tar"
  arm_tarball="$CACHE/rootfs-$suite-$FOREIGN_ARCH-r$STANDIN_REV.tar"
  if DOCKER_HOST=$host image_ok "$name" && DOCKER_HOST=$host image_ok "$name-slim" \
    && DOCKER_HOST=$host docker image inspect --platform "$FOREIGN_PLATFORM" "$name" >/dev/null 2>&1; then
    return 0
  fi
  [ -s "$arm_tarball" ] || build_rootfs_tarball "$version" "$suite" "$arm_tarball" "$FOREIGN_ARCH"
  ctx="$CACHE/build/multiplatform-$version"
  rm -rf "$ctx" && mkdir -p "$ctx"
  # Hard links: the tarballs are half a gigabyte each.
  ln "$tarball" "$ctx/rootfs-amd64.tar" && ln "$arm_tarball" "$ctx/rootfs-$FOREIGN_ARCH.tar"
  # The settings import_image gives the single-platform stand-ins.
  {
    # shellcheck disable=SC2016 # ${TARGETARCH} is BuildKit's, expanded per platform when it builds
    printf '%s\n' 'FROM scratch' 'ARG TARGETARCH' 'ADD rootfs-${TARGETARCH}.tar /'
    standin_config "$version"
  } >"$ctx/Dockerfile"
  log "building $name for linux/amd64 and $FOREIGN_PLATFORM on the cache engine"
  DOCKER_HOST=$host docker buildx build --builder default --platform "linux/amd64,$FOREIGN_PLATFORM" --provenance=false \
    --load --tag "$name" --tag "$name-slim" "$ctx" >"$CACHE/build/multiplatform-$version.log" 2>&1 \
    || { tail -n 20 "$CACHE/build/multiplatform-$version.log" >&2; die "building the multi-platform stand-in failed"; }
  rm -rf "$ctx"
}

# --- 4. the package index (offline) -------------------------------------------------------------------

# PyPI's own files, served to builds on loopback the way a user's private mirror is reached: through the
# action's pip index URL input (plain HTTP on 127.0.0.1). scripts/pypi-proxy.py fetches
# each project page from the index pip uses on this machine, points its file links at itself and keeps
# the files in $CACHE/pypi, so a warm test bed downloads nothing and builds never need the machine's TLS
# setup inside a container.
ensure_pip_server() {
  local port
  port=$(env_get TESTBED_PIP_INDEX_URL | sed -n 's#^http://127.0.0.1:\([0-9]*\)/simple/$#\1#p')
  # Reuse only our own server on the recorded port.
  if [ -n "$port" ] && pid_alive "$STATE/pip.pid" "pypi-proxy.py --port $port " \
      && [ "$(http_code "http://127.0.0.1:$port/simple/")" = 200 ]; then
    PIP_PORT=$port; return 0
  fi
  stop_pid "$STATE/pip.pid" pypi-proxy.py "package index"
  port=$(free_port)
  mkdir -p "$CACHE/pypi"
  log "package index: PyPI through http://127.0.0.1:$port/simple/ (files cached in $CACHE/pypi)"
  start_bg pip python3 "$REPO_ROOT/scripts/pypi-proxy.py" --port "$port" --cache "$CACHE/pypi"
  for _ in $(seq 1 50); do
    [ "$(http_code "http://127.0.0.1:$port/simple/")" = 200 ] && break
    sleep 0.2
  done
  # One real project page, so a machine that cannot reach the index fails here, saying so, and not
  # in the middle of a build.
  [ "$(http_code "http://127.0.0.1:$port/simple/flask/" --max-time 60)" = 200 ] \
    || { tail -n 5 "$STATE/pip.log" >&2; die "the package index proxy cannot list flask from pip's index (log: $STATE/pip.log)"; }
  PIP_PORT=$port
}

# --- 5. registry --------------------------------------------------------------------------------------

ensure_registry() {
  local port user pass storage
  port=$(env_get TESTBED_REGISTRY | sed -n 's/^127\.0\.0\.1:\([0-9]*\)$/\1/p')
  user=$(env_get TESTBED_REGISTRY_USER)
  pass=$(env_get TESTBED_REGISTRY_PASSWORD)
  if [ -n "$port" ] && [ -n "$user" ] && pid_alive "$STATE/registry.pid" docker-registry \
      && [ "$(http_code "http://127.0.0.1:$port/v2/")" = 401 ] \
      && [ "$(http_code "http://127.0.0.1:$port/v2/" -u "$user:$pass")" = 200 ]; then
    REG_PORT=$port REG_USER=$user REG_PASS=$pass; return 0
  fi
  stop_registry
  # Throwaway credentials, new at every start: nothing outside the test bed should know them.
  user="tb-$(openssl rand -hex 4 2>/dev/null || head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  pass="$(openssl rand -hex 16 2>/dev/null || head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  port=$(free_port)
  storage=$(mktemp -d "${TMPDIR:-/tmp}/flask-testbed-registry.XXXXXX")
  echo "$storage" >"$STATE/registry.storage"
  htpasswd -Bbn "$user" "$pass" >"$STATE/registry.htpasswd"
  cat >"$STATE/registry.yml" <<EOF
# Written by scripts/testbed.sh up; the registry the e2e tests and the demo push to.
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
  secret: $(openssl rand -hex 16 2>/dev/null || echo "$pass")
auth:
  htpasswd:
    realm: flask-testbed
    path: $STATE/registry.htpasswd
EOF
  log "starting registry on 127.0.0.1:$port"
  start_bg registry docker-registry serve "$STATE/registry.yml"
  for _ in $(seq 1 50); do
    [ "$(http_code "http://127.0.0.1:$port/v2/")" = 401 ] && break
    sleep 0.2
  done
  [ "$(http_code "http://127.0.0.1:$port/v2/")" = 401 ] \
    || die "registry at 127.0.0.1:$port does not ask for credentials (log: $STATE/registry.log)"
  [ "$(http_code "http://127.0.0.1:$port/v2/" -u "$user:$pass")" = 200 ] \
    || die "registry at 127.0.0.1:$port refuses the generated credentials (log: $STATE/registry.log)"
  REG_PORT=$port REG_USER=$user REG_PASS=$pass
}

stop_registry() {
  stop_pid "$STATE/registry.pid" docker-registry registry
  if [ -s "$STATE/registry.storage" ]; then
    local dir; dir=$(cat "$STATE/registry.storage")
    # Only ever delete what we created.
    case "$dir" in */flask-testbed-registry.*) rm -rf "$dir" ;; esac
  fi
  rm -f "$STATE/registry.storage" "$STATE/registry.htpasswd" "$STATE/registry.yml"
}

# --- 6. env file --------------------------------------------------------------------------------------

online_versions() { # every version the project supports (docker/versions.json is the source of truth)
  python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["versions"]))' \
    "$REPO_ROOT/docker/versions.json"
}

# write_env MODE SCOPE: SCOPE demo has no registry (nor its lines) and no second engine.
write_env() {
  local mode=$1 scope=$2 tmp="$ENV_FILE.tmp"
  {
    echo "# Written by scripts/testbed.sh up at $(date -u +%Y-%m-%dT%H:%M:%SZ); do not edit."
    echo "export TESTBED_MODE='$mode'"
    echo "export TESTBED_SCOPE='$scope'"
    if [ "$mode" = offline ]; then
      echo "export TESTBED_BASE_PREFIX='$IMAGE_PREFIX'"
      echo "export TESTBED_PIP_INDEX_URL='http://127.0.0.1:$PIP_PORT/simple/'"
      echo "export TESTBED_NETWORK='host'"
      echo "export TESTBED_PYTHON_VERSIONS='$OFFLINE_VERSIONS'"
      # gevent comes from PyPI's wheels, as for any user (on 3.9 the image's constraints pick the newest
      # release that has a wheel for it).
      echo "export TESTBED_GEVENT_VERSIONS='$OFFLINE_VERSIONS'"
      # An engine whose own builder exports cache (section 3b).
      echo "export TESTBED_CACHE_DOCKER_HOST='$CACHE_ENGINE_HOST'"
      # What the cache engine's main-target stand-in is built for (section 3c).
      echo "export TESTBED_PLATFORMS='linux/amd64,$FOREIGN_PLATFORM'"
    else
      echo "export TESTBED_BASE_PREFIX=''"
      echo "export TESTBED_PIP_INDEX_URL=''"
      echo "export TESTBED_NETWORK='bridge'"
      echo "export TESTBED_PYTHON_VERSIONS='$(online_versions)'"
      echo "export TESTBED_GEVENT_VERSIONS='$(online_versions)'"
      # Online, the runner's own engine: the action makes a builder there that exports cache.
      echo "export TESTBED_CACHE_DOCKER_HOST=''"
      # Online, the runner's engine with docker/setup-qemu-action; the real base images have both.
      echo "export TESTBED_PLATFORMS='linux/amd64,linux/arm64'"
    fi
    if [ "$scope" = all ]; then
      echo "export TESTBED_REGISTRY='127.0.0.1:$REG_PORT'"
      echo "export TESTBED_REGISTRY_USER='$REG_USER'"
      echo "export TESTBED_REGISTRY_PASSWORD='$REG_PASS'"
    fi
    echo "export TESTBED_STATE='$STATE'"
  } >"$tmp"
  chmod 600 "$tmp" # holds the registry password
  mv "$tmp" "$ENV_FILE"
}

print_env_masked() {
  sed -e "s/^\\(export TESTBED_REGISTRY_PASSWORD=\\).*/\\1'***'  # in $(printf '%s' "$ENV_FILE" | sed 's/[\/&]/\\&/g')/" \
    -e '/^#/d' "$ENV_FILE"
}

# --- commands -----------------------------------------------------------------------------------------

# up [--demo]: the whole test bed; with --demo only what the demo builds with (the engine and buildx,
# offline the stand-in of each TESTBED_PYTHON_VERSIONS and the package index; no registry, second
# engine or QEMU). A demo never rewrites the env file of a whole test bed that is up.
cmd_up() {
  local mode scope=all t0=$SECONDS
  case "${1:-}" in
    '') ;;
    --demo) scope=demo ;;
    *) die "unknown option for up: $1 (use: up, or up --demo)" ;;
  esac
  mode=$(detect_mode)
  log "mode: $mode, $scope (state: $STATE, cache: $CACHE)"
  install_packages "$mode" "$scope"
  ensure_engine "$mode"
  ensure_buildx
  if [ "$mode" = offline ]; then
    # QEMU first: the arm64 stand-in is configured under it.
    [ "$scope" = demo ] || ensure_qemu
    ensure_standins "$scope"
    ensure_pip_server
    if [ "$scope" = all ]; then
      ensure_cache_engine
      # The image buildx's docker-container driver starts (moby/buildkit:buildx-stable-1), built here.
      bash "$REPO_ROOT/scripts/buildkit-image.sh" ensure >/dev/null
      # The SBOM scanner image BuildKit's --sbom runs, and cosign: both compiled from their Go modules.
      bash "$REPO_ROOT/scripts/supply-chain-tools.sh" ensure >/dev/null
    fi
  else
    stop_pid "$STATE/pip.pid" pypi-proxy.py "package index"
  fi
  if [ "$scope" = demo ]; then
    if [ "$(env_get TESTBED_SCOPE)" = all ] && pid_alive "$STATE/registry.pid" docker-registry; then
      log "the whole test bed is up: its env file stays as it is"
    else
      write_env "$mode" demo
    fi
  else
    ensure_registry
    write_env "$mode" all
  fi
  log "ready in $((SECONDS - t0)) s; load it with: eval \"\$(bash scripts/testbed.sh env)\""
  print_env_masked
}

cmd_down() {
  stop_registry
  stop_pid "$STATE/pip.pid" pypi-proxy.py "package index"
  stop_cache_engine
  # The engine only if `up` started it (an engine someone else runs is left alone).
  stop_pid "$STATE/dockerd.pid" dockerd dockerd
  rm -f "$ENV_FILE"
  log "down (caches kept in $CACHE)"
}

cmd_env() {
  [ -f "$ENV_FILE" ] || die "the test bed is not up ($ENV_FILE missing); run: bash scripts/testbed.sh up"
  case "${1:-}" in
    '') grep '^export ' "$ENV_FILE" ;;
    --json)
      # Exactly what `eval "$(testbed.sh env)"` gives a shell, so no other reader parses the file: in a
      # subshell without the caller's TESTBED_* variables, the file is sourced and what it exports printed.
      (
        while read -r name; do unset "$name"; done < <(compgen -e | grep '^TESTBED_' || true)
        # shellcheck disable=SC1090 # written by write_env
        . "$ENV_FILE"
        exec python3 -c 'import json, os; print(json.dumps({k: v for k, v in sorted(os.environ.items()) if k.startswith("TESTBED_")}, indent=2))'
      )
      ;;
    *) die "unknown option for env: $1 (use: env, or env --json)" ;;
  esac
}

cmd_status() {
  local v
  echo "state: $STATE  cache: $CACHE"
  if docker info >/dev/null 2>&1; then
    if pid_alive "$STATE/dockerd.pid" dockerd; then echo "engine: running (started by testbed, pid $(cat "$STATE/dockerd.pid"))"
    else echo "engine: running (not started by testbed)"; fi
  else
    echo "engine: not answering"
  fi
  if pid_alive "$STATE/registry.pid" docker-registry; then
    echo "registry: running on $(env_get TESTBED_REGISTRY) (pid $(cat "$STATE/registry.pid"))"
  else echo "registry: stopped"; fi
  if pid_alive "$STATE/cache-engine/dockerd.pid" "dockerd.*$STATE/cache-engine"; then
    echo "cache engine: running on unix://$STATE/cache-engine/docker.sock (pid $(cat "$STATE/cache-engine/dockerd.pid"))"
  else echo "cache engine: stopped"; fi
  if pid_alive "$STATE/pip.pid" pypi-proxy.py; then
    echo "package index: $(env_get TESTBED_PIP_INDEX_URL) (pid $(cat "$STATE/pip.pid"))"
  else echo "package index: stopped"; fi
  for v in $OFFLINE_VERSIONS; do
    if image_ok "${IMAGE_PREFIX}python:$v"; then echo "stand-in: ${IMAGE_PREFIX}python:$v (+ -slim) present"
    else echo "stand-in: ${IMAGE_PREFIX}python:$v missing"; fi
  done
  if [ -f "$ENV_FILE" ]; then echo "env: $ENV_FILE (mode $(env_get TESTBED_MODE))"; else echo "env: none (not up)"; fi
}

cmd_mirror() { debian_mirror; }

main() {
  local cmd=${1:-}
  case "$cmd" in
    up|down|env|status|mirror) ;;
    *) echo "usage: $0 up|down|env|status|mirror" >&2; exit 2 ;;
  esac
  mkdir -p "$STATE"
  if [ "$cmd" = up ] || [ "$cmd" = down ]; then
    # One `up`/`down` at a time: the demo and the test runner may both call `up` at once.
    exec 9>"$STATE/up.lock"
    flock -w 1800 9 || die "another testbed.sh up/down holds $STATE/up.lock"
  fi
  "cmd_$cmd" "${@:2}"
}

main "$@"
