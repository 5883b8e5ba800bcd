"""mkconstructs.py — small DOCX files with the Word constructs that trip up
writers which splice into document.xml, for the producer matrix
(annotate-producers.sh). Standard library only; run with /usr/bin/python3.

    mkconstructs.py TEXT OUT_DIR

TEXT holds a contract as `clausekit extract --format text` prints it; every
fixture carries the same clauses, each built around one construct:

  content-controls  block and run content controls (w:sdt) around paragraphs
  fields            simple and complex fields (PAGE, REF) inside paragraphs
  numbering         Word automatic numbering: 第N條 articles, 一、 items
  text-boxes        text boxes (mc:AlternateContent, wps:txbx and VML fallback)
  comments-changes  comments and tracked changes by another author
  footnotes         footnotes referenced from the clauses
  hidden            hidden text (w:vanish) inside clauses
  run-per-char      one run per character, each with its own properties
  other-prefix      the WordprocessingML namespace bound to another prefix
  empty-comments    an empty, self-closed <w:comments/> part (as pandoc writes)
"""
import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    'xmlns:w="%s" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'mc:Ignorable="w14 wps"' % W_NS
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def read_text(path):
    """(kind, text) per block: kind is heading, item or paragraph."""
    blocks = []
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^\[[^\]]*\]（([^）]*)）(.*)$", line.rstrip("\n"))
        if not m or not m.group(2).strip():
            continue
        kind = {"標題": "heading", "清單項目": "item"}.get(m.group(1), "paragraph")
        text = m.group(2)
        if kind == "item":
            text = re.sub(r"^[一二三四五六七八九十]+、\s*", "", text)
        blocks.append((kind, text))
    return blocks


def t(text):
    return '<w:t xml:space="preserve">%s</w:t>' % escape(text)


def run(text, props=""):
    return "<w:r>%s%s</w:r>" % ("<w:rPr>%s</w:rPr>" % props if props else "", t(text))


def para(content, ppr=""):
    return "<w:p>%s%s</w:p>" % ("<w:pPr>%s</w:pPr>" % ppr if ppr else "", content)


def heading_ppr(kind):
    return '<w:pStyle w:val="Heading1"/>' if kind == "heading" else ""


STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:styles xmlns:w="%s"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style></w:styles>' % W_NS
)

NUMBERING = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:numbering xmlns:w="%s">'
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="taiwaneseCountingThousand"/>'
    '<w:lvlText w:val="第%%1條"/><w:lvlJc w:val="left"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="taiwaneseCountingThousand"/>'
    '<w:lvlText w:val="%%2、"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>' % W_NS
)


def package(path, body, parts=None, rels=None, prefix_doc=None):
    """Writes a DOCX: body is the content of w:body; parts maps extra part
    names to (content type, XML); rels are (type, target) of document.xml."""
    parts = parts or {}
    rels = list(rels or [])
    rels.insert(0, ("styles", "styles.xml"))
    parts = dict(parts)
    parts["word/styles.xml"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml", STYLES)
    doc = prefix_doc or (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        "<w:document %s><w:body>%s<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>"
        % (NS, body)
    )
    types = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" ContentType="%s"/>' % CT_MAIN]
    for name, (ctype, _) in sorted(parts.items()):
        types.append('<Override PartName="/%s" ContentType="%s"/>' % (name, ctype))
    types.append("</Types>")
    doc_rels = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    for i, (rtype, target) in enumerate(rels, 1):
        doc_rels.append('<Relationship Id="rId%d" Type="%s%s" Target="%s"/>' % (i, REL, rtype, target))
    doc_rels.append("</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "".join(types))
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="%sofficeDocument" Target="word/document.xml"/></Relationships>' % REL)
        z.writestr("word/document.xml", doc)
        z.writestr("word/_rels/document.xml.rels", "".join(doc_rels))
        for name, (_, xml) in sorted(parts.items()):
            z.writestr(name, xml)


def plain(blocks):
    return "".join(para(run(text), heading_ppr(kind)) for kind, text in blocks)


def content_controls(blocks):
    out = []
    for i, (kind, text) in enumerate(blocks):
        if i % 3 == 0:  # block-level control around the paragraph
            out.append('<w:sdt><w:sdtPr><w:alias w:val="條款%d"/><w:id w:val="%d"/></w:sdtPr><w:sdtContent>%s'
                       "</w:sdtContent></w:sdt>" % (i, 1000 + i, para(run(text), heading_ppr(kind))))
        elif i % 3 == 1:  # run-level control inside the paragraph
            half = len(text) // 2
            out.append(para(run(text[:half]) + '<w:sdt><w:sdtPr><w:id w:val="%d"/></w:sdtPr><w:sdtContent>%s'
                            "</w:sdtContent></w:sdt>" % (2000 + i, run(text[half:])), heading_ppr(kind)))
        else:
            out.append(para(run(text), heading_ppr(kind)))
    return "".join(out)


def fields(blocks):
    out = ['<w:p><w:bookmarkStart w:id="0" w:name="top"/><w:bookmarkEnd w:id="0"/></w:p>']
    for i, (kind, text) in enumerate(blocks):
        if i % 2 == 0:
            f = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
                 '<w:r><w:fldChar w:fldCharType="separate"/></w:r>%s<w:r><w:fldChar w:fldCharType="end"/></w:r>' % run("1"))
            out.append(para(run(text) + run("（頁 ") + f + run("）"), heading_ppr(kind)))
        else:
            out.append(para('<w:fldSimple w:instr=" REF top \\h ">%s</w:fldSimple>' % run(text), heading_ppr(kind)))
    return "".join(out)


def numbering(blocks):
    out = []
    for kind, text in blocks:
        if kind == "heading" and re.match(r"^第[一二三四五六七八九十百]+條", text):
            title = re.sub(r"^第[一二三四五六七八九十百]+條\s*", "", text)
            out.append(para(run(title), '<w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'))
        elif kind == "item":
            out.append(para(run(text), '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:ind w:left="720"/>'))
        else:
            out.append(para(run(text), heading_ppr(kind)))
    return "".join(out)


def text_boxes(blocks):
    out = []
    for i, (kind, text) in enumerate(blocks):
        if i % 4 == 3:
            inner = para(run(text))
            box = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" '
                   'simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
                   '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
                   '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
                   '<wp:extent cx="4000000" cy="600000"/><wp:wrapTopAndBottom/><wp:docPr id="%d" name="文字方塊 %d"/>'
                   '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
                   '<wps:wsp><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="4000000" cy="600000"/></a:xfrm>'
                   '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent>%s</w:txbxContent></wps:txbx>'
                   '<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
                   '<mc:Fallback><w:pict><v:shape style="width:315pt;height:47pt"><v:textbox><w:txbxContent>%s</w:txbxContent>'
                   '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>' % (i + 1, i + 1, inner, inner))
            out.append(para(run("（見文字方塊）") + box))
        else:
            out.append(para(run(text), heading_ppr(kind)))
    return "".join(out)


COMMENTS_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="%s">' % W_NS


def comments_changes(blocks):
    out, comments = [], []
    for i, (kind, text) in enumerate(blocks):
        if i % 5 == 1:
            cid = len(comments) + 1
            comments.append('<w:comment w:id="%d" w:author="法務室" w:date="2026-01-05T09:00:00Z" w:initials="LA">'
                            '<w:p><w:r><w:annotationRef/></w:r>%s</w:p></w:comment>' % (cid, run("請確認本段文字。")))
            out.append(para('<w:commentRangeStart w:id="%d"/>%s<w:commentRangeEnd w:id="%d"/>'
                            '<w:r><w:commentReference w:id="%d"/></w:r>' % (cid, run(text), cid, cid), heading_ppr(kind)))
        elif i % 5 == 2:
            out.append(para(run(text) + '<w:ins w:id="%d" w:author="承辦人" w:date="2026-01-05T09:00:00Z">%s</w:ins>'
                            '<w:del w:id="%d" w:author="承辦人" w:date="2026-01-05T09:00:00Z"><w:r><w:delText>（刪除之文字）</w:delText></w:r></w:del>'
                            % (500 + i, run("（增訂）"), 700 + i), heading_ppr(kind)))
        elif i % 5 == 3:
            out.append(para('<w:ins w:id="%d" w:author="承辦人" w:date="2026-01-05T09:00:00Z">%s</w:ins>' % (900 + i, run(text)),
                            heading_ppr(kind) + '<w:rPr><w:ins w:id="%d" w:author="承辦人" w:date="2026-01-05T09:00:00Z"/></w:rPr>' % (1100 + i)))
        else:
            out.append(para(run(text), heading_ppr(kind)))
    xml = COMMENTS_HEAD + "".join(comments) + "</w:comments>"
    return "".join(out), {"word/comments.xml": ("application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml", xml)}, [("comments", "comments.xml")]


def footnotes(blocks):
    out, notes = [], []
    for i, (kind, text) in enumerate(blocks):
        if i % 4 == 2:
            nid = len(notes) + 1
            notes.append('<w:footnote w:id="%d"><w:p><w:r><w:footnoteRef/></w:r>%s</w:p></w:footnote>' % (nid, run("本款所稱資料，包括電子及紙本資料。")))
            out.append(para(run(text) + '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="%d"/></w:r>' % nid,
                            heading_ppr(kind)))
        else:
            out.append(para(run(text), heading_ppr(kind)))
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="%s">'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
           '%s</w:footnotes>' % (W_NS, "".join(notes)))
    return "".join(out), {"word/footnotes.xml": ("application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", xml)}, [("footnotes", "footnotes.xml")]


def hidden(blocks):
    out = []
    for i, (kind, text) in enumerate(blocks):
        if i % 3 == 1:
            out.append(para(run(text) + run("（內部備註，不列印）", "<w:vanish/>"), heading_ppr(kind)))
        elif i % 7 == 5:
            out.append(para(run("整段隱藏之草稿文字。", "<w:vanish/>"), "<w:rPr><w:vanish/></w:rPr>"))
            out.append(para(run(text), heading_ppr(kind)))
        else:
            out.append(para(run(text), heading_ppr(kind)))
    return "".join(out)


def run_per_char(blocks):
    out = []
    for i, (kind, text) in enumerate(blocks):
        runs = "".join('<w:r w:rsidRPr="00A1%04X"><w:rPr><w:rFonts w:eastAsia="標楷體"/><w:sz w:val="24"/></w:rPr>%s</w:r>'
                       % ((i * 31 + k) & 0xFFFF, t(ch)) for k, ch in enumerate(text))
        out.append('<w:p w:rsidR="00B2%04X"><w:pPr>%s<w:rPr><w:sz w:val="24"/></w:rPr></w:pPr>%s<w:proofErr w:type="gramEnd"/></w:p>'
                   % (i & 0xFFFF, heading_ppr(kind), runs))
    return "".join(out)


def other_prefix(blocks):
    body = plain(blocks).replace("<w:", "<ns0:").replace("</w:", "</ns0:").replace(" w:", " ns0:")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<ns0:document xmlns:ns0="%s"><ns0:body>%s<ns0:sectPr/></ns0:body></ns0:document>' % (W_NS, body))


def main():
    blocks = read_text(sys.argv[1])
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    package(os.path.join(out, "content-controls.docx"), content_controls(blocks))
    package(os.path.join(out, "fields.docx"), fields(blocks))
    package(os.path.join(out, "numbering.docx"), numbering(blocks),
            {"word/numbering.xml": ("application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml", NUMBERING)},
            [("numbering", "numbering.xml")])
    package(os.path.join(out, "text-boxes.docx"), text_boxes(blocks))
    body, parts, rels = comments_changes(blocks)
    package(os.path.join(out, "comments-changes.docx"), body, parts, rels)
    body, parts, rels = footnotes(blocks)
    package(os.path.join(out, "footnotes.docx"), body, parts, rels)
    package(os.path.join(out, "hidden.docx"), hidden(blocks))
    package(os.path.join(out, "run-per-char.docx"), run_per_char(blocks))
    package(os.path.join(out, "other-prefix.docx"), "", prefix_doc=other_prefix(blocks))
    package(os.path.join(out, "empty-comments.docx"), plain(blocks),
            {"word/comments.xml": ("application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
                                   '<?xml version="1.0" encoding="UTF-8"?>\n<w:comments xmlns:w="%s" />' % W_NS)},
            [("comments", "comments.xml")])


main()
