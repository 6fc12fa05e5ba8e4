#!/bin/sh
# Runs every test suite (what `make check` runs after building) and ends with
# one line, "N passed, N failed[, N skipped]"; exits 1 when anything failed.
#
# Suites: unit (cmocka, plain and ASan builds), the Mustache spec (both
# builds), tests/check-po.sh, tests/lint.sh, the HTTP tests (tests/http, and
# some of them again against the ASan+UBSan server) and the browser tests
# (tests/browser). Each suite's own output is shown as it
# runs. Expects `make build tests` to have run; a test binary that is missing
# counts as a failure.
set -u
cd "$(dirname "$0")/.." || exit 1

PASSED=0
FAILED=0
SKIPPED=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dxhub-check.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
ESC=$(printf '\033')

# A hung suite must not hang `make check`: each command gets a generous cap.
if command -v timeout >/dev/null 2>&1; then
    cap() { timeout --kill-after=10 "$@"; }
else
    cap() { shift; "$@"; }
fi

banner() { printf '\n=== %s\n' "$*"; }
add() { PASSED=$((PASSED + $1)); FAILED=$((FAILED + $2)); SKIPPED=$((SKIPPED + $3)); }
note() { printf -- '--- %s\n' "$*"; }

# run SECONDS CMD...: shows the command's output as it comes and keeps it in
# $TMP/out (colours stripped); its exit status is left in RC.
run() {
    secs=$1
    shift
    { cap "$secs" "$@" 2>&1; echo $? >"$TMP/rc"; } | tee "$TMP/raw"
    RC=$(cat "$TMP/rc")
    sed "s/${ESC}\[[0-9;]*[A-Za-z]//g" "$TMP/raw" >"$TMP/out"
    if [ "$RC" -eq 124 ] || [ "$RC" -eq 137 ]; then
        note "gave up after ${secs}s: $*"
    fi
}

# The sum of the numbers that sed script $1 extracts from $TMP/out.
sum() {
    sed -n "$1" "$TMP/out" | awk '{ n += $1 } END { print n + 0 }'
}

# Counts a suite whose last line is "N passed, N failed" (with an optional
# ", N skipped"); a run that exits non-zero without reporting a failure, or
# without that line, counts as one failure.
count_summary_line() {
    name=$1
    last=$(grep -v '^[[:space:]]*$' "$TMP/out" | tail -n 1)
    p=$(printf '%s\n' "$last" | sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*$/\1/p')
    f=$(printf '%s\n' "$last" | sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*$/\2/p')
    s=$(printf '%s\n' "$last" | sed -n 's/^[0-9][0-9]* passed, [0-9][0-9]* failed, \([0-9][0-9]*\) skipped.*$/\1/p')
    if [ -z "$p" ]; then
        note "$name: exit $RC without a \"N passed, N failed\" line: counted as 1 failed"
        add 0 1 0
        return
    fi
    add "$p" "$f" "${s:-0}"
    if [ "$RC" -ne 0 ] && [ "$f" -eq 0 ]; then
        note "$name: exit $RC although no test failed: counted as 1 failed"
        add 0 1 0
    fi
}

# Counts a `node --test --test-reporter=spec` run from its "ℹ pass N" lines;
# cancelled tests (a file that crashed or timed out) count as failed.
count_node() {
    name=$1
    p=$(sum 's/^ℹ pass \([0-9][0-9]*\)$/\1/p')
    f=$(sum 's/^ℹ fail \([0-9][0-9]*\)$/\1/p')
    c=$(sum 's/^ℹ cancelled \([0-9][0-9]*\)$/\1/p')
    s=$(sum 's/^ℹ skipped \([0-9][0-9]*\)$/\1/p')
    t=$(sum 's/^ℹ todo \([0-9][0-9]*\)$/\1/p')
    if ! grep -q '^ℹ pass ' "$TMP/out"; then
        note "$name: exit $RC without a test summary: counted as 1 failed"
        add 0 1 0
        return
    fi
    add "$p" $((f + c)) $((s + t))
    if [ "$RC" -ne 0 ] && [ $((f + c)) -eq 0 ]; then
        note "$name: exit $RC although no test failed: counted as 1 failed"
        add 0 1 0
    fi
}

# --- unit tests: every tests/unit/test_*.c, built plain and with ASan/UBSan
banner "unit tests (cmocka)"
n_unit=0
for src in tests/unit/test_*.c; do
    [ -e "$src" ] || continue
    base=$(basename "$src" .c)
    for bin in "build/tests/$base" "build/asan/tests/$base"; do
        n_unit=$((n_unit + 1))
        if [ ! -x "$bin" ]; then
            note "$bin: not built (make tests): counted as 1 failed"
            add 0 1 0
            continue
        fi
        banner "$bin"
        run 300 "$bin"
        p=$(sum 's/^\[  PASSED  \] \([0-9][0-9]*\) test.*$/\1/p')
        f=$(sum 's/^\[  FAILED  \] \([0-9][0-9]*\) test.*$/\1/p')
        if grep -Eq '^\[  (PASSED|FAILED)  \] [0-9]' "$TMP/out"; then
            add "$p" "$f" 0
            if [ "$RC" -ne 0 ] && [ "$f" -eq 0 ]; then
                note "$bin: exit $RC after its tests passed (a crash or a sanitizer report at exit?): counted as 1 failed"
                add 0 1 0
            fi
        else
            note "$bin: exit $RC without a cmocka summary: counted as 1 failed"
            add 0 1 0
        fi
    done
done
# Binaries left over from a test whose source is gone are not run.
[ "$n_unit" -gt 0 ] || note "no tests/unit/test_*.c yet"

# --- the Mustache spec, plain and ASan builds, from the project root
for bin in build/tests/mustache_spec build/asan/tests/mustache_spec; do
    banner "$bin"
    if [ ! -x "$bin" ]; then
        note "$bin: not built (make tests): counted as 1 failed"
        add 0 1 0
        continue
    fi
    run 300 "$bin"
    if [ "$RC" -eq 77 ]; then
        note "$bin: skipped: no spec folder (../shared/spec/mustache)"
        add 0 0 1
        continue
    fi
    count_summary_line "$bin"
done

# --- translations
banner "tests/check-po.sh"
if [ -f tests/check-po.sh ]; then
    if [ -x tests/check-po.sh ]; then run 300 tests/check-po.sh; else run 300 sh tests/check-po.sh; fi
    count_summary_line tests/check-po.sh
else
    note "tests/check-po.sh does not exist yet: skipped"
    add 0 0 1
fi

# --- the injection lint
banner "tests/lint.sh"
run 120 sh tests/lint.sh
count_summary_line tests/lint.sh

# --- node:test suites
node_suite() {
    dir=$1
    banner "$dir (node --test)"
    found=""
    for f in "$dir"/*.test.js "$dir"/*.test.mjs "$dir"/*.test.cjs "$dir"/*-test.mjs "$dir"/*_test.mjs "$dir"/test-*.mjs; do
        [ -e "$f" ] && found=1 && break
    done
    if [ -z "$found" ]; then
        note "$dir has no test files yet: skipped"
        add 0 0 1
        return
    fi
    if ! command -v node >/dev/null 2>&1; then
        note "node is not installed (scripts/deps.sh): counted as 1 failed"
        add 0 1 0
        return
    fi
    run 600 node --test --test-reporter=spec "$dir/"
    count_node "$dir"
}
node_suite tests/http

# --- the HTTP suites that build the most views, against the server built with
# ASan+UBSan (build/asan/dxhub): request memory lives in arenas and jansson
# allocates from them, so a value kept past its request, or freed by the wrong
# allocator, must crash a test here rather than a hub in production.
ASAN_SUITES="pages shared_cache compress registration rooms rooms_replay organise_status records_after accounts"
banner "tests/http under ASan+UBSan ($ASAN_SUITES)"
if [ -x build/asan/dxhub ]; then
    files=""
    for s in $ASAN_SUITES; do files="$files tests/http/$s.test.mjs"; done
    # shellcheck disable=SC2086
    run 600 env DXHUB_BIN="$(pwd)/build/asan/dxhub" ASAN_OPTIONS=detect_leaks=0 node --test --test-reporter=spec $files
    count_node "tests/http under ASan"
else
    note "build/asan/dxhub: not built (make tests): counted as 1 failed"
    add 0 1 0
fi

node_suite tests/browser

# --- the summary: always the last line
printf '\n'
if [ "$SKIPPED" -gt 0 ]; then
    echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
else
    echo "$PASSED passed, $FAILED failed"
fi
[ "$FAILED" -eq 0 ]
