#include "support.h"

#include "model/numerals.h"

static char result[128];

static const char *fmt(long n, const char *format)
{
    ck_buf b = CK_BUF_INIT;
    ck_numeral_format(n, format, &b);
    snprintf(result, sizeof result, "%s", b.data ? b.data : "");
    ck_buf_free(&b);
    return result;
}

static const char *fmt_as(long n, const char *format, unsigned flags)
{
    ck_buf b = CK_BUF_INIT;
    ck_numeral_format_as(n, format, flags, &b);
    snprintf(result, sizeof result, "%s", b.data ? b.data : "");
    ck_buf_free(&b);
    return result;
}

static void taiwanese_counting_thousand(void **state)
{
    (void)state;
    const char *want[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
                           "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十", "二十一" };
    for (long i = 1; i <= 21; i++)
        assert_string_equal(fmt(i, "taiwaneseCountingThousand"), want[i - 1]);
    assert_string_equal(fmt(99, "taiwaneseCountingThousand"), "九十九");
    assert_string_equal(fmt(100, "taiwaneseCountingThousand"), "一百");
    assert_string_equal(fmt(101, "taiwaneseCountingThousand"), "一百零一");
    assert_string_equal(fmt(110, "taiwaneseCountingThousand"), "一百一十");
    assert_string_equal(fmt(1020, "taiwaneseCountingThousand"), "一千零二十");
    assert_string_equal(fmt(10001, "taiwaneseCountingThousand"), "一萬零一");
    assert_string_equal(fmt(23000, "taiwaneseCountingThousand"), "二萬三千");
    assert_string_equal(fmt(12, "chineseCountingThousand"), "十二");
    assert_string_equal(fmt(20000, "chineseCountingThousand"), "二万");
}

static void counting_and_digital(void **state)
{
    (void)state;
    assert_string_equal(fmt(10, "taiwaneseCounting"), "十");
    assert_string_equal(fmt(35, "chineseCounting"), "三十五");
    assert_string_equal(fmt(102, "chineseCounting"), "一〇二");
    assert_string_equal(fmt(3, "ideographDigital"), "三");
    assert_string_equal(fmt(10, "ideographDigital"), "一〇");
    assert_string_equal(fmt(12, "ideographDigital"), "一二");
    assert_string_equal(fmt(11, "ideographLegalTraditional"), "壹拾壹");
    assert_string_equal(fmt(3, "ideographLegalTraditional"), "參");
}

static void series_formats(void **state)
{
    (void)state;
    assert_string_equal(fmt(1, "ideographTraditional"), "甲");
    assert_string_equal(fmt(4, "ideographTraditional"), "丁");
    assert_string_equal(fmt(11, "ideographTraditional"), "11");
    assert_string_equal(fmt(12, "ideographZodiac"), "亥");
    assert_string_equal(fmt(1, "decimalEnclosedCircle"), "①");
    assert_string_equal(fmt(20, "decimalEnclosedCircle"), "⑳");
    assert_string_equal(fmt(21, "decimalEnclosedCircle"), "21");
    assert_string_equal(fmt(2, "ideographEnclosedCircle"), "㈡");
    assert_string_equal(fmt(12, "decimalFullWidth"), "１２");
}

static void latin_formats(void **state)
{
    (void)state;
    assert_string_equal(fmt(7, "decimal"), "7");
    assert_string_equal(fmt(3, "decimalZero"), "03");
    assert_string_equal(fmt(1, "upperLetter"), "A");
    assert_string_equal(fmt(28, "upperLetter"), "BB");
    assert_string_equal(fmt(3, "lowerLetter"), "c");
    assert_string_equal(fmt(14, "upperRoman"), "XIV");
    assert_string_equal(fmt(1994, "lowerRoman"), "mcmxciv");
    assert_string_equal(fmt(5, "none"), "");
    assert_string_equal(fmt(5, "bullet"), "");
    ck_buf b = CK_BUF_INIT;
    assert_int_equal(ck_numeral_format(4, "klingon", &b), -1);
    assert_string_equal(b.data, "4");
    ck_buf_free(&b);
    assert_string_equal(fmt(0, "taiwaneseCountingThousand"), "0");
}

static void parses_numbers(void **state)
{
    (void)state;
    size_t used;
    assert_int_equal(ck_numeral_parse("十二條", strlen("十二條"), &used), 12);
    assert_int_equal(used, strlen("十二"));
    assert_int_equal(ck_numeral_parse("二十一", strlen("二十一"), NULL), 21);
    assert_int_equal(ck_numeral_parse("一百零一", strlen("一百零一"), NULL), 101);
    assert_int_equal(ck_numeral_parse("一百一十", strlen("一百一十"), NULL), 110);
    assert_int_equal(ck_numeral_parse("一〇二", strlen("一〇二"), NULL), 102);
    assert_int_equal(ck_numeral_parse("壹拾參", strlen("壹拾參"), NULL), 13);
    assert_int_equal(ck_numeral_parse("一萬零一", strlen("一萬零一"), NULL), 10001);
    assert_int_equal(ck_numeral_parse("１２條", strlen("１２條"), &used), 12);
    assert_int_equal(used, 6);
    assert_int_equal(ck_numeral_parse("34)", 3, &used), 34);
    assert_int_equal(used, 2);
    assert_int_equal(ck_numeral_parse("條", strlen("條"), &used), -1);
    assert_int_equal(used, 0);
    /* every formatted value reads back */
    for (long i = 1; i < 1200; i += 7) {
        const char *s = fmt(i, "taiwaneseCountingThousand");
        assert_int_equal(ck_numeral_parse(s, strlen(s), NULL), i);
    }
}

/* LibreOffice's letters and circled numbers, asked for by flag; without
 * the flags the same numbers read as Word writes them. */
static void libreoffice_differences(void **state)
{
    (void)state;
    static const struct {
        long n;
        const char *format;
        unsigned flags;
        const char *want;
    } cases[] = {
        { 26, "lowerLetter", CK_NUMERAL_LETTERS_BIJECTIVE, "z" },
        { 27, "lowerLetter", CK_NUMERAL_LETTERS_BIJECTIVE, "aa" },
        { 28, "upperLetter", CK_NUMERAL_LETTERS_BIJECTIVE, "AB" },
        { 703, "lowerLetter", CK_NUMERAL_LETTERS_BIJECTIVE, "aaa" },
        { 0, "lowerLetter", CK_NUMERAL_LETTERS_BIJECTIVE, "0" },
        { 28, "upperLetter", 0, "BB" },
        { 20, "decimalEnclosedCircle", CK_NUMERAL_CIRCLED_TO_50, "⑳" },
        { 21, "decimalEnclosedCircle", CK_NUMERAL_CIRCLED_TO_50, "㉑" },
        { 35, "decimalEnclosedCircle", CK_NUMERAL_CIRCLED_TO_50, "㉟" },
        { 36, "decimalEnclosedCircle", CK_NUMERAL_CIRCLED_TO_50, "㊱" },
        { 50, "decimalEnclosedCircle", CK_NUMERAL_CIRCLED_TO_50, "㊿" },
        { 51, "decimalEnclosedCircle", CK_NUMERAL_CIRCLED_TO_50, "51" },
        { 21, "decimalEnclosedCircle", 0, "21" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(fmt_as(cases[i].n, cases[i].format, cases[i].flags), cases[i].want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(taiwanese_counting_thousand), cmocka_unit_test(counting_and_digital),
        cmocka_unit_test(series_formats),
        cmocka_unit_test(libreoffice_differences), cmocka_unit_test(latin_formats), cmocka_unit_test(parses_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
