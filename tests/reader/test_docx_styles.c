/* DOCX styles (src/reader/docx_styles.c): headings by style name, basedOn
 * chains and outline levels, table-of-contents styles, hidden text set by
 * character and paragraph styles. */
#include "reader/docx_support.h"

static void hidden_text(void **state)
{
    (void)state;
    docx_spec s = {
        .styles = "<w:style w:type=\"character\" w:styleId=\"Secret\"><w:name w:val=\"Secret\"/><w:rPr><w:vanish/></w:rPr></w:style>"
                  "<w:style w:type=\"paragraph\" w:styleId=\"Note\"><w:name w:val=\"Note\"/><w:rPr><w:vanish/></w:rPr></w:style>",
        .body = "<w:p><w:r><w:t>看得到</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>藏起來</w:t></w:r></w:p>"
                "<w:p><w:r><w:rPr><w:rStyle w:val=\"Secret\"/></w:rPr><w:t>整段隱藏</w:t></w:r></w:p>"
                "<w:p><w:pPr><w:pStyle w:val=\"Note\"/></w:pPr><w:r><w:t>樣式隱藏</w:t></w:r>"
                "<w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>但這裡顯示</w:t></w:r></w:p>"
    };
    ck_document *doc = docx_load(&s);
    assert_string_equal(docx_texts(doc), "看得到藏起來|整段隱藏|樣式隱藏但這裡顯示");
    const ck_block *b = &doc->blocks[0];
    assert_int_equal(b->span_count, 1);
    assert_int_equal(b->spans[0].start, strlen("看得到"));
    assert_int_equal(b->spans[0].flags, CK_SPAN_HIDDEN);
    assert_false(b->flags & CK_BLOCK_HIDDEN);
    assert_true(doc->blocks[1].flags & CK_BLOCK_HIDDEN);
    b = &doc->blocks[2];
    assert_false(b->flags & CK_BLOCK_HIDDEN);
    assert_int_equal(b->spans[0].end, strlen("樣式隱藏"));
    ck_document_free(doc);
}

static void headings_and_tables_of_contents(void **state)
{
    (void)state;
    docx_spec s = {
        .styles = "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
                  "<w:style w:type=\"paragraph\" w:styleId=\"2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/></w:style>"
                  "<w:style w:type=\"paragraph\" w:styleId=\"ArticleTitle\"><w:name w:val=\"條標題\"/><w:basedOn w:val=\"2\"/></w:style>"
                  "<w:style w:type=\"paragraph\" w:styleId=\"Outline\"><w:name w:val=\"大綱\"/><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>"
                  "<w:style w:type=\"paragraph\" w:styleId=\"TOC1\"><w:name w:val=\"toc 1\"/></w:style>"
                  "<w:style w:type=\"paragraph\" w:styleId=\"Loop\"><w:name w:val=\"Loop\"/><w:basedOn w:val=\"Loop\"/></w:style>",
        .body = PS("TOC1", "第一條　標的\t1")
                "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-3\" </w:instrText></w:r>"
                "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>第一條　標的…1</w:t></w:r></w:p>"
                "<w:p><w:r><w:t>第二條　期限…2</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
                PS("ArticleTitle", "第一條　標的") PS("Outline", "總則") PS("Loop", "迴圈樣式")
                "<w:p><w:pPr><w:outlineLvl w:val=\"2\"/></w:pPr><w:r><w:t>直接大綱</w:t></w:r></w:p>"
    };
    ck_document *doc = docx_load(&s);
    assert_string_equal(docx_texts(doc), "第一條　標的\t1|第一條　標的…1|第二條　期限…2|第一條　標的|總則|迴圈樣式|直接大綱");
    for (int i = 0; i < 3; i++) {
        assert_true(doc->blocks[i].flags & CK_BLOCK_TOC);
        assert_string_equal(doc->blocks[i].location, "目錄");
    }
    assert_int_equal(doc->blocks[3].kind, CK_BLOCK_HEADING);
    assert_int_equal(doc->blocks[3].level, 2);
    assert_int_equal(doc->blocks[3].article_number, 1);
    assert_int_equal(doc->blocks[4].kind, CK_BLOCK_HEADING);
    assert_int_equal(doc->blocks[4].level, 1);
    assert_int_equal(doc->blocks[5].kind, CK_BLOCK_PARAGRAPH);
    assert_int_equal(doc->blocks[6].level, 3);
    ck_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hidden_text),
        cmocka_unit_test(headings_and_tables_of_contents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
