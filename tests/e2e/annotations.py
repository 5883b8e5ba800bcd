"""annotations.py — what a DOCX, ODT or flat ODT (.fodt) holds of review
comments and tracked insertions, for the producer matrix
(annotate-producers.sh). Standard library only; run with /usr/bin/python3.

    annotations.py show FILE...
        one line per file, tab-separated: FILE comments=N ours=N keys=K1,K2
        inserted=TEXT. comments: every comment the file holds (ours and the
        author's); ours: those by clausekit; keys: the 【key】s clausekit's
        comments lead with; inserted: the text of clausekit's tracked
        insertions in document order, white space removed.

    annotations.py compare INPUT FIRST SECOND VIEW REPORT
        INPUT annotated once (FIRST) and again (SECOND); VIEW is FIRST as
        LibreOffice saw it (`soffice --convert-to fodt`); REPORT the JSON
        report of the first run. Prints "ok WHAT" or "FAIL WHAT: why" lines:
        LibreOffice lists every comment and every tracked insertion, every
        finding with evidence in the body is commented, every model clause
        is inserted, parts not edited keep their compressed bytes, and the
        second run adds nothing.
"""
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
AUTHOR = "clausekit"
KEY = re.compile("【([^】]+)】")


def squeeze(s):
    return re.sub(r"\s+", "", s)


def docx(path):
    z = zipfile.ZipFile(path)
    names = z.namelist()
    comments = ours = 0
    keys = set()
    for name in names:
        if re.fullmatch(r"word/comments\d*\.xml", name):
            root = ET.fromstring(z.read(name))
            for c in root.iter(W + "comment"):
                comments += 1
                if c.get(W + "author") == AUTHOR:
                    ours += 1
                    text = "".join(t.text or "" for t in c.iter(W + "t"))
                    m = KEY.search(text)
                    if m:
                        keys.add(m.group(1))
    inserted = []
    root = ET.fromstring(z.read("word/document.xml"))
    for ins in root.iter(W + "ins"):
        if ins.get(W + "author") == AUTHOR:
            inserted.append("".join(t.text or "" for t in ins.iter(W + "t")))
    return comments, ours, keys, squeeze("".join(inserted))


def odf_root(path):
    if path.endswith(".fodt"):
        return ET.parse(path).getroot()
    return ET.fromstring(zipfile.ZipFile(path).read("content.xml"))


def odf(path):
    root = odf_root(path)
    comments = ours = 0
    keys = set()
    for a in root.iter(OFFICE + "annotation"):
        comments += 1
        creator = a.find(DC + "creator")
        if creator is not None and (creator.text or "") == AUTHOR:
            ours += 1
            text = "".join(a.itertext())
            m = KEY.search(text)
            if m:
                keys.add(m.group(1))
    # Insertion regions by clausekit, then their text in document order.
    regions = set()
    for region in root.iter(TEXT + "changed-region"):
        ins = region.find(TEXT + "insertion")
        if ins is None:
            continue
        creator = ins.find(".//" + DC + "creator")
        if creator is not None and (creator.text or "") == AUTHOR:
            regions.add(region.get(TEXT + "id") or region.get("{http://www.w3.org/XML/1998/namespace}id"))
    body = root.find(".//" + OFFICE + "text")
    out = []
    open_ids = set()

    def walk(el, inside_annotation):
        tag = el.tag
        if tag == TEXT + "tracked-changes":
            return
        if tag == TEXT + "change-start":
            cid = el.get(TEXT + "change-id")
            if cid in regions:
                open_ids.add(cid)
        elif tag == TEXT + "change-end":
            open_ids.discard(el.get(TEXT + "change-id"))
        annotation = inside_annotation or tag == OFFICE + "annotation"
        if open_ids and not annotation and el.text:
            out.append(el.text)
        for child in el:
            walk(child, annotation)
            if open_ids and not annotation and child.tail:
                out.append(child.tail)

    if body is not None:
        walk(body, False)
    return comments, ours, keys, squeeze("".join(out))


def read(path):
    if path.endswith(".docx"):
        return docx(path)
    return odf(path)


# Parts an annotation may edit; every other entry must keep its bytes.
EDITED = {"word/document.xml", "word/comments.xml", "word/_rels/document.xml.rels", "[Content_Types].xml",
          "content.xml"}
BODY_KINDS = {"paragraph", "heading", "list_item", "table_cell", "text_box"}


def compare(inp, first, second, view, report):
    results = []

    def check(ok, what, why=""):
        results.append("ok   %s" % what if ok else "FAIL %s: %s" % (what, why))

    c0, _, _, _ = read(inp)
    c1, o1, k1, i1 = read(first)
    c2, o2, k2, i2 = read(second)
    cv, ov, kv, iv = read(view)
    rep = json.load(open(report, encoding="utf-8"))

    expected, clauses = set(), []
    for f in rep["findings"]:
        status = f["status"]
        if status in ("present", "partial", "conflict"):
            if any(e.get("kind") in BODY_KINDS for e in f.get("evidence") or []):
                expected.add(f["id"])
        elif status == "missing" and f.get("advice") and f["advice"].get("zh"):
            expected.add(f["id"])
            clauses.append((f["id"], squeeze(f["advice"]["zh"])))

    check(o1 > 0 and c1 == c0 + o1, "comments written, the author's kept",
          "%d before, %d after, %d ours" % (c0, c1, o1))
    missing = sorted(expected - k1)
    check(not missing, "every finding with evidence in the body commented", "not commented: %s" % ",".join(missing))
    check(cv == c1 and ov == o1 and kv == k1, "LibreOffice lists every comment",
          "LibreOffice lists %d (%d ours), the file has %d (%d ours); not listed: %s"
          % (cv, ov, c1, o1, ",".join(sorted(k1 - kv))))
    lost = [key for key, text in clauses if text not in i1]
    check(not lost, "every model clause inserted as a tracked change", "not inserted: %s" % ",".join(lost))
    unseen = [key for key, text in clauses if text not in iv]
    check(not unseen and (i1 == "" or iv), "LibreOffice lists every tracked insertion",
          "not a tracked insertion in LibreOffice: %s" % ",".join(unseen))
    check(c2 == c1 and o2 == o1 and i2 == i1, "a second run adds nothing",
          "comments %d then %d, insertions %d then %d characters" % (c1, c2, len(i1), len(i2)))

    za, zb = zipfile.ZipFile(inp), zipfile.ZipFile(first)
    before = {i.filename: (i.compress_size, i.CRC) for i in za.infolist() if i.filename not in EDITED}
    after = {i.filename: (i.compress_size, i.CRC) for i in zb.infolist() if i.filename not in EDITED}
    changed = sorted(n for n in before if before[n] != after.get(n))
    check(not changed, "parts not edited keep their compressed bytes", "changed or lost: %s" % ",".join(changed[:5]))
    return results


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "compare" and len(sys.argv) == 7:
        for line in compare(*sys.argv[2:7]):
            print(line)
        return
    if len(sys.argv) < 3 or sys.argv[1] != "show":
        sys.stderr.write("usage: annotations.py show FILE... | compare INPUT FIRST SECOND VIEW REPORT\n")
        sys.exit(2)
    for path in sys.argv[2:]:
        try:
            c, o, k, ins = read(path)
        except Exception as e:  # a file that cannot be read is reported, not fatal
            print("%s\terror=%s" % (path, str(e).replace("\t", " ")))
            continue
        print("%s\tcomments=%d\tours=%d\tkeys=%s\tinserted=%s" % (path, c, o, ",".join(sorted(k)), ins))


main()
