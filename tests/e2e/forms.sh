# forms.sh — `clausekit forms`: every form in every format from the sample
# rosters and records, validation before writing, names, --force, --zip,
# --merge, --from-check, and (where LibreOffice is installed) the PDF text.
. "$(dirname "$0")/lib.sh"

S="$TOP/samples"

# the text of the main part of a package or the file itself
body() {
    case $1 in
        *.docx) unzip -p "$1" word/document.xml ;;
        *.odt) unzip -p "$1" content.xml ;;
        *) cat "$1" ;;
    esac
}

# has_all FILE TEXT...: the file's main part holds every TEXT
has_all() {
    f=$1; shift
    b=$(body "$f") || return 1
    for want in "$@"; do
        case $b in *"$want"*) ;; *) echo "missing '$want' in $f" >&2; return 1 ;; esac
    done
}

count_files() { find "$1" -type f 2>/dev/null | wc -l | tr -d ' '; }

# ---- listing ----------------------------------------------------------------
run "$CK" forms list
if [ $rc -eq 0 ] && grep -q '^4-016 ' "$T/out" && grep -q '^4-017 ' "$T/out" && grep -q '^4-018 ' "$T/out"; then
    pass "forms list shows 4-016, 4-017, 4-018"
else
    fail "forms list: exit $rc $(cat "$T/out" "$T/err")"
fi

# ---- every form, every format, every data kind -------------------------------
for form in 4-016 4-017; do
    for fmt in docx odt html md; do
        out="$T/$form-$fmt"
        run "$CK" forms "$form" --data "$S/roster.csv" --format "$fmt" -o "$out"
        if [ $rc -eq 0 ] && [ "$(count_files "$out")" = 8 ] &&
            has_all "$out/$form-王小明.$fmt" 王小明 A100000001 甲乙資訊股份有限公司 115年度資訊系統維運案 \
                "中華民國115年11月23日" 專案經理 &&
            has_all "$out/$form-山田太郎.$fmt" 山田太郎 AC00000003 "中華民國115年11月26日" &&
            has_all "$out/$form-李淑芬.$fmt" "中華民國＿＿＿年＿＿月＿＿日"; then
            pass "$form $fmt from roster.csv: 8 files with the filled values"
        else
            fail "$form $fmt from roster.csv: exit $rc, $(count_files "$out") files; $(head -c 300 "$T/err")"
        fi
    done
done

for data in roster.xlsx roster.ods; do
    out="$T/$data"
    run "$CK" forms 4-016 --data "$S/$data" -o "$out"
    if [ $rc -eq 0 ] && [ "$(count_files "$out")" = 8 ] && has_all "$out/4-016-陳美玲.docx" 陳美玲 B200000004; then
        pass "4-016 from $data"
    else
        fail "4-016 from $data: exit $rc; $(head -c 300 "$T/err")"
    fi
done

for data in record.yaml record.json; do
    run "$CK" forms 4-017 --data "$S/$data" -o "$T/one-$data.odt" --format odt
    if [ $rc -eq 0 ] && has_all "$T/one-$data.odt" 王小明 A100000001 "中華民國115年11月23日" 24681353; then
        pass "4-017 from $data to one file"
    else
        fail "4-017 from $data: exit $rc; $(head -c 300 "$T/err")"
    fi
done

printf '機關名稱,公司名稱,專案名稱,姓名,身分證字號\r\n' >"$T/header-only.csv"
run "$CK" forms 4-016 --data "$T/header-only.csv" -o "$T/header-only"
expect_error "a roster with only its header says what to fill in" 2 "header-only.csv: the roster or record file holds no rows; in a roster, fill in one person a row"

# A record file's mistake is placed on the value's own line.
printf '機關名稱: 範例機關\n公司名稱: 甲公司\n專案名稱: 案A\n姓名: 林一\n身分證字號: A100000001\n簽署日期: 2026/02/29\n' >"$T/leap.yaml"
run "$CK" forms 4-016 --data "$T/leap.yaml" -o "$T/leap.docx"
if [ $rc -eq 2 ] && grep -q "leap.yaml:6: 簽署日期 '2026/02/29' is not a real date" "$T/err"; then
    pass "a YAML record's error names the value's line"
else
    fail "YAML record line: $(cat "$T/err")"
fi

# 4-017 for a signer without a job title still reads as a sentence.
printf '機關名稱: 範例機關\n公司名稱: 甲公司\n專案名稱: 案A\n姓名: 林一\n身分證字號: A100000001\n' >"$T/no-title.yaml"
run "$CK" forms 4-017 --data "$T/no-title.yaml" --format md -o "$T/no-title.md"
if [ $rc -eq 0 ] && grep -q '為甲公司（以下簡稱「廠商」）之執行人員，參與範例機關' "$T/no-title.md"; then
    pass "4-017 without 職稱: 之執行人員"
else
    fail "4-017 without 職稱: $(grep '^本人' "$T/no-title.md")"
fi

# ---- 4-018 -------------------------------------------------------------------
cat >"$T/audit.yaml" <<'EOF'
機關名稱: 範例市政府資訊中心
受稽核廠商: 甲乙資訊股份有限公司
案名: 115年度資訊系統維運案
稽核日期: 2026-11-30
稽核人員: 陳大文、林小華
陪同人員: 王小明
EOF
for fmt in docx odt html md; do
    run "$CK" forms 4-018 --data "$T/audit.yaml" --format "$fmt" -o "$T/audit.$fmt"
    if [ $rc -eq 0 ] && has_all "$T/audit.$fmt" 甲乙資訊股份有限公司 "中華民國115年11月30日" 陳大文 林小華 \
        稽核項目 不適用 "3.4.1.3" "□"; then
        pass "4-018 $fmt: header, auditors and the rule packs' audit items"
    else
        fail "4-018 $fmt: exit $rc; $(head -c 300 "$T/err")"
    fi
done
# one signature line per auditor
if [ "$(grep -c '稽核人員（簽章）' "$T/audit.md")" = 2 ]; then pass "4-018: a signature line per auditor"; else fail "4-018 signature lines"; fi
# ... each a paragraph of its own, not two lines run together in one
if [ "$(grep -o '<p[^>]*>稽核人員（簽章）：[^<]*</p>' "$T/audit.html" | wc -l)" = 2 ]; then
    pass "4-018: each auditor signs on a paragraph of their own"
else
    fail "4-018: signature paragraphs: $(grep -o '.\{0,30\}稽核人員（簽章）.\{0,80\}' "$T/audit.html" | head -3)"
fi

cat >"$T/check.json" <<'EOF'
{"findings": [
  {"id": "3.4.1.3", "status": "present", "evidence": [{"location": "第十二條 第二項"}]},
  {"id": "3.4.1.6", "status": "missing", "evidence": []},
  {"id": "3.4.1.8", "status": "not_applicable", "evidence": []}
]}
EOF
run "$CK" forms 4-018 --data "$T/audit.yaml" --format md -o "$T/checked.md" --from-check "$T/check.json"
if [ $rc -eq 0 ] && grep -q '3.4.1.3）* *| ■ | □ | □ | 契約已訂定（見第十二條 第二項）' "$T/checked.md" &&
    grep -q '3.4.1.6）* *| □ | ■ | □ | 契約未見相關條文' "$T/checked.md" &&
    grep -q '3.4.1.8）* *| □ | □ | ■ |' "$T/checked.md"; then
    pass "4-018 --from-check marks items and names the evidence"
else
    fail "4-018 --from-check: exit $rc; $(grep '3.4.1.3' "$T/checked.md" | head -c 300)"
fi
run "$CK" forms 4-016 --data "$S/record.yaml" -o "$T/x.docx" --from-check "$T/check.json"
expect_error "--from-check on a form without a checklist" 2 "from-check"
printf '# 契約條款檢查報告：a.docx\n\n| 項目 | 內容 |\n|---|---|\n' >"$T/report.md"
run "$CK" forms 4-018 --data "$T/audit.yaml" -o "$T/from-md.docx" --from-check "$T/report.md"
expect_error "--from-check given a Markdown report says what it needs" 2 \
    "report.md: this is not the output of clausekit check --format json; make it with clausekit check"

# the real check: every finding marked once, and the counts agree
if "$CK" check --help >/dev/null 2>&1 && [ -f "$S/maintenance-contract.docx" ]; then
    "$CK" check --format json "$S/maintenance-contract.docx" >"$T/real-check.json" 2>/dev/null
    run "$CK" forms 4-018 --data "$T/audit.yaml" --format md -o "$T/real.md" --from-check "$T/real-check.json"
    total=$(grep -o '"total": [0-9]*' "$T/real-check.json" | head -n 1 | grep -o '[0-9]*$')
    present=$(grep -o '"present": [0-9]*' "$T/real-check.json" | head -n 1 | grep -o '[0-9]*$')
    na=$(grep -o '"not_applicable": [0-9]*' "$T/real-check.json" | head -n 1 | grep -o '[0-9]*$')
    rows=$(grep -c '^| [0-9]*\. ' "$T/real.md")
    yes=$(grep -c '| ■ | □ | □ |' "$T/real.md")
    no=$(grep -c '| □ | ■ | □ |' "$T/real.md")
    notapp=$(grep -c '| □ | □ | ■ |' "$T/real.md")
    if [ $rc -eq 0 ] && [ "$rows" = "$total" ] && [ "$yes" = "$present" ] && [ "$notapp" = "$na" ] &&
        [ $((yes + no + notapp)) = "$rows" ]; then
        pass "4-018 from a real check: $rows items, marks agree with the report"
    else
        fail "4-018 from a real check: exit $rc rows=$rows/$total yes=$yes/$present na=$notapp/$na no=$no"
    fi
else
    skip "4-018 from a real check (no check command or sample contract)"
fi

# ---- values are data ---------------------------------------------------------
cat >"$T/evil.yaml" <<'EOF'
機關名稱: "*Star* <b>&amp; | [x](y)"
公司名稱: "A | B | C"
專案名稱: "# heading?"
姓名: "`code` _u_"
身分證字號: A100000001
EOF
run "$CK" forms 4-016 --data "$T/evil.yaml" -o "$T/evil.docx"
if [ $rc -eq 0 ] && has_all "$T/evil.docx" "*Star* &lt;b&gt;&amp;amp; | [x](y)" "A | B | C" "# heading?" "\`code\` _u_"; then
    pass "markup in values comes out literally (docx)"
else
    fail "markup in values: exit $rc"
fi
run "$CK" forms 4-016 --data "$T/evil.yaml" -o "$T/evil.html" --format html
if [ $rc -eq 0 ] && grep -q '\*Star\* &lt;b&gt;&amp;amp; | \[x\](y)' "$T/evil.html" && ! grep -q '<b>' "$T/evil.html"; then
    pass "markup in values comes out literally (html)"
else
    fail "markup in values (html)"
fi

# ---- validation before writing -----------------------------------------------
cat >"$T/bad.csv" <<'EOF'
機關名稱,廠商名稱,統一編號,案名,姓名,身分證字號,簽署日期
機關,甲公司,24681353,案,王小明,A100000001,115/11/23
機關,甲公司,12345678,案,陳美玲,A123456788,115/02/30
機關,甲公司,24681353,案,,A12345678,
機關,甲公司,24681353,案,林志豪,F123456784,
EOF
run "$CK" forms 4-016 --data "$T/bad.csv" -o "$T/bad-out"
if [ $rc -eq 2 ] && [ ! -e "$T/bad-out" ] && [ "$(wc -l <"$T/err")" = 6 ] &&
    grep -q "bad.csv:3: 身分證字號 'A12345\*\*\*\*'" "$T/err" && grep -q "bad.csv:3: 統一編號" "$T/err" &&
    grep -q "bad.csv:3: 簽署日期" "$T/err" && grep -q "bad.csv:4: .*姓名" "$T/err" &&
    grep -q "bad.csv:4: 身分證字號 'A1234\*\*\*\*'" "$T/err"; then
    pass "invalid roster: exit 2, every problem on its own line, nothing written"
else
    fail "invalid roster: exit $rc; $(cat "$T/err")"
fi
if grep -q 'A123456788\|A12345678[^*]' "$T/err"; then fail "an ID appears unmasked in messages"; else pass "IDs masked in messages"; fi

run "$CK" forms 4-016 --data "$T/bad.csv" -o "$T/skip-out" --skip-invalid
if [ $rc -eq 1 ] && [ "$(count_files "$T/skip-out")" = 2 ] && [ -f "$T/skip-out/4-016-王小明.docx" ] &&
    [ -f "$T/skip-out/4-016-林志豪.docx" ]; then
    pass "--skip-invalid writes the valid rows, exit 1"
else
    fail "--skip-invalid: exit $rc; $(ls "$T/skip-out" 2>&1)"
fi

printf '機關,廠商,案名,姓名,身分証字號\n機關,甲,案,王,A100000001\n' >"$T/typo.csv"
run "$CK" forms 4-016 --data "$T/typo.csv" -o "$T/typo-out"
expect_error "unknown column names the closest field" 2 "typo.csv:1: .*身分証字號.*身分證字號"

# Rosters as they come out of Excel: bookkeeping columns, notes in headers, variants.
printf '序號,機關,廠商,案名,姓名（必填）,身份證字號,部門,備註\n1,機關,甲,案,王小明,A100000001,資訊部,\n2,機關,甲,案,陳美玲,B200000004,資訊部,新進\n' >"$T/excel.csv"
run "$CK" --lang zh-TW forms 4-016 --data "$T/excel.csv" -o "$T/excel-out"
if [ $rc -eq 0 ] && [ "$(count_files "$T/excel-out")" = 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] &&
    grep -q '略過記錄用的欄位「序號」、「部門」、「備註」' "$T/err"; then
    pass "bookkeeping columns left out with one note; 姓名（必填） and 身份證字號 accepted"
else
    fail "bookkeeping columns: exit $rc; $(cat "$T/err"); $(ls "$T/excel-out" 2>&1)"
fi

printf '機關,廠商,案名,姓名,身分證字號,住址,電子郵箱,血型\n機關,甲,案,王,A100000001,x,y,z\n' >"$T/unknown.csv"
run "$CK" --lang zh-TW forms 4-016 --data "$T/unknown.csv" -o "$T/unknown-out"
expect_error "every unknown column in one message, a suggestion only where close" 2 \
    "unknown.csv:1: 3 個欄位不是此表單的欄位：「住址」、「電子郵箱」（是否要用「電子郵件」？）、「血型」；"
[ -e "$T/unknown-out" ] && fail "unknown columns: something was written"

printf '機關,廠商,案名,職稱\n機關,甲,案,工程師\n機關,甲,案,經理\n機關,甲,案,顧問\n' >"$T/nocol.csv"
run "$CK" --lang zh-TW forms 4-016 --data "$T/nocol.csv" -o "$T/nocol-out"
expect_error "a missing required column is told once, not once a row" 2 \
    "nocol.csv:1: 名冊沒有必填欄位「姓名」、「身分證字號」的欄"

printf '機關,廠商,案名,姓名,身分證字號\n機關,甲,案,王小明,A100000001\n' >"$T/one.csv"
(cd "$T" && "$CK" forms 4-016 --data one.csv -o nd >/dev/null 2>&1)
if [ -d "$T/nd" ] && [ -f "$T/nd/4-016-王小明.docx" ]; then
    pass "-o NAME without an extension is a folder, also for one row"
else
    fail "-o nd for one row: $(ls -la "$T/nd" 2>&1 | head -3)"
fi

run "$CK" forms 4-099 --data "$S/record.yaml" -o "$T/x.docx"
expect_error "unknown form lists the installed ones" 2 "4-099.*4-016"

run "$CK" forms 4-016 -o "$T/x.docx"
expect_error "no --data" 2 "data"

# A path with a space typed without quotes, --merge into a folder, no -o:
# each says what to type instead, before any data is read.
run "$CK" forms 4-016 --data "$T/名冊" 資料.csv -o "$T/out-folder"
expect_error "an unquoted path with a space" 2 "^clausekit: unexpected argument '資料.csv'; put quotes around a path with spaces"
mkdir -p "$T/merge-folder"
run "$CK" forms 4-016 --data "$TOP/samples/roster.csv" --merge -o "$T/merge-folder"
expect_error "--merge into a folder asks for a file name" 2 "^clausekit: --merge writes one file: give -o a file name \(such as .*merge-folder/all.docx\)"
run "$CK" forms 4-016 --data "$T/沒有 這個.csv"
expect_error "no -o, told before the data is read" 2 "^clausekit: give -o FILE or -o DIR \(or --zip FILE\)"

mkdir -p "$T/名冊 資料夾"
run "$CK" forms 4-016 --data "$T/名冊 資料夾" -o "$T/out-folder"
expect_error "--data a folder" 2 "名冊 資料夾: this is a folder, not a file"
run "$CK" forms 4-016 --data "$T/沒有 這個.csv" -o "$T/out-folder"
expect_error "--data a missing file" 2 "沒有 這個.csv: no such file; check the path and name"
run env CLAUSEKIT_LANG=zh-TW "$CK" forms 4-016 --data "$T/沒有 這個.xlsx" -o "$T/out-folder"
expect_error "--data a missing file, zh-TW" 2 "沒有 這個.xlsx: 找不到檔案；請確認路徑與檔名$"

run "$CK" forms 4-016 --data "$S/roster.csv" -o "$T/roster-by-mistake.docx"
expect_error "-o FILE.docx for a roster of several rows" 2 "roster-by-mistake.docx.*(folder|merge)"

# ---- names, collisions, --force ------------------------------------------------
cat >"$T/dup.csv" <<'EOF'
機關名稱,公司名稱,專案名稱,姓名,身分證字號
機關,甲,案,王小明,A100000001
機關,乙,案,王小明,B200000004
機關,丙,案,王小明,F123456784
機關,丁,案,CON,H222222224
機關,戊,案,../../evil,E101010103
EOF
run "$CK" forms 4-016 --data "$T/dup.csv" -o "$T/dup" --name '{{姓名}}'
if [ $rc -eq 0 ] && [ -f "$T/dup/王小明.docx" ] && [ -f "$T/dup/王小明-2.docx" ] && [ -f "$T/dup/王小明-3.docx" ] &&
    [ -f "$T/dup/_CON.docx" ] && [ -f "$T/dup/_._evil.docx" ] && [ "$(count_files "$T/dup")" = 5 ] &&
    has_all "$T/dup/王小明-2.docx" 乙; then
    pass "repeated names numbered -2, -3; device and traversal names made safe"
else
    fail "names: exit $rc; $(ls "$T/dup" 2>&1)"
fi

run "$CK" forms 4-016 --data "$T/dup.csv" -o "$T/dup-typo" --name '{{姓明}}'
expect_error "--name with a misspelt field suggests the field" 2 "^clausekit: --name uses '姓明'.*did you mean '姓名'"
run "$CK" forms 4-016 --data "$T/dup.csv" -o "$T/dup" --name '{{公司名稱}}-{{身分證字號}}'
if [ $rc -eq 0 ] && [ -f "$T/dup/甲-A10000____.docx" ]; then pass "an ID in --name is masked (and * made safe)"; else fail "ID in --name: $(ls "$T/dup")"; fi

mkdir -p "$T/exist"
echo keep >"$T/exist/4-016-陳美玲.docx"
run "$CK" forms 4-016 --data "$S/roster.csv" -o "$T/exist"
if [ $rc -eq 2 ] && [ "$(count_files "$T/exist")" = 1 ] && [ "$(cat "$T/exist/4-016-陳美玲.docx")" = keep ] &&
    [ "$(wc -l <"$T/err")" = 1 ] && grep -q 'force' "$T/err"; then
    pass "an existing file stops the run before anything is written"
else
    fail "existing file: exit $rc; $(cat "$T/err")"
fi
run "$CK" forms 4-016 --data "$S/roster.csv" -o "$T/exist" --force
if [ $rc -eq 0 ] && [ "$(count_files "$T/exist")" = 8 ] && has_all "$T/exist/4-016-陳美玲.docx" 陳美玲; then
    pass "--force overwrites"
else
    fail "--force: exit $rc"
fi
if ls -a "$T/exist" | grep -q '\.ck-'; then fail "temporary files left behind"; else pass "no temporary files left"; fi

# ---- --zip and --merge -------------------------------------------------------
run "$CK" forms 4-016 --data "$S/roster.csv" --zip "$T/all.zip"
if [ $rc -eq 0 ] && [ "$(unzip -Z1 "$T/all.zip" | wc -l)" = 8 ] && unzip -Z1 "$T/all.zip" | grep -q '^4-016-王小明.docx$' &&
    unzip -p "$T/all.zip" 4-016-王小明.docx >"$T/from-zip.docx" && has_all "$T/from-zip.docx" 王小明 A100000001; then
    pass "--zip holds one document per row"
else
    fail "--zip: exit $rc; $(unzip -Z1 "$T/all.zip" 2>&1 | head -3)"
fi
if ls -a "$T" | grep -q '\.ck-forms'; then fail "--zip left its staging folder"; else pass "--zip leaves no staging folder"; fi
for fmt in odt html md; do
    run "$CK" forms 4-016 --data "$S/roster.csv" --format $fmt --zip "$T/all-$fmt.zip"
    if [ $rc -eq 0 ] && [ "$(unzip -Z1 "$T/all-$fmt.zip" | wc -l)" = 8 ] && unzip -tq "$T/all-$fmt.zip" >/dev/null &&
        unzip -p "$T/all-$fmt.zip" "4-016-王小明.$fmt" >"$T/from-zip.$fmt" && has_all "$T/from-zip.$fmt" 王小明 A100000001; then
        pass "--zip --format $fmt holds one whole document per row"
    else
        fail "--zip --format $fmt: exit $rc; $(unzip -Z1 "$T/all-$fmt.zip" 2>&1 | head -3)"
    fi
done
# the forms in the zip are the files -o writes, byte for byte
run "$CK" forms 4-016 --data "$S/roster.csv" -o "$T/zip-vs-dir"
if unzip -p "$T/all.zip" 4-016-王小明.docx | cmp -s - "$T/zip-vs-dir/4-016-王小明.docx"; then
    pass "--zip holds the same bytes as -o writes"
else
    fail "--zip and -o differ for 4-016-王小明.docx"
fi
run "$CK" forms 4-016 --data "$S/roster.csv" --zip "$T/all.zip"
expect_error "--zip will not overwrite" 2 "all.zip.*force"

for fmt in docx odt html md; do
    run "$CK" forms 4-016 --data "$S/roster.csv" --merge --format "$fmt" -o "$T/merged.$fmt"
    if [ $rc -eq 0 ] && [ "$(count_files "$T" -maxdepth 0)" != 0 ] &&
        has_all "$T/merged.$fmt" 王小明 陳美玲 林志豪 黃雅婷 張家豪 李淑芬 阮文安 山田太郎; then
        pass "--merge $fmt: every person in one file"
    else
        fail "--merge $fmt: exit $rc; $(head -c 300 "$T/err")"
    fi
done
if [ "$(body "$T/merged.docx" | grep -o 'w:type="page"\|w:pageBreakBefore' | wc -l)" -ge 7 ]; then
    pass "--merge docx: page breaks between people"
else
    fail "--merge docx page breaks"
fi

# ---- a clerk's own template --------------------------------------------------
cat >"$T/own.md" <<'EOF'
---
form: 自訂-1
title: 人員名單
fields:
  - { name: 姓名, required: true, aliases: [執行人員] }
  - { name: 身分證字號, kind: id, aliases: [身分證統一編號] }
  - { name: 金額, kind: amount }
---
# 人員名單

{{姓名}}：{{身分證字號 | mask_id}}，{{金額 | chinese_amount | default: "（未定）"}}
EOF
printf '執行人員,身分證統一編號,金額\n甲,A100000001,10050\n乙,B200000004,\n' >"$T/own.csv"
run "$CK" forms "$T/own.md" --data "$T/own.csv" -o "$T/own" --format html
if [ $rc -eq 0 ] && grep -q '甲：A10000\*\*\*\*，新臺幣壹萬零伍拾元整' "$T/own/自訂-1-甲.html" &&
    grep -q '乙：B20000\*\*\*\*，（未定）' "$T/own/自訂-1-乙.html"; then
    pass "own template with filters"
else
    fail "own template: exit $rc; $(cat "$T/err")"
fi
printf -- '---\nform: X\nfields:\n  - { name: 姓名 }\n---\n\n\n{{姓明}}\n' >"$T/typo.md"
run "$CK" forms "$T/typo.md" --data "$T/own.csv" -o "$T/typo-o"
expect_error "unknown placeholder names the template line" 2 "typo.md:8:1: .*姓明.*姓名"

# ---- a large roster written by several processes ------------------------------
{
    echo '機關名稱,公司名稱,專案名稱,姓名,身分證字號'
    i=0
    while [ $i -lt 300 ]; do echo "機關,甲,案,人$i,A100000001"; i=$((i + 1)); done
} >"$T/mid.csv"
run "$CK" forms 4-016 --data "$T/mid.csv" -o "$T/par" --jobs 3 --format md
run2=$rc
"$CK" forms 4-016 --data "$T/mid.csv" -o "$T/seq" --jobs 1 --format md >/dev/null 2>&1
if [ $run2 -eq 0 ] && [ "$(count_files "$T/par")" = 300 ] && diff -r "$T/par" "$T/seq" >/dev/null; then
    pass "--jobs 3 writes the same files as --jobs 1"
else
    fail "--jobs: exit $run2, $(count_files "$T/par") files"
fi
mkdir -p "$T/parfail/4-016-人250.docx"
run "$CK" forms 4-016 --data "$T/mid.csv" -o "$T/parfail" --jobs 2 --force
if [ $rc -eq 2 ] && [ "$(find "$T/parfail" -type f | wc -l)" = 0 ] && [ "$(wc -l <"$T/err")" -le 2 ] &&
    grep -q '人250' "$T/err"; then
    pass "a worker's failure removes every file of the run"
else
    fail "worker failure: exit $rc, $(find "$T/parfail" -type f | wc -l) files left; $(head -c 300 "$T/err")"
fi

# ---- interrupted: nothing is left --------------------------------------------
# The signal is sent once the run says it has written its first form (its
# handlers are installed by then) and while it waits on the hold FIFO: no
# guessing how long a run takes, and it cannot finish first.
{
    echo '機關名稱,公司名稱,專案名稱,姓名,身分證字號'
    i=0
    while [ $i -lt 300 ]; do echo "機關,甲,案,人$i,A100000001"; i=$((i + 1)); done
} >"$T/big.csv"
# "zip": --zip, the archive written as the forms come.
for jobs in 1 3 zip; do
    rm -f "$T/started" "$T/hold"
    mkfifo "$T/started" "$T/hold"
    if [ "$jobs" = zip ]; then set -- --zip "$T/big.zip"; else set -- -o "$T/big" --jobs $jobs; fi
    (   # a run that ends without saying it started is reported, not waited for forever
        CLAUSEKIT_STARTED_FILE="$T/started" CLAUSEKIT_HOLD_FIFO="$T/hold" \
            "$CK" forms 4-016 --data "$T/big.csv" "$@" >/dev/null 2>"$T/big.err" &
        wait $!   # in the background: the shell's "Terminated" stays out of big.err
        st=$?
        echo exited 1<>"$T/started"
        exit $st
    ) &
    job=$!
    read -r pid <"$T/started"
    [ "$pid" = exited ] || kill -TERM "$pid"
    wait $job 2>/dev/null
    st=$?
    if [ "$pid" = exited ]; then
        fail "SIGTERM --jobs $jobs: the run ended before it said it had started: $(head -c 300 "$T/big.err")"
    elif [ $st -ne 143 ]; then
        fail "SIGTERM --jobs $jobs: exit $st, want 143 (stopped by the signal)"
    elif [ -e "$T/big" ] || [ -e "$T/big.zip" ] || ls -A "$T" | grep -q '\.ck-[0-9]'; then
        fail "SIGTERM --jobs $jobs left $(ls -A "$T" | grep -e big -e '\.ck-' | tr '\n' ' ')"
    else
        pass "SIGTERM --jobs $jobs removes the files, temporaries and the folder the run made"
        if [ "$(cat "$T/big.err")" = "clausekit: interrupted; every file this run wrote was removed" ]; then
            pass "SIGTERM --jobs $jobs: one line says the run stopped and left nothing"
        else
            fail "SIGTERM --jobs $jobs: stderr '$(head -c 300 "$T/big.err")'"
        fi
    fi
done

# ---- PDF through LibreOffice ------------------------------------------------------
if has_tool soffice && has_tool pdftotext; then
    mkdir -p "$T/pdf"
    cp "$T/4-016-docx/4-016-王小明.docx" "$T/pdf/a.docx"
    cp "$T/4-017-odt/4-017-陳美玲.odt" "$T/pdf/b.odt"
    cp "$T/audit.docx" "$T/pdf/c.docx"
    (cd "$T/pdf" && HOME="$T" timeout 180 soffice --headless --convert-to pdf a.docx b.odt c.docx >/dev/null 2>&1)
    # pdftotext puts spaces where the font changes (民國 115 年): compare without them
    for f in a b c; do pdftotext "$T/pdf/$f.pdf" - 2>/dev/null | tr -d ' ' >"$T/pdf/$f.txt"; done
    if grep -q 王小明 "$T/pdf/a.txt" && grep -q A100000001 "$T/pdf/a.txt" && grep -q '中華民國115年11月23日' "$T/pdf/a.txt"; then
        pass "4-016 docx -> PDF holds the name, full ID and date"
    else
        fail "4-016 PDF text"
    fi
    if grep -q 陳美玲 "$T/pdf/b.txt" && grep -q B200000004 "$T/pdf/b.txt"; then
        pass "4-017 odt -> PDF holds the name and full ID"
    else
        fail "4-017 PDF text"
    fi
    if grep -q 陳大文 "$T/pdf/c.txt" && grep -q '稽核項目' "$T/pdf/c.txt"; then
        pass "4-018 docx -> PDF holds the auditors and the items"
    else
        fail "4-018 PDF text"
    fi
else
    skip "PDF check (soffice or pdftotext not installed)"
fi

finish
