#!/bin/sh
# Benchmarks `clausekit check`: a 300-page contract, a batch of 200
# contracts, how the time grows with the number of rules and with the
# contract, check against extract on the same file, and the start-up.
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
# Processor time (user + system), best of 3: on a machine others share, wall
# time also waits for their work; a ratio of two commands compares this.
cpu3() { best3 --cpu "$@"; }

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
t300=$t
c300=$(cpu3 "$ck" check --format json "$out/300-pages.docx")
printf '  large contract         %s blocks, %s\n' "$blocks" "$pages"
printf '  check, default packs   %8.3f s   (processor %.3f s)\n' "$t" "$c300"

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
    c=$(cpu3 "$ck" check --format json --pack "$pack" "$out/300-pages.docx")
    [ "$copies" -eq 1 ] && c1=$c
    b=$(seconds "$ck" check --format json --pack "$pack" -o "$out/reports-$copies" "$out"/batch/*)
    awk -v n="$n" -v t="$t" -v c="$c" -v c1="$c1" -v k="$copies" -v b="$b" 'BEGIN {
        printf "  %4d rules             %8.3f s large contract (processor %.3f s, %.2f x one copy), %6.1f ms per batch contract\n",
            n, t, c, c / c1, b * 1000 / 200 }'
done

# Growth with the contract: about 100, 200 and 300 pages (2.7 MB of document
# XML a hundred pages). Linear: the same processor time per block.
for hundred in 1 2 3; do
    f="$out/$((hundred * 100))-pages-only.docx"
    "$build/tests/bench/mkcontract" "$f" "$(awk -v h="$hundred" 'BEGIN { printf "%.4f", h * 8 / 3 }')"
    n=$("$ck" extract "$f" | wc -l)
    c=$(cpu3 "$ck" check --format json "$f")
    x=$(cpu3 "$ck" extract "$f")
    [ "$hundred" -eq 1 ] && per1=$(awk -v c="$c" -v n="$n" 'BEGIN { print c / n }')
    awk -v h="$hundred" -v n="$n" -v c="$c" -v x="$x" -v p="$per1" 'BEGIN {
        printf "  about %d pages        %6d blocks   check %.3f s, extract %.3f s of processor   %.1f us per block (%.2f x 100 pages)\n",
            h * 100, n, c, x, c * 1e6 / n, (c / n) / p }'
done

# check against extract on the same 300-page contract (target: at most 5x),
# and what one process costs before it reads anything (loading and
# compiling the packs): checking a one-line contract.
e=$(best3 "$ck" extract "$out/300-pages.docx")
ec=$(cpu3 "$ck" extract "$out/300-pages.docx")
awk -v c="$t300" -v e="$e" 'BEGIN { r = c / e; printf "  check / extract        %8.2f x   wall (%.3f s / %.3f s)\n", r, c, e }'
awk -v c="$c300" -v e="$ec" 'BEGIN { r = c / e; printf "  check / extract        %8.2f x   processor (%.3f s / %.3f s; target: at most 5x)   %s\n", r, c, e, (r <= 5 ? "met" : "NOT MET") }'
mkdir -p "$out/tiny/word"
printf '%s' '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>第一條 甲方得稽核乙方。</w:t></w:r></w:p></w:body></w:document>' >"$out/tiny/word/document.xml"
sh tests/corpus/pack.sh "$out/tiny" "$out/tiny.docx"
s=$(best3 "$ck" check --format json "$out/tiny.docx")
x=$(best3 "$ck" extract "$out/tiny.docx")
sc=$(cpu3 "$ck" check --format json "$out/tiny.docx")
xc=$(cpu3 "$ck" extract "$out/tiny.docx")
awk -v s="$s" -v x="$x" 'BEGIN { printf "  start-up per process   %8.3f s check of a one-line contract (extract: %.3f s)\n", s, x }'
awk -v s="$sc" -v x="$xc" 'BEGIN { printf "  start-up, processor    %8.1f ms check of a one-line contract, %.1f ms extract: %.1f ms loading and compiling the packs\n", s * 1000, x * 1000, (s - x) * 1000 }'

# Long paragraphs without 。 (pasted or OCR'd text): checking is linear in
# the text, a 30,000-character paragraph in well under a second.
for kind in parties prose; do
    for chars in 7500 15000 30000; do
        d="$out/para-$kind-$chars"
        mkdir -p "$d/word"
        awk -v n="$chars" -v kind="$kind" 'BEGIN {
            if (kind == "parties") { p[0] = "乙方應遵守甲方資通安全規定，"; p[1] = "乙方應配合甲方稽核，"; p[2] = "乙方應刪除帳號，"; k = 3 }
            else { p[0] = "乙方應依契約辦理各項工作並負責維護系統之正常運作，"; p[1] = "甲方得要求乙方提出報告，"; p[2] = "但經甲方同意者不在此限，"; p[3] = "雙方同意依本契約辦理，"; k = 4 }
            t = ""; i = 0
            while (length(t) < n * 3) { t = t p[i % k]; i++ }
            printf "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>第一條 總則</w:t></w:r></w:p><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:body></w:document>", t
        }' >"$d/word/document.xml"
        sh tests/corpus/pack.sh "$d" "$d.docx"
        p=$(best3 "$ck" check --format json "$d.docx")
        awk -v p="$p" -v n="$chars" -v kind="$kind" 'BEGIN { printf "  paragraph, %-8s %6d chars without 。  %8.3f s   (target: under 1 s)   %s\n", kind, n, p, (p < 1 ? "met" : "NOT MET") }'
    done
done
