#!/bin/sh
# Regenerates the pictures of the reports in docs/checking.md from the
# sample contracts:
#   report-screen.png   the HTML report of samples/maintenance-contract.docx
#                       as a browser window shows it (first screen)
#   report-print.png    the first printed A4 page of the same report (what to
#                       fix first; the footer with the name and page number)
#   batch-index.png     DIR/index.html of `clausekit check` on the samples and
#                       three contracts of the test corpus
#
# Headless Chromium takes the screenshots and prints to PDF; pdftoppm turns
# the first printed page into a PNG. The time shown is fixed
# (SOURCE_DATE_EPOCH, Taipei time) so the pictures only change with the
# reports.
#
# Needs: chromium, pdftoppm (poppler-utils), a CJK font (fonts-noto-cjk).
# Usage: docs/images/make-report-screenshots.sh   (from anywhere)

set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

skip() {
    echo "make-report-screenshots.sh: skipped: $*" >&2
    exit 0
}
command -v chromium >/dev/null 2>&1 || skip "chromium is not installed"
command -v pdftoppm >/dev/null 2>&1 || skip "pdftoppm is not installed; install poppler-utils"
if [ ! -x "$root/build/clausekit" ]; then
    make -C "$root" >/dev/null
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

export CLAUSEKIT_DATA="$root" SOURCE_DATE_EPOCH=1796639040 TZ=Asia/Taipei CLAUSEKIT_LANG=zh-TW

# check ARGS...: exit status 1 only means the check found gaps.
check() {
    "$root/build/clausekit" check "$@" >/dev/null || [ $? -eq 1 ]
}

# browser ARGS... URL: one headless Chromium run with a fresh profile.
browser() {
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
        --user-data-dir="$(mktemp -d "$tmp/profile-XXXXXX")" "$@" >/dev/null 2>&1
}

check "$root/samples/maintenance-contract.docx" --format html -o "$tmp/report.html"
# The samples and a few contracts of the test corpus (packed from text).
sh "$root/tests/corpus/pack-all.sh" "$tmp/corpus" >/dev/null 2>&1
mkdir -p "$tmp/in"
cp "$root/samples/maintenance-contract.docx" "$root/samples/service-contract.odt" \
    "$root/samples/draft-with-changes.docx" "$tmp/in/"
for c in 02-contrary-wording.docx 04-permission-scatter.odt 11-inspection-refuse.docx; do
    [ -f "$tmp/corpus/$c" ] && cp "$tmp/corpus/$c" "$tmp/in/"
done
(cd "$tmp/in" && check * --format html -o "$tmp/batch")

browser --window-size=1100,1400 --screenshot="$here/report-screen.png" "file://$tmp/report.html"
echo "wrote docs/images/report-screen.png"

browser --no-pdf-header-footer --print-to-pdf="$tmp/report.pdf" "file://$tmp/report.html"
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$tmp/report.pdf" "$tmp/print"
mv "$tmp/print.png" "$here/report-print.png"
echo "wrote docs/images/report-print.png (page 1 of $(pdfinfo "$tmp/report.pdf" | sed -n 's/^Pages: *//p'))"

browser --window-size=1200,700 --screenshot="$here/batch-index.png" "file://$tmp/batch/index.html"
echo "wrote docs/images/batch-index.png"
