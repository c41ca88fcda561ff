#!/usr/bin/env bash
# Lists the files in src/ and tests/ that clang-format (the project's .clang-format, clang-format 14)
# would change, and fails when there are any. FIX=1 formats them in place.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
FORMAT="$(command -v clang-format-14 || command -v clang-format)"
mapfile -t files < <(git ls-files 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h')
unformatted=()
for f in "${files[@]}"; do
  if [[ "${FIX:-0}" == 1 ]]; then
    "$FORMAT" -i --style=file "$f"
  elif ! "$FORMAT" --style=file --dry-run -Werror "$f" 2>/dev/null; then
    unformatted+=("$f")
  fi
done
if [[ ${#unformatted[@]} -gt 0 ]]; then
  printf '%s\n' "${unformatted[@]}"
  echo "check-format: ${#unformatted[@]} of ${#files[@]} files differ from .clang-format (FIX=1 $0 formats them)"
  exit 1
fi
echo "check-format: ${#files[@]} files formatted"
