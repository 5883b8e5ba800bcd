/* Writers: Markdown parsed with cmark-gfm in the test, written as DOCX, ODT,
 * HTML and Markdown, read back through the project's own zip and XML layers.
 *
 * With CK_WRITER_OUT set to a folder, the sample form is also left there as
 * form.docx, form.odt, form.html, form.md, merged.docx and merged.odt
 * (three forms), and keep-NN.docx / keep-NN.odt (a signature block pushed
 * towards the end of the page), for tests/e2e/writers.sh to render with
 * LibreOffice. */
#include "support.h"

#include <sys/stat.h>
#include <zip.h>

#include <cmark-gfm-core-extensions.h>
#include <libxml/tree.h>

#include "writer/common.h"
#include "writer/writer.h"
#include "xml/xml.h"

#define VALUE "*Star* <b>&amp; | [x](y)"

static const char sample_form[] =
    "# 保密切結書\n"
    "\n"
    "立書人 **王小明** 受 *臺北市政府* 委託辦理「資訊系統維運」專案，茲切結下列事項：\n"
    "\n"
    "3. 對於執行業務所知悉之機密資料，負保密義務。\n"
    "4. 不得將資料攜出或提供第三人。\n"
    "   1. 包括電子檔案\n"
    "   2. 包括紙本\n"
    "5. 契約終止後，仍負保密責任。\n"
    "\n"
    "- 第一項說明\n"
    "- 第二項說明\n"
    "\n"
    "1. 第一款\n"
    "2. 第二款\n"
    "\n"
    "> 依據委外作業程序 3.5.1 辦理。\n"
    "\n"
    "| 項目 | 說明 | 數量 |\n"
    "|:---|:---:|---:|\n"
    "| 電腦 | 筆記型電腦，借用期間須妥善保管並於契約終止時歸還 | 2 |\n"
    "| 門禁卡 | 機房 | 1 |\n"
    "\n"
    "`code` 與 ~~刪除~~\n"
    "\n"
    "---\n"
    "\n"
    "此致\n"
    "\n"
    "立書人（簽章）：＿＿＿＿＿＿＿＿\n"
    "\n"
    "身分證字號：____________\n"
    "\n"
    "中華民國 ____ 年 ____ 月 ____ 日\n"
    "\n"
    "<!-- pagebreak -->\n"
    "\n"
    "## 附件\n"
    "\n"
    "第二頁內容。\n";

/* ---- helpers ------------------------------------------------------------------ */

static cmark_node *parse(const char *markdown)
{
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    cmark_node *doc;

    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension("table"));
    cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension("strikethrough"));
    cmark_parser_feed(parser, markdown, strlen(markdown));
    doc = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    assert_non_null(doc);
    return doc;
}

/* A document whose second paragraph holds VALUE as a text node, the way
 * the template engine hands over a filled field; a table cell gets it too. */
static cmark_node *document_with_value(void)
{
    cmark_node *doc = parse("# 標題\n\n欄位：\n\n| 欄位 | 值 |\n|---|---|\n| 姓名 | |\n");
    cmark_node *para = cmark_node_next(cmark_node_first_child(doc));
    cmark_node *table = cmark_node_next(para);
    cmark_node *row = cmark_node_next(cmark_node_first_child(table));
    cmark_node *cell = cmark_node_last_child(row);
    cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node *text2 = cmark_node_new(CMARK_NODE_TEXT);

    assert_int_equal(cmark_node_get_type(para), CMARK_NODE_PARAGRAPH);
    assert_string_equal(cmark_node_get_type_string(cell), "table_cell");
    cmark_node_set_literal(text, VALUE);
    cmark_node_append_child(para, text);
    cmark_node_set_literal(text2, VALUE);
    cmark_node_append_child(cell, text2);
    return doc;
}

/* Counts the occurrences of needle in haystack. */
static int count(const char *haystack, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(haystack, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* The concatenated text of every element named local (any namespace). */
static void collect_text(xmlNodePtr node, const char *local, ck_buf *out)
{
    /* Test documents are shallow; recursion is fine here. */
    for (xmlNodePtr n = node; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0) {
            xmlChar *t = xmlNodeGetContent(n);
            ck_buf_puts(out, (const char *)t);
            xmlFree(t);
        } else if (n->children) {
            collect_text(n->children, local, out);
        }
    }
}

static const char *write_docx(const char *name, cmark_node *doc)
{
    ck_error err;
    const char *path = ck_test_path(name);

    ck_error_clear(&err);
    if (ck_writer_docx_write(doc, NULL, path, &err) != 0)
        fail_msg("docx: %s", err.message);
    return path;
}

/* The paragraph element <w:p>...</w:p> of document.xml holding needle. */
static char *paragraph_with(const char *xml, const char *needle)
{
    const char *hit = strstr(xml, needle), *start, *end;
    assert_non_null(hit);
    for (start = hit; start > xml && strncmp(start, "<w:p>", 5) != 0; start--)
        ;
    end = strstr(hit, "</w:p>");
    assert_non_null(end);
    return ck_strndup(start, (size_t)(end - start));
}

/* True when the paragraph holding needle also holds what. */
static int paragraph_has(const char *xml, const char *needle, const char *what)
{
    char *p = paragraph_with(xml, needle);
    int found = strstr(p, what) != NULL;
    free(p);
    return found;
}

/* ---- DOCX ------------------------------------------------------------------------- */

static void docx_package_is_complete_and_well_formed(void **state)
{
    (void)state;
    cmark_node *doc = parse(sample_form);
    const char *path = write_docx("form.docx", doc);
    const char *parts[] = { "[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels",
                            "word/document.xml", "word/styles.xml", "word/settings.xml",
                            "word/fontTable.xml", "word/numbering.xml", "docProps/core.xml" };
    char *types = ck_test_read_part(path, "[Content_Types].xml");

    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        char *data = ck_test_read_part(path, parts[i]);
        xmlFreeDoc(ck_test_well_formed(data, parts[i]));
        if (i >= 3) {
            char override[80];
            snprintf(override, sizeof override, "PartName=\"/%s\"", parts[i]);
            assert_non_null(strstr(types, override));
        }
        free(data);
    }
    char *document = ck_test_read_part(path, "word/document.xml");
    assert_non_null(strstr(document, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    assert_non_null(strstr(document, "w:top=\"1417\""));  /* 25 mm */
    assert_non_null(strstr(document, "w:left=\"1134\"")); /* 20 mm */
    char *styles = ck_test_read_part(path, "word/styles.xml");
    assert_non_null(strstr(styles, "<w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"標楷體\""));
    assert_non_null(strstr(styles, "<w:lang w:val=\"zh-TW\" w:eastAsia=\"zh-TW\""));
    char *fonts = ck_test_read_part(path, "word/fontTable.xml");
    assert_non_null(strstr(fonts, "<w:font w:name=\"標楷體\"><w:altName w:val=\"DFKai-SB\"/>"));
    char *core = ck_test_read_part(path, "docProps/core.xml");
    assert_non_null(strstr(core, "<dc:title>保密切結書</dc:title>"));
    free(types);
    free(document);
    free(styles);
    free(fonts);
    free(core);
    cmark_node_free(doc);
}

static void docx_headings_and_list_numbering(void **state)
{
    (void)state;
    cmark_node *doc = parse(sample_form);
    const char *path = write_docx("lists.docx", doc);
    char *document = ck_test_read_part(path, "word/document.xml");
    char *numbering = ck_test_read_part(path, "word/numbering.xml");
    char *styles = ck_test_read_part(path, "word/styles.xml");
    char *title = paragraph_with(document, "保密切結書");

    assert_non_null(strstr(title, "<w:pStyle w:val=\"Heading1\"/>"));
    /* Level 1 is the form's title: centred and larger than the body. */
    const char *h1 = strstr(styles, "w:styleId=\"Heading1\"");
    assert_non_null(h1);
    assert_non_null(strstr(h1, "<w:jc w:val=\"center\"/>"));
    assert_true(strstr(h1, "<w:sz w:val=\"48\"/>") < strstr(h1, "</w:style>"));
    assert_non_null(strstr(document, "<w:pStyle w:val=\"Heading2\"/>"));

    /* The undertakings start at 3: their own numbering instance says so. */
    char *first = paragraph_with(document, "負保密義務");
    assert_non_null(strstr(first, "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"2\"/></w:numPr>"));
    assert_non_null(strstr(numbering, "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/>"
                                      "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"3\"/>"));
    /* The nested list is level 1 with a restart of its own. */
    char *nested = paragraph_with(document, "包括電子檔案");
    assert_non_null(strstr(nested, "<w:ilvl w:val=\"1\"/><w:numId w:val=\"3\"/>"));
    assert_non_null(strstr(numbering, "<w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"1\"/>"));
    assert_non_null(strstr(numbering, "<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/>"));
    assert_non_null(strstr(numbering, "<w:lvlText w:val=\"(%2)\"/>"));
    /* A later list restarts at 1 with an instance of its own. */
    char *later = paragraph_with(document, "第一款");
    assert_non_null(strstr(later, "<w:ilvl w:val=\"0\"/><w:numId w:val=\"4\"/>"));
    assert_non_null(strstr(numbering, "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"1\"/>"
                                      "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/>"));
    free(later);
    /* Bullets share instance 1. */
    char *bullet = paragraph_with(document, "第一項說明");
    assert_non_null(strstr(bullet, "<w:numId w:val=\"1\"/>"));
    assert_non_null(strstr(numbering, "<w:numFmt w:val=\"bullet\"/>"));
    /* Emphasis, strong, code, strikethrough. */
    assert_non_null(strstr(document, "<w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">王小明</w:t>"));
    assert_non_null(strstr(document, "<w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">臺北市政府</w:t>"));
    assert_non_null(strstr(document, "<w:rStyle w:val=\"VerbatimChar\"/></w:rPr><w:t xml:space=\"preserve\">code"));
    assert_non_null(strstr(document, "<w:strike/></w:rPr><w:t xml:space=\"preserve\">刪除"));
    assert_true(paragraph_has(document, "依據委外作業程序", "<w:pStyle w:val=\"Quote\"/>"));
    free(title);
    free(first);
    free(nested);
    free(bullet);
    free(document);
    free(numbering);
    free(styles);
    cmark_node_free(doc);
}

static void docx_table_has_borders_header_and_proportional_widths(void **state)
{
    (void)state;
    cmark_node *doc = parse(sample_form);
    const char *path = write_docx("table.docx", doc);
    char *document = ck_test_read_part(path, "word/document.xml");
    const char *tbl = strstr(document, "<w:tbl>");
    long widths[3] = { 0 };
    const char *p;

    assert_non_null(tbl);
    assert_non_null(strstr(tbl, "<w:insideV w:val=\"single\""));
    assert_non_null(strstr(tbl, "<w:top w:val=\"single\""));
    assert_int_equal(count(document, "<w:tblHeader/>"), 1);
    p = strstr(tbl, "<w:tblGrid>");
    for (int i = 0; i < 3; i++) {
        p = strstr(p, "<w:gridCol w:w=\"");
        assert_non_null(p);
        p += strlen("<w:gridCol w:w=\"");
        widths[i] = strtol(p, NULL, 10);
    }
    /* The grid fills the text width (210 - 2 x 20 mm = 9638 twips) and the
     * long description gets the widest column. */
    assert_int_equal(widths[0] + widths[1] + widths[2], 9638);
    assert_true(widths[1] > widths[0] && widths[1] > widths[2]);
    /* GFM alignments: left, centre, right. */
    assert_true(paragraph_has(tbl, "筆記型電腦", "<w:jc w:val=\"center\"/>"));
    assert_true(paragraph_has(tbl, ">2<", "<w:jc w:val=\"right\"/>"));
    assert_true(paragraph_has(tbl, "說明", "<w:pStyle w:val=\"TableHeading\"/>"));
    free(document);
    cmark_node_free(doc);
}

/* A column of check marks under a short heading (不符合) is wide enough for
 * the heading on one line beside two long columns: 3 characters of 12 pt
 * (about 13 mm) plus the cell's margins, of the 170 mm text width. */
static void check_mark_columns_fit_their_headings(void **state)
{
    (void)state;
    cmark_node *doc = parse("| 稽核項目 | 符合 | 不符合 | 不適用 | 說明 |\n|---|:-:|:-:|:-:|---|\n"
                            "| 契約是否載明工作項目、履約時程、驗收方式及違約罰則？（WRATB 委外作業程序 3.4.1.1） "
                            "| ■ | □ | □ | 契約已訂定（見第一條、第三條 第一款、第五條 第二款） |\n");
    cmark_node *table = cmark_node_first_child(doc);
    double share[5];

    assert_int_equal(ck_writer_table_columns(table), 5);
    ck_writer_table_widths(table, 5, share);
    assert_true(share[1] * 170.0 >= 12.0); /* 符合: two characters */
    for (int i = 2; i <= 3; i++)
        assert_true(share[i] * 170.0 >= 16.0);
    assert_true(share[0] > share[2] && share[4] > share[2]);
    cmark_node_free(doc);
}

static void docx_page_break_and_signature_lines(void **state)
{
    (void)state;
    cmark_node *doc = parse(sample_form);
    const char *path = write_docx("sign.docx", doc);
    char *document = ck_test_read_part(path, "word/document.xml");
    char *before = paragraph_with(document, "此致");
    char *sign1 = paragraph_with(document, "立書人（簽章）");
    char *sign2 = paragraph_with(document, "身分證字號");
    char *sign3 = paragraph_with(document, "中華民國");
    char *after = paragraph_with(document, "附件");
    char *intro = paragraph_with(document, "茲切結");

    /* The paragraph before the block and every line but the last keep with
     * the next; each line is kept whole. */
    assert_non_null(strstr(before, "<w:keepNext/>"));
    assert_non_null(strstr(sign1, "<w:pStyle w:val=\"Signature\"/><w:keepNext/><w:keepLines/>"));
    assert_non_null(strstr(sign2, "<w:keepNext/><w:keepLines/>"));
    assert_null(strstr(sign3, "<w:keepNext/>"));
    assert_non_null(strstr(sign3, "<w:keepLines/>"));
    assert_null(strstr(intro, "<w:keepNext/>"));
    /* The page break comment starts the next paragraph on a new page. */
    assert_non_null(strstr(after, "<w:pageBreakBefore/>"));
    assert_int_equal(count(document, "<w:pageBreakBefore/>"), 1);
    assert_null(strstr(document, "pagebreak"));
    free(before);
    free(sign1);
    free(sign2);
    free(sign3);
    free(after);
    free(intro);
    free(document);
    cmark_node_free(doc);
}

static void docx_text_values_stay_literal(void **state)
{
    (void)state;
    cmark_node *doc = document_with_value();
    const char *path = write_docx("value.docx", doc);
    char *document = ck_test_read_part(path, "word/document.xml");
    xmlDocPtr dom = ck_test_well_formed(document, "word/document.xml");
    ck_buf text = CK_BUF_INIT;

    collect_text(xmlDocGetRootElement(dom), "t", &text);
    assert_int_equal(count(text.data, VALUE), 2);
    assert_int_equal(count(document, "*Star* &lt;b&gt;&amp;amp; | [x](y)"), 2);
    ck_buf_free(&text);
    xmlFreeDoc(dom);
    free(document);
    cmark_node_free(doc);
}

static void docx_merges_documents_with_page_breaks(void **state)
{
    (void)state;
    cmark_node *docs[3] = { parse(sample_form), parse(sample_form), parse(sample_form) };
    const char *path = ck_test_path("merged.docx");
    ck_error err;

    ck_error_clear(&err);
    assert_int_equal(ck_writer_docx_write_many(docs, 3, NULL, path, &err), 0);
    char *document = ck_test_read_part(path, "word/document.xml");
    char *numbering = ck_test_read_part(path, "word/numbering.xml");
    xmlFreeDoc(ck_test_well_formed(document, "word/document.xml"));
    /* One break inside each form, one before each form but the first. */
    assert_int_equal(count(document, "<w:pageBreakBefore/>"), 3 + 2);
    assert_int_equal(count(document, "<w:sectPr>"), 1);
    /* Each form's lists restart: three ordered lists per form. */
    assert_int_equal(count(numbering, "<w:startOverride w:val=\"3\"/>"), 3);
    assert_int_equal(count(numbering, "<w:num "), 1 + 9);
    free(document);
    free(numbering);
    for (int i = 0; i < 3; i++)
        cmark_node_free(docs[i]);
}

/* ---- ODT -------------------------------------------------------------------------- */

static const char *write_odt(const char *name, cmark_node *doc)
{
    ck_error err;
    const char *path = ck_test_path(name);

    ck_error_clear(&err);
    if (ck_writer_odt_write(doc, NULL, path, &err) != 0)
        fail_msg("odt: %s", err.message);
    return path;
}

static void odt_package_is_complete_and_well_formed(void **state)
{
    (void)state;
    cmark_node *doc = parse(sample_form);
    const char *path = write_odt("form.odt", doc);
    int errcode = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &errcode);
    zip_stat_t st;
    char *manifest = ck_test_read_part(path, "META-INF/manifest.xml");

    assert_non_null(z);
    assert_int_equal(zip_stat_index(z, 0, 0, &st), 0);
    assert_string_equal(st.name, "mimetype");
    assert_int_equal(st.comp_method, ZIP_CM_STORE);
    /* Every part but mimetype and the manifest itself is in the manifest. */
    for (zip_int64_t i = 1; i < zip_get_num_entries(z, 0); i++) {
        char entry[160];
        const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
        char *data = ck_test_read_part(path, name);
        xmlFreeDoc(ck_test_well_formed(data, name));
        free(data);
        if (strcmp(name, "META-INF/manifest.xml") == 0)
            continue;
        snprintf(entry, sizeof entry, "manifest:full-path=\"%s\"", name);
        assert_non_null(strstr(manifest, entry));
    }
    zip_close(z);
    char *styles = ck_test_read_part(path, "styles.xml");
    assert_non_null(strstr(styles, "fo:page-width=\"210mm\" fo:page-height=\"297mm\""));
    assert_non_null(strstr(styles, "office:version=\"1.3\""));
    assert_non_null(strstr(styles, "style:font-name-asian=\"標楷體\""));
    assert_non_null(strstr(styles, "style:language-asian=\"zh\" style:country-asian=\"TW\""));
    assert_non_null(strstr(styles, "<style:font-face style:name=\"標楷體\""));
    char *meta = ck_test_read_part(path, "meta.xml");
    assert_non_null(strstr(meta, "<dc:title>保密切結書</dc:title>"));
    free(manifest);
    free(styles);
    free(meta);
    cmark_node_free(doc);
}

static void odt_renders_structure(void **state)
{
    (void)state;
    cmark_node *doc = parse(sample_form);
    const char *path = write_odt("structure.odt", doc);
    char *content = ck_test_read_part(path, "content.xml");
    char *styles = ck_test_read_part(path, "styles.xml");

    assert_non_null(strstr(content, "<text:h text:style-name=\"Heading_20_1\" text:outline-level=\"1\">保密切結書"));
    assert_non_null(strstr(content, "<text:list text:style-name=\"Numbering_20_1\"><text:list-item"
                                    " text:start-value=\"3\">"));
    assert_non_null(strstr(styles, "<text:list-style style:name=\"Numbering_20_1\""));
    assert_non_null(strstr(content, "<text:list text:style-name=\"List_20_1\">"));
    assert_non_null(strstr(content, "<table:table-header-rows>"));
    assert_non_null(strstr(content, "fo:border=\"0.5pt solid #000000\""));
    assert_non_null(strstr(content, "<text:p text:style-name=\"ContentsC\">筆記型電腦"));
    assert_non_null(strstr(content, "<text:span text:style-name=\"Strong_20_Emphasis\">王小明</text:span>"));
    /* Signature lines: the last one ends the block, the ones before and
     * the paragraph before the block keep with the next. */
    assert_non_null(strstr(content, "<text:p text:style-name=\"Signature\">立書人（簽章）"));
    assert_non_null(strstr(content, "<text:p text:style-name=\"Signature_20_End\">中華民國"));
    assert_non_null(strstr(styles, "style:name=\"Signature\" style:family=\"paragraph\""));
    const char *keep = strstr(content, "fo:keep-with-next=\"always\"");
    assert_non_null(keep);
    /* The page break: the next heading starts a new page. */
    assert_non_null(strstr(content, "style:parent-style-name=\"Heading_20_2\"><style:paragraph-properties"
                                    " fo:break-before=\"page\"/>"));
    assert_null(strstr(content, "pagebreak"));
    /* Spaces survive ODF's white-space collapsing. */
    free(content);
    free(styles);
    cmark_node_free(doc);
}

static void odt_text_values_stay_literal(void **state)
{
    (void)state;
    cmark_node *doc = document_with_value();
    const char *path = write_odt("value.odt", doc);
    char *content = ck_test_read_part(path, "content.xml");
    xmlDocPtr dom = ck_test_well_formed(content, "content.xml");
    ck_buf text = CK_BUF_INIT;

    collect_text(xmlDocGetRootElement(dom), "p", &text);
    assert_int_equal(count(text.data, VALUE), 2);
    ck_buf_free(&text);
    xmlFreeDoc(dom);
    free(content);
    cmark_node_free(doc);
}

static void odt_spaces_tabs_and_breaks_are_kept(void **state)
{
    (void)state;
    ck_buf out = CK_BUF_INIT;

    ck_writer_odt_put_span(&out, " a  b\tc\nd", 9, CK_WRITER_BOLD | CK_WRITER_CODE);
    assert_string_equal(out.data, "<text:span text:style-name=\"Strong_20_Emphasis\">"
                                  "<text:span text:style-name=\"Source_20_Text\">"
                                  "<text:s/>a <text:s/>b<text:tab/>c<text:line-break/>d</text:span></text:span>");
    ck_buf_free(&out);
    ck_writer_docx_put_run(&out, "a\tb\n<c>", 7, 0);
    assert_string_equal(out.data, "<w:r><w:t xml:space=\"preserve\">a</w:t><w:tab/><w:t xml:space=\"preserve\">b"
                                  "</w:t><w:br/><w:t xml:space=\"preserve\">&lt;c&gt;</w:t></w:r>");
    ck_buf_free(&out);
}

/* ---- HTML --------------------------------------------------------------- */

static char *render_html(cmark_node *const *docs, size_t n)
{
    ck_buf out = CK_BUF_INIT;
    ck_error err;

    ck_error_clear(&err);
    assert_int_equal(ck_writer_html_render(docs, n, NULL, &out, &err), 0);
    return ck_buf_detach(&out);
}

static void html_is_a_printable_a4_page(void **state)
{
    (void)state;
    cmark_node *doc = parse(sample_form);
    char *html = render_html(&doc, 1);

    assert_non_null(strstr(html, "<html lang=\"zh-Hant-TW\">"));
    assert_non_null(strstr(html, "<title>保密切結書</title>"));
    assert_non_null(strstr(html, "@page { size: 210mm 297mm; margin: 25mm 20mm 25mm 20mm; }"));
    assert_non_null(strstr(html, "font-family: \"Times New Roman\", \"標楷體\", \"DFKai-SB\", \"AR PL UKai TW\","
                                 " \"Noto Serif CJK TC\", serif"));
    assert_non_null(strstr(html, "border-collapse: collapse"));
    assert_non_null(strstr(html, "<thead>\n<tr><th style=\"text-align: left\">項目</th>"));
    assert_non_null(strstr(html, "<td style=\"text-align: center\">筆記型電腦"));
    assert_non_null(strstr(html, "<ol start=\"3\">"));
    assert_non_null(strstr(html, "<div class=\"page-break\"></div>\n<h2>附件</h2>"));
    assert_non_null(strstr(html, "<div class=\"keep\">\n<p>此致</p>\n<p class=\"signature\">立書人"));
    assert_non_null(strstr(html, "中華民國 ____ 年 ____ 月 ____ 日</p>\n</div>"));
    assert_non_null(strstr(html, "<strong>王小明</strong>"));
    assert_non_null(strstr(html, "<del>刪除</del>"));
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<link"));
    free(html);
    cmark_node_free(doc);
}

static void html_text_values_stay_literal(void **state)
{
    (void)state;
    cmark_node *doc = document_with_value();
    char *html = render_html(&doc, 1);

    assert_int_equal(count(html, "*Star* &lt;b&gt;&amp;amp; | [x](y)"), 2);
    assert_null(strstr(html, "<b>"));
    free(html);
    cmark_node_free(doc);
}

static void template_html_is_literal_and_comments_are_dropped(void **state)
{
    (void)state;
    cmark_node *doc = parse("<div>區塊</div>\n\n文字 <b>粗</b> <!-- 給範本作者的說明 --> 完\n\n<!-- 註解 -->\n\n"
                            "[連結](javascript:alert(1)) [網站](https://example.org/) <https://e.org/>\n");
    char *html = render_html(&doc, 1);
    const char *path = write_docx("raw.docx", doc);
    char *document = ck_test_read_part(path, "word/document.xml");

    assert_non_null(strstr(html, "&lt;div&gt;區塊&lt;/div&gt;"));
    assert_non_null(strstr(html, "文字 &lt;b&gt;粗&lt;/b&gt;"));
    assert_null(strstr(html, "給範本作者"));
    assert_null(strstr(html, "註解"));
    assert_null(strstr(html, "javascript"));
    assert_non_null(strstr(html, "<a href=\"https://example.org/\">網站</a>"));
    assert_non_null(strstr(html, "<a href=\"https://e.org/\">https://e.org/</a>"));
    assert_non_null(strstr(document, "&lt;div&gt;區塊&lt;/div&gt;"));
    assert_null(strstr(document, "註解"));
    /* DOCX has no hyperlink parts: a safe target follows the text. */
    assert_non_null(strstr(document, ">網站</w:t></w:r><w:r><w:t xml:space=\"preserve\"> (</w:t></w:r>"
                                     "<w:r><w:t xml:space=\"preserve\">https://example.org/</w:t>"));
    assert_null(strstr(document, "javascript"));
    assert_int_equal(count(document, "https://e.org/"), 1);
    free(document);
    free(html);
    cmark_node_free(doc);
}

static void nested_quotes_are_indented_further(void **state)
{
    (void)state;
    cmark_node *doc = parse("> 外層\n>\n> > 內層\n");
    ck_buf out = CK_BUF_INIT, numbering = CK_BUF_INIT;
    ck_error err;

    ck_error_clear(&err);
    assert_int_equal(ck_writer_docx_render(&doc, 1, NULL, &out, &numbering, &err), 0);
    assert_true(paragraph_has(out.data, "外層", "<w:ind w:left=\"567\"/>"));
    assert_true(paragraph_has(out.data, "內層", "<w:ind w:left=\"1134\"/>"));
    ck_buf_clear(&out);
    assert_int_equal(ck_writer_odt_render(&doc, 1, NULL, &out, &err), 0);
    assert_non_null(strstr(out.data, "<text:p text:style-name=\"Quotations\">外層"));
    assert_non_null(strstr(out.data, "style:parent-style-name=\"Quotations\"><style:paragraph-properties"
                                     " fo:margin-left=\"20mm\"/>"));
    ck_buf_free(&out);
    ck_buf_free(&numbering);
    cmark_node_free(doc);
}

static void paragraphs_with_hard_breaks_are_not_justified(void **state)
{
    (void)state;
    cmark_node *doc = parse("地址：臺北市\\\n信義區\n\n一般段落\n");
    ck_buf out = CK_BUF_INIT, numbering = CK_BUF_INIT;
    ck_error err;

    ck_error_clear(&err);
    assert_int_equal(ck_writer_docx_render(&doc, 1, NULL, &out, &numbering, &err), 0);
    assert_true(paragraph_has(out.data, "信義區", "<w:jc w:val=\"left\"/>"));
    assert_true(paragraph_has(out.data, "信義區", "<w:br/>"));
    assert_false(paragraph_has(out.data, "一般段落", "<w:jc "));
    ck_buf_clear(&out);
    assert_int_equal(ck_writer_odt_render(&doc, 1, NULL, &out, &err), 0);
    assert_non_null(strstr(out.data, "style:parent-style-name=\"Text_20_body\"><style:paragraph-properties"
                                     " fo:text-align=\"start\"/>"));
    assert_non_null(strstr(out.data, "臺北市<text:line-break/>信義區"));
    assert_non_null(strstr(out.data, "<text:p text:style-name=\"Text_20_body\">一般段落"));
    ck_buf_free(&out);
    ck_buf_free(&numbering);
    cmark_node_free(doc);
}

static void soft_breaks_join_chinese_and_space_latin(void **state)
{
    (void)state;
    cmark_node *doc = parse("甲方應\n負責。\nThe vendor\nshall.\n");
    char *html = render_html(&doc, 1);

    assert_non_null(strstr(html, "甲方應負責。 The vendor shall."));
    free(html);
    cmark_node_free(doc);
}

/* ---- options and errors ---------------------------------------------------------------- */

static void options_reach_every_format(void **state)
{
    (void)state;
    cmark_node *doc = parse("# T\n\nx\n");
    ck_writer_options opt;
    ck_buf out = CK_BUF_INIT, numbering = CK_BUF_INIT;
    ck_error err;
    ck_writer_format format;

    ck_writer_options_default(&opt);
    opt.margin_left_mm = 30;
    opt.east_asian_font = "Noto Serif CJK TC";
    opt.title = "自訂 & 標題";
    opt.font_size_pt = 14;
    ck_error_clear(&err);
    assert_int_equal(ck_writer_docx_render(&doc, 1, &opt, &out, &numbering, &err), 0);
    assert_non_null(strstr(out.data, "w:left=\"1701\"")); /* 30 mm */
    ck_buf_clear(&out);
    assert_int_equal(ck_writer_html_render(&doc, 1, &opt, &out, &err), 0);
    assert_non_null(strstr(out.data, "<title>自訂 &amp; 標題</title>"));
    assert_non_null(strstr(out.data, "\"Noto Serif CJK TC\""));
    assert_non_null(strstr(out.data, "font-size: 14pt"));
    assert_int_equal(ck_writer_format_from_name("DOCX", &format), 0);
    assert_int_equal(format, CK_WRITER_DOCX);
    assert_int_equal(ck_writer_format_from_name("markdown", &format), 0);
    assert_int_equal(format, CK_WRITER_MD);
    assert_int_equal(ck_writer_format_from_name("pdf", &format), -1);
    assert_string_equal(ck_writer_format_extension(CK_WRITER_ODT), "odt");
    ck_buf_free(&out);
    ck_buf_free(&numbering);
    cmark_node_free(doc);
}

static void unwritable_path_leaves_nothing(void **state)
{
    (void)state;
    cmark_node *doc = parse("# T\n");
    char path[600];
    ck_error err;
    ck_writer_format formats[] = { CK_WRITER_DOCX, CK_WRITER_ODT, CK_WRITER_HTML, CK_WRITER_MD };

    snprintf(path, sizeof path, "%s/no-such-folder/out.docx", ck_test_dir());
    for (size_t i = 0; i < 4; i++) {
        ck_error_clear(&err);
        assert_int_equal(ck_writer_write_many(formats[i], &doc, 1, NULL, path, &err), CK_EIO);
        assert_string_equal(err.file, path);
        assert_int_equal(access(path, F_OK), -1);
    }
    ck_error_clear(&err);
    assert_int_equal(ck_writer_docx_write_many(&doc, 0, NULL, ck_test_path("none.docx"), &err), CK_EUSAGE);
    assert_int_equal(access(ck_test_path("none.docx"), F_OK), -1);
    cmark_node_free(doc);
}

static void empty_document_is_still_valid(void **state)
{
    (void)state;
    cmark_node *doc = parse("");
    const char *path = write_docx("empty.docx", doc);
    char *document = ck_test_read_part(path, "word/document.xml");
    xmlFreeDoc(ck_test_well_formed(document, "word/document.xml"));
    assert_non_null(strstr(document, "<w:body><w:p/><w:sectPr>"));
    free(document);
    path = write_odt("empty.odt", doc);
    document = ck_test_read_part(path, "content.xml");
    xmlFreeDoc(ck_test_well_formed(document, "content.xml"));
    free(document);
    cmark_node_free(doc);
}

static void bytes_that_are_not_utf8_still_give_well_formed_files(void **state)
{
    (void)state;
    /* A Big5 value (王 is A4 FD), a stray continuation byte, U+FFFF and a
     * control character, as a roster saved in the wrong encoding gives. */
    static const char value[] = "\xA4\xFD x \x80 \xEF\xBF\xBF \x01 \xE7\x8E\x8B";
    cmark_node *doc = parse("# 標題\n\n值：\n");
    cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
    ck_buf out = CK_BUF_INIT, numbering = CK_BUF_INIT;
    ck_error err;

    cmark_node_set_literal(text, value);
    cmark_node_append_child(cmark_node_last_child(doc), text);
    ck_error_clear(&err);
    assert_int_equal(ck_writer_docx_render(&doc, 1, NULL, &out, &numbering, &err), 0);
    xmlFreeDoc(ck_test_well_formed(out.data, "word/document.xml"));
    assert_non_null(strstr(out.data, "\xEF\xBF\xBD\xEF\xBF\xBD x \xEF\xBF\xBD \xEF\xBF\xBD  \xE7\x8E\x8B"));
    ck_buf_clear(&out);
    assert_int_equal(ck_writer_odt_render(&doc, 1, NULL, &out, &err), 0);
    xmlFreeDoc(ck_test_well_formed(out.data, "content.xml"));
    ck_buf_clear(&out);
    assert_int_equal(ck_writer_html_render(&doc, 1, NULL, &out, &err), 0);
    assert_null(strstr(out.data, "\xA4\xFD"));
    ck_buf_free(&out);
    ck_buf_free(&numbering);
    cmark_node_free(doc);
}

static void page_breaks_at_either_end_are_ignored(void **state)
{
    (void)state;
    cmark_node *doc = parse("<!-- pagebreak -->\n\n# 一\n\n<!-- PageBreak -->\n\n二\n\n<!--pagebreak-->\n");
    ck_buf out = CK_BUF_INIT, numbering = CK_BUF_INIT;
    ck_error err;

    ck_error_clear(&err);
    assert_int_equal(ck_writer_docx_render(&doc, 1, NULL, &out, &numbering, &err), 0);
    assert_int_equal(count(out.data, "<w:pageBreakBefore/>"), 1);
    assert_true(paragraph_has(out.data, "二", "<w:pageBreakBefore/>"));
    ck_buf_clear(&out);
    assert_int_equal(ck_writer_odt_render(&doc, 1, NULL, &out, &err), 0);
    assert_int_equal(count(out.data, "fo:break-before=\"page\""), 1);
    ck_buf_clear(&out);
    assert_int_equal(ck_writer_html_render(&doc, 1, NULL, &out, &err), 0);
    assert_int_equal(count(out.data, "<div class=\"page-break\">"), 1);
    ck_buf_free(&out);
    ck_buf_free(&numbering);
    cmark_node_free(doc);
}

static void table_in_a_list_item(void **state)
{
    (void)state;
    cmark_node *doc = parse("1. 項目\n\n   | 欄 | 值 |\n   |---|---|\n   | 甲 | 乙 |\n");
    ck_buf out = CK_BUF_INIT, numbering = CK_BUF_INIT;
    ck_error err;

    ck_error_clear(&err);
    assert_int_equal(ck_writer_docx_render(&doc, 1, NULL, &out, &numbering, &err), 0);
    /* The table is indented with the item; its cells are not indented again. */
    assert_non_null(strstr(out.data, "<w:tblInd w:w=\"480\" w:type=\"dxa\"/>"));
    assert_false(paragraph_has(out.data, "甲", "<w:ind "));
    assert_false(paragraph_has(out.data, "甲", "<w:numPr>"));
    assert_true(paragraph_has(out.data, "項目", "<w:numPr>"));
    ck_buf_clear(&out);
    /* ODF list items hold no tables: one paragraph per row instead. */
    assert_int_equal(ck_writer_odt_render(&doc, 1, NULL, &out, &err), 0);
    xmlFreeDoc(ck_test_well_formed(out.data, "content.xml"));
    assert_null(strstr(out.data, "<table:table "));
    assert_non_null(strstr(out.data, "<text:p text:style-name=\"List_20_Contents\">甲 | 乙</text:p>"));
    ck_buf_free(&out);
    ck_buf_free(&numbering);
    cmark_node_free(doc);
}

static void page_break_before_a_table(void **state)
{
    (void)state;
    cmark_node *doc = parse("前文\n\n<!-- pagebreak -->\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n");
    ck_buf out = CK_BUF_INIT, numbering = CK_BUF_INIT;
    ck_error err;

    ck_error_clear(&err);
    assert_int_equal(ck_writer_docx_render(&doc, 1, NULL, &out, &numbering, &err), 0);
    /* Word and LibreOffice honour the break on the first cell's paragraph. */
    assert_true(paragraph_has(out.data, "甲", "<w:pageBreakBefore/>"));
    assert_int_equal(count(out.data, "<w:pageBreakBefore/>"), 1);
    ck_buf_clear(&out);
    assert_int_equal(ck_writer_odt_render(&doc, 1, NULL, &out, &err), 0);
    assert_non_null(strstr(out.data, "style:family=\"table\"><style:table-properties style:width=\"170.00mm\""
                                     " table:align=\"margins\" fo:margin-bottom=\"2mm\" fo:break-before=\"page\"/>"));
    assert_int_equal(count(out.data, "fo:break-before=\"page\""), 1);
    ck_buf_free(&out);
    ck_buf_free(&numbering);
    cmark_node_free(doc);
}

static void table_rows_get_one_cell_per_column(void **state)
{
    (void)state;
    cmark_node *doc = parse("| a | b | c |\n|---|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 |\n");
    ck_buf out = CK_BUF_INIT, numbering = CK_BUF_INIT;
    ck_error err;

    ck_error_clear(&err);
    assert_int_equal(ck_writer_docx_render(&doc, 1, NULL, &out, &numbering, &err), 0);
    xmlFreeDoc(ck_test_well_formed(out.data, "word/document.xml"));
    assert_int_equal(count(out.data, "<w:tc>"), 9);
    assert_int_equal(count(out.data, "<w:gridCol "), 3);
    assert_null(strstr(out.data, ">4<"));
    ck_buf_clear(&out);
    assert_int_equal(ck_writer_odt_render(&doc, 1, NULL, &out, &err), 0);
    xmlFreeDoc(ck_test_well_formed(out.data, "content.xml"));
    assert_int_equal(count(out.data, "<table:table-cell "), 9);
    ck_buf_clear(&out);
    assert_int_equal(ck_writer_html_render(&doc, 1, NULL, &out, &err), 0);
    assert_int_equal(count(out.data, "<td>") + count(out.data, "<th>"), 9);
    ck_buf_free(&out);
    ck_buf_free(&numbering);
    cmark_node_free(doc);
}

enum { FILLER_FIRST = 16, FILLER_LAST = 28 };

/* Leaves the sample files where the end-to-end suite asked for them. */
/* ---- documents one at a time ---------------------------------------------------- */

static int next_sample(void *ctx, size_t i, cmark_node **doc, ck_error *err)
{
    (void)err;
    (*(size_t *)ctx)++;
    *doc = parse(i % 2 ? sample_form : "# 第二份\n\n1. 甲\n2. 乙\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n");
    return 0;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_buf b = CK_BUF_INIT;
    char chunk[4096];
    size_t n;
    assert_non_null(f);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        ck_buf_append(&b, chunk, n);
    fclose(f);
    *len = b.len;
    return ck_buf_detach(&b);
}

/* A merged file written one document at a time is the same, byte for
 * byte, as one written from all the documents at once. */
static void streamed_merge_equals_merge(void **state)
{
    (void)state;
    static const ck_writer_format formats[] = { CK_WRITER_DOCX, CK_WRITER_ODT, CK_WRITER_HTML, CK_WRITER_MD };
    enum { N = 7 };
    cmark_node *docs[N];
    ck_writer_options opt;
    ck_error err;

    ck_writer_options_default(&opt);
    for (size_t i = 0; i < N; i++) {
        size_t made = 0;
        next_sample(&made, i, &docs[i], &err);
    }
    for (size_t f = 0; f < sizeof formats / sizeof *formats; f++) {
        char whole[600], streamed[600];
        size_t made = 0, a_len, b_len;
        snprintf(whole, sizeof whole, "%s/whole.%s", ck_test_dir(), ck_writer_format_extension(formats[f]));
        snprintf(streamed, sizeof streamed, "%s/streamed.%s", ck_test_dir(), ck_writer_format_extension(formats[f]));
        ck_error_clear(&err);
        assert_int_equal(ck_writer_write_many(formats[f], docs, N, &opt, whole, &err), 0);
        assert_int_equal(ck_writer_write_stream(formats[f], N, next_sample, &made, &opt, streamed, &err), 0);
        assert_int_equal(made, N + 1); /* the first twice: once for the title */
        char *a = read_file(whole, &a_len), *b = read_file(streamed, &b_len);
        assert_int_equal(a_len, b_len);
        assert_memory_equal(a, b, a_len);
        free(a);
        free(b);
    }
    for (size_t i = 0; i < N; i++)
        cmark_node_free(docs[i]);
}

static void save_bytes(const char *path, const ck_buf *b)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b->data, 1, b->len, f), b->len);
    fclose(f);
}

/* Same entries, in the same order, with the same inflated bytes. */
static void assert_same_package(const char *a_path, const char *b_path)
{
    ck_zip *a = NULL, *b = NULL;
    ck_error err;

    ck_error_clear(&err);
    assert_int_equal(ck_zip_open(&a, a_path, NULL, &err), 0);
    assert_int_equal(ck_zip_open(&b, b_path, NULL, &err), 0);
    assert_int_equal(ck_zip_count(a), ck_zip_count(b));
    for (size_t i = 0; i < ck_zip_count(a); i++) {
        char *x = NULL, *y = NULL;
        size_t xl = 0, yl = 0;
        assert_string_equal(ck_zip_name(a, i), ck_zip_name(b, i));
        assert_int_equal(ck_zip_read(a, ck_zip_name(a, i), 0, &x, &xl, &err), 0);
        assert_int_equal(ck_zip_read(b, ck_zip_name(b, i), 0, &y, &yl, &err), 0);
        assert_int_equal(xl, yl);
        assert_memory_equal(x, y, xl);
        free(x);
        free(y);
    }
    ck_zip_close(a);
    ck_zip_close(b);
}

/* The kit reuses the parts every package shares, and a package it writes
 * holds what the writer's own package holds, also when the numbering
 * changes from one document to the next. Each format's bytes in memory are
 * the bytes of its file. */
static void docx_kit_packages_equal_the_writers(void **state)
{
    static const ck_writer_format formats[] = { CK_WRITER_DOCX, CK_WRITER_ODT, CK_WRITER_HTML, CK_WRITER_MD };
    cmark_node *docs[3] = { parse(sample_form), parse("# 無清單\n\n一段文字。\n"), parse(sample_form) };
    ck_writer_options opt;
    ck_writer_docx_kit *kit;
    ck_buf first = CK_BUF_INIT;
    ck_error err;
    char a[600], b[600];
    (void)state;

    ck_writer_options_default(&opt);
    opt.title = "切結書";
    kit = ck_writer_docx_kit_new(&opt);
    for (size_t i = 0; i < 3; i++) {
        ck_buf kit_bytes = CK_BUF_INIT, writer_bytes = CK_BUF_INIT;
        ck_error_clear(&err);
        assert_int_equal(ck_writer_docx_kit_write(kit, &docs[i], 1, &kit_bytes, &err), 0);
        assert_int_equal(ck_writer_docx_write_bytes(&docs[i], 1, &opt, &writer_bytes, &err), 0);
        snprintf(a, sizeof a, "%s/kit-%zu.docx", ck_test_dir(), i);
        snprintf(b, sizeof b, "%s/writer-%zu.docx", ck_test_dir(), i);
        save_bytes(a, &kit_bytes);
        save_bytes(b, &writer_bytes);
        assert_same_package(a, b);
        if (i == 0)
            ck_buf_append(&first, kit_bytes.data, kit_bytes.len);
        if (i == 2) /* the same document again: the same bytes */
            assert_memory_equal(first.data, kit_bytes.data, first.len);
        ck_buf_free(&kit_bytes);
        ck_buf_free(&writer_bytes);
    }
    ck_writer_docx_kit_free(kit);
    ck_buf_free(&first);
    for (size_t f = 0; f < sizeof formats / sizeof *formats; f++) {
        ck_buf bytes = CK_BUF_INIT;
        size_t len;
        char *file;
        snprintf(a, sizeof a, "%s/file.%s", ck_test_dir(), ck_writer_format_extension(formats[f]));
        ck_error_clear(&err);
        assert_int_equal(ck_writer_write_many(formats[f], docs, 1, &opt, a, &err), 0);
        assert_int_equal(ck_writer_write_bytes(formats[f], docs, 1, &opt, &bytes, &err), 0);
        file = read_file(a, &len);
        assert_int_equal(len, bytes.len);
        assert_memory_equal(file, bytes.data, len);
        free(file);
        ck_buf_free(&bytes);
    }
    for (size_t i = 0; i < 3; i++)
        cmark_node_free(docs[i]);
}

static void sample_files_for_rendering(void **state)
{
    (void)state;
    const char *dir = getenv("CK_WRITER_OUT");
    cmark_node *docs[3] = { parse(sample_form), parse(sample_form), parse(sample_form) };
    ck_error err;
    char path[600];
    const char *ext[] = { "docx", "odt", "html", "md" };
    ck_writer_format formats[] = { CK_WRITER_DOCX, CK_WRITER_ODT, CK_WRITER_HTML, CK_WRITER_MD };

    if (!dir || !*dir)
        dir = ck_test_dir();
    for (size_t i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/form.%s", dir, ext[i]);
        ck_error_clear(&err);
        assert_int_equal(ck_writer_write_many(formats[i], docs, 1, NULL, path, &err), 0);
        assert_int_equal(access(path, R_OK), 0);
    }
    snprintf(path, sizeof path, "%s/merged.docx", dir);
    assert_int_equal(ck_writer_docx_write_many(docs, 3, NULL, path, &err), 0);
    snprintf(path, sizeof path, "%s/merged.odt", dir);
    assert_int_equal(ck_writer_odt_write_many(docs, 3, NULL, path, &err), 0);
    for (int i = 0; i < 3; i++)
        cmark_node_free(docs[i]);

    /* keep-NN: NN lines of filler push the signature block down the first
     * page, so that for some NN it would straddle the page end were it not
     * kept together and with its closing. */
    for (int lines = FILLER_FIRST; lines <= FILLER_LAST; lines++) {
        ck_buf md = CK_BUF_INIT;
        ck_buf_puts(&md, "# 保密同意書\n\n");
        for (int k = 1; k <= lines; k++)
            ck_buf_printf(&md, "第 %d 行：本人同意遵守保密規定。\n\n", k);
        ck_buf_puts(&md, "此致\n\n立書人（簽章）：＿＿＿＿＿＿\n\n身分證字號：______\n\n中華民國 ___ 年 ___ 月 ___ 日\n");
        cmark_node *doc = parse(md.data);
        for (size_t i = 0; i < 2; i++) {
            snprintf(path, sizeof path, "%s/keep-%02d.%s", dir, lines, ext[i]);
            assert_int_equal(ck_writer_write_many(formats[i], &doc, 1, NULL, path, &err), 0);
        }
        cmark_node_free(doc);
        ck_buf_free(&md);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(docx_package_is_complete_and_well_formed),
        cmocka_unit_test(check_mark_columns_fit_their_headings),
        cmocka_unit_test(docx_headings_and_list_numbering),
        cmocka_unit_test(docx_table_has_borders_header_and_proportional_widths),
        cmocka_unit_test(docx_page_break_and_signature_lines),
        cmocka_unit_test(docx_text_values_stay_literal),
        cmocka_unit_test(docx_merges_documents_with_page_breaks),
        cmocka_unit_test(streamed_merge_equals_merge),
        cmocka_unit_test(docx_kit_packages_equal_the_writers),
        cmocka_unit_test(odt_package_is_complete_and_well_formed),
        cmocka_unit_test(odt_renders_structure),
        cmocka_unit_test(odt_text_values_stay_literal),
        cmocka_unit_test(odt_spaces_tabs_and_breaks_are_kept),
        cmocka_unit_test(html_is_a_printable_a4_page),
        cmocka_unit_test(html_text_values_stay_literal),
        cmocka_unit_test(template_html_is_literal_and_comments_are_dropped),
        cmocka_unit_test(nested_quotes_are_indented_further),
        cmocka_unit_test(paragraphs_with_hard_breaks_are_not_justified),
        cmocka_unit_test(soft_breaks_join_chinese_and_space_latin),
        cmocka_unit_test(options_reach_every_format),
        cmocka_unit_test(unwritable_path_leaves_nothing),
        cmocka_unit_test(empty_document_is_still_valid),
        cmocka_unit_test(bytes_that_are_not_utf8_still_give_well_formed_files),
        cmocka_unit_test(page_breaks_at_either_end_are_ignored),
        cmocka_unit_test(table_in_a_list_item),
        cmocka_unit_test(page_break_before_a_table),
        cmocka_unit_test(table_rows_get_one_cell_per_column),
        cmocka_unit_test(sample_files_for_rendering),
    };
    ck_xml_init();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
