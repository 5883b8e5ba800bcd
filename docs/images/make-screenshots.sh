#!/bin/sh
# Regenerates the pictures in docs/annotating.md from the sample contracts:
#   annotated-contract.png          last page of samples/maintenance-contract.docx
#                                   annotated (comments in the margin, tracked
#                                   insertions under 補充條款（審查建議）)
#   annotated-contract-summary.png  top of the first page of
#                                   samples/service-contract.odt annotated
#                                   (the summary comment)
#
# LibreOffice renders the annotated copies to PDF with comments placed in
# the page margin, and pdftoppm turns one page of each into a PNG.
#
# Why a private LibreOffice profile and an X display: LibreOffice 7.4 has
# no PDF export option for comments in the margin (ExportNotesInMargin came
# later), but its PDF export follows the Writer print setting "Comments:
# Place in margins" (/org.openoffice.Office.Writer/Print/Content/Note = 4).
# That layout needs a real (X11) LibreOffice: with --headless, or with the
# Debian *-nogui packages, the export fails.  Without $DISPLAY the script
# runs itself again under xvfb-run.
#
# Needs: soffice (Debian: libreoffice-writer, not libreoffice-writer-nogui),
# pdftoppm and pdftotext (poppler-utils), xvfb-run (xvfb) when there is no
# display, and a CJK font (fonts-arphic-uming or fonts-noto-cjk).
# Usage: docs/images/make-screenshots.sh      (from anywhere; RES=110 by default)

set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
res=${RES:-110}

skip() {
    echo "make-screenshots.sh: skipped: $*" >&2
    exit 0
}

command -v soffice >/dev/null 2>&1 ||
    skip "soffice (LibreOffice) is not installed; install libreoffice-writer to redo the pictures"
for tool in pdftoppm pdftotext pdfinfo; do
    command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed; install poppler-utils"
done
if [ -z "${DISPLAY:-}" ]; then
    command -v xvfb-run >/dev/null 2>&1 ||
        skip "no X display and no xvfb-run; install xvfb (LibreOffice needs a display to lay comments out in the margin)"
    exec xvfb-run -a -s "-screen 0 1280x1024x24" "$0" "$@"
fi

if [ ! -x "$root/build/clausekit" ]; then
    make -C "$root" >/dev/null
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

# A throw-away profile whose only setting is "print comments in the margin".
mkdir -p "$tmp/profile/user"
cat >"$tmp/profile/user/registrymodifications.xcu" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Writer/Print/Content"><prop oor:name="Note" oor:op="fuse"><value>4</value></prop></item>
</oor:items>
EOF

# annotate SAMPLE OUTPUT: exit status 1 only means the check found gaps.
annotate() {
    CLAUSEKIT_DATA="$root" "$root/build/clausekit" check "$root/samples/$1" --annotate "$tmp/$2" >/dev/null ||
        [ $? -eq 1 ]
}

# to_pdf FILE: writes $tmp/NAME.pdf with comments in the margin.
to_pdf() {
    soffice "-env:UserInstallation=file://$tmp/profile" --norestore --nologo \
        --convert-to pdf --outdir "$tmp" "$tmp/$1" >"$tmp/soffice.log" 2>&1 || true
    pdf="$tmp/${1%.*}.pdf"
    if [ ! -s "$pdf" ] || ! pdftotext "$pdf" - 2>/dev/null | grep -q clausekit; then
        echo "make-screenshots.sh: LibreOffice did not export $1 with comments in the margin" >&2
        echo "  (a -nogui LibreOffice cannot; install libreoffice-writer). soffice said:" >&2
        sed 's/^/  /' "$tmp/soffice.log" >&2
        exit 1
    fi
}

# page_with PDF TEXT: number of the first page containing TEXT.
page_with() {
    pages=$(pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p')
    p=1
    while [ "$p" -le "${pages:-0}" ]; do
        if pdftotext -f "$p" -l "$p" "$1" - 2>/dev/null | grep -q "$2"; then
            echo "$p"
            return 0
        fi
        p=$((p + 1))
    done
    echo "make-screenshots.sh: no page of $1 contains $2" >&2
    exit 1
}

# shot PDF PAGE TOP% HEIGHT% OUT.png: one A4 page at $res dpi, cropped. In
# margin mode LibreOffice shrinks the page, so the top ~15% is empty.
shot() {
    w=$((res * 827 / 100))
    h=$((res * 1169 / 100))
    pdftoppm -png -r "$res" -f "$2" -l "$2" -singlefile \
        -x $((w * 4 / 100)) -y $((h * $3 / 100)) -W $((w * 92 / 100)) -H $((h * $4 / 100)) \
        "$1" "$tmp/shot"
    mv "$tmp/shot.png" "$here/$5"
    echo "wrote docs/images/$5 (page $2)"
}

annotate maintenance-contract.docx maintenance-annotated.docx
annotate service-contract.odt service-annotated.odt
to_pdf maintenance-annotated.docx
to_pdf service-annotated.odt

page=$(page_with "$tmp/maintenance-annotated.pdf" '補充條款（審查建議）')
shot "$tmp/maintenance-annotated.pdf" "$page" 17 73 annotated-contract.png
shot "$tmp/service-annotated.pdf" 1 15 28 annotated-contract-summary.png
