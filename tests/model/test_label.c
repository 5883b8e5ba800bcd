/* Item labels at the start of a paragraph (src/model/label.c): their kind,
 * number and length, as the locator and the agreed-text pass read them. */
#include "support.h"

#include "model/label.h"

static ck_label label_of(const char *s, int whole)
{
    return ck_label_read(s, strlen(s), whole);
}

/* kind, number and the label as written (its bytes), in one assertion */
static void expect(const char *s, int whole, int kind, long number, const char *label)
{
    ck_label l = label_of(s, whole);
    char got[64];
    snprintf(got, sizeof got, "%d %ld %.*s", l.kind, l.number, (int)l.length, s);
    char want[64];
    snprintf(want, sizeof want, "%d %ld %s", kind, number, label);
    assert_string_equal(got, want);
}

static void chinese_and_arabic_labels(void **state)
{
    (void)state;
    expect("一、契約文件", 0, CK_LABEL_CJK, 1, "一、");
    expect("十二、保密", 0, CK_LABEL_CJK, 12, "十二、");
    expect("(二)乙方", 0, CK_LABEL_CJK_PAREN, 2, "(二)");
    expect("（十一）甲方", 0, CK_LABEL_CJK_PAREN, 11, "（十一）");
    expect("壹、總則", 0, CK_LABEL_LEGAL, 1, "壹、");
    expect("3.本系統", 0, CK_LABEL_ARABIC, 3, "3.");
    expect("３．全形", 0, CK_LABEL_ARABIC, 3, "３．");
    expect("4)項目", 0, CK_LABEL_ARABIC, 4, "4)");
    expect("(4)子目", 0, CK_LABEL_ARABIC_PAREN, 4, "(4)");
    expect("甲、得標廠商", 0, CK_LABEL_STEM, 1, "甲、");
    expect("③第三", 0, CK_LABEL_CIRCLED, 3, "③");
    expect("b)second", 0, CK_LABEL_LATIN, 2, "b)");
    expect("(c)third", 0, CK_LABEL_LATIN_PAREN, 3, "(c)");
    expect("【2】選項", 0, CK_LABEL_BRACKET, 2, "【2】");
    expect("• 項目", 0, CK_LABEL_BULLET, 0, "•");
    /* leading white space, ideographic spaces included, is part of the length */
    expect("　二、前有空白", 0, CK_LABEL_CJK, 2, "　二、");
}

static void multi_level_numbers(void **state)
{
    (void)state;
    expect("2.1.3 範圍", 0, CK_LABEL_MULTI + 2, 2, "2.1.3");
    expect("2.1. 範圍", 0, CK_LABEL_MULTI + 1, 2, "2.1.");
    /* in running text 1.5 is a number, not a label */
    expect("1.5公尺以上", 0, CK_LABEL_NONE, 0, "");
    expect("1.5", 1, CK_LABEL_MULTI + 1, 1, "1.5");
}

/* A numbering label of its own (whole) may lack the punctuation; text may not. */
static void punctuation_needed_in_text(void **state)
{
    (void)state;
    expect("第一條", 1, CK_LABEL_NONE, 0, "");
    expect("一", 1, CK_LABEL_CJK, 1, "一");
    expect("一 ", 1, CK_LABEL_CJK, 1, "一");
    expect("一個條件", 0, CK_LABEL_NONE, 0, "");
    expect("12", 1, CK_LABEL_ARABIC, 12, "12");
    expect("12個月", 0, CK_LABEL_NONE, 0, "");
    expect("a 字", 0, CK_LABEL_NONE, 0, "");
    expect("(二", 0, CK_LABEL_NONE, 0, "");
    expect("【2", 0, CK_LABEL_NONE, 0, "");
    expect("", 0, CK_LABEL_NONE, 0, "");
}

static void peeking_and_spaces(void **state)
{
    (void)state;
    size_t n;
    const char *s = "　甲";
    assert_int_equal(ck_label_peek(s, strlen(s), 0, &n), 0x3000);
    assert_int_equal(n, 3);
    assert_int_equal(ck_label_peek(s, strlen(s), 3, &n), 0x7532);
    assert_int_equal(ck_label_peek(s, strlen(s), 6, &n), -1);
    assert_int_equal(n, 0);
    assert_int_equal(ck_label_peek("\xff", 1, 0, &n), -1); /* bad UTF-8 */
    assert_int_equal(n, 0);
    assert_true(ck_label_is_space(0xA0));
    assert_false(ck_label_is_space(0x7532));
    assert_int_equal(ck_label_skip_spaces(" \t　甲", strlen(" \t　甲"), 0), 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chinese_and_arabic_labels),
        cmocka_unit_test(multi_level_numbers),
        cmocka_unit_test(punctuation_needed_in_text),
        cmocka_unit_test(peeking_and_spaces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
