#!/bin/sh
# accuracy.sh — how often `clausekit check` agrees with the corpus labels.
#
#   sh tests/corpus/accuracy.sh [CLAUSEKIT] [MIN_DEV MIN_TEST]
#
# Packs every corpus contract, runs `check --format json` on each with the
# default rule pack, and compares every (file, rule) status with
# tests/corpus/labels.tsv. Prints, for the `dev` and `test` sets, how many
# labels agree, the gap recall and precision (a gap is partial, conflict or
# missing), and for `dev` only every disagreement and the per-rule confusion
# (rules are tuned on dev; test is held out and reported as numbers:
# CK_ACCURACY_TEST_CONFUSION=1 prints its per-rule confusion for whoever
# scores a new batch).
#
# Exits 1 when a set has fewer agreeing labels than its minimum, 2 when the
# corpus cannot be packed or checked. The minimums are counts of labels, by
# default those measured on this version less one (docs/checking.md); they
# can be given as arguments.
set -u
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
top=$(CDPATH='' cd -- "$here/../.." && pwd)
ck=${1:-$top/build/clausekit}
# Measured: see docs/checking.md "Accuracy". One label of slack.
min_dev=${2:-966}
min_test=${3:-718}
work=$(mktemp -d "${TMPDIR:-/tmp}/ck-accuracy-XXXXXX")
trap 'rm -rf "$work"' EXIT
export CLAUSEKIT_DATA=${CLAUSEKIT_DATA:-$top}

if ! sh "$here/pack-all.sh" "$work/corpus" >/dev/null 2>"$work/pack.err"; then
    echo "accuracy: cannot pack the corpus: $(head -c 300 "$work/pack.err")"
    exit 2
fi

: >"$work/found.tsv"
for f in $(cut -f1 "$here/labels.tsv" | sed 1d | sort -u); do
    "$ck" --lang en check --pack wratb-outsourcing --format json "$work/corpus/$f" >"$work/$f.json" 2>"$work/$f.err"
    rc=$?
    if [ $rc -ge 2 ]; then
        echo "accuracy: $f: exit $rc: $(head -c 300 "$work/$f.err")"
        exit 2
    fi
    awk -v file="$f" '
        /^      "id": / { id = $2; gsub(/[",]/, "", id) }
        /^      "status": / { st = $2; gsub(/[",]/, "", st); print file "\t" id "\t" st }
    ' "$work/$f.json" >>"$work/found.tsv"
done

awk -F'\t' -v test_confusion="${CK_ACCURACY_TEST_CONFUSION:-0}" '
    function gap(s) { return s == "partial" || s == "conflict" || s == "missing" }
    FNR == NR { found[$1 "\t" $2] = $3; next }
    FNR == 1 { next }
    {
        set = $2; rule = $3; want = $4
        key = $1 "\t" rule
        got = (key in found) ? found[key] : "(none)"
        total[set]++
        if (got == want) right[set]++
        # Per batch: the blind batch (b01...) apart from the first corpus.
        # the first blind batch b01-b45, the second b46 on.
        batch = ($1 ~ /^b[0-9]/) ? (substr($1, 2, 2) + 0 <= 45 ? "blind" : "blind2") : "first"
        btotal[set "\t" batch]++
        if (got == want) bright[set "\t" batch]++
        if (gap(want)) { bgaps[set "\t" batch]++; if (gap(got)) bcaught[set "\t" batch]++ }
        if (gap(got)) { bflagged[set "\t" batch]++; if (gap(want)) btrue[set "\t" batch]++ }
        # A debatable label accepts the reading its note gives: (alt STATUS).
        either = (got == want)
        if (!either && $5 ~ /debatable/ && match($5, /\(alt [^)]*\)/)) {
            alt = substr($5, RSTART + 5, RLENGTH - 6); sub(/[,;].*/, "", alt); gsub(/ or |\//, " ", alt)
            either = index(" " alt " ", " " got " ") > 0
        }
        if (either) eright[set]++
        else if (set == "dev") printf "  dev  %-38s %-9s want %-15s got %s\n", $1, rule, want, got
        if (gap(want)) { gaps[set]++; if (gap(got)) caught[set]++ }
        if (gap(got)) { flagged[set]++; if (gap(want)) true_flag[set]++ }
        if (set == "dev" || test_confusion == 1) {
            rules[set "\t" rule] = 1
            n[set "\t" rule "\t" want "\t" got]++
            rt[set "\t" rule]++
            if (got == want) rr[set "\t" rule]++
        }
    }
    END {
        for (s in total) {
            printf "%s: %d/%d = %.1f%%   either reading %d   gap recall %d/%d   gap precision %d/%d\n", s, right[s], total[s], 100 * right[s] / total[s], eright[s], caught[s], gaps[s], true_flag[s], flagged[s] > "/dev/stderr"
        }
        for (k in btotal) {
            split(k, a, "\t")
            printf "  batch %-4s %-6s %d/%d = %.1f%%   gap recall %d/%d   gap precision %d/%d\n", a[1], a[2], bright[k], btotal[k], 100 * bright[k] / btotal[k], bcaught[k], bgaps[k], btrue[k], bflagged[k] > "/dev/stderr"
        }
        for (sr in rules) {
            split(sr, a, "\t")
            line = sprintf("  confusion %-4s %-9s %3d/%-3d", a[1], a[2], rr[sr], rt[sr])
            for (k in n) {
                split(k, b, "\t")
                if (b[1] "\t" b[2] == sr && b[3] != b[4]) line = line sprintf("  %s->%s x%d", b[3], b[4], n[k])
            }
            print line > "/dev/stderr"
        }
    }
' "$work/found.tsv" "$here/labels.tsv" 2>"$work/summary"
grep -v '^  confusion' "$work/summary" | sort -k1,1 -k2,2
grep '^  confusion' "$work/summary" | sort -t. -k1,1 -k2,2n -k3,3n -k4,4n

status=0
for set in dev test; do
    got=$(sed -n "s/^$set: \([0-9]*\)\/.*/\1/p" "$work/summary")
    got=${got:-0}
    min=$min_dev
    [ "$set" = test ] && min=$min_test
    if [ "$got" -lt "$min" ]; then
        echo "accuracy: $set agrees on $got labels, below the minimum $min"
        status=1
    fi
done
exit $status
