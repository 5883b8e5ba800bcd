#include "support.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "model/label.h"
#include "rules/pack.h"

static ck_label label_of(const char *s)
{
    return ck_label_read(s, strlen(s), 0);
}

static void labels_are_read_with_their_kind_and_number(void **state)
{
    (void)state;
    ck_label l = label_of("三、資訊安全");
    assert_int_equal(l.kind, CK_LABEL_CJK);
    assert_int_equal(l.number, 3);
    assert_int_equal(l.length, strlen("三、"));
    l = label_of("（二）保密");
    assert_int_equal(l.kind, CK_LABEL_CJK_PAREN);
    assert_int_equal(l.number, 2);
    l = label_of("12. 稽核");
    assert_int_equal(l.kind, CK_LABEL_ARABIC);
    assert_int_equal(l.number, 12);
    l = label_of("③ 第三項");
    assert_int_equal(l.kind, CK_LABEL_CIRCLED);
    assert_int_equal(l.number, 3);
    assert_int_equal(label_of("乙方應於").kind, CK_LABEL_NONE);
}

static void spaces_and_code_points(void **state)
{
    (void)state;
    const char s[] = " \t　甲";
    size_t n;
    assert_true(ck_label_is_space(0x3000));
    assert_true(ck_label_is_space(0xA0));
    assert_false(ck_label_is_space(0x7532));
    assert_int_equal(ck_label_skip_spaces(s, strlen(s), 0), strlen(" \t　"));
    assert_int_equal(ck_label_peek(s, strlen(s), strlen(" \t　"), &n), 0x7532);
    assert_int_equal(n, 3);
    assert_int_equal(ck_label_peek(s, strlen(s), strlen(s), &n), -1);
    assert_int_equal(n, 0);
}

static void annex_words_are_told(void **state)
{
    (void)state;
    assert_int_equal(ck_label_annex_word("附件一", strlen("附件一")), strlen("附件"));
    assert_int_equal(ck_label_annex_word("附錄、程序", strlen("附錄、程序")), strlen("附錄"));
    assert_int_equal(ck_label_annex_word("附表 2", strlen("附表 2")), strlen("附表"));
    assert_int_equal(ck_label_annex_word("附註", strlen("附註")), 0);
    assert_int_equal(ck_label_annex_word("附", strlen("附")), 0);
    assert_int_equal(ck_label_annex_word("第一條", strlen("第一條")), 0);
}

/* The matcher finds annexes through the word list annex_label of
 * rules/language.yaml: it must know every word the model opens an annex
 * with, and no other. */
static void the_language_packs_annex_label_names_the_same_words(void **state)
{
    (void)state;
    ck_rule_set *set = ck_rule_set_new();
    ck_error err;
    ck_error_clear(&err);
    assert_int_equal(ck_rule_set_set_language(set, "rules/language.yaml", &err), 0);
    const ck_rule_definition *def = ck_rule_set_word(set, "annex_label");
    assert_non_null(def);
    pcre2_match_data *md = pcre2_match_data_create(4, NULL);
    for (const char *const *w = ck_label_annex_words; *w; w++) {
        char text[32];
        int found = 0;
        snprintf(text, sizeof text, "依%s一辦理", *w);
        for (size_t p = 0; p < def->patterns.count && !found; p++)
            found = pcre2_match(def->patterns.items[p].code, (PCRE2_SPTR)text, strlen(text), 0, 0, md, NULL) > 0;
        assert_true(found);
    }
    int found = 0;
    for (size_t p = 0; p < def->patterns.count; p++)
        found |= pcre2_match(def->patterns.items[p].code, (PCRE2_SPTR) "依附註一辦理", strlen("依附註一辦理"), 0, 0, md,
                             NULL) > 0;
    assert_false(found);
    pcre2_match_data_free(md);
    ck_rule_set_free(set);
}

/* kind, number and the label as written (its bytes), in one assertion */
static void expect(const char *s, int whole, int kind, long number, const char *label)
{
    ck_label l = ck_label_read(s, strlen(s), whole);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(labels_are_read_with_their_kind_and_number),
        cmocka_unit_test(spaces_and_code_points),
        cmocka_unit_test(annex_words_are_told),
        cmocka_unit_test(the_language_packs_annex_label_names_the_same_words),
        cmocka_unit_test(chinese_and_arabic_labels),
        cmocka_unit_test(multi_level_numbers),
        cmocka_unit_test(punctuation_needed_in_text),
    };
    return cmocka_run_group_tests_name("model/label", tests, NULL, NULL);
}
