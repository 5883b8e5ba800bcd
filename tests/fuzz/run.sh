#!/bin/sh
# Builds each libFuzzer harness in tests/fuzz/ with clang (ASan + UBSan) and
# runs it for SECONDS (default 60), seeded from samples/, rules/ and the
# bad-input generator; each harness gets the seeds that fit its input.
# Usage: tests/fuzz/run.sh [SECONDS] [HARNESS...]   (e.g. fuzz_rules fuzz_csv)
# Exits 1 when any harness finds a crash, leak, hang or failed assertion and
# prints where the input that caused it was written.
set -eu
seconds=${1:-60}
[ $# -gt 0 ] && shift
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
out=build/fuzz
mkdir -p "$out"
pkgs="libxml-2.0 libzip libcmark-gfm libpcre2-8 libutf8proc yaml-0.1"
cflags="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 -Isrc -Itests $(pkg-config --cflags $pkgs)"
cflags="$cflags -DCK_VERSION=\"fuzz\" -DCK_DATADIR=\"$top\" -DCK_FUZZ_TOP=\"$top\""
libs="$(pkg-config --libs $pkgs) -lcmark-gfm-extensions -lcsv -lm"
san="address,undefined -fno-sanitize-recover=undefined"

# The library is compiled once (instrumented, not linked with libFuzzer's
# main) and rebuilt when anything under src/ changed.
lib="$out/libclausekit-fuzz.a"
if [ ! -f "$lib" ] || [ -n "$(find src -newer "$lib" -type f | head -n 1)" ]; then
    echo "== building the library"
    rm -rf "$out/obj"; mkdir -p "$out/obj"
    for f in src/*/*.c; do
        [ "$f" = src/main.c ] && continue
        o="$out/obj/$(echo "$f" | sed 's|^src/||; s|/|_|g; s|\.c$|.o|')"
        # shellcheck disable=SC2086
        clang $cflags -fsanitize=fuzzer-no-link,$san -c -o "$o" "$f"
    done
    rm -f "$lib"
    ar rcs "$lib" "$out"/obj/*.o
fi

# ---- seeds ------------------------------------------------------------------
seeds="$out/seeds"
rm -rf "$seeds"; mkdir -p "$seeds/archive" "$seeds/xml" "$seeds/pack" "$seeds/csv" \
    "$seeds/sheet" "$seeds/record" "$seeds/ids" "$seeds/text"
# Contract packages and every bad-input kind.
for f in samples/*.docx samples/*.odt; do [ -f "$f" ] && cp "$f" "$seeds/archive/"; done
make --no-print-directory build/tests/e2e/mkhostile >/dev/null
for k in valid truncated no-main rels-nowhere doctype bad-utf8 duplicate overlap encrypted-odt; do
    build/tests/e2e/mkhostile $k "$seeds/archive/$k.zip"
done
# XML parts as the readers and annotation writers see them.
find samples/src -type f \( -name '*.xml' -o -name '*.rels' \) | while IFS= read -r f; do
    cp "$f" "$seeds/xml/$(echo "$f" | sed 's|^samples/src/||; s|[^A-Za-z0-9.-]|_|g')"
done
cp rules/*.yaml "$seeds/pack/"
for f in samples/roster*.csv; do [ -f "$f" ] && cp "$f" "$seeds/csv/"; done
for f in samples/roster*.xlsx samples/roster*.ods; do [ -f "$f" ] && cp "$f" "$seeds/sheet/"; done
for k in truncated bad-utf8 duplicate overlap doctype; do cp "$seeds/archive/$k.zip" "$seeds/sheet/"; done
for f in samples/record.yaml samples/record.json; do [ -f "$f" ] && cp "$f" "$seeds/record/"; done
# One part of a sample package, after a selector byte (the index into the
# targets table of fuzz_parts.c). unzip reads [ ] as a pattern: ? stands in.
mkdir -p "$seeds/parts"
if command -v unzip >/dev/null 2>&1; then
    i=0
    while read -r pkg part; do
        { printf "\\$(printf '%03o' $i)"; unzip -p "samples/$pkg" "$part"; } >"$seeds/parts/$i" || true
        i=$((i + 1))
    done <<'TARGETS'
maintenance-contract.docx word/document.xml
maintenance-contract.docx word/styles.xml
maintenance-contract.docx word/numbering.xml
maintenance-contract.docx word/footnotes.xml
maintenance-contract.docx word/_rels/document.xml.rels
maintenance-contract.docx ?Content_Types?.xml
draft-with-changes.docx word/document.xml
draft-with-changes.docx word/comments.xml
service-contract.odt content.xml
service-contract.odt styles.xml
service-contract.odt META-INF/manifest.xml
roster.xlsx xl/worksheets/sheet1.xml
roster.xlsx xl/sharedStrings.xml
roster.xlsx xl/workbook.xml
roster.xlsx xl/styles.xml
roster.ods content.xml
TARGETS
fi
# Markdown: the documentation and the samples' notes (tables, lists, code).
mkdir -p "$seeds/markdown"
for f in docs/*.md samples/README.md; do [ -f "$f" ] && cp "$f" "$seeds/markdown/"; done
mkdir -p "$seeds/template"
for f in templates/*.md; do [ -f "$f" ] && cp "$f" "$seeds/template/"; done
# Data for the forms, after a byte picking format (bit 0: 1 for YAML/JSON)
# and form (the rest: 4-016, 4-017, 4-018).
mkdir -p "$seeds/forms"
for sel in 0 2 4; do
    { printf "\\$(printf '%03o' $sel)"; cat samples/roster.csv; } >"$seeds/forms/csv-$sel"
    { printf "\\$(printf '%03o' $((sel + 1)))"; cat samples/record.yaml; } >"$seeds/forms/yaml-$sel"
done
{ printf '\001'; cat samples/record.json; } >"$seeds/forms/json-0"
# Identity numbers and dates in every written form, valid and not.
n=0
for v in A100000001 B200000004 A800000014 AC01234567 a100000001 A12345678 'A 10000000' \
    24681353 04595257 12345675 115/11/23 115.11.23 115年11月23日 中華民國115年11月23日 \
    民國115年2月30日 2026-11-23 2026/11/23 1151123 20261123 46349 '１１５／１１／２３'; do
    n=$((n + 1)); printf '%s' "$v" >"$seeds/ids/$n"
done
# Contract text, one block a line, as the reader gives it.
if [ -x build/clausekit ] || make --no-print-directory build/clausekit >/dev/null 2>&1; then
    for f in samples/*.docx samples/*.odt; do
        build/clausekit extract "$f" 2>/dev/null | sed 's/^[^)]*) //' \
            >"$seeds/text/$(basename "$f").txt" || true
    done
fi

seeds_for() {
    case $1 in
    fuzz_reader) echo "$seeds/archive" ;;
    fuzz_xml | fuzz_splice) echo "$seeds/xml" ;;
    fuzz_rules) echo "$seeds/pack" ;;
    fuzz_parts | fuzz_annotate) echo "$seeds/parts" ;;
    fuzz_writer) echo "$seeds/markdown" ;;
    fuzz_template) echo "$seeds/template" ;;
    fuzz_forms) echo "$seeds/forms" ;;
    fuzz_csv) echo "$seeds/csv" ;;
    fuzz_sheet) echo "$seeds/sheet" ;;
    fuzz_record) echo "$seeds/record" ;;
    fuzz_ids) echo "$seeds/ids" ;;
    fuzz_normalise | fuzz_match) echo "$seeds/text" ;;
    *) echo "$seeds/archive" ;;
    esac
}

# The matcher runs every rule over every block: shorter inputs give it many
# more executions for the same time.
max_len_for() {
    case $1 in
    fuzz_match) echo 8192 ;;
    *) echo 65536 ;;
    esac
}

# Harnesses reading package parts get the XML tokens of those formats.
dict_for() {
    case $1 in
    fuzz_parts | fuzz_annotate | fuzz_xml | fuzz_splice | fuzz_reader) echo "-dict=tests/fuzz/office.dict" ;;
    *) echo "" ;;
    esac
}

# ---- build and run ------------------------------------------------------------
if [ $# -gt 0 ]; then
    harnesses=""
    for h in "$@"; do harnesses="$harnesses tests/fuzz/${h%.c}.c"; done
else
    harnesses=$(ls tests/fuzz/fuzz_*.c)
fi
status=0
summary=""
for harness in $harnesses; do
    name=$(basename "$harness" .c)
    echo "== $name: building"
    # shellcheck disable=SC2086
    if ! clang $cflags -fsanitize=fuzzer,$san -o "$out/$name" "$harness" "$lib" $libs; then
        echo "== $name: FAILED to build"
        summary="$summary$name FAILED to build
"
        status=1
        continue
    fi
    corpus="$out/corpus-$name"
    mkdir -p "$corpus"
    echo "== $name: running for ${seconds}s"
    # shellcheck disable=SC2046
    if "$out/$name" -max_total_time="$seconds" -max_len="$(max_len_for "$name")" -rss_limit_mb=2048 -timeout=20 \
        $(dict_for "$name") -artifact_prefix="$out/$name-" "$corpus" "$(seeds_for "$name")" \
        >"$out/$name.log" 2>&1; then
        runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$out/$name.log" | tail -n 1)
        echo "== $name: ran ${seconds}s clean, ${runs:-?} executions"
        summary="$summary$name ${seconds}s clean ${runs:-?} executions
"
    else
        tail -n 40 "$out/$name.log"
        crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$out/$name.log" | tail -n 1)
        echo "== $name: FAILED (crash input in ${crash:-$out/$name-*}, log in $out/$name.log)"
        summary="$summary$name FAILED ${crash:-}
"
        status=1
    fi
done
echo "== summary"
printf '%s' "$summary"
exit $status
