# text2xml.awk — the main part of a test contract written as plain text.
#
#   awk -v kind=docx|odt -f text2xml.awk CONTRACT.txt > document.xml|content.xml
#
# One paragraph a line: "# " starts a heading (the first one is the title),
# "|" starts a table row with cells between "|", any other non-empty line is
# a body paragraph whose list labels and check boxes are typed in the text.
# Consecutive table rows make one table.
function esc(s) {
    gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s)
    return s
}
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
function para(style, text) {
    if (kind == "docx") {
        printf "<w:p>"
        if (style != "") printf "<w:pPr><w:pStyle w:val=\"%s\"/></w:pPr>", style
        printf "<w:r><w:t xml:space=\"preserve\">%s</w:t></w:r></w:p>\n", esc(text)
    } else if (style == "Title" || style == "Heading_20_2") {
        printf "<text:h text:style-name=\"%s\" text:outline-level=\"%d\">%s</text:h>\n", \
            style, style == "Title" ? 1 : 2, esc(text)
    } else {
        printf "<text:p text:style-name=\"%s\">%s</text:p>\n", style == "" ? "Text_20_body" : style, esc(text)
    }
}
function close_table() {
    if (!in_table) return
    printf kind == "docx" ? "</w:tbl>\n" : "</table:table>\n"
    in_table = 0
}
function row(line,    n, cells, i, cols) {
    sub(/^\|/, "", line); sub(/\|[ \t]*$/, "", line)
    n = split(line, cells, "|")
    if (!in_table) {
        tables++
        if (kind == "docx") {
            printf "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>"
            for (i = 1; i <= n; i++) printf "<w:gridCol w:w=\"%d\"/>", int(9000 / n)
            printf "</w:tblGrid>\n"
        } else {
            printf "<table:table table:name=\"Table%d\"><table:table-column table:number-columns-repeated=\"%d\"/>\n", tables, n
        }
        in_table = 1
    }
    printf kind == "docx" ? "<w:tr>" : "<table:table-row>"
    for (i = 1; i <= n; i++) {
        if (kind == "docx")
            printf "<w:tc><w:p><w:r><w:t xml:space=\"preserve\">%s</w:t></w:r></w:p></w:tc>", esc(trim(cells[i]))
        else
            printf "<table:table-cell office:value-type=\"string\"><text:p text:style-name=\"Table_20_Contents\">%s</text:p></table:table-cell>", esc(trim(cells[i]))
    }
    printf kind == "docx" ? "</w:tr>\n" : "</table:table-row>\n"
}
BEGIN {
    if (kind == "docx") {
        print "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        print "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
    } else {
        print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        print "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" office:version=\"1.2\"><office:body><office:text>"
    }
}
{ sub(/\r$/, "") }
/^[ \t]*$/ { next }
/^\|/ { row($0); next }
{
    close_table()
    if (/^# /) {
        text = substr($0, 3)
        if (!titled) { para(kind == "docx" ? "Title" : "Title", text); titled = 1 }
        else para(kind == "docx" ? "Heading2" : "Heading_20_2", text)
    } else {
        para("", $0)
    }
}
END {
    close_table()
    if (kind == "docx") {
        print "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    } else {
        print "</office:text></office:body></office:document-content>"
    }
}
