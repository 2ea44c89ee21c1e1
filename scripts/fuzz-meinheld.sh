#!/usr/bin/env bash
# A bounded fuzz run of our patched Meinheld (not part of `npm test`). Builds the image for one Python
# (or takes one with --image), derives from it an image whose Meinheld is compiled with AddressSanitizer
# and whose greenlet keeps its assertions (bench/fuzz/Dockerfile; the image itself is not changed),
# runs it on loopback with an app that answers everything (bench/app-any), sends it mutated and
# malformed requests (bench/fuzz-http.mjs) until the request count or the time limit is reached, and
# reports: requests sent, answers by status, connection resets, and crashes (AddressSanitizer reports,
# failed assertions and worker deaths in the container log; a server that stops answering). Exit 1
# on any crash.
#
#   bash scripts/fuzz-meinheld.sh [--requests N] [--seconds S] [--python X.Y] [--corpus DIR] [--seed N]
#                                 [--concurrency N] [--image TAG]
#   npm run fuzz:meinheld -- --requests 1000000 --corpus /tmp/gunicorn-requests
#
# --corpus: a folder with valid/ and invalid/ request files in Gunicorn's layout (its tests/requests),
# added to the built-in seeds. Base image and package index: PYTHON_BASE_IMAGE and PIP_INDEX_URL, else
# the test bed's (when `bash scripts/testbed.sh env` names them), else python:X.Y and PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."

requests=1000000
seconds=1800
python=3.11
corpus=
seed=1
concurrency=16
image=
while [ $# -gt 0 ]; do
  case "$1" in
    --requests) requests=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --python) python=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --image) image=$2; shift 2 ;;
    *) echo "fuzz-meinheld: unknown argument $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done
if [ -n "$corpus" ] && { [ ! -d "$corpus/valid" ] || [ ! -d "$corpus/invalid" ]; }; then
  echo "fuzz-meinheld: --corpus $corpus must hold valid/ and invalid/ (Gunicorn's tests/requests layout)" >&2
  exit 2
fi

# The test bed's stand-ins where there is no Docker Hub or PyPI (read only: the test bed is not started here).
if [ -z "${TESTBED_NETWORK:-}" ] && tb_env=$(bash scripts/testbed.sh env 2>/dev/null); then eval "$tb_env"; fi
base=${PYTHON_BASE_IMAGE:-${TESTBED_BASE_PREFIX:-}python:$python}
index=${PIP_INDEX_URL:-${TESTBED_PIP_INDEX_URL:-}}
build=(docker buildx build --load --progress plain)
if [ "${TESTBED_NETWORK:-}" = host ]; then build+=(--network host); fi
if [ -n "$index" ]; then
  build+=(--build-arg "PIP_INDEX_URL=$index")
  # A plain-HTTP index is trusted by name, as the action does for one.
  case "$index" in http://*) host=${index#http://}; build+=(--build-arg "PIP_TRUSTED_HOST=${host%%[:/]*}") ;; esac
fi
namespace=${FUZZ_IMAGE_NAMESPACE:-meinheld-fuzz}
log=$(mktemp -d)

if [ -z "$image" ]; then
  image=$namespace/image:$python
  echo "fuzz-meinheld: building $image from docker/ on $base" >&2
  "${build[@]}" -f docker/Dockerfile --build-arg "PYTHON_BASE_IMAGE=$base" --build-arg "PYTHON_VERSION=$python" \
    --build-arg WORKER=meinheld -t "$image" docker/ >"$log/build-image.log" 2>&1 ||
    { tail -30 "$log/build-image.log" >&2; exit 1; }
fi
greenlet=$(docker run --rm --network none "$image" python -c 'import greenlet; print(greenlet.__version__)')
asan=$namespace/asan:$python
echo "fuzz-meinheld: building $asan (Meinheld with AddressSanitizer, greenlet $greenlet with assertions)" >&2
"${build[@]}" -f bench/fuzz/Dockerfile --build-arg "IMAGE=$image" --build-arg "BUILD_IMAGE=$base" \
  --build-arg "GREENLET_VERSION=$greenlet" -t "$asan" docker/ >"$log/build-asan.log" 2>&1 ||
  { tail -30 "$log/build-asan.log" >&2; exit 1; }

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
name=meinheld-fuzz-$$
trap 'docker rm -f "$name" >/dev/null 2>&1 || true' EXIT
if [ "${TESTBED_NETWORK:-}" = host ]; then net=(--network host -e "PORT=$port"); else net=(-p "127.0.0.1:$port:80"); fi
docker run -d --name "$name" "${net[@]}" -v "$PWD/bench/app-any:/app:ro" "$asan" >/dev/null
for _ in $(seq 60); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then break; fi
  sleep 0.5
done

fuzz=(node bench/fuzz-http.mjs --port "$port" --requests "$requests" --seconds "$seconds" --seed "$seed" --concurrency "$concurrency")
if [ -n "$corpus" ]; then fuzz+=(--corpus "$corpus"); fi
"${fuzz[@]}" | tee "$log/fuzz.log" || true
alive=no
if curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then alive=yes; fi

docker logs "$name" >"$log/container.log" 2>&1
count() { grep -cE "$1" "$log/container.log" || true; }
asan_reports=$(count 'ERROR: AddressSanitizer')
assertions=$(count 'Assertion .* failed')
deaths=$(count 'Worker \(pid:[0-9]+\) (exited with code|was sent SIG)|terminated due to signal')
# Workers booted beyond the ones started (the start-up line names how many): each one replaced a dead one.
workers=$(sed -n 's/^autotune: .* workers=\([0-9]*\).*/\1/p' "$log/container.log" | head -1)
restarts=$(($(count 'Booting worker') - ${workers:-0}))
echo "fuzz-meinheld: image $image, Python $python, greenlet $greenlet (assertions on), Meinheld with AddressSanitizer"
echo "fuzz-meinheld: AddressSanitizer reports $asan_reports, failed assertions $assertions, worker deaths $deaths, workers restarted $restarts, answering at the end: $alive"
echo "fuzz-meinheld: repeat with: bash scripts/fuzz-meinheld.sh --python $python --requests $requests --seconds $seconds --seed $seed --concurrency $concurrency${corpus:+ --corpus CORPUS}"
if [ "$asan_reports" != 0 ] || [ "$assertions" != 0 ] || [ "$deaths" != 0 ] || [ "$restarts" != 0 ] || [ "$alive" != yes ]; then
  grep -E -A40 'ERROR: AddressSanitizer|Assertion .* failed' "$log/container.log" | head -120 >&2 || true
  echo "fuzz-meinheld: CRASHES; the container log is in $log/container.log" >&2
  exit 1
fi
rm -rf "$log"
