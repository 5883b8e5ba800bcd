#!/bin/sh
# tests/bench/forms.sh BUILD — how fast `clausekit forms` fills 4-016 for a large
# roster: 10,000 rows with valid identity numbers, one DOCX each.
# Prints forms per second, peak memory, and the time against pandoc turning
# one filled Markdown file into DOCX (skipped when pandoc is absent).
# Target: 10,000 DOCX in under 10 s.
set -u
build=${1:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
ck="$top/$build/clausekit"
rows=${FORMS_BENCH_ROWS:-10000}
[ -x "$ck" ] || { echo "tests/bench/forms.sh: $ck not built" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/ck-bench-forms-XXXXXX")
trap 'rm -rf "$work"' EXIT

# A roster of $rows people. National IDs: a letter, 1 or 2, seven digits and
# the check digit (regulations.md §4: weights 1 9 8 7 6 5 4 3 2 1 1, mod 10).
awk -v rows="$rows" 'BEGIN {
    letters = "ABCDEFGHJKLMNPQRSTUVXYWZIO"
    split("10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35", code, " ")
    print "機關名稱,廠商名稱,統一編號,案名,契約編號,姓名,身分證字號,職稱,聯絡電話,電子郵件,簽署日期"
    for (i = 0; i < rows; i++) {
        li = i % 26 + 1; c = code[li]
        d[1] = 1 + i % 2
        n = i
        for (k = 8; k >= 2; k--) { d[k] = n % 10; n = int(n / 10) }
        sum = int(c / 10) + (c % 10) * 9
        for (k = 1; k <= 8; k++) sum += d[k] * (9 - k)
        check = (10 - sum % 10) % 10
        id = substr(letters, li, 1)
        for (k = 1; k <= 8; k++) id = id d[k]
        id = id check
        printf "範例市政府資訊中心,甲乙資訊股份有限公司,24681353,115年度資訊系統維運案,115-IT-001,"
        printf "人員%05d,%s,工程師,02-2345-%04d,p%05d@example.com,115/11/%02d\n", i, id, i % 10000, i, i % 28 + 1
    }
}' >"$work/roster.csv"

now() { date +%s.%N; }

# Peak memory: GNU time when installed, else the shell's getrusage through
# a tiny C wrapper compiled here.
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
    measure() { /usr/bin/time -v "$@" 2>"$work/time.txt" >/dev/null; }
    peak_kb() { sed -n 's/.*Maximum resident set size (kbytes): *//p' "$work/time.txt"; }
else
    cat >"$work/rusage.c" <<'C'
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
int main(int argc, char **argv)
{
    pid_t pid = fork();
    int status;
    struct rusage ru;
    if (argc < 2 || pid < 0)
        return 2;
    if (pid == 0) {
        execvp(argv[1], argv + 1);
        _exit(127);
    }
    waitpid(pid, &status, 0);
    getrusage(RUSAGE_CHILDREN, &ru);
    fprintf(stderr, "Maximum resident set size (kbytes): %ld\n", ru.ru_maxrss);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}
C
    cc -O2 -o "$work/rusage" "$work/rusage.c" || exit 2
    measure() { "$work/rusage" "$@" 2>"$work/time.txt" >/dev/null; }
    peak_kb() { sed -n 's/.*Maximum resident set size (kbytes): *//p' "$work/time.txt"; }
fi

t0=$(now)
measure "$ck" forms 4-016 --data "$work/roster.csv" --format docx -o "$work/out"
status=$?
t1=$(now)
[ $status -eq 0 ] || { echo "forms failed with status $status" >&2; exit 1; }
written=$(find "$work/out" -name '*.docx' | wc -l | tr -d ' ')
[ "$written" = "$rows" ] || { echo "wrote $written files, want $rows" >&2; exit 1; }
secs=$(echo "$t1 - $t0" | bc -l)
per_form=$(echo "$secs / $rows" | bc -l)
printf 'forms 4-016 docx: %d forms in %.2f s = %.0f forms/s, peak memory %s KiB\n' \
    "$rows" "$secs" "$(echo "$rows / $secs" | bc -l)" "$(peak_kb)"
# CPU time tells the cost when other work shares the machine (GNU time only;
# with --jobs the workers' time is included).
user=$(sed -n 's/.*User time (seconds): *//p' "$work/time.txt")
sys=$(sed -n 's/.*System time (seconds): *//p' "$work/time.txt")
[ -n "$user" ] && printf 'cpu: %s s user + %s s system on %s cores (load average %s)\n' "$user" "$sys" \
    "$(nproc 2>/dev/null || echo '?')" "$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')"
if [ "$rows" -ge 10000 ]; then
    if [ "$(echo "$secs < 10" | bc -l)" = 1 ]; then echo "target (10,000 in < 10 s): met"; else echo "target (10,000 in < 10 s): MISSED"; fi
fi

if command -v pandoc >/dev/null 2>&1; then
    # One filled form as Markdown, then pandoc to DOCX, the same content.
    "$ck" forms 4-016 --data "$top/samples/record.yaml" --format md -o "$work/one.md" >/dev/null || exit 1
    runs=20
    t0=$(now)
    i=0
    while [ $i -lt $runs ]; do
        pandoc -f gfm -t docx -o "$work/one-pandoc.docx" "$work/one.md" || exit 1
        i=$((i + 1))
    done
    t1=$(now)
    pandoc_each=$(echo "($t1 - $t0) / $runs" | bc -l)
    printf 'pandoc md -> docx: %.1f ms per form; clausekit %.2f ms per form (%.0fx faster)\n' \
        "$(echo "$pandoc_each * 1000" | bc -l)" "$(echo "$per_form * 1000" | bc -l)" \
        "$(echo "$pandoc_each / $per_form" | bc -l)"
else
    echo "pandoc not installed: comparison skipped"
fi
