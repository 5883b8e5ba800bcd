# privacy.sh — a person's number (身分證字號, 居留證號) that validates is
# masked in every message and every report, whatever column or clause it
# is in; only the forms carry it in full.
. "$(dirname "$0")/lib.sh"
export CLAUSEKIT_DATA="$TOP"

FULL=A123456789
MASKED='A12345(\\?\*){4}'          # Markdown escapes the asterisks
WIDE='Ｂ２０００００００４'          # B200000004 typed full-width
WIDE_MASKED='Ｂ２００００＊＊＊＊'

# leaks FILE...: the full numbers in any of the files
leaks() { grep -l -e "$FULL" -e "$WIDE" -e B200000004 "$@" 2>/dev/null; }

# ---- check: evidence quoted in every report format ----------------------------
mkdir -p "$T/pkg"
(cd "$T/pkg" && unzip -q "$TOP/samples/maintenance-contract.docx")
sed -i -e "s/經公開招標由乙方得標/經公開招標由乙方（負責人身分證統一編號$FULL）得標/" \
    -e "s/甲方得定期或不定期派員稽核乙方履行/甲方得定期或不定期派員稽核乙方（聯絡人$FULL）履行/" \
    -e "s/契約價金總額為新臺幣/聯絡人$WIDE，契約價金總額為新臺幣/" "$T/pkg/word/document.xml"
(cd "$T/pkg" && zip -q -X -r "$T/ids.docx" '[Content_Types].xml' _rels docProps word)
if ! grep -q "$FULL" "$T/pkg/word/document.xml"; then
    fail "the test contract does not hold the number"
fi
for fmt in text md html json; do
    run "$CK" check "$T/ids.docx" --format "$fmt"
    if [ $rc -ne 1 ]; then
        fail "check --format $fmt: exit $rc; $(head -c 200 "$T/err")"
    elif leaks "$T/out" >/dev/null; then
        fail "check --format $fmt quotes a full number: $(grep -o ".\{0,20\}$FULL.\{0,5\}" "$T/out" | head -1)"
    elif ! grep -Eq "$MASKED" "$T/out"; then
        fail "check --format $fmt: the clause with the number is not quoted (test is void)"
    else
        pass "check --format $fmt: a number in a clause is masked"
    fi
done
run "$CK" check "$T/ids.docx" --explain 3.4.1.3
if leaks "$T/out" >/dev/null; then
    fail "check --explain quotes a full number: $(grep -o ".\{0,20\}$FULL.\{0,5\}" "$T/out" | head -1)"
elif ! grep -Eq "$MASKED" "$T/out"; then
    fail "check --explain: the sentence with the number is not quoted (test is void)"
else
    pass "check --explain: a number in a traced sentence is masked"
fi
run "$CK" check "$T/ids.docx" --format json
if grep -q "$WIDE_MASKED" "$T/out"; then
    pass "a full-width number is masked too, with full-width asterisks"
else
    fail "full-width number: $(grep -o '聯絡人.\{0,12\}' "$T/out" | head -1)"
fi
# The matched words are still marked where they were: masking keeps offsets.
run "$CK" check "$T/ids.docx" --format html
if grep -q '<mark>' "$T/out" && ! grep -q '<mark>[^<]*\*\*\*\*[^<]*</mark>\*' "$T/out"; then
    pass "html: marks still fall on whole words after masking"
else
    fail "html marks after masking"
fi
run "$CK" check "$T/ids.docx" -o "$T/ids-report.md"
if [ $rc -eq 1 ] && ! leaks "$T/ids-report.md" >/dev/null && grep -Eq "$MASKED" "$T/ids-report.md"; then
    pass "check -o FILE.md: masked in the file too"
else
    fail "check -o FILE.md: exit $rc"
fi

# ---- forms: roster messages, whatever column the number is in ------------------
H='機關名稱,公司名稱,統一編號,專案名稱,姓名,身分證字號,簽署日期'
printf '%s\n機關,甲,%s,案,王小明,A100000001,115/11/23\n' "$H" "$FULL" >"$T/in-ubn.csv"
printf '%s\n機關,甲,24681353,案,王小明,A100000001,%s\n' "$H" "$FULL" >"$T/in-date.csv"
printf '%s\n機關,甲,24681353,案,%s,A100000001,115/11/23\n' "$H" "$FULL" >"$T/in-name.csv"
printf '機關,甲,24681353,案,王小明,%s,115/11/23\n機關,乙,24681353,案,陳美玲,B200000004,115/11/23\n' "$FULL" >"$T/no-header.csv"
for lang in en zh-TW; do
    for case in in-ubn in-date no-header; do
        run env CLAUSEKIT_LANG=$lang "$CK" forms 4-016 --data "$T/$case.csv" -o "$T/out-$case"
        if [ $rc -ne 2 ]; then
            fail "$lang $case: exit $rc, want 2; $(head -c 200 "$T/err")"
        elif leaks "$T/err" >/dev/null; then
            fail "$lang $case: the message quotes the full number: $(head -c 300 "$T/err")"
        elif ! grep -Eq "$MASKED" "$T/err"; then
            fail "$lang $case: the message does not show the masked number: $(head -c 300 "$T/err")"
        else
            pass "$lang $case: the number is masked in the message"
        fi
    done
done
# A number in the name column is not an error: it goes on the form in full.
run "$CK" forms 4-016 --data "$T/in-name.csv" -o "$T/named" --format md
if [ $rc -eq 0 ] && grep -rq "$FULL" "$T/named" && ! leaks "$T/out" "$T/err" >/dev/null; then
    pass "the form carries the number in full; the listing does not"
else
    fail "number in a name: exit $rc; $(cat "$T/out" "$T/err" | head -c 300)"
fi

finish
