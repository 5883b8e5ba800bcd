# writers.sh — the DOCX, ODT and HTML writers as a user's office suite sees
# them. The writers' unit test program leaves its sample form (and three
# forms merged into one file) in $CK_WRITER_OUT; LibreOffice then converts
# them to PDF and the PDF's text, page count and page size are checked.
. "$(dirname "$0")/lib.sh"

BUILD=${CK_BUILD:-$TOP/build}
SAMPLES=$BUILD/tests/writer/test_writer
OUT=$T/files
mkdir -p "$OUT"

if [ ! -x "$SAMPLES" ]; then
    fail "no $SAMPLES: build the tests first (make tests-build)"
    finish
    exit
fi

run env CK_WRITER_OUT="$OUT" "$SAMPLES"
if [ $rc -eq 0 ]; then pass "sample files written"; else fail "sample program: $(tail -n 5 "$T/out")"; fi
for f in form.docx form.odt form.html form.md merged.docx merged.odt; do
    if [ -s "$OUT/$f" ]; then pass "$f exists"; else fail "$f missing"; fi
done

# Every XML part is well-formed to a second parser as well.
if has_tool xmllint && has_tool unzip; then
    for pkg in form.docx form.odt; do
        bad= n=0
        for part in $(unzip -Z1 "$OUT/$pkg" | grep -E '\.xml$|\.rels$'); do
            n=$((n + 1))
            # unzip reads [ as a wildcard: [Content_Types].xml needs [[].
            unzip -p "$OUT/$pkg" "$(echo "$part" | sed 's/\[/[[]/g')" | xmllint --noout - 2>/dev/null || bad="$bad $part"
        done
        if [ -z "$bad" ] && [ "$n" -ge 4 ]; then pass "$pkg: xmllint accepts every part"; else fail "$pkg: $n parts, not well-formed:$bad"; fi
    done
    if [ "$(unzip -Z1 "$OUT/form.odt" | head -n 1)" = mimetype ]; then pass "odt: mimetype first"; else fail "odt: mimetype not first"; fi
else
    skip "xmllint or unzip not installed: second-parser check"
fi

# render FILE OUTDIR: LibreOffice converts FILE to PDF in OUTDIR.
render() {
    mkdir -p "$2"
    timeout 180 soffice -env:UserInstallation="file://$T/lo" --headless --convert-to pdf --outdir "$2" "$1" \
        >"$T/soffice.log" 2>&1
}

# render_all OUTDIR FILE...: one LibreOffice run for several files.
render_all() {
    dir=$1; shift
    mkdir -p "$dir"
    timeout 300 soffice -env:UserInstallation="file://$T/lo" --headless --convert-to pdf --outdir "$dir" "$@" \
        >"$T/soffice.log" 2>&1
}

# page_of TEXT PDF: the first page whose text holds TEXT, or 0.
page_of() {
    pages=$(pdfinfo "$2" 2>/dev/null | sed -n 's/^Pages: *//p')
    p=1
    while [ "$p" -le "${pages:-0}" ]; do
        if pdftotext -f "$p" -l "$p" "$2" - 2>/dev/null | grep -q "$1"; then echo "$p"; return; fi
        p=$((p + 1))
    done
    echo 0
}

# expect_pdf NAME PDF PAGES: the PDF is A4 with PAGES pages and carries the
# form's Chinese text and its values.
expect_pdf() {
    name=$1 pdf=$2 pages=$3
    if [ ! -s "$pdf" ]; then
        fail "$name: LibreOffice made no PDF: $(tail -n 3 "$T/soffice.log")"
        return
    fi
    pdftotext -layout "$pdf" "$T/text" 2>/dev/null
    missing=
    for want in 保密切結書 王小明 臺北市政府 對於執行業務所知悉之機密資料 包括電子檔案 筆記型電腦 \
                依據委外作業程序 立書人（簽章） 身分證字號 中華民國 附件 第二頁內容; do
        grep -q "$want" "$T/text" || missing="$missing $want"
    done
    if [ -z "$missing" ]; then pass "$name: text and values in the PDF"; else fail "$name: missing:$missing"; fi
    got=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
    if [ "$got" = "$pages" ]; then pass "$name: $pages pages (page breaks)"; else fail "$name: $got pages, want $pages"; fi
    if pdfinfo "$pdf" | grep -q '^Page size:.*(A4)'; then pass "$name: A4"; else fail "$name: $(pdfinfo "$pdf" | grep 'Page size')"; fi
    # Numbered undertakings keep their start number (3.), a later list and
    # each merged form start again, and the nested list counts on its own.
    forms=$((pages / 2))
    if [ "$(grep -c '^ *3\. *對於' "$T/text")" = "$forms" ] && [ "$(grep -c '^ *1\. *第一款' "$T/text")" = "$forms" ] &&
       grep -q '(1) *包括電子檔案' "$T/text"; then
        pass "$name: list numbering"
    else
        fail "$name: list numbering: $(grep -E '對於|包括電子' "$T/text" | head -n 2)"
    fi
}

if has_tool soffice && has_tool pdftotext && has_tool pdfinfo; then
    for f in form.docx form.odt merged.docx merged.odt; do
        dir=$T/pdf-$(echo "$f" | tr . -)
        render "$OUT/$f" "$dir"
        case $f in form.*) pages=2 ;; *) pages=6 ;; esac
        expect_pdf "$f" "$dir/${f%.*}.pdf" "$pages"
    done
    # Signature blocks pushed towards the end of the first page (keep-NN:
    # NN lines of filler) are never split across two pages; in ODT the
    # closing line before them (此致) stays with them as well. Without the
    # keep properties LibreOffice splits several of these.
    render_all "$T/keep-docx" "$OUT"/keep-*.docx
    render_all "$T/keep-odt" "$OUT"/keep-*.odt
    split= n=0
    for pdf in "$T"/keep-docx/*.pdf "$T"/keep-odt/*.pdf; do
        [ -s "$pdf" ] || continue
        n=$((n + 1))
        first=$(page_of 立書人 "$pdf") last=$(page_of 中華民國 "$pdf")
        case $pdf in */keep-odt/*) closing=$(page_of 此致 "$pdf") ;; *) closing=$first ;; esac
        if [ "$first" = 0 ] || [ "$first" != "$last" ] || [ "$closing" != "$first" ]; then
            split="$split $(basename "$(dirname "$pdf")")/$(basename "$pdf")"
        fi
    done
    if [ "$n" -eq 26 ] && [ -z "$split" ]; then
        pass "signature blocks kept on one page ($n layouts)"
    else
        fail "signature blocks: $n PDFs, split in:$split"
    fi
else
    skip "LibreOffice (soffice) or poppler-utils not installed: PDF rendering of DOCX and ODT not checked"
fi

if has_tool chromium && has_tool pdftotext; then
    timeout 120 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$T/chromium" \
        --print-to-pdf="$T/html.pdf" "file://$OUT/form.html" >"$T/chromium.log" 2>&1
    if [ -s "$T/html.pdf" ] && pdftotext "$T/html.pdf" - | grep -q '保密切結書' &&
       pdfinfo "$T/html.pdf" | grep -q '^Page size:.*(A4)' && [ "$(pdfinfo "$T/html.pdf" | sed -n 's/^Pages: *//p')" = 2 ]; then
        pass "html prints on two A4 pages"
    else
        fail "html print: $(pdfinfo "$T/html.pdf" 2>&1 | grep -E 'Pages|size' | tr '\n' ' ')"
    fi
else
    skip "chromium not installed: HTML printing not checked"
fi

finish
