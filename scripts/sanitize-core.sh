#!/usr/bin/env bash
# The ASan + UBSan build of the engine (hookscope_core) and the HTTP server (hookscope_http) with
# their tests, and those tests run: ctest core.* and http.*. CI runs it after the suite; it is the
# part of the code that parses hostile bytes and juggles asynchronous completions, where memory
# errors would hide. Headless (no GUI libraries), Debug, ccache when present (CMake finds it). The whole-tree
# sanitizer build stays `SANITIZE=1 scripts/test.sh`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${SANITIZE_BUILD_DIR:-$ROOT/build-asan-core}"
cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DHOOKSCOPE_WERROR=ON \
  -DHOOKSCOPE_SANITIZE=ON -DHOOKSCOPE_BUILD_GUI=OFF >/dev/null
mapfile -t targets < <(ninja -C "$BUILD_DIR" -t targets all \
  | sed -n 's/^\(\(core\|http\)_tst_[a-z0-9_]*\): .*/\1/p' | grep -v '_autogen' | sort -u)
if [[ ${#targets[@]} -eq 0 ]]; then
  echo "sanitize-core: no core or http test targets found" >&2
  exit 1
fi
echo "sanitize-core: building ${#targets[@]} test programs with ASan + UBSan in $BUILD_DIR"
cmake --build "$BUILD_DIR" --parallel "$(nproc)" --target "${targets[@]}"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$BUILD_DIR" -R '^(core|http)\.' --output-on-failure --timeout 300 -j "$(nproc)"
