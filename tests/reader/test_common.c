/* What the DOCX and ODT readers share (src/reader/common.c): blank
 * paragraphs, the kind of a block, clausekit's own suggestions and the
 * limit on one paragraph's text. */
#include "reader/docx_support.h"

#include "reader/common.h"
#include "util/lang.h"

static int read_error(const char *path, ck_error *err)
{
    ck_document *doc = NULL;
    ck_error_clear(err);
    int rc = ck_reader_read(path, NULL, &doc, err);
    assert_null(doc);
    return rc;
}

/* One paragraph of more than 1 MiB of text stops the reading, with the
 * part named. */
static void paragraph_text_is_limited(void **state)
{
    (void)state;
    ck_lang_set_name("en");
    ck_error err;
    ck_buf body = CK_BUF_INIT;
    unsigned seed = 1;
    ck_buf_puts(&body, "<w:p>");
    for (int i = 0; i < 5; i++) {
        ck_buf_puts(&body, "<w:r><w:t>");
        for (int k = 0; k < 250 * 1024; k++) { /* letters that do not deflate like a bomb */
            seed = seed * 1103515245u + 12345u;
            ck_buf_putc(&body, (char)('a' + (seed >> 16) % 26));
        }
        ck_buf_puts(&body, "</w:t></w:r>");
    }
    ck_buf_puts(&body, "</w:p>");
    docx_spec s = { .body = body.data };
    const char *p = docx_build("long.docx", &s);
    assert_int_equal(read_error(p, &err), CK_ELIMIT);
    assert_non_null(strstr(err.message, "more than 1 MB of text"));
    assert_string_equal(err.part, "word/document.xml");
    ck_buf_free(&body);
}

/* A block numbers its table and its text box in 16 bits: 65,535 tables
 * read, the one after stops the reading (likewise text boxes). */
static void tables_and_text_boxes_are_limited(void **state)
{
    (void)state;
    ck_lang_set_name("en");
    ck_error err;
    ck_buf body = CK_BUF_INIT;
    for (int i = 1; i < CK_BLOCK_MAX_NUMBER; i++)
        ck_buf_puts(&body, "<w:tbl/>");
    ck_buf_puts(&body, "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>末表</w:t></w:r></w:p></w:tc></w:tr></w:tbl>");
    docx_spec s = { .body = body.data };
    ck_document *doc = docx_load(&s);
    const ck_block *b = docx_find(doc, "末表");
    assert_int_equal(b->table, CK_BLOCK_MAX_NUMBER);
    ck_document_free(doc);

    ck_buf_puts(&body, "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>多一個</w:t></w:r></w:p></w:tc></w:tr></w:tbl>");
    s.body = body.data;
    const char *p = docx_build("tables.docx", &s);
    assert_int_equal(read_error(p, &err), CK_ELIMIT);
    assert_non_null(strstr(err.message, "more than 65535 tables"));
    assert_string_equal(err.part, "word/document.xml");

    ck_buf_clear(&body);
    unsigned seed = 1;
    for (int i = 0; i <= CK_BLOCK_MAX_NUMBER; i++) { /* ids, so that the part does not deflate like a bomb */
        ck_buf_puts(&body, "<w:txbxContent id=\"");
        for (int k = 0; k < 4; k++) {
            seed = seed * 1103515245u + 12345u;
            ck_buf_putc(&body, (char)('a' + (seed >> 16) % 26));
        }
        ck_buf_puts(&body, "\"/>");
    }
    ck_buf_puts(&body, "<w:p><w:r><w:t>框後</w:t></w:r></w:p>");
    s.body = body.data;
    p = docx_build("boxes.docx", &s);
    assert_int_equal(read_error(p, &err), CK_ELIMIT);
    assert_non_null(strstr(err.message, "more than 65535 text boxes"));
    ck_buf_free(&body);
}

static void blank_text(void **state)
{
    (void)state;
    assert_true(ck_reader_blank("", 0));
    assert_true(ck_reader_blank(" \t\r\n", 4));
    assert_true(ck_reader_blank("　\xc2\xa0 ", strlen("　\xc2\xa0 ")));
    assert_false(ck_reader_blank("　甲", strlen("　甲")));
    assert_false(ck_reader_blank("\xe3\x80", 2)); /* half an ideographic space */
    assert_false(ck_reader_blank("_", 1));
}

static void block_kinds_in_order_of_precedence(void **state)
{
    (void)state;
    assert_int_equal(ck_reader_block_kind(CK_BLOCK_FOOTNOTE, 1, 1, 1, 1), CK_BLOCK_FOOTNOTE);
    assert_int_equal(ck_reader_block_kind(CK_BLOCK_PARAGRAPH, 1, 1, 1, 1), CK_BLOCK_TEXT_BOX);
    assert_int_equal(ck_reader_block_kind(CK_BLOCK_PARAGRAPH, 0, 1, 1, 1), CK_BLOCK_TABLE_CELL);
    assert_int_equal(ck_reader_block_kind(CK_BLOCK_PARAGRAPH, 0, 0, 1, 1), CK_BLOCK_HEADING);
    assert_int_equal(ck_reader_block_kind(CK_BLOCK_PARAGRAPH, 0, 0, 0, 1), CK_BLOCK_LIST_ITEM);
    assert_int_equal(ck_reader_block_kind(CK_BLOCK_PARAGRAPH, 0, 0, 0, 0), CK_BLOCK_PARAGRAPH);
}

static void own_suggestions(void **state)
{
    (void)state;
    assert_true(ck_reader_is_suggestion(CK_SUGGESTION_AUTHOR));
    assert_false(ck_reader_is_suggestion("王小明"));
    assert_false(ck_reader_is_suggestion(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(paragraph_text_is_limited),
        cmocka_unit_test(tables_and_text_boxes_are_limited),
        cmocka_unit_test(blank_text),
        cmocka_unit_test(block_kinds_in_order_of_precedence),
        cmocka_unit_test(own_suggestions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
