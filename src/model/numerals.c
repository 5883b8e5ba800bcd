#include "model/numerals.h"

#include <stdio.h>
#include <string.h>

#include <utf8proc.h>

static const char *const digits_plain[10] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
static const char *const digits_legal_traditional[10] = { "零", "壹", "貳", "參", "肆", "伍", "陸", "柒", "捌", "玖" };
static const char *const digits_legal_simplified[10] = { "零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖" };

typedef struct chinese_style {
    const char *const *digits;
    const char *units[4];   /* ones (empty), ten, hundred, thousand */
    const char *ten_thousand;
    const char *zero;       /* written for a gap inside a number */
    int bare_ten;           /* 10..19 start with 十, not 一十 */
} chinese_style;

static const chinese_style style_taiwanese = { digits_plain, { "", "十", "百", "千" }, "萬", "零", 1 };
static const chinese_style style_chinese = { digits_plain, { "", "十", "百", "千" }, "万", "零", 1 };
static const chinese_style style_legal_traditional = { digits_legal_traditional, { "", "拾", "佰", "仟" }, "萬", "零", 0 };
static const chinese_style style_legal_simplified = { digits_legal_simplified, { "", "拾", "佰", "仟" }, "万", "零", 0 };

static void put_codepoint(ck_buf *out, utf8proc_int32_t cp)
{
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t n = utf8proc_encode_char(cp, tmp);
    ck_buf_append(out, tmp, (size_t)n);
}

/* One group of up to four digits (0 < x < 10000). leading: the group starts
 * the number (no 零 before it, 十 may stand alone). */
static void chinese_group(ck_buf *out, long x, int leading, const chinese_style *st)
{
    static const long scale[4] = { 1, 10, 100, 1000 };
    int started = 0, gap = 0;

    for (int pos = 3; pos >= 0; pos--) {
        int d = (int)(x / scale[pos] % 10);
        if (d == 0) {
            if (started)
                gap = 1;
            continue;
        }
        if (gap || (!started && !leading && pos < 3))
            ck_buf_puts(out, st->zero);
        gap = 0;
        if (!(pos == 1 && d == 1 && !started && leading && st->bare_ten))
            ck_buf_puts(out, st->digits[d]);
        ck_buf_puts(out, st->units[pos]);
        started = 1;
    }
}

static int chinese_thousand(ck_buf *out, long n, const chinese_style *st)
{
    if (n <= 0 || n >= 100000000L)
        return -1;
    long high = n / 10000, low = n % 10000;
    if (high) {
        chinese_group(out, high, 1, st);
        ck_buf_puts(out, st->ten_thousand);
    }
    if (low)
        chinese_group(out, low, high == 0, st);
    return 0;
}

static void digit_by_digit(ck_buf *out, long n, const char *const *digits)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%ld", n);
    for (const char *p = tmp; *p; p++)
        ck_buf_puts(out, digits[*p - '0']);
}

/* a, b, ..., z, aa, ab, ...: bijective base 26. */
static void letters_bijective(ck_buf *out, long n, char first)
{
    char digits[64];
    int count = 0;
    while (n > 0 && count < (int)sizeof digits) {
        n--;
        digits[count++] = (char)(first + n % 26);
        n /= 26;
    }
    while (count > 0)
        ck_buf_putc(out, digits[--count]);
}

static void letters(ck_buf *out, long n, char first, unsigned flags)
{
    if (flags & CK_NUMERAL_LETTERS_BIJECTIVE) {
        letters_bijective(out, n, first);
        return;
    }
    long repeat = (n - 1) / 26 + 1;
    char c = (char)(first + (n - 1) % 26);
    if (repeat > 64)
        repeat = 64; /* no list is that long; keep the label bounded */
    for (long i = 0; i < repeat; i++)
        ck_buf_putc(out, c);
}

static void roman(ck_buf *out, long n, int lower)
{
    static const struct { long value; const char *upper, *lower; } table[] = {
        { 1000, "M", "m" }, { 900, "CM", "cm" }, { 500, "D", "d" }, { 400, "CD", "cd" },
        { 100, "C", "c" },  { 90, "XC", "xc" },  { 50, "L", "l" },  { 40, "XL", "xl" },
        { 10, "X", "x" },   { 9, "IX", "ix" },   { 5, "V", "v" },   { 4, "IV", "iv" },
        { 1, "I", "i" },
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        for (; n >= table[i].value; n -= table[i].value)
            ck_buf_puts(out, lower ? table[i].lower : table[i].upper);
}

/* A series of consecutive code points (①..⑳) or of listed strings. */
static int series(ck_buf *out, long n, utf8proc_int32_t first, long count)
{
    if (n < 1 || n > count)
        return -1;
    put_codepoint(out, first + (utf8proc_int32_t)(n - 1));
    return 0;
}

/* ①..⑳, then, with CK_NUMERAL_CIRCLED_TO_50, ㉑..㉟ (U+3251..) and ㊱..㊿ (U+32B1..). */
static int circled(ck_buf *out, long n, unsigned flags)
{
    if (n > 20 && n <= 50 && (flags & CK_NUMERAL_CIRCLED_TO_50)) {
        put_codepoint(out, n <= 35 ? 0x3251 + (utf8proc_int32_t)(n - 21) : 0x32B1 + (utf8proc_int32_t)(n - 36));
        return 0;
    }
    return series(out, n, 0x2460, 20);
}

static int listed(ck_buf *out, long n, const char *const *items, long count)
{
    if (n < 1 || n > count)
        return -1;
    ck_buf_puts(out, items[n - 1]);
    return 0;
}

int ck_numeral_format(long n, const char *format, ck_buf *out)
{
    return ck_numeral_format_as(n, format, 0, out);
}

int ck_numeral_format_as(long n, const char *format, unsigned flags, ck_buf *out)
{
    static const char *const stems[] = { "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸" };
    static const char *const zodiac[] = { "子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥" };
    const char *f = format && *format ? format : "decimal";
    int known = 1, done = 0;

    if (strcmp(f, "none") == 0 || strcmp(f, "bullet") == 0)
        return 0;
    if (n > 0) {
        done = 1;
        if (strcmp(f, "decimal") == 0)
            ck_buf_printf(out, "%ld", n);
        else if (strcmp(f, "decimalZero") == 0)
            ck_buf_printf(out, "%02ld", n);
        else if (strcmp(f, "upperLetter") == 0)
            letters(out, n, 'A', flags);
        else if (strcmp(f, "lowerLetter") == 0)
            letters(out, n, 'a', flags);
        else if (strcmp(f, "upperRoman") == 0 || strcmp(f, "lowerRoman") == 0)
            done = n < 4000 ? (roman(out, n, f[0] == 'l'), 1) : 0;
        else if (strcmp(f, "taiwaneseCountingThousand") == 0)
            done = chinese_thousand(out, n, &style_taiwanese) == 0;
        else if (strcmp(f, "chineseCountingThousand") == 0)
            done = chinese_thousand(out, n, &style_chinese) == 0;
        else if (strcmp(f, "ideographLegalTraditional") == 0)
            done = chinese_thousand(out, n, &style_legal_traditional) == 0;
        else if (strcmp(f, "chineseLegalSimplified") == 0)
            done = chinese_thousand(out, n, &style_legal_simplified) == 0;
        else if (strcmp(f, "taiwaneseCounting") == 0 || strcmp(f, "chineseCounting") == 0) {
            if (n < 100)
                chinese_thousand(out, n, &style_taiwanese);
            else
                digit_by_digit(out, n, digits_plain);
        } else if (strcmp(f, "ideographDigital") == 0 || strcmp(f, "taiwaneseDigital") == 0)
            digit_by_digit(out, n, digits_plain);
        else if (strcmp(f, "ideographTraditional") == 0)
            done = listed(out, n, stems, 10) == 0;
        else if (strcmp(f, "ideographZodiac") == 0)
            done = listed(out, n, zodiac, 12) == 0;
        else if (strcmp(f, "decimalFullWidth") == 0 || strcmp(f, "decimalFullWidth2") == 0) {
            char tmp[32];
            snprintf(tmp, sizeof tmp, "%ld", n);
            for (const char *p = tmp; *p; p++)
                put_codepoint(out, 0xFF10 + (*p - '0'));
        } else if (strcmp(f, "decimalEnclosedCircle") == 0 || strcmp(f, "decimalEnclosedCircleChinese") == 0)
            done = circled(out, n, flags) == 0;
        else if (strcmp(f, "decimalEnclosedParen") == 0)
            done = series(out, n, 0x2474, 20) == 0;
        else if (strcmp(f, "decimalEnclosedFullstop") == 0)
            done = series(out, n, 0x2488, 20) == 0;
        else if (strcmp(f, "ideographEnclosedCircle") == 0)
            done = series(out, n, 0x3220, 10) == 0;
        else if (strcmp(f, "ordinal") == 0) {
            long t = n % 100;
            const char *sfx = (t >= 11 && t <= 13) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
            ck_buf_printf(out, "%ld%s", n, sfx);
        } else {
            known = 0;
            done = 0;
        }
    }
    if (!done)
        ck_buf_printf(out, "%ld", n);
    return known ? 0 : -1;
}

/* ---- parsing ---------------------------------------------------------------- */

/* Digit value of a Chinese numeral character, or -1. */
static int chinese_digit(utf8proc_int32_t c)
{
    switch (c) {
    case 0x3007: /* 〇 */
    case 0x25CB: /* ○, often typed for 〇 */
    case 0x96F6: /* 零 */
        return 0;
    case 0x4E00: case 0x58F9: return 1;             /* 一 壹 */
    case 0x4E8C: case 0x8CB3: case 0x8D30: case 0x5169: return 2; /* 二 貳 贰 兩 */
    case 0x4E09: case 0x53C3: case 0x53C1: return 3; /* 三 參 叁 */
    case 0x56DB: case 0x8086: return 4;             /* 四 肆 */
    case 0x4E94: case 0x4F0D: return 5;             /* 五 伍 */
    case 0x516D: case 0x9678: case 0x9646: return 6; /* 六 陸 陆 */
    case 0x4E03: case 0x67D2: return 7;             /* 七 柒 */
    case 0x516B: case 0x634C: return 8;             /* 八 捌 */
    case 0x4E5D: case 0x7396: return 9;             /* 九 玖 */
    default: return -1;
    }
}

static long chinese_unit(utf8proc_int32_t c)
{
    switch (c) {
    case 0x5341: case 0x62FE: return 10;     /* 十 拾 */
    case 0x767E: case 0x4F70: return 100;    /* 百 佰 */
    case 0x5343: case 0x4EDF: return 1000;   /* 千 仟 */
    case 0x842C: case 0x4E07: return 10000;  /* 萬 万 */
    default: return 0;
    }
}

long ck_numeral_parse(const char *s, size_t len, size_t *consumed)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t pos = 0;
    long total = 0, section = 0, digit = 0, digits_value = 0;
    int have_digit = 0, any = 0, any_unit = 0, count = 0;

    if (consumed)
        *consumed = 0;
    if (!s)
        return -1;
    /* Arabic digits, ASCII or full-width. */
    while (pos < len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(p + pos, (utf8proc_ssize_t)(len - pos), &c);
        if (n <= 0)
            break;
        int d = c >= '0' && c <= '9' ? c - '0' : (c >= 0xFF10 && c <= 0xFF19 ? c - 0xFF10 : -1);
        if (d < 0 || total > 99999999L)
            break;
        total = total * 10 + d;
        pos += (size_t)n;
        any = 1;
    }
    if (any) {
        if (consumed)
            *consumed = pos;
        return total;
    }
    /* Chinese numerals: positional with units, or digit by digit. */
    while (pos < len && count < 24) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(p + pos, (utf8proc_ssize_t)(len - pos), &c);
        if (n <= 0)
            break;
        int d = chinese_digit(c);
        long unit = d < 0 ? chinese_unit(c) : 0;
        if (d < 0 && !unit)
            break;
        if (d >= 0) {
            digit = d;
            have_digit = 1;
            digits_value = digits_value * 10 + d;
        } else if (unit == 10000) {
            section += digit;
            total += (section ? section : 1) * 10000;
            section = digit = 0;
            have_digit = 0;
            any_unit = 1;
        } else {
            section += (have_digit ? digit : 1) * unit;
            digit = 0;
            have_digit = 0;
            any_unit = 1;
        }
        pos += (size_t)n;
        any = 1;
        count++;
    }
    if (!any)
        return -1;
    if (consumed)
        *consumed = pos;
    return any_unit ? total + section + digit : digits_value;
}
