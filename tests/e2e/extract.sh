# extract.sh — `clausekit extract` on DOCX files built here from XML, and on
# bad input (each must give one line on stderr and exit 2).
. "$(dirname "$0")/lib.sh"

W='xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL=http://schemas.openxmlformats.org/officeDocument/2006/relationships

# make_docx NAME BODY [NUMBERING]: a package whose main part sits at a
# non-default path, with numbering and a footnote.
make_docx() {
    d="$T/$1.d"
    rm -rf "$d"
    mkdir -p "$d/_rels" "$d/doc/_rels"
    printf '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' >"$d/[Content_Types].xml"
    printf '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/officeDocument" Target="doc/main.xml"/></Relationships>' "$REL" >"$d/_rels/.rels"
    printf '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="%s/footnotes" Target="notes.xml"/></Relationships>' "$REL" "$REL" >"$d/doc/_rels/main.xml.rels"
    printf '<w:document %s><w:body>%s</w:body></w:document>' "$W" "$2" >"$d/doc/main.xml"
    printf '<w:numbering %s>%s</w:numbering>' "$W" "${3:-}" >"$d/doc/numbering.xml"
    printf '<w:footnotes %s><w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>依資通安全管理法辦理。</w:t></w:r></w:p></w:footnote></w:footnotes>' "$W" >"$d/doc/notes.xml"
    (cd "$d" && zip -qX -r "$T/$1.docx" '[Content_Types].xml' _rels doc)
}

NUMBERING='<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="12"/><w:numFmt w:val="taiwaneseCountingThousand"/><w:lvlText w:val="第%1條"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="taiwaneseCountingThousand"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
BODY='<w:p><w:r><w:t>立契約書人：甲方</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>保密</w:t></w:r></w:p>
<w:p><w:r><w:t>乙方應保守秘密</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>。</w:t></w:r></w:p>
<w:p><w:r><w:t>乙方</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>得</w:delText></w:r></w:del><w:ins w:id="2" w:author="a"><w:r><w:t>應</w:t></w:r></w:ins><w:r><w:t>簽署保密切結書</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>（內部註記）</w:t></w:r><w:r><w:t>：</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>執行人員</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>主管</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>期別</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>金額</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>附件一　服務水準表</w:t></w:r></w:p>'

make_docx contract "$BODY" "$NUMBERING"

run "$CK" extract "$T/contract.docx"
if [ $rc -eq 0 ] && [ ! -s "$T/err" ]; then pass "extract: exit 0, nothing on stderr"; else fail "extract: exit $rc: $(cat "$T/err")"; fi
expect_line() { # expect_line NAME LINE
    if grep -qxF "$2" "$T/out"; then pass "$1"; else fail "$1: no line '$2' in: $(cat "$T/out")"; fi
}
expect_line "text: preamble" "[前言] (paragraph) 立契約書人：甲方"
expect_line "text: article label from numbering" "[第十二條] (list_item) 第十二條 保密"
expect_line "text: first 項" "[第十二條 第一項] (paragraph) 乙方應保守秘密。"
expect_line "text: footnote after its paragraph" "[第十二條 註腳 1] (footnote) 依資通安全管理法辦理。"
expect_line "text: tracked change and hidden text" "[第十二條 第二項] (paragraph) 乙方應簽署保密切結書（內部註記）："
expect_line "text: 款 under the second 項" "[第十二條 第二項 第二款] (list_item) 二、 主管"
expect_line "text: table cell" "[第十二條 表 1 第 1 列] (table_cell) 金額"
expect_line "text: annex" "[附件一] (paragraph) 附件一　服務水準表"
if [ "$(grep -c . "$T/out")" -eq 10 ]; then pass "text: one line per block"; else fail "text: $(grep -c . "$T/out") lines, want 10"; fi

run env CLAUSEKIT_LANG=zh-TW "$CK" extract "$T/contract.docx"
if grep -qxF "[第十二條 第一項]（段落）乙方應保守秘密。" "$T/out"; then pass "text in zh-TW"; else fail "text in zh-TW: $(head -3 "$T/out")"; fi

run "$CK" extract --format json "$T/contract.docx"
if [ $rc -eq 0 ] && [ ! -s "$T/err" ]; then pass "json: exit 0"; else fail "json: exit $rc"; fi
if command -v python3 >/dev/null 2>&1; then
    if python3 - "$T/out" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["format"] == "docx" and d["file"].endswith("contract.docx"), d
b = {x["text"]: x for x in d["blocks"]}
art = b["保密"]
assert art["kind"] == "list_item" and art["label"] == "第十二條" and art["article"] == 12, art
p = b["乙方應簽署保密切結書（內部註記）："]
assert p["inserted"] == [[2, 3]], p["inserted"]
assert p["hidden"] == [[10, 16]], p["hidden"]
assert p["location"] == "第十二條 第二項" and p["flags"] == [], p
cell = b["金額"]
assert cell["table"] == 1 and cell["row"] == 1 and cell["column"] == 2 and cell["flags"] == ["table"], cell
assert b["附件一　服務水準表"]["flags"] == ["annex"]
note = b["依資通安全管理法辦理。"]
assert note["kind"] == "footnote" and note["note"] == 1 and note["part"] == "doc/notes.xml", note
assert b["立契約書人：甲方"]["label"] is None and b["立契約書人：甲方"]["source_index"] == 0
EOF
    then pass "json: fields"; else fail "json: fields"; fi
else
    skip "json: python3 not installed"
fi

run "$CK" extract --format json "$T/contract.docx" "$T/contract.docx"
if [ $rc -eq 0 ] && head -c 1 "$T/out" | grep -q '\[' && { ! command -v python3 >/dev/null || python3 -c 'import json,sys; assert len(json.load(open(sys.argv[1]))) == 2' "$T/out"; }; then
    pass "json: several files make an array"
else
    fail "json: several files"
fi

run "$CK" extract --format xml "$T/contract.docx"
expect_error "unknown format" 2 "^clausekit: unknown format 'xml'"

run "$CK" extract
expect_error "no file" 2 "^clausekit: "

# ---- agreed text: unticked options and drafting notes are marked -----------
P() { printf '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' "$1"; }
make_docx options "$(P '第三條 契約價金')$(P '□總包價法。')$(P '1.總價____元。')$(P '■單價計算法。')$(P '註：由機關勾選。')"
run "$CK" extract "$T/options.docx"
expect_end() { # expect_end NAME END: a line ends with END
    if grep -qF -- "$2" "$T/out" && grep -F -- "$2" "$T/out" | grep -q "$(printf '%s' "$2" | sed 's/[][\.*^$]/\\&/g')\$"; then pass "$1"; else fail "$1: no line ending '$2' in: $(cat "$T/out")"; fi
}
expect_end "text: unticked option marked" "(paragraph) [not ticked] □總包價法。"
expect_end "text: the line under it too" "(paragraph) [not ticked] 1.總價____元。"
expect_end "text: a ticked option is not" "(paragraph) ■單價計算法。"
expect_end "text: drafting note marked" "(paragraph) [note] 註：由機關勾選。"
run env CLAUSEKIT_LANG=zh-TW "$CK" extract "$T/options.docx"
if grep -qF "〔未勾選〕□總包價法。" "$T/out" && grep -qF "〔附註〕註：" "$T/out"; then pass "text markers in zh-TW"; else fail "text markers in zh-TW: $(cat "$T/out")"; fi
run "$CK" extract --format json "$T/options.docx"
if command -v python3 >/dev/null 2>&1; then
    if python3 - "$T/out" <<'EOF2'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
b = {x["text"]: x for x in d["blocks"]}
assert b["□總包價法。"]["agreed"] is False and b["□總包價法。"]["drafting_note"] is False
assert "unagreed" in b["□總包價法。"]["flags"]
assert b["1.總價____元。"]["agreed"] is False and b["1.總價____元。"]["blanks"] == [[4, 8]]
assert b["■單價計算法。"]["agreed"] is True and b["■單價計算法。"]["blanks"] == []
n = b["註：由機關勾選。"]
assert n["agreed"] is False and n["drafting_note"] is True and "drafting_note" in n["flags"]
EOF2
    then pass "json: agreed, drafting_note, blanks"; else fail "json: agreed, drafting_note, blanks"; fi
else
    skip "json agreed: python3 not installed"
fi

# ---- the real model contract in ../shared/real (not part of the project) ---
# Places, agreed text and roles are asserted by place; none of the contract's
# text is in this file.
# (CK_REAL_DIR, else ../shared/real beside the top of the repository)
REAL=${CK_REAL_DIR:-$TOP/../shared/real}
if [ ! -f "$REAL/pcc-service-model.docx" ] || [ ! -f "$REAL/pcc-service-model.odt" ]; then
    skip "real model contract: $REAL/pcc-service-model.docx and .odt are absent (set CK_REAL_DIR to the folder holding them)"
elif ! command -v python3 >/dev/null 2>&1; then
    skip "real model contract: python3 not installed"
else
    "$CK" extract --format json "$REAL/pcc-service-model.docx" >"$T/real-docx.json" 2>"$T/err"; rc1=$?
    "$CK" extract --format json "$REAL/pcc-service-model.odt" >"$T/real-odt.json" 2>>"$T/err"; rc2=$?
    if [ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && [ ! -s "$T/err" ]; then pass "real: both formats read"; else fail "real: exit $rc1/$rc2: $(cat "$T/err")"; fi
    if python3 - "$T/real-docx.json" "$T/real-odt.json" <<'EOF2'
import json, sys
keys = ("kind", "role", "location", "place", "agreed", "drafting_note", "blanks", "instructions", "references", "flags", "label", "text")
a, b = (json.load(open(f, encoding="utf-8"))["blocks"] for f in sys.argv[1:3])
assert len(a) == len(b), (len(a), len(b))
for x, y in zip(a, b):
    assert all(x[k] == y[k] for k in keys), (x["place"], y["place"])
EOF2
    then pass "real: DOCX and ODT give identical blocks and places"; else fail "real: DOCX and ODT differ"; fi
    cat >"$T/places.py" <<'EOF2'
import json, sys
blocks = json.load(open(sys.argv[1], encoding="utf-8"))["blocks"]
# place | n-th block at that place | role | A agreed, U not agreed, N drafting note | extra
# ("附錄*" stands for the appendix's name)
table = """
第1條|0|article|A|
第1條第5款第1目第2子目|0|item|A|
第3條|1|text|A|
第3條|2|option|U|blank
第3條第1款|0|item|U|blank
第4條第1款|1|text|A|blank
第5條第8款第1目|0|option|U|
第5條第8款第5目|0|option|A|
第5條第8款第5目第2子目|0|option|A|
第5條第9款|0|item|A|
第5條第14款|0|item|A|ref
第7條第1款|1|option|U|blank
第7條第2款第4目|1|option|U|
第8條第14款|1|note|N|
第8條第16款第2目第3子目|0|option|A|
第8條第16款第2目第3子目|1|option|U|blank
第8條第16款第2目第4子目|0|item|A|
第8條第16款第9目|0|item|A|
第8條第16款第9目第4子目|0|option|U|blank
第8條第16款第9目第4子目|1|text|A|ref
第8條第17款第3目第1子目|0|option|A|
第8條第18款|7|option|U|
第8條第18款第1目|0|item|U|
第8條第23款|1|text|A|
第10條第2款第2目第2子目|1|text|A|blank
第11條第1款|1|option|U|
第12條第2款第5目|0|item|A|
第13條第1款第4目|0|item|A|ref
第14條第3款|1|note|N|
第14條第3款|2|note|N|
第14條第3款第1目|0|option|U|
第14條第3款第1目第10子目|1|note|N|
第14條第3款第11目|0|item|A|
第14條第8款第2目|1|option|U|
第16條第1款第6目第1子目|0|item|U|
第16條第1款第7目|0|item|A|
第16條第1款第13目|0|item|A|ref
第17條第4款|1|option|U|
第19條第8款|0|item|A|
附件 保密同意書|0|annex|A|
附件 保密同意書|2|field|A|blank
附件 保密同意書 第3點|0|text|A|
附件 保密切結書|0|annex|A|
附件 保密切結書 第3點|0|text|A|
附件 保密切結書|6|note|N|
附錄*|0|annex|A|
附錄* 第2點|0|text|A|ref
附錄* 第5點第1款|0|item|A|
附件 切結書範本 第1點|0|text|A|blank
"""
def at(place):
    if "*" in place:
        head, tail = place.split("*")
        return [b for b in blocks if b["place"].startswith(head + " ") and b["place"].endswith(tail)
                and " " not in b["place"][len(head) + 1:len(b["place"]) - len(tail)]]
    return [b for b in blocks if b["place"] == place]
failed = 0
rows = [r for r in table.strip().split("\n")]
for row in rows:
    place, nth, role, mark, extra = row.split("|")
    found = at(place)
    try:
        b = found[int(nth)]
        got = "N" if b["drafting_note"] else "A" if b["agreed"] else "U"
        assert b["role"] == role and got == mark, (b["role"], got)
        assert b["drafting_note"] == (mark == "N") and ("unagreed" in b["flags"]) == (mark != "A")
        assert b["kind"] in ("paragraph", "heading")
        if extra == "blank":
            assert b["blanks"], "no blank"
        if extra == "ref":
            assert b["references"], "no reference"
            for r in b["references"]:
                assert r["block"] is not None and blocks[r["block"]]["place"] == r["place"], r
    except (AssertionError, IndexError) as e:
        failed += 1
        print("place %s #%s: %r" % (place, nth, e))
assert len(rows) >= 30
places = {b["place"] for b in blocks}
print("%d places checked, %d distinct places" % (len(rows), len(places)))
sys.exit(1 if failed else 0)
EOF2
    if python3 "$T/places.py" "$T/real-docx.json" >"$T/places.out" 2>&1; then
        pass "real: places, agreed text and roles ($(tail -1 "$T/places.out"))"
    else
        fail "real: places: $(cat "$T/places.out")"
    fi
    if python3 - "$T/real-docx.json" <<'EOF2'
import json, sys
blocks = json.load(open(sys.argv[1], encoding="utf-8"))["blocks"]
refs = [r for b in blocks for r in b["references"]]
# the contract cites itself often; every citation names a block at that place
assert len(refs) >= 30, len(refs)
assert all(r["block"] is not None and blocks[r["block"]]["place"] == r["place"] for r in refs)
# no 項 in this contract's citations: it cites 條/款/目/子目
assert not any("項" in b["place"] for b in blocks)
EOF2
    then pass "real: every cross-reference resolves to a block"; else fail "real: cross-references"; fi
    run "$CK" extract --at 第8條第16款第2目 "$REAL/pcc-service-model.docx"
    if [ $rc -eq 0 ] && [ "$(grep -c . "$T/out")" -eq 1 ] && grep -q '^\[第八條 第十六款 第二目\] (paragraph) ' "$T/out"; then
        pass "real: --at prints the block at a place"
    else
        fail "real: --at: exit $rc: $(head -3 "$T/out") $(cat "$T/err")"
    fi
    cp "$T/out" "$T/at1"
    run "$CK" extract --at '第八條 第十六款 第二目' "$REAL/pcc-service-model.odt"
    if [ $rc -eq 0 ] && cmp -s "$T/out" "$T/at1"; then pass "real: --at in Chinese numerals, from the ODT, the same"; else fail "real: --at in Chinese numerals differs"; fi
    run "$CK" extract --at 第9條第99款 "$REAL/pcc-service-model.docx"
    expect_error "real: --at a place that does not exist" 2 "^clausekit: .*pcc-service-model.docx: no place '第9條第99款'"
    if [ ! -s "$T/out" ]; then pass "real: nothing on stdout for a missing place"; else fail "real: stdout for a missing place"; fi
fi

# ---- bad input -------------------------------------------------------------
: >"$T/empty.docx"
run "$CK" extract "$T/empty.docx"
expect_error "empty file" 2 "^clausekit: .*empty.docx"

printf 'this is not a zip file at all' >"$T/text.docx"
run "$CK" extract "$T/text.docx"
expect_error "not a zip" 2 "^clausekit: .*text.docx"

mkdir -p "$T/nomain"
printf 'hello' >"$T/nomain/readme.txt"
(cd "$T/nomain" && zip -qX "$T/nomain.docx" readme.txt)
run "$CK" extract "$T/nomain.docx"
expect_error "zip without a main document" 2 "^clausekit: .*nomain.docx: .*main document"

d="$T/dangling.d"; mkdir -p "$d/_rels"
printf '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' >"$d/[Content_Types].xml"
printf '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="%s/officeDocument" Target="word/document.xml"/></Relationships>' "$REL" >"$d/_rels/.rels"
(cd "$d" && zip -qX -r "$T/dangling.docx" '[Content_Types].xml' _rels)
run "$CK" extract "$T/dangling.docx"
expect_error "rels pointing nowhere" 2 "^clausekit: .*dangling.docx: .*'word/document.xml'.*not in the package"

d="$T/norels.d"; mkdir -p "$d/word"
printf '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' >"$d/[Content_Types].xml"
printf '<w:document %s/>' "$W" >"$d/word/document.xml"
(cd "$d" && zip -qX -r "$T/norels.docx" '[Content_Types].xml' word)
run "$CK" extract "$T/norels.docx"
expect_error "no _rels/.rels" 2 "^clausekit: .*norels.docx: .*_rels/.rels"

make_docx broken '<w:p><w:r><w:t>未結束</w:t></w:r>'
run "$CK" extract --format json "$T/broken.docx"
expect_error "malformed main part" 2 "^clausekit: .*broken.docx:doc/main.xml:[0-9]+"
if [ ! -s "$T/out" ]; then pass "nothing half-written on stdout"; else fail "stdout not empty on error"; fi

run "$CK" extract "$T/contract.docx" "$T/empty.docx"
expect_error "second file bad" 2 "empty.docx"
if grep -q . "$T/out"; then pass "the good file is still printed"; else fail "good file not printed beside a bad one"; fi

# ---- source_index: the n-th w:p of the part, counting every w:p -----------
if command -v python3 >/dev/null 2>&1; then
    cat >"$T/source_index.py" <<'EOF'
import json, sys, zipfile
import xml.etree.ElementTree as ET
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
z = zipfile.ZipFile(sys.argv[1])
doc = json.load(open(sys.argv[2], encoding="utf-8"))
paras = {}
def own_text(p):
    out = []
    def walk(e):
        for c in e:
            if c.tag == W + "p":
                continue  # a text box's paragraph is a block of its own
            if c.tag == W + "t" and c.text:
                out.append(c.text)
            walk(c)
    walk(p)
    return "".join(out)
for b in doc["blocks"]:
    if b["part"] not in paras:
        paras[b["part"]] = list(ET.fromstring(z.read(b["part"])).iter(W + "p"))
    probe = b["text"].strip()[:4]
    assert not probe or probe in own_text(paras[b["part"]][b["source_index"]]), (b["source_index"], b["text"])
EOF
    for f in "$T/contract.docx" "$TOP"/samples/*.docx; do
        [ -f "$f" ] || continue
        "$CK" extract --format json "$f" >"$T/si.json" 2>/dev/null
        if python3 "$T/source_index.py" "$f" "$T/si.json"; then
            pass "source_index finds the paragraph: $(basename "$f")"
        else
            fail "source_index: $(basename "$f")"
        fi
    done
else
    skip "source_index: python3 not installed"
fi

# ---- sample contracts, when the corpus is present --------------------------
for f in "$TOP"/samples/*.docx; do
    [ -f "$f" ] || continue
    run "$CK" extract "$f"
    if [ $rc -eq 0 ] && [ -s "$T/out" ] && [ ! -s "$T/err" ]; then pass "sample $(basename "$f")"; else fail "sample $(basename "$f"): $(cat "$T/err")"; fi
done

finish
