"""annotations.py — what a DOCX, ODT or flat ODT (.fodt) holds of review
comments and tracked insertions, for the producer matrix
(annotate-producers.sh). Standard library only; run with /usr/bin/python3.

    annotations.py FILE...

prints one line per file, tab-separated:

    FILE  comments=N  ours=N  keys=K1,K2,...  inserted=TEXT

comments: every comment the file holds (ours and the author's); ours: those
by clausekit; keys: the 【key】s clausekit's comments lead with, sorted;
inserted: the text of tracked insertions by clausekit in document order,
white space removed (LibreOffice's view, once a file went through
`soffice --convert-to fodt`, is compared with clausekit's own XML).
"""
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


def main():
    for path in sys.argv[1:]:
        try:
            if path.endswith(".docx"):
                c, o, k, ins = docx(path)
            else:
                c, o, k, ins = odf(path)
        except Exception as e:  # a file that cannot be read is reported, not fatal
            print("%s\terror=%s" % (path, str(e).replace("\t", " ")))
            continue
        print("%s\tcomments=%d\tours=%d\tkeys=%s\tinserted=%s" % (path, c, o, ",".join(sorted(k)), ins))


main()
