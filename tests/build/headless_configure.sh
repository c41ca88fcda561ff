#!/usr/bin/env bash
# build.headlessconfigure: -DHOOKSCOPE_BUILD_GUI=OFF must give a build that neither searches for nor
# links any Gui, Widgets, Charts, Svg or OpenGL library (a server without a display installs none).
# Configures the source tree into a temporary folder (a few seconds; nothing is compiled) and reads
# what CMake found and what the hookscope binary's link line holds.
#   headless_configure.sh SOURCE_DIR CMAKE [GENERATOR]
set -euo pipefail
src=$1 cmake=$2 generator=${3:-Ninja}
dir=$(mktemp -d /tmp/hookscope-headless-configure.XXXXXX)
trap 'rm -rf "$dir"' EXIT
"$cmake" -S "$src" -B "$dir" -G "$generator" -DHOOKSCOPE_BUILD_GUI=OFF >"$dir/configure.log" 2>&1 ||
  { cat "$dir/configure.log"; echo "FAIL: configure with HOOKSCOPE_BUILD_GUI=OFF failed"; exit 1; }
found=$(grep -E '^Qt6(Gui|Widgets|Charts|Svg|OpenGL|OpenGLWidgets)_DIR:' "$dir/CMakeCache.txt" | grep -v NOTFOUND || true)
[[ -z "$found" ]] || { echo "FAIL: the headless build searched for desktop packages:"; echo "$found"; exit 1; }
[[ -f "$dir/build.ninja" ]] || { echo "SKIP: generator $generator writes no build.ninja"; exit 77; }
link=$(awk '/^build src\/app\/hookscope:/{f=1} f&&/LINK_LIBRARIES/{print; exit}' "$dir/build.ninja")
[[ -n "$link" ]] || { echo "FAIL: no link line for src/app/hookscope in build.ninja"; exit 1; }
if grep -qiE 'Qt6(Gui|Widgets|Charts|Svg|OpenGL)|hookscope_gui' <<<"$link"; then
  echo "FAIL: the headless hookscope links desktop libraries:"; tr ' ' '\n' <<<"$link" | grep -iE 'qt6|hookscope_'; exit 1
fi
grep -q 'gui_tst_' "$dir/build.ninja" && { echo "FAIL: the headless build still builds gui tests"; exit 1; }
echo "PASS: headless configure finds no desktop package; hookscope links: $(tr ' ' '\n' <<<"$link" | grep -oE 'libQt6[A-Za-z]+' | sort -u | tr '\n' ' ')"
