#!/bin/sh
# make bench: measures the reader on a large contract, then runs every other
# bench/*.sh (checking, forms). Usage: tests/bench/run.sh BUILD
set -eu
build=${1:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
ck=$build/clausekit
out=$build/bench
mkdir -p "$out"
measure=$build/tests/bench/measure
mb=${BENCH_MB:-40}

best() { # best N CMD... -> "seconds maxrss" of the fastest of N runs
    n=$1; shift
    best_s=""; best_line=""
    i=0
    while [ $i -lt "$n" ]; do
        line=$("$measure" "$@")
        s=${line% *}
        if [ -z "$best_s" ] || [ "$(echo "$s < $best_s" | bc -l 2>/dev/null || awk "BEGIN{print ($s < $best_s)}")" = 1 ]; then
            best_s=$s; best_line=$line
        fi
        i=$((i + 1))
    done
    echo "$best_line"
}

echo "== reader: building a contract with ${mb} MB of document XML"
"$build/tests/bench/mkcontract" "$out/large.docx" "$mb"
xml_bytes=$(unzip -p "$out/large.docx" word/document.xml | wc -c)
# The text a person reads: each block's text, without the location and kind
# extract prints before it.
text_bytes=$(CLAUSEKIT_LANG=zh-TW "$ck" extract --format text "$out/large.docx" | sed 's/^\[[^]]*\]（[^）]*）//' | wc -c)
blocks=$("$ck" extract --format text "$out/large.docx" | wc -l)
"$ck" extract --format text samples/maintenance-contract.docx >/dev/null
small=$(best 3 "$ck" extract samples/maintenance-contract.docx)
floor=$(best 3 sh -c "unzip -p '$out/large.docx' word/document.xml")
reader=$(best 3 "$ck" extract "$out/large.docx")

awk -v xml="$xml_bytes" -v text="$text_bytes" -v floor="$floor" -v reader="$reader" -v small="$small" -v blocks="$blocks" 'BEGIN {
    split(floor, f, " "); split(reader, r, " "); split(small, s, " ");
    mbs = xml / 1048576 / r[1];
    ratio = r[1] / f[1];
    mem = r[2] * 1024 / text;
    printf "  document XML          %8.1f MB\n", xml / 1048576;
    printf "  extracted text        %8.1f MB\n", text / 1048576;
    printf "  unzip -p (floor)      %8.3f s\n", f[1];
    printf "  clausekit extract     %8.3f s   %6.1f MB/s of XML\n", r[1], mbs;
    printf "  ratio to the floor    %8.2f x   (target: within 3x)   %s\n", ratio, ((ratio <= 3) ? "met" : "NOT MET");
    printf "  blocks                %8d\n", blocks;
    printf "  peak memory           %8.1f MB  = %.2f x the text (target: at most 4x)   %s\n", r[2] / 1024, mem, ((mem <= 4) ? "met" : "NOT MET");
    printf "    of which the program %6.1f MB  (peak on a 2-page contract: code and libraries)\n", s[2] / 1024;
    printf "    and the model         %6.1f MB  = %.2f x the text, %.0f bytes a block\n", (r[2] - s[2]) / 1024, (r[2] - s[2]) * 1024 / text, (r[2] - s[2]) * 1024 / blocks;
}'

if command -v pandoc >/dev/null 2>&1; then
    pandoc_line=$("$measure" pandoc -t plain "$out/large.docx" -o /dev/null || true)
    awk -v p="$pandoc_line" -v reader="$reader" 'BEGIN {
        split(p, a, " "); split(reader, r, " ");
        printf "  pandoc -t plain       %8.3f s   %.0f x slower (target: at least 50x)   %s\n", a[1], a[1] / r[1], ((a[1] / r[1] >= 50) ? "met" : "NOT MET");
    }'
else
    echo "  pandoc not installed: the pandoc comparison is skipped"
fi

echo "== zip bombs: refused at once (targets: under 1 s and 64 MB)"
for kind in bomb-2g bomb-2g-lying; do
    "$build/tests/e2e/mkhostile" "$kind" "$out/$kind.docx"
    size=$(wc -c <"$out/$kind.docx")
    line=$(CLAUSEKIT_LANG=en "$measure" "$ck" extract "$out/$kind.docx" 2>"$out/$kind.err" || true)
    refused=0
    grep -q 'zip bomb\|damaged' "$out/$kind.err" && refused=1
    awk -v k="$kind" -v size="$size" -v line="$line" -v refused="$refused" 'BEGIN {
        split(line, r, " ");
        ok = (refused && r[1] != "" && r[1] < 1 && r[2] / 1024 < 64);
        printf "  %-14s %5.1f MB file, 2 GiB inflated: refused in %6.3f s, %5.1f MB peak   %s\n", k, size / 1048576, r[1], r[2] / 1024, (ok ? "met" : "NOT MET");
    }'
done

for script in tests/bench/*.sh; do
    [ "$script" = tests/bench/run.sh ] && continue
    echo "== $(basename "$script" .sh)"
    sh "$script" "$build"
done
