# bad-input.sh — every broken or hostile file gets one line on stderr that
# names the file and what to do, exit status 2, no crash, no hang, and
# nothing on stdout.
. "$(dirname "$0")/lib.sh"
MK=${CK_BUILD:-$TOP/build}/tests/e2e/mkhostile

bad() { # bad KIND FILE_NAME REGEX
    kind=$1 name=$2 pattern=$3
    if ! "$MK" "$kind" "$T/$name" 2>"$T/mk.err"; then
        fail "$kind: could not make the input: $(cat "$T/mk.err")"
        return
    fi
    run timeout 120 "$CK" extract "$T/$name"
    if [ -s "$T/out" ]; then
        fail "$kind: wrote to stdout: $(head -c 200 "$T/out")"
        return
    fi
    expect_error "$kind" 2 "^clausekit: $T/$name(:[^ ]*)?: .*($pattern)"
}

bad empty            empty.docx        "empty"
bad text             notes.docx        "not a DOCX or ODT file"
bad truncated        cut.docx          "damaged or incomplete"
bad legacy-doc       old.doc           "legacy Word 97-2003.*save it as .docx"
bad encrypted-office secret.docx       "password-protected.*unprotected .docx"
bad no-main          photos.docx       "no Word or OpenDocument main document"
bad rels-nowhere     hollow.docx       "main document|has no"
bad rels-traversal   escape.docx       "main document|has no|outside"
bad bomb             bomb.docx         "zip bomb"
bad bomb-lying       liar.docx         "zip bomb|damaged"
bad bomb-2g          bomb2g.docx       "zip bomb"
bad bomb-2g-lying    liar2g.docx       "zip bomb|damaged"
bad long-paragraph   endless.docx      "one paragraph holds more than 1 MB"
bad many-entries     crowd.docx        "too many entries"
bad doctype          laughs.docx       "DOCTYPE"
bad external-entity  xxe.docx          "DOCTYPE"
bad deep             deep.docx         "nested too deeply"
bad bad-utf8         mojibake.docx     "not valid UTF-8"
bad duplicate        twins.docx        "two entries named"
bad overlap          overlap.docx      "damaged"
bad encrypted-odt    secret.odt        "password"
bad zip-encrypted    locked.docx       "encrypted"
bad ods              sheet.docx        "not a text document"

# Messages are in zh-TW by default too, still one line naming the file.
"$MK" legacy-doc "$T/舊契約.doc"
run env CLAUSEKIT_LANG=zh-TW "$CK" extract "$T/舊契約.doc"
expect_error "zh-TW message" 2 "^clausekit: $T/舊契約.doc: 這是舊版 Word 97-2003"

run "$CK" extract "$T/does-not-exist.docx"
expect_error "missing file" 2 "does-not-exist.docx: no such file"

# What a clerk hands over by mistake: a folder, a PDF or RTF renamed to
# .docx. Each is named for what it is, not as a damaged or empty file.
mkdir -p "$T/契約 資料夾"
run "$CK" check "$T/契約 資料夾"
expect_error "a folder instead of a contract" 2 "契約 資料夾: this is a folder, not a file"
printf '%%PDF-1.7\n%%\342\343\317\323\n' >"$T/掃描 契約.docx"
run "$CK" check "$T/掃描 契約.docx"
expect_error "a PDF renamed to .docx" 2 "掃描 契約.docx: this is a PDF file, not DOCX or ODT"
printf '{\\rtf1\\ansi x}' >"$T/saved.docx"
run "$CK" extract "$T/saved.docx"
expect_error "an RTF file named .docx" 2 "saved.docx: this is an RTF file"

# The wrong Office file: the roster picked instead of the contract.
cp "$TOP/samples/roster.xlsx" "$T/名冊 誤選.docx"
run "$CK" check "$T/名冊 誤選.docx"
expect_error "an Excel workbook named .docx" 2 "名冊 誤選.docx: this is an Excel workbook \(.xlsx\), not a Word document"

# System errors are told in the user's language too.
run env CLAUSEKIT_LANG=zh-TW "$CK" check -o "$T/no-such-folder/r.html" --format html "$TOP/samples/maintenance-contract.docx"
expect_error "unwritable output in zh-TW, no English" 2 "r.html: 無法寫入檔案（找不到檔案或資料夾）"

# The external entity was never resolved: nothing of /etc/passwd anywhere.
"$MK" external-entity "$T/xxe2.docx"
run "$CK" extract --format json "$T/xxe2.docx"
if grep -q 'root:' "$T/out" "$T/err"; then fail "external entity was read"; else pass "external entity never read"; fi

# A good file next to a bad one: the good one is printed whole, the bad one
# gets its line, and the status is 2.
"$MK" valid "$T/good.docx"
run "$CK" extract "$T/empty.docx" "$T/good.docx"
if [ $rc -eq 2 ] && grep -q '第一條' "$T/out" && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q 'empty.docx' "$T/err"; then
    pass "good and bad file together"
else
    fail "good and bad file together: rc=$rc err=$(cat "$T/err")"
fi

finish
