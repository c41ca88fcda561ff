#!/usr/bin/env bash
# Runs clang-tidy (the curated .clang-tidy) over every source file in src/ against a configured
# build's compile_commands.json, and fails on any finding. BUILD_DIR defaults to ./build; FILES
# (space separated) narrows it to some files. Slow on two cores (minutes): a review tool, not CI.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
if [[ ! -f "$BUILD_DIR/compile_commands.json" ]]; then
  echo "check-tidy: no $BUILD_DIR/compile_commands.json; configure a build first (scripts/build.sh)" >&2
  exit 2
fi
cd "$ROOT"
if [[ -n "${FILES:-}" ]]; then
  read -r -a files <<<"$FILES"
else
  mapfile -t files < <(git ls-files 'src/*.cpp')
fi
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
run-clang-tidy -quiet -p "$BUILD_DIR" -j "$(nproc)" "${files[@]}" >"$out" 2>/dev/null || true
findings=$(grep -c ': warning: ' "$out" || true)
grep -A3 ': warning: ' "$out" || true
echo "check-tidy: $findings findings in ${#files[@]} files"
[[ "$findings" == 0 ]]
