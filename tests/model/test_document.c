/* The document model: blocks and their strings, spans, parts and styles. */
#include "support.h"

#include <stdint.h>

#include "model/document.h"
#include "util/buf.h"

static void blocks_keep_copies_of_their_strings(void **state)
{
    (void)state;
    char text[] = "第一條 契約文件", label[] = "第一條", style[] = "Heading1";
    ck_document *doc = ck_document_new("contract.docx", CK_FORMAT_DOCX);
    ck_block *b = ck_document_add(doc, CK_BLOCK_HEADING, text, strlen(text), label, style);
    /* what the caller passed may change or go away */
    memset(text, 'x', sizeof text - 1);
    memset(label, 'x', sizeof label - 1);
    memset(style, 'x', sizeof style - 1);
    assert_string_equal(b->text, "第一條 契約文件");
    assert_int_equal(b->text_len, strlen("第一條 契約文件"));
    assert_string_equal(b->label, "第一條");
    assert_string_equal(b->style, "Heading1");
    assert_int_equal(b->kind, CK_BLOCK_HEADING);
    assert_int_equal(b->article, -1);
    assert_null(b->location);
    assert_null(b->place);

    /* only part of the text, and no label or style */
    b = ck_document_add(doc, CK_BLOCK_PARAGRAPH, "乙方應遵守", 6, "", NULL);
    assert_string_equal(b->text, "乙方");
    assert_int_equal(b->text_len, 6);
    assert_null(b->label);
    assert_null(b->style);
    b = ck_document_add(doc, CK_BLOCK_PARAGRAPH, NULL, 0, NULL, NULL);
    assert_string_equal(b->text, "");
    assert_int_equal(b->text_len, 0);
    ck_document_free(doc);
}

/* Many blocks, long and short texts: each stays as it was added while the
 * storage grows, and a text of several hundred KiB is whole. */
static void strings_survive_growth(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("large.docx", CK_FORMAT_DOCX);
    ck_buf big = CK_BUF_INIT, expect = CK_BUF_INIT;
    for (int i = 0; i < 200000; i++)
        ck_buf_putc(&big, (char)('a' + i % 26));
    for (int i = 0; i < 20000; i++) {
        ck_buf_clear(&expect);
        ck_buf_printf(&expect, "第%d段", i);
        if (i == 7000)
            ck_document_add(doc, CK_BLOCK_PARAGRAPH, big.data, big.len, NULL, NULL);
        else
            ck_document_add(doc, CK_BLOCK_PARAGRAPH, expect.data, expect.len, NULL, i % 2 ? "Normal" : "Body Text");
    }
    for (size_t i = 0; i < doc->count; i++) {
        const ck_block *b = &doc->blocks[i];
        if (i == 7000) {
            assert_int_equal(b->text_len, big.len);
            assert_memory_equal(b->text, big.data, big.len);
            assert_int_equal(b->text[b->text_len], '\0');
            continue;
        }
        ck_buf_clear(&expect);
        ck_buf_printf(&expect, "第%zu段", i);
        assert_string_equal(b->text, expect.data);
        assert_string_equal(b->style, i % 2 ? "Normal" : "Body Text");
    }
    ck_buf_free(&big);
    ck_buf_free(&expect);
    ck_document_free(doc);
}

/* Blocks share one copy of a style name. */
static void styles_are_shared(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("", CK_FORMAT_ODT);
    char name[32];
    for (int i = 0; i < 300; i++) {
        snprintf(name, sizeof name, "Style %d", i % 100);
        ck_document_add(doc, CK_BLOCK_PARAGRAPH, "x", 1, NULL, name);
    }
    for (int i = 0; i < 300; i++) {
        snprintf(name, sizeof name, "Style %d", i % 100);
        assert_string_equal(doc->blocks[i].style, name);
        if (i >= 100)
            assert_ptr_equal(doc->blocks[i].style, doc->blocks[i - 100].style);
    }
    ck_document_free(doc);
}

static void locations_and_texts_replaced(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("", CK_FORMAT_ODT);
    ck_block *b = ck_document_add(doc, CK_BLOCK_PARAGRAPH, "", 0, NULL, NULL);
    ck_block_set_text(doc, b, "甲方", strlen("甲方"));
    assert_string_equal(b->text, "甲方");
    assert_int_equal(b->text_len, strlen("甲方"));
    ck_block_set_location(doc, b, "第八條 第十六款");
    ck_block_set_place(doc, b, "第8條第16款");
    assert_string_equal(b->location, "第八條 第十六款");
    assert_string_equal(b->place, "第8條第16款");
    ck_block_set_location(doc, b, "前言");
    assert_string_equal(b->location, "前言");
    ck_block_set_place(doc, b, NULL);
    assert_null(b->place);
    ck_document_free(doc);
}

/* The one way spans merge: a span that carries on the last one with the
 * same flags extends it; anything else is a span of its own. */
static void spans_merge_when_adjacent_and_alike(void **state)
{
    (void)state;
    ck_span *spans = NULL;
    size_t count = 0, cap = 0;
    ck_span_append(&spans, &count, &cap, 0, 3, CK_SPAN_INSERTED);
    ck_span_append(&spans, &count, &cap, 3, 6, CK_SPAN_INSERTED);   /* carries on: merged */
    ck_span_append(&spans, &count, &cap, 6, 9, CK_SPAN_HIDDEN);     /* other flags */
    ck_span_append(&spans, &count, &cap, 12, 15, CK_SPAN_HIDDEN);   /* a gap */
    ck_span_append(&spans, &count, &cap, 15, 15, CK_SPAN_INSERTED); /* empty: nothing */
    ck_span_append(&spans, &count, &cap, 15, 18, 0);                /* no flags: nothing */
    ck_span_append(&spans, &count, &cap, 15, 18, CK_SPAN_HIDDEN);   /* still carries on */
    assert_int_equal(count, 3);
    assert_true(cap >= count);
    assert_int_equal(spans[0].start, 0);
    assert_int_equal(spans[0].end, 6);
    assert_int_equal(spans[0].flags, CK_SPAN_INSERTED);
    assert_int_equal(spans[1].start, 6);
    assert_int_equal(spans[1].end, 9);
    assert_int_equal(spans[2].start, 12);
    assert_int_equal(spans[2].end, 18);
    for (uint32_t i = 0; i < 100; i++) /* growing past the first allocation */
        ck_span_append(&spans, &count, &cap, 100 + 2 * i, 101 + 2 * i, CK_SPAN_BLANK);
    assert_int_equal(count, 103);
    assert_int_equal(spans[102].start, 298);
    free(spans);

    ck_document *doc = ck_document_new("", CK_FORMAT_DOCX);
    ck_block *b = ck_document_add(doc, CK_BLOCK_PARAGRAPH, "abcdefgh", 8, NULL, NULL);
    ck_block_add_span(b, 0, 2, CK_SPAN_HIDDEN);
    ck_block_add_span(b, 2, 4, CK_SPAN_HIDDEN);
    ck_block_add_span(b, 4, 4, CK_SPAN_INSERTED);
    ck_block_add_span(b, 5, 8, CK_SPAN_INSERTED);
    assert_int_equal(b->span_count, 2);
    assert_int_equal(b->spans[0].end, 4);
    assert_int_equal(b->spans[1].start, 5);
    ck_document_free(doc);
}

/* A reader gathers a text box's paragraphs apart and moves them into the
 * document when its anchor is out: their strings stay valid. */
static void borrowed_strings_outlive_the_borrower(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("c.docx", CK_FORMAT_DOCX);
    ck_document *box = ck_document_new_borrowing(doc);
    ck_document_add(doc, CK_BLOCK_PARAGRAPH, "本文", strlen("本文"), NULL, NULL);
    ck_block *b = ck_document_add(box, CK_BLOCK_TEXT_BOX, "方塊內文字", strlen("方塊內文字"), "1.", "Frame");
    ck_block_add_span(b, 0, 3, CK_SPAN_INSERTED);
    doc->blocks = ck_realloc(doc->blocks, (doc->count + 1) * sizeof *doc->blocks);
    doc->capacity = doc->count + 1;
    doc->blocks[doc->count++] = box->blocks[0];
    box->count = 0; /* ownership of the block (its spans) moved */
    ck_document_free(box);
    assert_string_equal(doc->blocks[1].text, "方塊內文字");
    assert_string_equal(doc->blocks[1].label, "1.");
    assert_string_equal(doc->blocks[1].style, "Frame");
    assert_int_equal(doc->blocks[1].spans[0].end, 3);
    ck_document_free(doc);
}

static void parts_interned(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("", CK_FORMAT_DOCX);
    char name[] = "word/document.xml";
    const char *a = ck_document_part(doc, name);
    const char *b = ck_document_part(doc, "word/footnotes.xml");
    name[5] = 'X';
    assert_ptr_equal(ck_document_part(doc, "word/document.xml"), a);
    assert_ptr_not_equal(a, b);
    assert_string_equal(a, "word/document.xml");
    assert_int_equal(doc->part_count, 2);
    ck_document_free(doc);
}

static void leading_text_is_label_then_text(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("", CK_FORMAT_DOCX);
    ck_buf out = CK_BUF_INIT;
    ck_block *b = ck_document_add(doc, CK_BLOCK_LIST_ITEM, "乙方應於期限內交付", strlen("乙方應於期限內交付"), "(一)", NULL);
    ck_block_leading_text(b, &out);
    assert_string_equal(out.data, "(一) 乙方應於期限內交付");
    /* 200 three-byte characters: cut at 400 bytes, never inside one */
    ck_buf long_text = CK_BUF_INIT;
    for (int i = 0; i < 200; i++)
        ck_buf_puts(&long_text, "甲");
    b = ck_document_add(doc, CK_BLOCK_PARAGRAPH, long_text.data, long_text.len, NULL, NULL);
    ck_block_leading_text(b, &out);
    assert_int_equal(out.len, 399);
    ck_buf_free(&long_text);
    ck_buf_free(&out);
    ck_document_free(doc);
}

static void kind_names(void **state)
{
    (void)state;
    assert_string_equal(ck_block_kind_name(CK_BLOCK_TABLE_CELL), "table_cell");
    assert_string_equal(ck_block_kind_name(CK_BLOCK_FOOTER), "footer");
    assert_string_equal(ck_block_kind_name((ck_block_kind)99), "block");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(blocks_keep_copies_of_their_strings),
        cmocka_unit_test(strings_survive_growth),
        cmocka_unit_test(styles_are_shared),
        cmocka_unit_test(locations_and_texts_replaced),
        cmocka_unit_test(spans_merge_when_adjacent_and_alike),
        cmocka_unit_test(borrowed_strings_outlive_the_borrower),
        cmocka_unit_test(parts_interned),
        cmocka_unit_test(leading_text_is_label_then_text),
        cmocka_unit_test(kind_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
