/* mkcontract — writes a large, realistic contract for the benchmarks.
 * Usage: mkcontract OUT.docx MEGABYTES
 * document.xml grows to about MEGABYTES of WordprocessingML written the way
 * Word writes it: automatically numbered articles, runs split by rsids and
 * proofing marks, run properties on every run, and a table now and then. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "zip/container.h"

static const char *const clauses[] = {
    "乙方應依甲方資通安全管理制度及相關法令執行本契約工作，並督導其人員遵守之。",
    "甲方得自行或委託第三方稽核單位對乙方執行本契約之情形進行稽核，乙方不得拒絕。",
    "乙方應於契約期間內指定專案經理一人為單一聯絡窗口，負責專案進度與其他工作事項之聯繫。",
    "本契約所開發軟體之原始碼、執行碼及相關文件之智慧財產權，均歸甲方所有。",
    "乙方知悉資通安全事件時，應於一小時內通報甲方，並配合甲方進行事件處理與應變。",
    "契約結束或終止時，乙方應返還甲方所提供之設備及文件，並刪除所建立之系統帳號及權限。",
    "乙方如需將部分工作分包予其他廠商，應事先以書面徵得甲方同意，並使分包廠商遵守本契約之資安規定。",
    "甲方於驗收合格後，依第五條所定期程分期給付契約價金予乙方。",
};

static void run(ck_buf *b, const char *text, int rsid)
{
    ck_buf_printf(b, "<w:r w:rsidRPr=\"00A1%04X\"><w:rPr><w:rFonts w:ascii=\"Times New Roman\" "
                     "w:eastAsia=\"標楷體\" w:hAnsi=\"Times New Roman\"/><w:sz w:val=\"24\"/>"
                     "<w:szCs w:val=\"24\"/></w:rPr><w:t xml:space=\"preserve\">",
                  rsid & 0xFFFF);
    ck_buf_put_xml(b, text, strlen(text));
    ck_buf_puts(b, "</w:t></w:r>");
}

/* Splits a clause into three runs at character boundaries, with a proofing
 * mark between two of them, as Word leaves a document after editing. */
static void clause_paragraph(ck_buf *b, const char *text, int n)
{
    size_t len = strlen(text), a = (len / 3) / 3 * 3, c = (2 * len / 3) / 3 * 3;
    char part[512];

    ck_buf_printf(b, "<w:p w:rsidR=\"00B2%04X\" w:rsidRDefault=\"00C3%04X\"><w:pPr><w:ind w:left=\"480\"/>"
                     "<w:jc w:val=\"both\"/></w:pPr>",
                  n & 0xFFFF, (n * 7) & 0xFFFF);
    memcpy(part, text, a);
    part[a] = '\0';
    run(b, part, n);
    ck_buf_puts(b, "<w:proofErr w:type=\"spellStart\"/>");
    memcpy(part, text + a, c - a);
    part[c - a] = '\0';
    run(b, part, n + 1);
    ck_buf_puts(b, "<w:proofErr w:type=\"spellEnd\"/>");
    run(b, text + c, n + 2);
    ck_buf_puts(b, "</w:p>");
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: mkcontract OUT.docx MEGABYTES\n");
        return 2;
    }
    size_t target = (size_t)(atof(argv[2]) * 1024 * 1024); /* 2.7 MB: about 100 pages */
    ck_buf doc = CK_BUF_INIT;
    ck_error err;
    ck_zip_writer *w = NULL;

    ck_buf_puts(&doc, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
                      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>");
    for (int article = 1, n = 0; doc.len < target; article++) {
        ck_buf_puts(&doc, "<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/><w:numPr><w:ilvl w:val=\"0\"/>"
                          "<w:numId w:val=\"1\"/></w:numPr></w:pPr>");
        run(&doc, "契約條款", n);
        ck_buf_puts(&doc, "</w:p>");
        for (int i = 0; i < 6; i++, n += 3)
            clause_paragraph(&doc, clauses[(article + i) % 8], n);
        if (article % 10 == 0) {
            ck_buf_puts(&doc, "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/></w:tblPr>");
            for (int r = 0; r < 3; r++) {
                ck_buf_puts(&doc, "<w:tr>");
                for (int c = 0; c < 3; c++) {
                    ck_buf_puts(&doc, "<w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr><w:p>");
                    run(&doc, r == 0 ? "期別" : "驗收合格後給付契約價金百分之三十", n);
                    ck_buf_puts(&doc, "</w:p></w:tc>");
                }
                ck_buf_puts(&doc, "</w:tr>");
            }
            ck_buf_puts(&doc, "</w:tbl>");
        }
    }
    ck_buf_puts(&doc, "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>");

    static const char types[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
        "<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>"
        "</Types>";
    static const char rels[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
        "</Relationships>";
    static const char doc_rels[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>"
        "</Relationships>";
    static const char numbering[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
        "<w:numFmt w:val=\"taiwaneseCountingThousand\"/><w:lvlText w:val=\"第%1條\"/></w:lvl></w:abstractNum>"
        "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";

    ck_error_clear(&err);
    if (ck_zip_writer_open(&w, argv[1], &err) != 0 ||
        ck_zip_writer_add(w, "[Content_Types].xml", types, strlen(types), 0, &err) != 0 ||
        ck_zip_writer_add(w, "_rels/.rels", rels, strlen(rels), 0, &err) != 0 ||
        ck_zip_writer_add(w, "word/_rels/document.xml.rels", doc_rels, strlen(doc_rels), 0, &err) != 0 ||
        ck_zip_writer_add(w, "word/numbering.xml", numbering, strlen(numbering), 0, &err) != 0 ||
        ck_zip_writer_add(w, "word/document.xml", doc.data, doc.len, 0, &err) != 0 ||
        ck_zip_writer_commit(w, &err) != 0) {
        ck_error_print(&err, stderr);
        return 1;
    }
    ck_buf_free(&doc);
    return 0;
}
