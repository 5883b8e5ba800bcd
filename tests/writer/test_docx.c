/* The DOCX writer (writer/docx.c): packages, styles, numbering, tables,
 * read back through the project's own zip and XML layers. */
#include "writer/writer_support.h"

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
    };
    ck_xml_init();
    return cmocka_run_group_tests_name("writer/docx", tests, NULL, NULL);
}
