#!/usr/bin/env bash
# Installs the Debian 12 packages hookscope needs to build, test and run, but only those missing.
# Runs apt-get update first whenever it has to install. Needs root (or sudo).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-charts-dev qt6-tools-dev-tools
  # Qt6Charts's CMake files need Qt6OpenGL's, a mere Recommends of qt6-base-dev (we install
  # without Recommends, so every package a find_package reaches must be named here)
  libqt6opengl6-dev
  libqt6sql6-sqlite
  libyaml-cpp-dev libhttp-parser-dev zlib1g-dev
  # TLS: libssl-dev for the key checks Qt lacks (and, later, test-endpoint certificates); openssl
  # makes the suite's certificates at test time
  libssl-dev openssl
  xvfb xauth curl python3
  # a compiler cache: CI builds the tree twice (the suite, then the sanitizer build of core/http)
  ccache
  docker-registry skopeo
)
# The test suite (scripts/test.sh sets HOOKSCOPE_WITH_TESTS=1): the differential test e2e.twin
# (tests/twin) runs the registry's own dispatcher, built from its Go sources, beside hookscope.
# The benchmark harness (bench/compare.py, and its smoke test in the suite) builds the same
# reference, and wrk measures the receiver's ceiling.
if [[ "${HOOKSCOPE_WITH_TESTS:-0}" == 1 || "${HOOKSCOPE_WITH_BENCH:-0}" == 1 ]]; then
  PACKAGES+=(golang-go golang-github-docker-distribution-dev)
fi
[[ "${HOOKSCOPE_WITH_BENCH:-0}" == 1 ]] && PACKAGES+=(wrk)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
