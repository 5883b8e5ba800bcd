/* Markdown writer (src/writer/md.c): the filled template as CommonMark,
 * values kept as text, documents separated by a page-break comment. */
#include "support.h"

#include <unistd.h>

#include <cmark-gfm-core-extensions.h>

#include "writer/common.h"
#include "util/lang.h"
#include "writer/writer.h"

#define VALUE "*Star* <b>&amp; | [x](y)"

static cmark_node *parse(const char *markdown)
{
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    cmark_node *doc;

    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension("table"));
    cmark_parser_feed(parser, markdown, strlen(markdown));
    doc = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    assert_non_null(doc);
    return doc;
}

/* A document whose second paragraph holds VALUE as a text node, the way
 * the template engine hands over a filled field. */
static cmark_node *document_with_value(void)
{
    cmark_node *doc = parse("# 標題\n\n欄位：\n");
    cmark_node *para = cmark_node_next(cmark_node_first_child(doc));
    cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);

    assert_int_equal(cmark_node_get_type(para), CMARK_NODE_PARAGRAPH);
    cmark_node_set_literal(text, VALUE);
    cmark_node_append_child(para, text);
    return doc;
}

static int count(const char *haystack, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(haystack, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_buf b = CK_BUF_INIT;
    char chunk[4096];
    size_t n;
    assert_non_null(f);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        ck_buf_append(&b, chunk, n);
    fclose(f);
    ck_buf_puts(&b, "");
    return ck_buf_detach(&b);
}

static void md_values_stay_text_and_documents_are_separated(void **state)
{
    cmark_node *docs[2] = { document_with_value(), parse("# 第二份\n") };
    ck_buf out = CK_BUF_INIT, html = CK_BUF_INIT;
    ck_error err;
    cmark_node *again;
    (void)state;

    ck_error_clear(&err);
    assert_int_equal(ck_writer_md_render(docs, 2, NULL, &out, &err), 0);
    assert_int_equal(count(out.data, "\n<!-- pagebreak -->\n"), 1);
    /* Read back, the value is still text, not markup. */
    again = parse(out.data);
    assert_int_equal(ck_writer_html_render(&again, 1, NULL, &html, &err), 0);
    assert_int_equal(count(html.data, "*Star* &lt;b&gt;&amp;amp; | [x](y)"), 1);
    assert_non_null(strstr(html.data, "<div class=\"page-break\"></div>\n<h1>第二份</h1>"));
    cmark_node_free(again);
    ck_buf_free(&html);
    ck_buf_free(&out);
    cmark_node_free(docs[0]);
    cmark_node_free(docs[1]);
}

static void md_no_document_is_an_error(void **state)
{
    ck_buf out = CK_BUF_INIT;
    ck_error err;
    (void)state;

    ck_error_clear(&err);
    assert_int_equal(ck_writer_md_render(NULL, 0, NULL, &out, &err), CK_EUSAGE);
    assert_int_equal(out.len, 0);
    ck_buf_free(&out);
}

static int next_doc(void *ctx, size_t i, cmark_node **doc, ck_error *err)
{
    (void)ctx;
    (void)err;
    *doc = i == 1 ? document_with_value() : parse("# 第一份\n\n1. 甲\n2. 乙\n");
    return 0;
}

/* write_many and write_stream give the same file, the rendering itself. */
static void md_files_hold_the_rendering(void **state)
{
    cmark_node *docs[3];
    ck_buf out = CK_BUF_INIT;
    ck_writer_options opt;
    ck_error err;
    char many[600], streamed[600];
    char *a, *b;
    (void)state;

    for (size_t i = 0; i < 3; i++)
        next_doc(NULL, i, &docs[i], &err);
    ck_writer_options_default(&opt);
    snprintf(many, sizeof many, "%s", ck_test_path("many.md"));
    snprintf(streamed, sizeof streamed, "%s", ck_test_path("streamed.md"));
    ck_error_clear(&err);
    assert_int_equal(ck_writer_md_render(docs, 3, &opt, &out, &err), 0);
    assert_int_equal(ck_writer_md_write_many(docs, 3, &opt, many, &err), 0);
    assert_int_equal(ck_writer_write_stream(CK_WRITER_MD, 3, next_doc, NULL, &opt, streamed, &err), 0);
    a = read_all(many);
    b = read_all(streamed);
    assert_string_equal(a, out.data);
    assert_string_equal(b, out.data);
    free(a);
    free(b);
    ck_buf_free(&out);
    for (size_t i = 0; i < 3; i++)
        cmark_node_free(docs[i]);
}

static void md_unwritable_path_is_an_error(void **state)
{
    cmark_node *doc = parse("# 標題\n");
    ck_error err;
    const char *path = ck_test_path("no-such-folder/form.md");
    (void)state;

    ck_error_clear(&err);
    assert_int_not_equal(ck_writer_md_write(doc, NULL, path, &err), 0);
    assert_int_not_equal(access(path, F_OK), 0);
    assert_non_null(strstr(err.file, "form.md"));
    cmark_node_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(md_values_stay_text_and_documents_are_separated),
        cmocka_unit_test(md_no_document_is_an_error),
        cmocka_unit_test(md_files_hold_the_rendering),
        cmocka_unit_test(md_unwritable_path_is_an_error),
    };
    ck_lang_set_name("en");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
