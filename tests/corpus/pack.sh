#!/bin/sh
# Pack one test-contract source folder into a DOCX or ODT package.
#
#   sh tests/corpus/pack.sh SRC_DIR OUT_FILE
#
# SRC_DIR holds the parts of one package (e.g. word/document.xml or content.xml).
# Shared parts come from tests/corpus/common/docx or tests/corpus/common/odt,
# chosen by the extension of OUT_FILE; a part present in SRC_DIR overrides the
# common one. The package is written to OUT_FILE.tmp and then renamed, so a
# failed run never leaves a half-written OUT_FILE.
set -eu

usage() {
    echo "usage: sh pack.sh SRC_DIR OUT_FILE.docx|OUT_FILE.odt" >&2
    exit 2
}

[ $# -eq 2 ] || usage
src=$1
out=$2

if [ ! -d "$src" ]; then
    echo "pack.sh: $src: no such source folder" >&2
    exit 2
fi

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)

case $out in
    *.docx) kind=docx ;;
    *.odt) kind=odt ;;
    *) echo "pack.sh: $out: output must end in .docx or .odt" >&2; exit 2 ;;
esac

common=$here/common/$kind
if [ ! -d "$common" ]; then
    echo "pack.sh: $common: common parts missing" >&2
    exit 2
fi

# Absolute output path: zip runs inside the staging folder.
outdir=$(dirname -- "$out")
mkdir -p "$outdir"
outabs=$(CDPATH='' cd -- "$outdir" && pwd)/$(basename -- "$out")
tmpout=$outabs.tmp

stage=$(mktemp -d "${TMPDIR:-/tmp}/clausekit-pack.XXXXXX")
cleanup() { rm -rf "$stage"; rm -f "$tmpout"; }
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

cp -R "$common/." "$stage/"
cp -R "$src/." "$stage/"
# Editor leftovers never belong in a package.
find "$stage" \( -name '*~' -o -name '.*.swp' -o -name '.DS_Store' \) -exec rm -f {} +
if [ "$kind" = odt ]; then
    printf '%s' 'application/vnd.oasis.opendocument.text' > "$stage/mimetype"
fi
# Fixed timestamps: packing the same sources twice (in one time zone) gives the same bytes.
find "$stage" -exec touch -t 202601010000 {} +

rm -f "$tmpout"
(
    cd "$stage"
    if [ "$kind" = odt ]; then
        # ODF 1.2 part 3, 3.3: mimetype first, stored, no extra fields.
        zip -q -X -0 "$tmpout" mimetype
        zip -q -X -r "$tmpout" . -x mimetype
    else
        # [Content_Types].xml first, as Word writes it.
        zip -q -X -nw "$tmpout" '[Content_Types].xml'
        zip -q -X -nw -r "$tmpout" . -x '[Content_Types].xml'
    fi
)
mv "$tmpout" "$outabs"
