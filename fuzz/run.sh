#!/bin/sh
# Runs one libFuzzer target for a while over its seeds (see fuzz/README.md).
#   fuzz/run.sh TARGET [SECONDS] [BUILD_DIR] [extra libFuzzer flags...]
# New inputs go to BUILD_DIR/fuzz/found/TARGET (not committed); crashes to BUILD_DIR/fuzz/artifacts.
set -eu
target=$1
seconds=${2:-600}
build=${3:-build-fuzz}
[ $# -ge 3 ] && shift 3 || shift $#
here=$(cd "$(dirname "$0")" && pwd)
case $target in
    httprequest|httpresponse) dict=http ;;
    envelope) dict=json ;;
    config) dict=yaml; set -- -max_len=8192 "$@" ;;
    *) echo "unknown target $target (httprequest, httpresponse, envelope, config)" >&2; exit 2 ;;
esac
found=$build/fuzz/found/$target
mkdir -p "$found" "$build/fuzz/artifacts"
exec nice -n 10 "$build/fuzz/fuzz_$target" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -dict="$here/dict/$dict.dict" -artifact_prefix="$build/fuzz/artifacts/$target-" "$@" \
    "$found" "$here/corpus/$target" "$build/fuzz/seeds/$target"
