#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: install what is missing, build, run hookscope.
# Arguments are passed to hookscope (default: none, which starts the embedded demo).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/install-deps.sh"
"$ROOT/scripts/build.sh"
BIN="${BUILD_DIR:-$ROOT/build}/src/app/hookscope"
if [[ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" && " $* " != *" --headless "* ]]; then
  echo "run: no display found; running the window under xvfb-run (use --headless for the engine only)"
  exec xvfb-run -a "$BIN" "$@"
fi
exec "$BIN" "$@"
