#!/bin/sh
# Benchmarks `clausekit check`: a 300-page contract, a batch of 200
# contracts, and how the time grows with the number of rules.
# Usage: tests/bench/check.sh BUILD
set -eu
build=${1:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
ck=$build/clausekit
measure=$build/tests/bench/measure
out=$top/$build/bench/check
rm -rf "$out"
mkdir -p "$out"
export CLAUSEKIT_DATA="$top"

seconds() { "$measure" "$@" | cut -d' ' -f1; }
best3() { a=$(seconds "$@"); b=$(seconds "$@"); c=$(seconds "$@"); printf '%s\n%s\n%s\n' "$a" "$b" "$c" | sort -n | head -n 1; }

# A contract of about 300 pages (LibreOffice counts them): 8 MB of document XML.
"$build/tests/bench/mkcontract" "$out/300-pages.docx" 8
blocks=$("$ck" extract "$out/300-pages.docx" | wc -l)
pages="not counted (LibreOffice or poppler-utils not installed)"
if command -v soffice >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1; then
    timeout 600 soffice -env:UserInstallation="file://$out/lo" --headless --convert-to pdf --outdir "$out" \
        "$out/300-pages.docx" >/dev/null 2>&1 || true
    pages="not counted (LibreOffice could not lay it out)"
    [ -f "$out/300-pages.pdf" ] && pages="$(pdfinfo "$out/300-pages.pdf" | sed -n 's/^Pages: *//p') pages in LibreOffice"
fi
t=$(best3 "$ck" check --format json "$out/300-pages.docx")
printf '  large contract         %s blocks, %s\n' "$blocks" "$pages"
printf '  check, default packs   %8.3f s\n' "$t"

# A batch of 200 contracts: the samples and the test corpus, repeated.
sh tests/corpus/pack-all.sh "$out/corpus" >/dev/null
mkdir -p "$out/batch"
i=0
while [ $i -lt 200 ]; do
    for f in "$out"/corpus/*.docx "$out"/corpus/*.odt samples/*.docx samples/*.odt; do
        [ -f "$f" ] || continue
        [ $i -lt 200 ] || break
        ext=${f##*.}
        cp "$f" "$out/batch/contract-$i.$ext"
        i=$((i + 1))
    done
done
t=$(seconds "$ck" check --format json -o "$out/reports" "$out"/batch/*)
awk -v t="$t" 'BEGIN { printf "  batch of 200           %8.3f s   %.1f ms per contract\n", t, t * 1000 / 200 }'

# Growth with the number of rules: the default pack's rules copied 1, 2, 4, 8 times.
rules_line=$(grep -n '^rules:' rules/wratb-outsourcing.yaml | cut -d: -f1)
for copies in 1 2 4 8; do
    pack="$out/pack-$copies.yaml"
    head -n "$rules_line" rules/wratb-outsourcing.yaml >"$pack"
    c=1
    while [ $c -le $copies ]; do
        tail -n +"$((rules_line + 1))" rules/wratb-outsourcing.yaml | sed "s/^  - id: \(.*\)$/  - id: \1-c$c/" >>"$pack"
        c=$((c + 1))
    done
    n=$("$ck" rules list --pack "$pack" | grep -c -- '-c[0-9]')
    t=$(best3 "$ck" check --format json --pack "$pack" "$out/300-pages.docx")
    b=$(seconds "$ck" check --format json --pack "$pack" -o "$out/reports-$copies" "$out"/batch/*)
    awk -v n="$n" -v t="$t" -v b="$b" 'BEGIN { printf "  %4d rules             %8.3f s large contract, %6.1f ms per batch contract\n", n, t, b * 1000 / 200 }'
done
