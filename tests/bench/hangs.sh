#!/bin/sh
# tests/bench/hangs.sh BUILD — inputs that once made a run take seconds or
# minutes, or memory that grew with the roster, timed:
#   a template {{#each}} over 100,000 names (was quadratic: 14-20 s)
#   16 nested {{#each}} over 10 names (10^16 items; capped with a message)
#   an element with 200,000 attributes in a contract (libxml2 is quadratic
#     there: 10 s; refused from the bytes)
#   --zip and --merge for 1,000 and 8,000 rows: peak memory
# Each line says its target and whether it was met.
set -u
build=${1:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
ck="$top/$build/clausekit"
measure="$top/$build/tests/bench/measure"
[ -x "$ck" ] && [ -x "$measure" ] || { echo "tests/bench/hangs.sh: build $ck and $measure first" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/ck-bench-hangs-XXXXXX")
trap 'rm -rf "$work"' EXIT
export CLAUSEKIT_DATA="$top" CLAUSEKIT_LANG=en

# line LABEL "SECONDS KB" TARGET_SECONDS: one result line
line() {
    awk -v label="$1" -v m="$2" -v target="$3" 'BEGIN {
        split(m, a, " ");
        printf "  %-44s %7.3f s %8.1f MB   (target: under %s s)   %s\n", label, a[1], a[2] / 1024, target,
            (a[1] < target ? "met" : "NOT MET");
    }'
}

# ---- templates ------------------------------------------------------------------
cat >"$work/list.md" <<'EOF'
---
form: B-1
title: 名單
fields:
  - { name: 姓名 }
  - { name: 名單, kind: names }
---
# 名單

{{#each 名單}}{{@index}}. {{this}}；{{/each}}
EOF
awk 'BEGIN { printf "姓名: x\n名單: ["; for (i = 0; i < 100000; i++) printf "%s人%d", (i ? ", " : ""), i; print "]" }' \
    >"$work/names.yaml"
line "{{#each}} over 100,000 names (md)" "$("$measure" "$ck" forms "$work/list.md" --data "$work/names.yaml" \
    --format md -o "$work/list.md.out")" 1
line "{{#each}} over 100,000 names (docx)" "$("$measure" "$ck" forms "$work/list.md" --data "$work/names.yaml" \
    -o "$work/list.docx")" 2

{
    printf -- '---\nform: B-2\ntitle: 巢狀\nfields:\n  - { name: 姓名 }\n  - { name: 名單, kind: names }\n---\n\n'
    i=0; while [ $i -lt 16 ]; do printf '{{#each 名單}}'; i=$((i + 1)); done
    printf '{{this}}'
    i=0; while [ $i -lt 16 ]; do printf '{{/each}}'; i=$((i + 1)); done
    printf '\n'
} >"$work/nested.md"
printf '姓名: x\n名單: 一、二、三、四、五、六、七、八、九、十\n' >"$work/ten.yaml"
result=$("$measure" "$ck" forms "$work/nested.md" --data "$work/ten.yaml" -o "$work/nested.docx")
line "16 nested {{#each}} over 10 names: refused" "$result" 1
[ -e "$work/nested.docx" ] && echo "  (the nested template was written: the cap did not hold)"

# ---- a contract with 200,000 attributes on one element ---------------------------
mkdir -p "$work/pkg"
(cd "$work/pkg" && unzip -q "$top/samples/maintenance-contract.docx")
awk 'BEGIN { for (i = 0; i < 200000; i++) printf " a%d=\"%d\"", i, i }' >"$work/attrs"
awk -v attrs_file="$work/attrs" 'BEGIN { getline attrs <attrs_file }
    { if (!done && sub(/<w:body>/, "<w:body><w:p" attrs "/>")) done = 1; print }' \
    "$work/pkg/word/document.xml" >"$work/document.xml"
mv "$work/document.xml" "$work/pkg/word/document.xml"
(cd "$work/pkg" && zip -q -X -r "$work/attrs.docx" '[Content_Types].xml' _rels docProps word)
line "extract, one element with 200,000 attributes" "$("$measure" "$ck" extract "$work/attrs.docx")" 0.5

# ---- --zip and --merge: memory does not follow the forms -----------------------------
roster() {
    awk -v rows="$1" 'BEGIN { print "機關名稱,廠商名稱,案名,姓名,身分證字號"
        for (i = 0; i < rows; i++) print "機關,甲資訊,維運案,人員" i ",A100000001" }'
}
for rows in 1000 8000; do
    roster $rows >"$work/r$rows.csv"
    zip_m=$("$measure" "$ck" forms 4-016 --data "$work/r$rows.csv" --zip "$work/z$rows.zip")
    merge_m=$("$measure" "$ck" forms 4-016 --data "$work/r$rows.csv" --merge -o "$work/m$rows.docx")
    eval "zip_$rows=\"$zip_m\" merge_$rows=\"$merge_m\""
    awk -v rows=$rows -v z="$zip_m" -v m="$merge_m" -v zs="$(wc -c <"$work/z$rows.zip")" 'BEGIN {
        split(z, a, " "); split(m, b, " ");
        printf "  --zip   %5d rows  %7.2f s  peak %6.1f MB  (archive %.1f MB)\n", rows, a[1], a[2] / 1024, zs / 1048576;
        printf "  --merge %5d rows  %7.2f s  peak %6.1f MB\n", rows, b[1], b[2] / 1024;
    }'
done
# Memory per extra row: the roster itself is held (about 1-2 KB a row);
# the forms must not be (a form is 7 KB packed, far more unpacked).
awk -v z1="$zip_1000" -v z8="$zip_8000" -v m1="$merge_1000" -v m8="$merge_8000" 'BEGIN {
    split(z1, a, " "); split(z8, b, " "); split(m1, c, " "); split(m8, d, " ");
    zr = (b[2] - a[2]) / 7000; mr = (d[2] - c[2]) / 7000;
    printf "  --zip   grows %.2f KB per row (target: under 3, the roster only)   %s\n", zr, (zr < 3 ? "met" : "NOT MET");
    printf "  --merge grows %.2f KB per row (target: under 3, the roster only)   %s\n", mr, (mr < 3 ? "met" : "NOT MET");
}'
