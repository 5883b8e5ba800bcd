#include "support.h"

#include <utf8proc.h>

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

/* The one table of numerals: every form a contract or a roster writes a
 * number or an amount in, with what ck_numeral_parse (number) and
 * ck_numeral_parse_amount (fen, 分) read from it and how many bytes each
 * takes. -1: no number / no amount. */
static const struct {
    const char *text;
    long number;           /* ck_numeral_parse */
    size_t number_used;    /* bytes it reads */
    long long fen;         /* ck_numeral_parse_amount, in 分 */
    size_t fen_used;
} numerals[] = {
    /* 小寫, positional */
    { "十二條", 12, 6, -1, 0 },
    { "二十一", 21, 9, -1, 0 },
    { "一百零一", 101, 12, -1, 0 },
    { "一百一十", 110, 12, -1, 0 },
    { "一千零二十", 1020, 15, -1, 0 },
    { "一萬零一", 10001, 12, 1000100, 12 },
    { "十萬元", 100000, 6, 10000000, 9 },
    { "一千萬元", 10000000, 9, 1000000000, 12 },
    { "一億二千萬元", 120000000, 15, 12000000000, 18 },
    { "三億", 300000000, 6, 30000000000, 6 },       /* 億: new to ck_numeral_parse */
    { "十億零五萬", 1000050000, 15, 100005000000, 15 },
    /* 小寫, digit by digit, with the three zeros */
    { "一〇二", 102, 9, -1, 0 },
    { "一○二", 102, 9, -1, 0 },                      /* ○ (U+25CB): new to amounts */
    { "二零二六年", 2026, 12, -1, 0 },
    { "兩百", 200, 6, -1, 0 },
    { "两千元", 2000, 6, 200000, 9 },                /* 两: new everywhere */
    /* 大寫 and their variants */
    { "壹拾參", 13, 9, -1, 0 },
    { "參佰伍拾萬元", 3500000, 15, 350000000, 18 },
    { "新臺幣壹仟萬元整", -1, 0, 1000000000, 24 },
    { "新臺幣壹佰貳拾萬元整", -1, 0, 120000000, 30 },
    { "新臺幣貳拾億參仟零肆拾萬伍仟零陸拾元整", -1, 0, 203040506000, 57 },
    { "贰佰元", 200, 6, 20000, 9 },                  /* 贰: new to amounts */
    { "陆仟元", 6000, 6, 600000, 9 },                /* 陆: new to amounts */
    { "弌萬", 10000, 6, 1000000, 6 },                /* 弌: new to ck_numeral_parse */
    { "叁拾", 30, 6, -1, 0 },
    { "参拾", 30, 6, -1, 0 },                        /* 参: new everywhere */
    { "肆柒捌玖", 4789, 12, -1, 0 },
    /* Arabic: ASCII, full-width, grouping commas, decimals */
    { "34)", 34, 2, -1, 0 },
    { "１２條", 12, 6, -1, 0 },
    { "１２萬元", 12, 6, 12000000, 12 },             /* full-width digits: new to amounts */
    { "10,000,000元", 10, 2, 1000000000, 13 },
    { "NT$10,000,000", -1, 0, 1000000000, 13 },
    { "NTD 500", -1, 0, 50000, 7 },
    { "$1,234.56", -1, 0, 123456, 9 },
    { "1,000萬元", 1, 1, 1000000000, 11 },
    { "1.5億元", 1, 1, 15000000000, 9 },
    { "2.25萬", 2, 1, 2250000, 7 },
    { "1.23456萬元", 1, 1, 1234560, 13 },
    { "新臺幣9,999,999元", -1, 0, 999999900, 21 },
    { "新臺幣 3,500,000 元", -1, 0, 350000000, 19 }, /* the 元 after a space is not read */
    { "新臺幣 3,500,000元", -1, 0, 350000000, 22 },
    { "1234567890", 123456789, 9, -1, 0 },           /* numbering stops past 99999999 */
    /* no number, no amount */
    { "條", -1, 0, -1, 0 },
    { "萬一", -1, 0, -1, 0 },                        /* was 10001 to ck_numeral_parse */
    { "30日", 30, 2, -1, 0 },
    { "一年", 1, 3, -1, 0 },
    { "本契約", -1, 0, -1, 0 },
    { "新臺幣元", -1, 0, -1, 0 },
    { "9999999999999999萬元", 999999999, 9, -1, 0 }, /* past 9e15 元 */
};

static void parses_numbers(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof numerals / sizeof numerals[0]; i++) {
        const char *s = numerals[i].text;
        size_t used = 99;
        long n = ck_numeral_parse(s, strlen(s), &used);
        if (n != numerals[i].number || used != numerals[i].number_used)
            fail_msg("%s: ck_numeral_parse %ld (%zu bytes), want %ld (%zu)", s, n, used, numerals[i].number,
                     numerals[i].number_used);
        long long fen = -1;
        used = 0;
        if (!ck_numeral_parse_amount(s, strlen(s), &fen, &used))
            fen = -1, used = 0;
        if (fen != numerals[i].fen || used != numerals[i].fen_used)
            fail_msg("%s: ck_numeral_parse_amount %lld (%zu bytes), want %lld (%zu)", s, fen, used,
                     numerals[i].fen, numerals[i].fen_used);
    }
    /* the amount's words read as a number too, after the currency */
    assert_int_equal(ck_numeral_parse("貳拾億參仟零肆拾萬伍仟零陸拾", strlen("貳拾億參仟零肆拾萬伍仟零陸拾"), NULL),
                     2030405060);
    assert_int_equal(ck_numeral_parse(NULL, 0, NULL), -1);
    /* every formatted value reads back */
    for (long i = 1; i < 1200; i += 7) {
        const char *s = fmt(i, "taiwaneseCountingThousand");
        assert_int_equal(ck_numeral_parse(s, strlen(s), NULL), i);
    }
    for (long i = 1; i < 100000000; i = i * 3 + 7) {
        const char *s = fmt(i, "ideographLegalTraditional");
        assert_int_equal(ck_numeral_parse(s, strlen(s), NULL), i);
    }
}

/* Which characters are numerals, and which of them 大寫 (a label 壹、 is
 * of another level than 一、). 叁 贰 陆 弌 佰 仟 were not 大寫 to labels. */
static void classifies_characters(void **state)
{
    (void)state;
    static const char *const financial = "壹弌貳贰弍參叁弎肆伍陸陆柒捌玖拾佰仟";
    static const char *const plain = "一二三四五六七八九十百千萬億〇零兩甲1";
    const char *lists[2] = { financial, plain };
    for (int k = 0; k < 2; k++) {
        const char *p = lists[k];
        while (*p) {
            utf8proc_int32_t c;
            utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &c);
            assert_true(n > 0);
            if (ck_numeral_is_financial(c) != (k == 0))
                fail_msg("%.*s: financial %d", (int)n, p, ck_numeral_is_financial(c));
            if (c != 0x7532 && c != '1' && ck_numeral_digit_value(c) < 0 && ck_numeral_unit_value(c) == 0)
                fail_msg("%.*s: not a numeral", (int)n, p);
            p += n;
        }
    }
    assert_int_equal(ck_numeral_digit_value(0x7532), -1); /* 甲 */
    assert_int_equal(ck_numeral_unit_value(0x5104), 100000000); /* 億 */
}

/* The forms' 大寫 amounts: whole 元 up to 玖仟…億, and back. */
static void formats_amounts(void **state)
{
    (void)state;
    static const struct {
        long long yuan;
        const char *want;
    } cases[] = {
        { 0, "新臺幣零元整" },
        { 7, "新臺幣柒元整" },
        { 10, "新臺幣壹拾元整" },
        { 101, "新臺幣壹佰零壹元整" },
        { 10050, "新臺幣壹萬零伍拾元整" },
        { 100000, "新臺幣壹拾萬元整" },
        { 1201000, "新臺幣壹佰貳拾萬壹仟元整" },
        { 1200300, "新臺幣壹佰貳拾萬零參佰元整" },
        { 100010000, "新臺幣壹億零壹萬元整" },
        { 100000001, "新臺幣壹億零壹元整" },
        { 100005000, "新臺幣壹億零伍仟元整" },
        { 2030405060, "新臺幣貳拾億參仟零肆拾萬伍仟零陸拾元整" },
        { 999999999999, "新臺幣玖仟玖佰玖拾玖億玖仟玖佰玖拾玖萬玖仟玖佰玖拾玖元整" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ck_buf b = CK_BUF_INIT;
        long long fen = -1;
        size_t used = 0;
        assert_int_equal(ck_numeral_format_amount(cases[i].yuan, &b), 0);
        assert_string_equal(b.data, cases[i].want);
        if (cases[i].yuan > 0) {
            assert_true(ck_numeral_parse_amount(b.data, b.len, &fen, &used));
            assert_true(fen == cases[i].yuan * 100);
            assert_int_equal(used, b.len);
        }
        ck_buf_free(&b);
    }
    ck_buf b = CK_BUF_INIT;
    assert_int_equal(ck_numeral_format_amount(1000000000000LL, &b), -1);
    assert_int_equal(ck_numeral_format_amount(-1, &b), -1);
    assert_int_equal(b.len, 0);
    ck_buf_free(&b);
}

/* The forms' amount fields: ASCII digits, commas between groups of three. */
static void parses_grouped_digits(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        unsigned flags;
        int rc;
        long long value;
    } cases[] = {
        { "1200000", 0, 0, 1200000 },
        { "1,200,000", 0, 0, 1200000 },
        { "007", 0, 0, 7 },
        { "0", 0, 0, 0 },
        { "999,999", 0, 0, 999999 },
        { "", 0, -1, 0 },
        { "-5", 0, -1, 0 },
        { "12.5", 0, -1, 0 },
        { "1,20,000", 0, -1, 0 },
        { ",100", 0, -1, 0 },
        { "12,34", 0, -1, 0 },
        { "NT$100", 0, -1, 0 },
        { "１２", 0, -1, 0 },
        { "99999999999999999999", 0, -2, 0 },
        /* rule packs' amount_at_least */
        { "10_000_000", CK_NUMERAL_LOOSE_SEPARATORS, 0, 10000000 },
        { "1000,0000", CK_NUMERAL_LOOSE_SEPARATORS, 0, 10000000 },
        { "10,000,000", CK_NUMERAL_LOOSE_SEPARATORS, 0, 10000000 },
        { ",_", CK_NUMERAL_LOOSE_SEPARATORS, -1, 0 },
        { "一千萬", CK_NUMERAL_LOOSE_SEPARATORS, -1, 0 },
        { "10_000_000", 0, -1, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        long long v = 42;
        int rc = ck_numeral_parse_grouped(cases[i].text, cases[i].flags, &v);
        if (rc != cases[i].rc || (rc == 0 && v != cases[i].value))
            fail_msg("%s: %d %lld, want %d %lld", cases[i].text, rc, v, cases[i].rc, cases[i].value);
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
        cmocka_unit_test(formats_amounts), cmocka_unit_test(classifies_characters), cmocka_unit_test(parses_grouped_digits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
