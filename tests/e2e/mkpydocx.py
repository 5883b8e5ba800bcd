"""mkpydocx.py — DOCX files written by python-docx (Debian's python3-docx),
for the producer matrix (annotate-producers.sh). Run with /usr/bin/python3.

    mkpydocx.py build TEXT OUT.docx   a new document from a contract as
                                      `clausekit extract --format text` prints it
    mkpydocx.py resave IN.docx OUT.docx  opened and saved again
"""
import re
import sys

import docx


def build(text_path, out):
    d = docx.Document()
    for line in open(text_path, encoding="utf-8"):
        m = re.match(r"^\[[^\]]*\]（([^）]*)）(.*)$", line.rstrip("\n"))
        if not m or not m.group(2).strip():
            continue
        kind, text = m.group(1), m.group(2)
        if kind == "標題":
            d.add_heading(text, level=1)
        elif kind == "清單項目":
            d.add_paragraph(re.sub(r"^[一二三四五六七八九十]+、\s*", "", text), style="List Number")
        elif kind == "表格儲存格":
            table = d.add_table(rows=1, cols=1)
            table.cell(0, 0).text = text
        else:
            d.add_paragraph(text)
    d.save(out)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "build":
        build(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "resave":
        docx.Document(sys.argv[2]).save(sys.argv[3])
    else:
        sys.stderr.write("usage: mkpydocx.py build TEXT OUT.docx | resave IN.docx OUT.docx\n")
        sys.exit(2)


main()
