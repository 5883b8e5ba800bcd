# annotate.sh — clausekit check --annotate: review comments and tracked
# insertions in a copy of the contract, the original untouched.
. "$(dirname "$0")/lib.sh"
export CLAUSEKIT_DATA="$TOP"
S="$TOP/samples"

entries() { # entries FILE: "compressed-size crc name" per entry, sorted
    unzip -v "$1" | awk 'NR > 3 && $8 != "" && $1 ~ /^[0-9]+$/ { print $3, $7, $8 }' | sort -k3
}

# --- DOCX with Word automatic numbering -------------------------------------
cp "$S/maintenance-contract.docx" "$T/in.docx"
before=$(sha256sum <"$T/in.docx")
run "$CK" check "$T/in.docx" --annotate "$T/rev.docx"
if [ $rc -eq 1 ] && [ -f "$T/rev.docx" ]; then pass "annotated copy written, exit 1 for gaps"; else fail "annotate: exit $rc: $(cat "$T/err")"; fi
if [ "$(sha256sum <"$T/in.docx")" = "$before" ]; then pass "input unchanged"; else fail "input was modified"; fi

unzip -p "$T/rev.docx" word/comments.xml >"$T/comments.xml" 2>/dev/null
unzip -p "$T/rev.docx" word/document.xml >"$T/document.xml"
if grep -q '【3.4.1.3】' "$T/comments.xml" && sed 's/<[^>]*>//g' "$T/comments.xml" | grep -Eq '建議補充：第三方稽核單位|could also state: a third-party auditor'; then pass "a clause without its further element commented with the suggestion"; else fail "no suggestion comment for 3.4.1.3"; fi
if grep -q '【3.4.1.12】' "$T/comments.xml" && grep -q 'w:author="clausekit"' "$T/document.xml"; then
    pass "missing requirement inserted as a tracked change with its comment"
else
    fail "no tracked insertion for the missing 3.4.1.12"
fi
if grep -q 'w:initials="CKS"' "$T/comments.xml"; then pass "summary comment"; else fail "no summary comment"; fi
if xmllint --noout "$T/comments.xml" "$T/document.xml" 2>/dev/null; then pass "parts well-formed"; else fail "parts not well-formed"; fi
ids=$(grep -o 'w:id="[0-9]*"' "$T/comments.xml" | sort | uniq -d)
if [ -z "$ids" ]; then pass "comment ids unique"; else fail "duplicate comment ids: $ids"; fi
if unzip -p "$T/rev.docx" '\[Content_Types\].xml' | grep -q 'comments+xml' &&
   unzip -p "$T/rev.docx" word/_rels/document.xml.rels | grep -q 'comments.xml'; then
    pass "content type and relationship for comments"
else
    fail "comments part not declared"
fi

# Untouched parts: the same compressed bytes (size and CRC of the stored data).
entries "$T/in.docx" | grep -v -e ' word/document.xml$' -e ' word/comments.xml$' \
    -e ' word/_rels/document.xml.rels$' -e ' \[Content_Types\].xml$' >"$T/a"
entries "$T/rev.docx" | grep -v -e ' word/document.xml$' -e ' word/comments.xml$' \
    -e ' word/_rels/document.xml.rels$' -e ' \[Content_Types\].xml$' >"$T/b"
if [ -s "$T/a" ] && cmp -s "$T/a" "$T/b"; then pass "untouched parts copied byte for byte"; else fail "untouched parts differ: $(diff "$T/a" "$T/b" | head -5)"; fi
for part in word/styles.xml word/numbering.xml; do
    unzip -p "$T/in.docx" "$part" >"$T/p1"
    unzip -p "$T/rev.docx" "$part" >"$T/p2"
    if [ -s "$T/p1" ] && cmp -s "$T/p1" "$T/p2"; then
        pass "$part identical"
    else
        fail "$part differs"
    fi
done

# Running again on its own output does not pile up.
run "$CK" check "$T/rev.docx" --annotate "$T/rev2.docx"
n1=$(grep -o '<w:comment ' "$T/comments.xml" | wc -l)
n2=$(unzip -p "$T/rev2.docx" word/comments.xml | grep -o '<w:comment ' | wc -l)
if [ "$n1" -gt 0 ] && [ "$n1" -eq "$n2" ]; then pass "second run adds no duplicate comments ($n1)"; else fail "comments $n1 then $n2"; fi
i1=$(grep -o '<w:ins ' "$T/document.xml" | wc -l)
i2=$(unzip -p "$T/rev2.docx" word/document.xml | grep -o '<w:ins ' | wc -l)
if [ "$i1" -eq "$i2" ]; then pass "second run inserts nothing again"; else fail "insertions $i1 then $i2"; fi

# --annotate-all comments present findings too.
run "$CK" check "$T/in.docx" --annotate "$T/all.docx" --annotate-all
na=$(unzip -p "$T/all.docx" word/comments.xml | grep -o '<w:comment ' | wc -l)
if [ "$na" -gt "$n1" ]; then pass "--annotate-all comments met requirements ($na > $n1)"; else fail "--annotate-all: $na comments"; fi

# --- DOCX with existing comments, tracked changes and split runs --------------
cp "$S/draft-with-changes.docx" "$T/draft.docx"
run "$CK" check "$T/draft.docx" --annotate "$T/draft-rev.docx"
old_comments=$(unzip -p "$T/draft.docx" word/comments.xml | grep -o '<w:comment ' | wc -l)
new_comments=$(unzip -p "$T/draft-rev.docx" word/comments.xml | grep -o '<w:comment ' | wc -l)
old_text=$(unzip -p "$T/draft.docx" word/comments.xml | sed 's/<[^>]*>//g')
if [ "$new_comments" -gt "$old_comments" ] && unzip -p "$T/draft-rev.docx" word/comments.xml | sed 's/<[^>]*>//g' | grep -qF "$old_text"; then
    pass "existing comments kept, ours added"
else
    fail "existing comments: $old_comments before, $new_comments after"
fi
for tag in '<w:del ' '<w:moveFrom ' '<w:delText'; do
    a=$(unzip -p "$T/draft.docx" word/document.xml | grep -o "$tag" | wc -l)
    b=$(unzip -p "$T/draft-rev.docx" word/document.xml | grep -o "$tag" | wc -l)
    if [ "$a" -eq "$b" ]; then pass "existing $tag kept ($a)"; else fail "$tag: $a before, $b after"; fi
done
a=$(unzip -p "$T/draft.docx" word/document.xml | grep -o 'w:author="[^"]*"' | grep -vc clausekit)
b=$(unzip -p "$T/draft-rev.docx" word/document.xml | grep -o 'w:author="[^"]*"' | grep -vc clausekit)
if [ "$a" -eq "$b" ]; then pass "other authors' changes kept"; else fail "authors: $a before, $b after"; fi

# Evidence that Word split over many runs (rsids, proofing marks): a comment
# range opens before the first run and closes after the last.
run "$CK" check "$T/draft.docx" --annotate "$T/draft-all.docx" --annotate-all
unzip -p "$T/draft-all.docx" word/document.xml >"$T/draft-all.xml"
spans=$(sed 's/>/>\n/g' "$T/draft-all.xml" | awk '
    /<w:commentRangeStart/ { open = 1; runs = 0; proof = 0 }
    open && /<w:r[ >]/ { runs++ }
    open && /<w:proofErr/ { proof = 1 }
    /<w:commentRangeEnd/ { if (runs >= 3 && proof) n++; open = 0 }
    END { print n + 0 }')
if [ "$spans" -ge 1 ]; then pass "a comment spans evidence split over runs and proofing marks ($spans)"; else fail "no comment spans split runs"; fi

# --- ODT -------------------------------------------------------------------------
cp "$S/service-contract.odt" "$T/svc.odt"
run "$CK" check "$T/svc.odt" --annotate "$T/svc-rev.odt"
unzip -p "$T/svc-rev.odt" content.xml >"$T/content.xml"
if [ -f "$T/svc-rev.odt" ] && grep -q '<office:annotation ' "$T/content.xml" && xmllint --noout "$T/content.xml" 2>/dev/null; then
    pass "ODT annotations"
else
    fail "ODT annotate: exit $rc $(cat "$T/err")"
fi
if [ "$(unzip -Z1 "$T/svc-rev.odt" | head -n 1)" = mimetype ]; then pass "ODT mimetype first"; else fail "ODT mimetype not first"; fi

# An existing copy (perhaps already reviewed) is kept unless --force.
sum_rev=$(sha256sum <"$T/rev.docx")
run "$CK" check "$T/in.docx" --annotate "$T/rev.docx"
expect_error "existing copy kept" 2 "rev.docx: the file exists; add --force"
if [ "$(sha256sum <"$T/rev.docx")" = "$sum_rev" ] && [ ! -s "$T/out" ]; then pass "existing copy untouched, no report"; else fail "existing copy changed"; fi
run "$CK" check "$T/in.docx" --annotate "$T/rev.docx" --force
if [ $rc -eq 1 ] && unzip -p "$T/rev.docx" word/comments.xml | grep -q '【3.4.1.3】'; then pass "--force replaces it"; else fail "--force: exit $rc $(cat "$T/err")"; fi

# --- usage errors ----------------------------------------------------------------
run "$CK" check "$T/in.docx" "$T/draft.docx" --annotate "$T/x.docx"
expect_error "--annotate with two contracts" 2 "one contract at a time"
run "$CK" check "$T/in.docx" --annotate "$T/x.odt"
expect_error "--annotate with another format" 2 "must be .docx or .odt like the contract"
run "$CK" check "$T/in.docx" --annotate "$T/in.docx"
expect_error "--annotate onto the input" 2 "cannot replace the original"
if [ ! -s "$T/out" ]; then pass "refused before any report is printed"; else fail "a report was printed before the refusal"; fi
if [ "$(sha256sum <"$T/in.docx")" = "$before" ]; then pass "input unchanged after refusal"; else fail "input modified"; fi
run "$CK" check "$T/in.docx" --annotate "$T/no/such/dir/x.docx"
expect_error "--annotate into a missing folder" 2 "cannot write"
if ls "$T" | grep -q '\.ck-'; then fail "temporary file left behind"; else pass "no temporary files left"; fi

# --- LibreOffice opens the copies and sees comments and tracked changes -------
if has_tool soffice; then
    lo="-env:UserInstallation=file://$T/lo"
    timeout 300 soffice "$lo" --headless --convert-to odt --outdir "$T/lo-out" "$T/rev.docx" >/dev/null 2>&1
    timeout 300 soffice "$lo" --headless --convert-to docx --outdir "$T/lo-out" "$T/svc-rev.odt" >/dev/null 2>&1
    ann=$(unzip -p "$T/lo-out/rev.odt" content.xml 2>/dev/null | grep -o '<office:annotation ' | wc -l)
    chg=$(unzip -p "$T/lo-out/rev.odt" content.xml 2>/dev/null | grep -o '<text:changed-region' | wc -l)
    if [ "$ann" -eq "$n1" ] && [ "$chg" -ge 1 ]; then
        pass "LibreOffice reads $ann comments and $chg tracked changes from the DOCX"
    else
        fail "LibreOffice read $ann comments (want $n1), $chg changes"
    fi
    lo_comments=$(unzip -p "$T/lo-out/svc-rev.docx" word/comments.xml 2>/dev/null | grep -o '<w:comment ' | wc -l)
    ours=$(grep -o '<office:annotation ' "$T/content.xml" | wc -l)
    if [ "$lo_comments" -eq "$ours" ]; then pass "LibreOffice reads the ODT's $ours comments"; else fail "ODT: $lo_comments of $ours comments"; fi
    timeout 300 soffice "$lo" --headless --convert-to pdf --outdir "$T/lo-out" "$T/rev.docx" >/dev/null 2>&1
    clause=$(sed -n 's/.*<w:ins [^>]*w:author="clausekit"[^>]*><w:r><w:t xml:space="preserve">\([^<]*\)<.*/\1/p' "$T/document.xml" | head -c 30)
    if pdftotext "$T/lo-out/rev.pdf" - 2>/dev/null | tr -d ' \n' | grep -qF "$(printf '%s' "$clause" | tr -d ' ' | cut -c1-8)"; then
        pass "inserted clause rendered in the PDF"
    else
        fail "inserted clause not in the rendered PDF"
    fi
else
    skip "LibreOffice not installed: opening the annotated copies is not checked"
fi

# Where the copy went: said after the report on a terminal, never in a pipe.
run "$CK" check --annotate "$T/said.docx" "$TOP/samples/maintenance-contract.docx"
if [ -f "$T/said.docx" ] && [ ! -s "$T/err" ]; then pass "--annotate in a pipe: nothing on stderr"; else fail "--annotate in a pipe: $(cat "$T/err")"; fi
if has_tool script; then
    script -qec "'$CK' check --annotate '$T/said-tty.docx' '$TOP/samples/maintenance-contract.docx'" /dev/null >"$T/tty.out" 2>&1
    if tail -n 1 "$T/tty.out" | tr -d '\r' | grep -qx "annotated copy written: $T/said-tty.docx"; then
        pass "--annotate on a terminal: the copy's name after the report"
    else
        fail "--annotate on a terminal: $(tail -n 2 "$T/tty.out")"
    fi
fi

# ---- where a missing clause goes -----------------------------------------------
# paragraphs FILE.docx: the text of each paragraph of the body, one a line, in order.
paragraphs() {
    unzip -p "$1" word/document.xml | sed 's/<w:p[ >]/\n&/g' | sed 's/<w:delText[^>]*>[^<]*<\/w:delText>//g; s/<[^>]*>//g'
}
# line_of FILE TEXT: the number of the last line holding TEXT (0 when none):
# headings also stand in the table of contents at the top.
line_of() {
    n=$(grep -n -F -- "$2" "$1" | tail -n 1 | cut -d: -f1)
    echo "${n:-0}"
}
# A pack whose two requirements the sample lacks: one on the topic of an
# article (its heading 第十九條 契約終止時之返還及清除), one no article is about.
cat >"$T/placement.yaml" <<'YAML'
pack:
  id: placement
  version: '1'
  title: {zh: 位置測試, en: Placement}
  source: tests
definitions:
  agency: [甲方]
  vendor: [乙方]
rules:
  - id: P.1
    title: {zh: 終止時之返還證明, en: Proof of return at termination}
    source: tests
    severity: required
    elements:
      - name: {zh: 返還證明, en: proof of return}
        topic: true
        patterns: ['返還證明書']
    advice: {zh: 乙方應於返還後出具返還證明書。, en: Proof of return.}
    audit: {zh: 證明？, en: Proof?}
  - id: P.2
    title: {zh: 火星基地, en: Mars base}
    source: tests
    severity: required
    elements:
      - name: {zh: 火星, en: Mars}
        topic: true
        patterns: ['火星基地']
    advice: {zh: 乙方不得於火星基地履約。, en: Not on Mars.}
    audit: {zh: 火星？, en: Mars?}
YAML
run env CLAUSEKIT_LANG=zh-TW "$CK" check --pack "$T/placement.yaml" "$S/maintenance-contract.docx" \
    --annotate "$T/placed.docx"
paragraphs "$T/placed.docx" >"$T/placed.txt"
art19=$(line_of "$T/placed.txt" '契約終止時之返還及清除') art20=$(line_of "$T/placed.txt" '契約變更、轉讓及終止')
p1=$(line_of "$T/placed.txt" '乙方應於返還後出具返還證明書。')
if [ $rc -eq 1 ] && [ "$art19" -gt 0 ] && [ "$art19" -lt "$p1" ] && [ "$p1" -lt "$art20" ]; then
    pass "a missing clause lies inside the article on its topic (第十九條, before 第二十條)"
else
    fail "clause on a topic: line $p1, 第十九條 at $art19, 第二十條 at $art20: $(head -c 300 "$T/err")"
fi
last=$(line_of "$T/placed.txt" '本契約正本二份') section=$(line_of "$T/placed.txt" '補充條款（審查建議）')
p2=$(line_of "$T/placed.txt" '乙方不得於火星基地履約。') sign=$(line_of "$T/placed.txt" '甲方：河川資源署')
annex=$(line_of "$T/placed.txt" '附件一　維護服務項目')
if [ "$last" -gt 0 ] && [ "$last" -lt "$section" ] && [ "$section" -lt "$p2" ] && [ "$p2" -lt "$sign" ] &&
   [ "$sign" -lt "$annex" ]; then
    pass "補充條款 follows the last article's text and comes before the signature block and the annex"
else
    fail "補充條款: last article text $last, section $section, clause $p2, signatures $sign, annex $annex"
fi
unzip -p "$T/placed.docx" word/comments.xml >"$T/placed-comments.xml"
if grep -q '置於第十九條（契約終止時之返還及清除）末' "$T/placed-comments.xml" &&
   grep -q '置於最後一條之後、簽署欄及附件之前' "$T/placed-comments.xml"; then
    pass "each inserted clause's comment says why it was placed there"
else
    fail "placement reasons: $(grep -o '置於[^<]*' "$T/placed-comments.xml" | head -3)"
fi
# The same in an ODT contract: before its signatures and annexes, never after.
# Its articles are one list whose last item also holds the signatures.
run "$CK" check --pack "$T/placement.yaml" "$S/service-contract.odt" --annotate "$T/placed.odt"
unzip -p "$T/placed.odt" content.xml | sed 's/<text:[ph][ >]/\n&/g' | sed 's/<[^>]*>//g' >"$T/placed-odt.txt"
section=$(line_of "$T/placed-odt.txt" '補充條款（審查建議）') last=$(line_of "$T/placed-odt.txt" '乙方應遵守甲方資通安全管理制度')
p2=$(line_of "$T/placed-odt.txt" '乙方不得於火星基地履約。') sign=$(line_of "$T/placed-odt.txt" '甲方：河川資源署北岸管理分署')
if [ "$last" -gt 0 ] && [ "$last" -lt "$section" ] && [ "$section" -lt "$p2" ] && [ "$p2" -lt "$sign" ] &&
   unzip -p "$T/placed.odt" content.xml | xmllint --noout - 2>/dev/null; then
    pass "ODT: 補充條款 after the last article's text, before the signatures, well-formed"
else
    fail "ODT 補充條款: last article text $last, section $section, clause $p2, signatures $sign"
fi

finish
