#!/bin/sh
# Compares hookscope's Go durations with Go's time package (compare_durations.py) and its config
# loader with registry 2.8.2's own parser (compare.py).
# Needs Debian's Go source packages: golang-go (1.19), golang-github-docker-distribution-dev
# (2.8.2), golang-gopkg-yaml.v2-dev (2.4.0); and a built tree (default: build/).
# Usage: tests/core/registryoracle/run.sh [BUILD_DIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-$root/build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$work/gocache" GOFLAGS=
go build -o "$work/oracle" "$here/oracle.go"
go build -o "$work/durationoracle" "$here/durationoracle.go"
# shellcheck disable=SC2046
c++ -std=c++17 -fPIC -I"$root/src/core" $(pkg-config --cflags Qt6Core Qt6Network) \
    "$here/hookscopedump.cpp" "$build/src/core/libhookscope_core.a" \
    $(pkg-config --libs Qt6Core Qt6Network) -lyaml-cpp -o "$work/hookscopedump"
c++ -std=c++17 -fPIC -I"$root/src/core" $(pkg-config --cflags Qt6Core) \
    "$here/durationdump.cpp" "$build/src/core/libhookscope_core.a" \
    $(pkg-config --libs Qt6Core) -o "$work/durationdump"
status=0
python3 "$here/compare_durations.py" "$work/durationoracle" "$work/durationdump" || status=1
python3 "$here/compare.py" "$work/oracle" "$work/hookscopedump" "$work/cases" || status=1
exit $status
