#!/bin/sh
# accuracy.sh — how often `clausekit check` agrees with the corpus labels.
#
#   sh tests/corpus/accuracy.sh [CLAUSEKIT] [MIN_DEV MIN_TEST]
#
# Packs every corpus contract, runs `check --format json` on each with the
# default rule packs, and compares every (file, rule) status with
# tests/corpus/labels.tsv. Prints the accuracy of the `dev` and `test` sets
# and, for `dev` only, every disagreement (rules are tuned on dev; test is
# held out and reported as a number). Exits 1 when a set falls below its
# minimum (percent), 2 when the corpus cannot be packed or checked.
#
# The findings are read from the JSON report's stable layout: each finding
# starts with an `"id"` line indented six spaces, followed by its
# `"status"` line (docs/report-schema.md).
set -u
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
top=$(CDPATH='' cd -- "$here/../.." && pwd)
ck=${1:-$top/build/clausekit}
min_dev=${2:-0}
min_test=${3:-0}
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
        continue
    fi
    awk -v file="$f" '
        /^      "id": / { id = $2; gsub(/[",]/, "", id) }
        /^      "status": / { st = $2; gsub(/[",]/, "", st); print file "\t" id "\t" st }
    ' "$work/$f.json" >>"$work/found.tsv"
done

awk -F'\t' '
    FNR == NR { found[$1 "\t" $2] = $3; next }
    FNR == 1 { next }
    {
        key = $1 "\t" $3
        got = (key in found) ? found[key] : "(none)"
        total[$2]++
        if (got == $4) right[$2]++
        else if ($2 == "dev") printf "  dev  %-34s %-9s want %-15s got %s\n", $1, $3, $4, got
        pair[$4 "\t" got]++
    }
    END {
        for (s in total) printf "%s: %d/%d = %.1f%%\n", s, right[s], total[s], 100 * right[s] / total[s] > "/dev/stderr"
    }
' "$work/found.tsv" "$here/labels.tsv" 2>"$work/summary"
sort "$work/summary"

status=0
for set in dev test; do
    pct=$(sed -n "s/^$set: .* = \([0-9.]*\)%$/\1/p" "$work/summary")
    pct=${pct:-0}
    min=$min_dev
    [ "$set" = test ] && min=$min_test
    if awk -v p="$pct" -v m="$min" 'BEGIN { exit !(p + 0 < m + 0) }'; then
        echo "accuracy: $set accuracy $pct% is below the minimum $min%"
        status=1
    fi
done
exit $status
