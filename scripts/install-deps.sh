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
  xvfb xauth curl python3
  # a compiler cache: CI builds the tree twice (the suite, then the sanitizer build of core/http)
  ccache
  docker-registry skopeo
)
# The benchmark harness (bench/compare.py) and its smoke test in the suite: the reference dispatcher
# is built from the registry's own Go sources, and wrk measures the receiver's ceiling.
[[ "${HOOKSCOPE_WITH_BENCH:-0}" == 1 ]] && PACKAGES+=(golang-go golang-github-docker-distribution-dev wrk)

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
