#!/usr/bin/env python3
"""Writes the sample rosters in samples/ from one table, so the CSV, Big5
CSV, XLSX and ODS files hold the same fictional people.

    python3 tests/data/make_samples.py

The identity and business numbers were produced with src/data/ids.c's
check-digit rules (tests/data/test_ids.c checks the rules themselves).
The spreadsheets are written as minimal XML packages with real date cells
in the 簽署日期 column; open them in LibreOffice or Excel to check.
Needs python3 and iconv (for the CP950 file); the tests do not run this.
"""
import datetime
import os
import subprocess
import zipfile
from xml.sax.saxutils import escape

HEADER = ["機關名稱", "廠商名稱", "統一編號", "案名", "契約編號", "姓名", "身分證字號", "職稱",
          "聯絡電話", "電子郵件", "簽署日期"]
AGENCY, PROJECT, CONTRACT = "範例市政府資訊中心", "115年度資訊系統維運案", "115-IT-001"
PEOPLE = [  # company, UBN, name, ID, title, phone, email, date as a clerk typed it, the date
    ("甲乙資訊股份有限公司", "24681353", "王小明", "A100000001", "專案經理", "02-2345-6789",
     "wang@example.com", "115/11/23", (2026, 11, 23)),
    ("甲乙資訊股份有限公司", "24681353", "陳美玲", "B200000004", "資深工程師", "0912-345-678",
     "chen@example.com", "2026-11-23", (2026, 11, 23)),
    ("丙丁系統整合股份有限公司, 台中分公司", "13579243", "林志豪", "F123456784", "系統工程師\r\n（駐點人員）",
     "04-2234-5678", "lin@example.org", "115年11月24日", (2026, 11, 24)),
    None,  # an empty row, as Excel leaves one
    ("丙丁系統整合股份有限公司, 台中分公司", "13579243", "\u3000黃雅婷", "H222222224", "資安工程師", "",
     "huang@example.org", "中華民國115年11月24日", (2026, 11, 24)),
    ("戊己科技有限公司", "87654322", "張家豪 ", "E101010103", "網路工程師", "03-3456-7890",
     "chang@example.net", "115.11.25", (2026, 11, 25)),
    ("戊己科技有限公司", "87654322", "李淑芬", "K202020208", "文件管理員", "03-3456-7891",
     "lee@example.net", "", None),
    # New-format resident certificate; a business number whose 7th digit is 7.
    ("庚辛數位服務股份有限公司", "54321675", "阮文安", "A800000014", "技術顧問", "0987-654-321",
     "nguyen@example.com", "2026/11/26", (2026, 11, 26)),
    # Old-format resident certificate.
    ("庚辛數位服務股份有限公司", "54321675", "山田太郎", "AC00000003", "翻譯人員", "0987-654-322",
     "yamada@example.com", "115/11/26", (2026, 11, 26)),
]

TOP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SAMPLES = os.path.join(TOP, "samples")


def csv_rows():
    rows = [HEADER]
    for p in PEOPLE:
        if p is None:
            rows.append([""] * len(HEADER))
        else:
            rows.append([AGENCY, p[0], p[1], PROJECT, CONTRACT, p[2], p[3], p[4], p[5], p[6], p[7]])
    return rows


def write_csv():
    def quote(v):
        return '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\r\n') else v
    text = "".join(",".join(quote(v) for v in row) + "\r\n" for row in csv_rows())
    with open(os.path.join(SAMPLES, "roster.csv"), "wb") as f:
        f.write(b"\xef\xbb\xbf" + text.encode("utf-8"))
    big5 = subprocess.run(["iconv", "-f", "UTF-8", "-t", "CP950"], input=text.encode("utf-8"),
                          capture_output=True, check=True).stdout
    with open(os.path.join(SAMPLES, "roster-big5.csv"), "wb") as f:
        f.write(big5)


def serial(date):
    return (datetime.date(*date) - datetime.date(1899, 12, 30)).days


def column(i):
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i]


def write_xlsx():
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    strings, index = [], {}

    def sst(v):
        if v not in index:
            index[v] = len(strings)
            strings.append(v)
        return index[v]

    rows = []
    for r, row in enumerate(csv_rows(), start=1):
        person = PEOPLE[r - 2] if r >= 2 else None
        cells = []
        for c, v in enumerate(row):
            ref = "%s%d" % (column(c), r)
            if c == 10 and person and person[8]:
                # A real date cell, shown as an ROC date (e/m/d in zh-TW).
                cells.append('<c r="%s" s="1"><v>%d</v></c>' % (ref, serial(person[8])))
            elif v:
                cells.append('<c r="%s" t="s" s="%d"><v>%d</v></c>' % (ref, 2 if c in (2, 6) else 0,
                                                                      sst(v.replace("\r\n", "\n"))))
        rows.append('<row r="%d">%s</row>' % (r, "".join(cells)))
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet %s><sheetData>%s'
             '</sheetData></worksheet>' % (ns, "".join(rows)))
    shared = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst %s count="%d" uniqueCount="%d">%s</sst>'
              % (ns, len(strings), len(strings),
                 "".join('<si><t xml:space="preserve">%s</t></si>' % escape(s) for s in strings)))
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet %s>'
              '<numFmts count="1"><numFmt numFmtId="164" formatCode="[$-404]e/m/d"/></numFmts>'
              '<fonts count="1"><font><sz val="12"/><name val="Calibri"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill>'
              '<fill><patternFill patternType="gray125"/></fill></fills>'
              '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
              '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
              '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
              '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
              '</styleSheet>' % ns)
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook %s '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/>'
                '<sheets><sheet name="工作表1" sheetId="1" r:id="rId1"/></sheets></workbook>' % ns)
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    wb_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="%sworksheet" Target="worksheets/sheet1.xml"/>'
               '<Relationship Id="rId2" Type="%sstyles" Target="styles.xml"/>'
               '<Relationship Id="rId3" Type="%ssharedStrings" Target="sharedStrings.xml"/>'
               '</Relationships>' % (rel, rel, rel))
    root_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="%sofficeDocument" Target="xl/workbook.xml"/></Relationships>' % rel)
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml."
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/xl/workbook.xml" ContentType="%ssheet.main+xml"/>'
             '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="%sworksheet+xml"/>'
             '<Override PartName="/xl/styles.xml" ContentType="%sstyles+xml"/>'
             '<Override PartName="/xl/sharedStrings.xml" ContentType="%ssharedStrings+xml"/>'
             '</Types>' % (ct, ct, ct, ct))
    with zipfile.ZipFile(os.path.join(SAMPLES, "roster.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("[Content_Types].xml", types), ("_rels/.rels", root_rels),
                           ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", wb_rels),
                           ("xl/styles.xml", styles), ("xl/sharedStrings.xml", shared),
                           ("xl/worksheets/sheet1.xml", sheet)):
            z.writestr(name, data)


def write_ods():
    rows = []
    for r, row in enumerate(csv_rows(), start=1):
        person = PEOPLE[r - 2] if r >= 2 else None
        if not any(row):
            rows.append('<table:table-row><table:table-cell table:number-columns-repeated="11"/></table:table-row>')
            continue
        cells = []
        for c, v in enumerate(row):
            if c == 10 and person and person[8]:
                y, m, d = person[8]
                cells.append('<table:table-cell table:style-name="ce1" office:value-type="date" '
                             'office:date-value="%04d-%02d-%02d"><text:p>%d/%d/%d</text:p></table:table-cell>'
                             % (y, m, d, y - 1911, m, d))
            elif v:
                paragraphs = "".join("<text:p>%s</text:p>" % escape(p) for p in v.split("\r\n"))
                cells.append('<table:table-cell office:value-type="string">%s</table:table-cell>' % paragraphs)
            else:
                cells.append("<table:table-cell/>")
        cells.append('<table:table-cell table:number-columns-repeated="1013"/>')
        rows.append("<table:table-row>%s</table:table-row>" % "".join(cells))
    # Calc ends a sheet with one run of empty rows to the bottom of the grid.
    rows.append('<table:table-row table:number-rows-repeated="1048566">'
                '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
    office = "urn:oasis:names:tc:opendocument:xmlns:"
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
               'xmlns:office="{0}office:1.0" xmlns:style="{0}style:1.0" xmlns:text="{0}text:1.0" '
               'xmlns:table="{0}table:1.0" xmlns:number="{0}datastyle:1.0" office:version="1.3">'
               '<office:automatic-styles>'
               '<number:date-style style:name="N1"><number:year number:style="long"/><number:text>/</number:text>'
               '<number:month number:style="long"/>'
               '<number:text>/</number:text><number:day number:style="long"/></number:date-style>'
               '<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/>'
               '</office:automatic-styles>'
               '<office:body><office:spreadsheet><table:table table:name="工作表1">'
               '<table:table-column table:number-columns-repeated="1024"/>{1}'
               '</table:table></office:spreadsheet></office:body></office:document-content>'
               ).format(office, "".join(rows))
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
                'xmlns:manifest="{0}manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>').format(office)
    with zipfile.ZipFile(os.path.join(SAMPLES, "roster.ods"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)


if __name__ == "__main__":
    write_csv()
    write_xlsx()
    write_ods()
