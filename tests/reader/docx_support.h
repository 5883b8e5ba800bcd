/* docx_support.h — builds small DOCX packages from XML strings for the DOCX
 * reader's tests, and reads them back through ck_reader_read(). */
#ifndef CK_TEST_DOCX_SUPPORT_H
#define CK_TEST_DOCX_SUPPORT_H

#include "support.h"

#include "model/document.h"
#include "reader/reader.h"
#include "util/buf.h"

#define T_NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define T_NS_W_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define T_NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define T_NS_R_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"

typedef struct docx_spec {
    const char *body;       /* inside w:body */
    const char *styles;     /* inside w:styles, or NULL */
    const char *numbering;  /* inside w:numbering, or NULL */
    const char *footnotes;  /* inside w:footnotes, or NULL */
    const char *endnotes;   /* inside w:endnotes, or NULL */
    const char *header;     /* inside w:hdr (rId10), or NULL */
    const char *footer;     /* inside w:ftr (rId11), or NULL */
    const char *main;       /* main part name; default word/document.xml */
    int strict;             /* Strict OOXML namespaces and relationship types */
} docx_spec;

static __attribute__((unused)) const char *docx_namespaces(int strict)
{
    return strict ? "xmlns:w=\"" T_NS_W_STRICT "\" xmlns:r=\"" T_NS_R_STRICT "\""
                    " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""
                    " xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\""
                    " xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\""
                    " xmlns:v=\"urn:schemas-microsoft-com:vml\""
                  : "xmlns:w=\"" T_NS_W "\" xmlns:r=\"" T_NS_R "\""
                    " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""
                    " xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\""
                    " xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\""
                    " xmlns:v=\"urn:schemas-microsoft-com:vml\""
                    " xmlns:m=\"http://schemas.openxmlformats.org/officeDocument/2006/math\"";
}

/* Writes the package "<name>" and returns its path (static buffer). */
static __attribute__((unused)) const char *docx_build(const char *name, const docx_spec *s)
{
    const char *main = s->main ? s->main : "word/document.xml";
    const char *rel = s->strict ? "http://purl.oclc.org/ooxml/officeDocument/relationships/"
                                : "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    const char *ns = docx_namespaces(s->strict);
    ck_buf document = CK_BUF_INIT, package_rels = CK_BUF_INIT, main_rels = CK_BUF_INIT, rels_name = CK_BUF_INIT;
    ck_buf styles = CK_BUF_INIT, numbering = CK_BUF_INIT, footnotes = CK_BUF_INIT, endnotes = CK_BUF_INIT, header = CK_BUF_INIT,
           footer = CK_BUF_INIT, folder = CK_BUF_INIT;

    const char *slash = strrchr(main, '/');
    ck_buf_append(&folder, main, slash ? (size_t)(slash - main + 1) : 0);
    ck_buf_printf(&rels_name, "%s_rels/%s.rels", folder.data ? folder.data : "", slash ? slash + 1 : main);

    ck_buf_printf(&document, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                             "<w:document %s mc:Ignorable=\"w14\"><w:body>%s</w:body></w:document>",
                  ns, s->body);
    ck_buf_printf(&package_rels,
                  "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                  "<Relationship Id=\"rId1\" Type=\"%sofficeDocument\" Target=\"/%s\"/></Relationships>",
                  rel, main);
    ck_buf_printf(&main_rels,
                  "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                  "<Relationship Id=\"rId1\" Type=\"%sstyles\" Target=\"styles.xml\"/>"
                  "<Relationship Id=\"rId2\" Type=\"%snumbering\" Target=\"numbering.xml\"/>"
                  "<Relationship Id=\"rId3\" Type=\"%sfootnotes\" Target=\"footnotes.xml\"/>"
                  "<Relationship Id=\"rId5\" Type=\"%sendnotes\" Target=\"../word/endnotes.xml\"/>"
                  "<Relationship Id=\"rId4\" Type=\"%shyperlink\" Target=\"https://example.org/\" TargetMode=\"External\"/>"
                  "<Relationship Id=\"rId10\" Type=\"%sheader\" Target=\"header1.xml\"/>"
                  "<Relationship Id=\"rId11\" Type=\"%sfooter\" Target=\"./footer1.xml\"/>"
                  "</Relationships>",
                  rel, rel, rel, rel, rel, rel, rel);
    ck_buf_printf(&styles, "<w:styles %s>%s</w:styles>", ns, s->styles ? s->styles : "");
    ck_buf_printf(&numbering, "<w:numbering %s>%s</w:numbering>", ns, s->numbering ? s->numbering : "");
    ck_buf_printf(&footnotes, "<w:footnotes %s>%s</w:footnotes>", ns, s->footnotes ? s->footnotes : "");
    ck_buf_printf(&endnotes, "<w:endnotes %s>%s</w:endnotes>", ns, s->endnotes ? s->endnotes : "");
    ck_buf_printf(&header, "<w:hdr %s>%s</w:hdr>", ns, s->header ? s->header : "");
    ck_buf_printf(&footer, "<w:ftr %s>%s</w:ftr>", ns, s->footer ? s->footer : "");

    ck_buf styles_name = CK_BUF_INIT, numbering_name = CK_BUF_INIT, footnotes_name = CK_BUF_INIT,
           header_name = CK_BUF_INIT, footer_name = CK_BUF_INIT;
    const char *f = folder.data ? folder.data : "";
    ck_buf_printf(&styles_name, "%sstyles.xml", f);
    ck_buf_printf(&numbering_name, "%snumbering.xml", f);
    ck_buf_printf(&footnotes_name, "%sfootnotes.xml", f);
    ck_buf_printf(&header_name, "%sheader1.xml", f);
    ck_buf_printf(&footer_name, "%sfooter1.xml", f);

    const char *path = ck_test_package(
        name, "[Content_Types].xml",
        "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
        "_rels/.rels", package_rels.data, rels_name.data, main_rels.data, main, document.data, styles_name.data,
        styles.data, numbering_name.data, numbering.data, footnotes_name.data, footnotes.data, header_name.data,
        header.data, footer_name.data, footer.data, "word/endnotes.xml", endnotes.data, NULL);

    ck_buf *all[] = { &document, &package_rels, &main_rels, &rels_name, &styles, &numbering, &footnotes, &endnotes, &header,
                      &footer, &folder, &styles_name, &numbering_name, &footnotes_name, &header_name, &footer_name };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ck_buf_free(all[i]);
    return path;
}

/* Builds and reads a package; fails the test when reading fails. */
static __attribute__((unused)) ck_document *docx_load(const docx_spec *s)
{
    ck_document *doc = NULL;
    ck_error err;
    ck_error_clear(&err);
    const char *path = docx_build("t.docx", s);
    if (ck_reader_read(path, NULL, &doc, &err) != 0) {
        ck_error_print(&err, stderr);
        fail_msg("reading failed: %s", err.message);
    }
    return doc;
}

/* The block whose text is exactly text, or NULL. */
static __attribute__((unused)) const ck_block *docx_find(const ck_document *doc, const char *text)
{
    for (size_t i = 0; i < doc->count; i++)
        if (strcmp(doc->blocks[i].text, text) == 0)
            return &doc->blocks[i];
    return NULL;
}

/* All block texts joined by '|', for whole-document assertions. */
static __attribute__((unused)) const char *docx_texts(const ck_document *doc)
{
    static char out[8192];
    ck_buf b = CK_BUF_INIT;
    for (size_t i = 0; i < doc->count; i++) {
        if (i)
            ck_buf_putc(&b, '|');
        ck_buf_puts(&b, doc->blocks[i].text);
    }
    snprintf(out, sizeof out, "%s", b.data ? b.data : "");
    ck_buf_free(&b);
    return out;
}

/* A paragraph with one run of text. */
#define P(text) "<w:p><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"
#define PS(style, text) "<w:p><w:pPr><w:pStyle w:val=\"" style "\"/></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
#define PN(num, lvl, text)                                                                                 \
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" lvl "\"/><w:numId w:val=\"" num "\"/></w:numPr></w:pPr><w:r><w:t>" \
    text "</w:t></w:r></w:p>"

#endif
