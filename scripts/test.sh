#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: install what is missing, build with warnings as errors,
# and run the whole Qt Test suite (ctest). With SANITIZE=1 the build uses ASan + UBSan.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The suite runs the registry's own Go dispatcher (e2e.twin) and the benchmark harness's smoke mode,
# which need the reference's build tools and wrk.
HOOKSCOPE_WITH_TESTS=1 HOOKSCOPE_WITH_BENCH=1 "$ROOT/scripts/install-deps.sh"
if [[ "${SANITIZE:-0}" == 1 ]]; then
  export BUILD_DIR="${BUILD_DIR:-$ROOT/build-asan}"
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  "$ROOT/scripts/build.sh" -DHOOKSCOPE_WERROR=ON -DHOOKSCOPE_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
else
  export BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
  "$ROOT/scripts/build.sh" -DHOOKSCOPE_WERROR=ON
fi
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$BUILD_DIR" --output-on-failure --timeout 300 -j "$(nproc)"
