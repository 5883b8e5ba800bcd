/* Writers: Markdown parsed with cmark-gfm in the test, written as DOCX, ODT,
 * HTML and Markdown, read back through the project's own zip and XML layers.
 *
 * With CK_WRITER_OUT set to a folder, the sample form is also left there as
 * form.docx, form.odt, form.html, form.md, merged.docx and merged.odt
 * (three forms), and keep-NN.docx / keep-NN.odt (a signature block pushed
 * towards the end of the page), for tests/e2e/writers.sh to render with
 * LibreOffice. */
#include "writer/writer_support.h"

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

static int count_document(void *ctx, cmark_node *doc, size_t i, ck_error *err)
{
    ck_buf *out = ctx;
    (void)err;
    ck_buf_printf(out, "[%zu:%s]", i, cmark_node_get_type_string(cmark_node_first_child(doc)));
    return i == 2 ? CK_EDATA : 0;
}

/* Every renderer over a source walks it the same way: each document in
 * turn, spilled after each, stopping at the first error. */
static void sources_are_walked_document_by_document(void **state)
{
    (void)state;
    cmark_node *docs[4];
    for (int i = 0; i < 4; i++)
        docs[i] = cmark_parse_document("# t\n", 4, CMARK_OPT_DEFAULT);
    ck_writer_source src = { 4, docs, NULL, NULL };
    ck_buf out = CK_BUF_INIT;
    ck_error err;
    FILE *spill = tmpfile();
    char text[128] = "";
    ck_error_clear(&err);
    assert_int_equal(ck_writer_source_each(&src, count_document, &out, &out, spill, &err), CK_EDATA);
    assert_int_equal(out.len, strlen("[2:heading]")); /* the failed one is not spilled */
    rewind(spill);
    assert_non_null(fgets(text, sizeof text, spill));
    assert_string_equal(text, "[0:heading][1:heading]");
    fclose(spill);
    ck_buf_free(&out);
    for (int i = 0; i < 4; i++)
        cmark_node_free(docs[i]);
    assert_int_equal(ck_writer_literal_length("<!-- x -->\r\n\n"), strlen("<!-- x -->"));
    assert_int_equal(ck_writer_literal_length(NULL), 0);
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
        cmocka_unit_test(sources_are_walked_document_by_document),
        cmocka_unit_test(streamed_merge_equals_merge),
        cmocka_unit_test(docx_kit_packages_equal_the_writers),
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
    return cmocka_run_group_tests_name("writer", tests, NULL, NULL);
}
