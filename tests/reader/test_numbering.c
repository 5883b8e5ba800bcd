/* DOCX automatic numbering (src/reader/numbering.c) as the reader shows it:
 * number formats, lvlText, restarts and overrides, numbering from styles. */
#include "reader/docx_support.h"

#define LEVEL(ilvl, fmt, text, extra)                                                                         \
    "<w:lvl w:ilvl=\"" ilvl "\"><w:start w:val=\"1\"/><w:numFmt w:val=\"" fmt "\"/><w:lvlText w:val=\"" text "\"/>" \
    extra "</w:lvl>"

static void article_numbering_in_chinese(void **state)
{
    (void)state;
    ck_buf body = CK_BUF_INIT;
    for (int i = 0; i < 21; i++)
        ck_buf_puts(&body, PN("1", "0", "條文"));
    docx_spec s = { .body = body.data,
                    .numbering = "<w:abstractNum w:abstractNumId=\"7\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
                                 "<w:numFmt w:val=\"taiwaneseCountingThousand\"/><w:lvlText w:val=\"第%1條\"/>"
                                 "<w:suff w:val=\"space\"/></w:lvl></w:abstractNum>"
                                 "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"7\"/></w:num>" };
    ck_document *doc = docx_load(&s);
    ck_buf_free(&body);
    assert_int_equal(doc->count, 21);
    const char *want[] = { "第一條", "第二條", "第九條", "第十條", "第十一條", "第十九條", "第二十條", "第二十一條" };
    const int at[] = { 0, 1, 8, 9, 10, 18, 19, 20 };
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
        assert_string_equal(doc->blocks[at[i]].label, want[i]);
        assert_string_equal(doc->blocks[at[i]].text, "條文");
        assert_int_equal(doc->blocks[at[i]].kind, CK_BLOCK_LIST_ITEM);
        assert_int_equal(doc->blocks[at[i]].article_number, at[i] + 1);
    }
    assert_string_equal(doc->blocks[20].location, "第二十一條");
    ck_document_free(doc);
}

static void number_formats(void **state)
{
    (void)state;
    docx_spec s = {
        .numbering = "<w:abstractNum w:abstractNumId=\"1\">" LEVEL("0", "ideographDigital", "%1、", "") "</w:abstractNum>"
                     "<w:abstractNum w:abstractNumId=\"2\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"9\"/>"
                     "<w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"(%1)\"/></w:lvl></w:abstractNum>"
                     "<w:abstractNum w:abstractNumId=\"3\">" LEVEL("0", "ideographTraditional", "%1.", "") "</w:abstractNum>"
                     "<w:abstractNum w:abstractNumId=\"4\">" LEVEL("0", "decimalEnclosedCircle", "%1", "") "</w:abstractNum>"
                     "<w:abstractNum w:abstractNumId=\"5\">" LEVEL("0", "bullet", "\xEF\x82\xB7", "") "</w:abstractNum>"
                     "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"1\"/></w:num>"
                     "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"2\"/></w:num>"
                     "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"3\"/></w:num>"
                     "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"4\"/></w:num>"
                     "<w:num w:numId=\"5\"><w:abstractNumId w:val=\"5\"/></w:num>",
        .body = PN("1", "0", "a") PN("1", "0", "b") PN("2", "0", "c") PN("2", "0", "d") PN("2", "0", "e")
            PN("3", "0", "f") PN("3", "0", "g") PN("4", "0", "h") PN("5", "0", "i")
                "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"0\"/></w:numPr></w:pPr><w:r><w:t>j</w:t></w:r></w:p>"
    };
    ck_document *doc = docx_load(&s);
    assert_int_equal(doc->count, 10);
    assert_string_equal(doc->blocks[0].label, "一、");
    assert_string_equal(doc->blocks[1].label, "二、");
    assert_string_equal(doc->blocks[2].label, "(九)");
    assert_string_equal(doc->blocks[3].label, "(十)");
    assert_string_equal(doc->blocks[4].label, "(十一)");
    assert_string_equal(doc->blocks[5].label, "甲.");
    assert_string_equal(doc->blocks[6].label, "乙.");
    assert_string_equal(doc->blocks[7].label, "①");
    assert_string_equal(doc->blocks[8].label, "•");
    assert_null(doc->blocks[9].label); /* numId 0: numbering removed */
    assert_int_equal(doc->blocks[9].kind, CK_BLOCK_PARAGRAPH);
    ck_document_free(doc);
}

static void multilevel_restarts_and_overrides(void **state)
{
    (void)state;
    docx_spec s = {
        .numbering = "<w:abstractNum w:abstractNumId=\"0\">" LEVEL("0", "taiwaneseCountingThousand", "%1、", "")
                         LEVEL("1", "taiwaneseCountingThousand", "(%2)", "") LEVEL("2", "decimal", "%1.%2.%3", "<w:isLgl/>")
                     "</w:abstractNum>"
                     "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
                     "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/></w:num>"
                     "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/>"
                     "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\"/></w:lvlOverride></w:num>",
        .body = PN("1", "0", "a") PN("1", "1", "b") PN("1", "1", "c") PN("1", "2", "d") PN("1", "0", "e")
            PN("1", "1", "f") PN("2", "0", "g") PN("3", "0", "h") PN("3", "0", "i") PN("3", "1", "j")
    };
    ck_document *doc = docx_load(&s);
    const char *want[] = { "一、", "(一)", "(二)", "1.2.1", "二、", "(一)", "三、", "五、", "六、", "(一)" };
    assert_int_equal(doc->count, 10);
    for (int i = 0; i < 10; i++)
        assert_string_equal(doc->blocks[i].label, want[i]);
    assert_int_equal(doc->blocks[1].level, 1);
    ck_document_free(doc);
}

static void level_restart_and_level_override(void **state)
{
    (void)state;
    docx_spec s = {
        .numbering = "<w:abstractNum w:abstractNumId=\"0\">" LEVEL("0", "upperRoman", "%1.", "")
                         LEVEL("1", "upperLetter", "%2.", "") LEVEL("2", "decimal", "(%3)", "<w:lvlRestart w:val=\"1\"/>")
                     "</w:abstractNum>"
                     "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
                     "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\">"
                     "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"taiwaneseCountingThousand\"/>"
                     "<w:lvlText w:val=\"第%1章\"/></w:lvl></w:lvlOverride></w:num>",
        /* level 2 restarts only after level 1 (ilvl 0), not after level 2 (ilvl 1) */
        .body = PN("1", "0", "a") PN("1", "1", "b") PN("1", "2", "c") PN("1", "1", "d") PN("1", "2", "e")
            PN("1", "0", "f") PN("1", "2", "g") PN("2", "0", "h")
    };
    ck_document *doc = docx_load(&s);
    const char *want[] = { "I.", "A.", "(1)", "B.", "(2)", "II.", "(1)", "第三章" };
    assert_int_equal(doc->count, 8);
    for (int i = 0; i < 8; i++)
        assert_string_equal(doc->blocks[i].label, want[i]);
    ck_document_free(doc);
}

static void numbering_from_paragraph_style(void **state)
{
    (void)state;
    docx_spec s = {
        .styles = "<w:style w:type=\"paragraph\" w:styleId=\"Art\"><w:name w:val=\"條文\"/>"
                  "<w:pPr><w:numPr><w:numId w:val=\"4\"/></w:numPr></w:pPr></w:style>"
                  "<w:style w:type=\"paragraph\" w:styleId=\"Item\"><w:name w:val=\"款\"/>"
                  "<w:pPr><w:numPr><w:numId w:val=\"4\"/></w:numPr></w:pPr></w:style>"
                  "<w:style w:type=\"paragraph\" w:styleId=\"ArtChild\"><w:name w:val=\"條文二\"/><w:basedOn w:val=\"Art\"/></w:style>",
        .numbering = "<w:abstractNum w:abstractNumId=\"0\">" LEVEL("0", "taiwaneseCountingThousand", "第%1條", "<w:pStyle w:val=\"Art\"/>")
                         LEVEL("1", "taiwaneseCountingThousand", "%2、", "<w:pStyle w:val=\"Item\"/>") "</w:abstractNum>"
                     "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"0\"/></w:num>",
        .body = PS("Art", "標的") PS("Item", "甲") PS("Item", "乙") PS("ArtChild", "期限") PS("Item", "丙")
    };
    ck_document *doc = docx_load(&s);
    assert_int_equal(doc->count, 5);
    assert_string_equal(doc->blocks[0].label, "第一條");
    assert_string_equal(doc->blocks[1].label, "一、");
    assert_string_equal(doc->blocks[2].label, "二、");
    assert_string_equal(doc->blocks[3].label, "第二條");
    assert_string_equal(doc->blocks[4].label, "一、");
    assert_string_equal(doc->blocks[0].style, "條文");
    assert_string_equal(doc->blocks[4].location, "第二條 第一款");
    ck_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(article_numbering_in_chinese),
        cmocka_unit_test(number_formats),
        cmocka_unit_test(multilevel_restarts_and_overrides),
        cmocka_unit_test(level_restart_and_level_override),
        cmocka_unit_test(numbering_from_paragraph_style),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
