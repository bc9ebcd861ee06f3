#!/bin/sh
# Runs every libFuzzer target of BUILD_DIR for SECONDS each, one after the other (they share the
# machine), and prints one line per target: executions per second and the corpus it ends with.
#   fuzz/run.sh BUILD_DIR SECONDS
# Seeds: fuzz/seeds/NAME/ (read only). Corpus: BUILD_DIR/corpus/NAME/ (grows from run to run).
# A crash, leak, UB report or timeout leaves its input in BUILD_DIR/artifacts/ and fails the run.
set -eu
build=$1
seconds=$2
src=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$build/artifacts"
# Every report is fatal (a unit slower than 10 s counts as a hang: -timeout).
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

failed=""
printf '%-16s %10s %12s %10s %12s\n' target execs execs/s corpus bytes
for bin in "$build"/fuzz/*_fuzz; do
    name=$(basename "$bin" _fuzz)
    corpus="$build/corpus/$name"
    log="$build/artifacts/$name.log"
    mkdir -p "$corpus"
    if ! "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$build/artifacts/$name-" "$corpus" "$src/seeds/$name" >"$log" 2>&1; then
        failed="$failed $name"
    fi
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    files=$(find "$corpus" -type f | wc -l)
    bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{ n += $1 } END { print n + 0 }')
    printf '%-16s %10s %12s %10s %12s\n' "$name" "${execs:-?}" "${rate:-?}" "$files" "$bytes"
done
if [ -n "$failed" ]; then
    echo "ctguard: fuzz: findings in:$failed (inputs and logs in $build/artifacts/)" >&2
    exit 1
fi
