#!/bin/sh
# Runs the fuzz targets built by `make fuzz` (build/fuzz/fuzz_<target>).
#
#   tests/fuzz/run.sh SECONDS TARGET...   each target for SECONDS, then one line per target with
#                                         its executions and coverage, and a total line
#   tests/fuzz/run.sh smoke TARGET...     each target once over its seed corpus (-runs=0)
#
# Seeds are read from tests/fuzz/corpus/<target>/ (never written), and the words of
# tests/fuzz/<target>.dict when there is one; what a run learns goes to
# build/fuzz/corpus/<target>/ and is used again by the next run. A crash is kept as
# build/fuzz/crashes/<target>-crash-<sha1> (replay it with build/fuzz/fuzz_<target> FILE).
# Executions are libFuzzer's stat::number_of_executed_units (-print_final_stats=1), coverage the
# cov: of its last status line. Exits 1 when any target crashed or did not run.
set -u
cd "$(dirname "$0")/../.." || exit 1

mode=$1
shift
mkdir -p build/fuzz/crashes build/fuzz/logs
failed=0
total=0
printf '%-16s %14s %8s  %s\n' target executions cov result
for t in "$@"; do
    bin=build/fuzz/fuzz_$t
    seeds=tests/fuzz/corpus/$t
    work=build/fuzz/corpus/$t
    log=build/fuzz/logs/$t.log
    mkdir -p "$work"
    set -- -print_final_stats=1 -timeout=20 -rss_limit_mb=2048 -max_len=8192 \
        -artifact_prefix="build/fuzz/crashes/$t-"
    [ -f "tests/fuzz/$t.dict" ] && set -- "$@" -dict="tests/fuzz/$t.dict"
    if [ "$mode" = smoke ]; then
        "$bin" "$@" -runs=0 "$seeds" >"$log" 2>&1
    else
        "$bin" "$@" -max_total_time="$mode" "$work" "$seeds" >"$log" 2>&1
    fi
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
    cov=$(grep ' cov: ' "$log" | tail -n 1 | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    if [ "$rc" -eq 0 ] && [ -n "$execs" ]; then
        result=ok
    else
        result="FAILED (exit $rc, see $log)"
        failed=$((failed + 1))
    fi
    total=$((total + ${execs:-0}))
    printf '%-16s %14s %8s  %s\n' "$t" "${execs:-?}" "${cov:-?}" "$result"
done
printf '%-16s %14s %8s  %s\n' total "$total" "" "$([ "$failed" -eq 0 ] && echo ok || echo "$failed failed")"
[ "$failed" -eq 0 ]
