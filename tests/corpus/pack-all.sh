#!/bin/sh
# Pack every test contract and every sample into OUT_DIR.
#
#   sh tests/corpus/pack-all.sh OUT_DIR
#
# tests/corpus/src/NAME.docx.d -> OUT_DIR/NAME.docx (likewise .odt.d),
# tests/corpus/blind/NAME.docx.txt -> OUT_DIR/NAME.docx (plain text, see
#                                  text2xml.awk; likewise .odt.txt), and
# samples/src/NAME.docx.d      -> OUT_DIR/samples/NAME.docx.
set -eu

if [ $# -ne 1 ]; then
    echo "usage: sh pack-all.sh OUT_DIR" >&2
    exit 2
fi
out=$1
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
root=$(CDPATH='' cd -- "$here/../.." && pwd)

mkdir -p "$out" "$out/samples"
count=0
for d in "$here"/src/*.docx.d "$here"/src/*.odt.d; do
    [ -d "$d" ] || continue
    name=$(basename -- "$d" .d)
    sh "$here/pack.sh" "$d" "$out/$name"
    count=$((count + 1))
done
stage=$(mktemp -d "${TMPDIR:-/tmp}/clausekit-blind.XXXXXX")
trap 'rm -rf "$stage"' EXIT
for t in "$here"/blind/*.docx.txt "$here"/blind/*.odt.txt; do
    [ -f "$t" ] || continue
    name=$(basename -- "$t" .txt)
    case $name in
        *.docx) kind=docx part=word/document.xml ;;
        *) kind=odt part=content.xml ;;
    esac
    mkdir -p "$stage/$name.d/$(dirname -- "$part")"
    awk -v kind="$kind" -f "$here/text2xml.awk" "$t" >"$stage/$name.d/$part"
    sh "$here/pack.sh" "$stage/$name.d" "$out/$name"
    count=$((count + 1))
done
for d in "$root"/samples/src/*.docx.d "$root"/samples/src/*.odt.d; do
    [ -d "$d" ] || continue
    name=$(basename -- "$d" .d)
    sh "$here/pack.sh" "$d" "$out/samples/$name"
    count=$((count + 1))
done
echo "pack-all.sh: $count packages written to $out"
