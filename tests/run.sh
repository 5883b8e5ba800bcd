#!/bin/sh
# Runs clausekit's test suites and ends with one line summing them all:
#   N passed, N failed, N skipped
#
#   tests/run.sh all            build, run every suite, then build and run them
#                               again under ASan+UBSan (what `make check` does)
#   tests/run.sh suites BUILD   run the suites of one build folder
#
# Unit suites are the cmocka programs BUILD/tests/*/test_*; end-to-end suites
# are tests/e2e/*.sh, run against BUILD/clausekit, each ending with its own
# "N passed, N failed, N skipped" line.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2

total_pass=0 total_fail=0 total_skip=0

count() { # count PATTERN FILE -> first number on the matching line
    sed -n "s/.*$1 *\([0-9][0-9]*\) test.*/\1/p" "$2" | head -n 1
}

run_unit() { # run_unit BINARY LOG
    bin=$1 log=$2
    "$bin" >"$log" 2>&1
    status=$?
    p=$(count '\[  PASSED  \]' "$log"); f=$(count '\[  FAILED  \]' "$log"); s=$(count '\[  SKIPPED \]' "$log")
    p=${p:-0} f=${f:-0} s=${s:-0}
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi  # crashed or sanitizer report
    report "$bin" "$p" "$f" "$s" "$log"
}

run_e2e() { # run_e2e SCRIPT BUILD LOG
    script=$1 build=$2 log=$3
    CLAUSEKIT="$top/$build/clausekit" CK_BUILD="$top/$build" sh "$script" >"$log" 2>&1
    status=$?
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
    p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p'); p=${p:-0}
    f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p'); f=${f:-0}
    s=$(echo "$line" | sed -n 's/.* \([0-9]*\) skipped.*/\1/p'); s=${s:-0}
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    report "$script" "$p" "$f" "$s" "$log"
}

report() { # report NAME PASS FAIL SKIP LOG
    total_pass=$((total_pass + $2)); total_fail=$((total_fail + $3)); total_skip=$((total_skip + $4))
    mark=ok; [ "$3" -ne 0 ] && mark=FAILED
    printf '  %-6s %-44s %3s ok, %s failed, %s skipped\n' "$mark" "$1" "$2" "$3" "$4"
    if [ "$3" -ne 0 ]; then
        sed 's/^/      | /' "$5" | grep -v '^      | \[ *\(RUN\|OK\) ' | tail -n 40
    fi
}

run_suites() { # run_suites BUILD
    build=$1
    logs="$top/$build/test-logs"
    mkdir -p "$logs"
    for bin in $(find "$build/tests" -type f -name 'test_*' -perm -u+x 2>/dev/null | sort); do
        run_unit "$bin" "$logs/$(echo "$bin" | tr / _).log"
    done
    for script in tests/e2e/*.sh; do
        [ -f "$script" ] || continue
        case $script in */lib.sh) continue ;; esac
        run_e2e "$script" "$build" "$logs/$(basename "$script").log"
    done
}

case ${1:-all} in
    all)
        jobs=$(nproc 2>/dev/null || echo 2)
        echo "== build"
        make --no-print-directory -j"$jobs" tests-build >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
        echo "== tests"
        run_suites build
        echo "== tests under AddressSanitizer + UndefinedBehaviorSanitizer"
        if make --no-print-directory -j"$jobs" asan >/dev/null 2>build/asan-build.log; then
            ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:allocator_may_return_null=1 \
            UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 CK_SANITIZER_PASS=1 \
                run_suites build/asan
        else
            tail -n 20 build/asan-build.log
            report "asan build" 0 1 0 build/asan-build.log
        fi
        ;;
    suites)
        run_suites "${2:-build}"
        ;;
    *)
        echo "usage: tests/run.sh all | suites BUILD" >&2
        exit 2
        ;;
esac

echo "$total_pass passed, $total_fail failed, $total_skip skipped"
[ "$total_fail" -eq 0 ]
