# lib.sh — shared by the end-to-end suites (sourced). Each suite runs the
# real binary ($CLAUSEKIT) on real files and ends with `finish`, which prints
# "N passed, N failed, N skipped" and sets the exit status.
CK=${CLAUSEKIT:-build/clausekit}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/ck-e2e-XXXXXX")
trap 'rm -rf "$T"' EXIT
export CLAUSEKIT_LANG=${CLAUSEKIT_LANG:-en}
_pass=0 _fail=0 _skip=0

pass() { _pass=$((_pass + 1)); echo "ok   $*"; }
fail() { _fail=$((_fail + 1)); echo "FAIL $*"; }
skip() { _skip=$((_skip + 1)); echo "skip $*"; }

# run CMD...: runs the command, keeping stdout in $T/out, stderr in $T/err
# and the exit status in $rc.
run() { "$@" >"$T/out" 2>"$T/err"; rc=$?; }

# expect NAME STATUS PATTERN: the last `run` exited STATUS and its stderr
# is exactly one line matching the extended regex PATTERN.
expect_error() {
    name=$1 status=$2 pattern=$3
    lines=$(wc -l <"$T/err")
    if [ "$rc" -ne "$status" ]; then
        fail "$name: exit $rc, want $status; stderr: $(head -c 300 "$T/err")"
    elif [ "$lines" -ne 1 ]; then
        fail "$name: stderr has $lines lines, want 1: $(head -c 600 "$T/err")"
    elif ! grep -Eq "$pattern" "$T/err"; then
        fail "$name: stderr '$(cat "$T/err")' does not match '$pattern'"
    else
        pass "$name"
    fi
}

# check NAME COMMAND...: passes when the command succeeds.
check() {
    name=$1; shift
    if "$@" >/dev/null 2>&1; then pass "$name"; else fail "$name"; fi
}

# has_tool TOOL: true when the tool is installed; in the sanitizer pass the
# slow external renderers are left to the main pass.
has_tool() {
    if [ "${CK_SANITIZER_PASS:-0}" = 1 ]; then return 1; fi
    command -v "$1" >/dev/null 2>&1
}

finish() {
    echo "$_pass passed, $_fail failed, $_skip skipped"
    [ "$_fail" -eq 0 ]
}
