/* odt_numerals.c — list and outline numbers as LibreOffice writes them.
 *
 * The Chinese formats follow the usual reading of numbers: 十一, 二十,
 * 一百零一 for "一, 二, 三, ..." (the leading 一 of 10..19 dropped, as in
 * 第十一條), 壹拾壹 for the financial forms; past 9999 LibreOffice writes
 * the lower form with 万 (一万) and the financial one with 萬. Stems (甲..癸) and branches
 * (子..亥) exist for 1..10 and 1..12, circled numbers for 1..50; past them,
 * and for any format this file does not know, the number is written in
 * Arabic digits, as LibreOffice 7.4 shows it.
 */
#include "reader/odt_internal.h"

#include <stdio.h>
#include <string.h>

static const char *const lower_digits[10] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
static const char *const lower_units[4] = { "", "十", "百", "千" };
static const char *const upper_tw_digits[10] = { "零", "壹", "貳", "參", "肆", "伍", "陸", "柒", "捌", "玖" };
static const char *const upper_cn_digits[10] = { "零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖" };
static const char *const upper_units[4] = { "", "拾", "佰", "仟" };
static const char *const stems[10] = { "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸" };
static const char *const branches[12] = { "子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥" };

typedef struct chinese_system {
    const char *const *digits;
    const char *const *units;
    const char *zero; /* a zero inside a number: 零 */
    const char *wan, *yi;
    int short_ten; /* 十一 rather than 一十一 */
} chinese_system;

static void put_decimal(ck_buf *out, long value)
{
    ck_buf_printf(out, "%ld", value);
}

/* value in 1..999,999,999,999. A zero between two digits is read once (零). */
static void put_chinese(ck_buf *out, long value, const chinese_system *sys)
{
    static const long pow10[4] = { 1, 10, 100, 1000 };
    long groups[3] = { value / 100000000, (value / 10000) % 10000, value % 10000 };
    const char *big[3] = { sys->yi, sys->wan, "" };
    int started = 0, zero = 0;

    if (value == 0) {
        ck_buf_puts(out, sys->digits[0]);
        return;
    }
    for (int g = 0; g < 3; g++) {
        long v = groups[g];
        if (v == 0) {
            zero |= started;
            continue;
        }
        if (started && v < 1000)
            zero = 1;
        for (int pos = 3; pos >= 0; pos--) {
            int d = (int)((v / pow10[pos]) % 10);
            if (d == 0) {
                zero |= started;
                continue;
            }
            if (zero)
                ck_buf_puts(out, sys->zero);
            zero = 0;
            if (!(sys->short_ten && !started && d == 1 && pos == 1))
                ck_buf_puts(out, sys->digits[d]);
            ck_buf_puts(out, sys->units[pos]);
            started = 1;
        }
        ck_buf_puts(out, big[g]);
    }
}

/* a, b, ..., z, aa, ab, ... (bijective base n) over a table of symbols. */
static void put_sequence(ck_buf *out, long value, const char *const *symbols, int n)
{
    char digits[64];
    int count = 0;
    while (value > 0 && count < (int)sizeof digits) {
        value--;
        digits[count++] = (char)(value % n);
        value /= n;
    }
    while (count > 0)
        ck_buf_puts(out, symbols[(int)digits[--count]]);
}

static void put_letters(ck_buf *out, long value, int upper, int letter_sync)
{
    static const char *const lower[26] = { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m",
                                           "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z" };
    static const char *const capital[26] = { "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M",
                                             "N", "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z" };
    const char *const *table = upper ? capital : lower;
    if (letter_sync) {
        long repeat = (value - 1) / 26 + 1;
        if (repeat > 64) {
            put_decimal(out, value);
            return;
        }
        for (long i = 0; i < repeat; i++)
            ck_buf_puts(out, table[(value - 1) % 26]);
    } else {
        put_sequence(out, value, table, 26);
    }
}

static void put_roman(ck_buf *out, long value, int upper)
{
    static const struct { int value; const char *lower, *upper; } numerals[] = {
        { 1000, "m", "M" }, { 900, "cm", "CM" }, { 500, "d", "D" }, { 400, "cd", "CD" },
        { 100, "c", "C" },  { 90, "xc", "XC" },  { 50, "l", "L" },  { 40, "xl", "XL" },
        { 10, "x", "X" },   { 9, "ix", "IX" },   { 5, "v", "V" },   { 4, "iv", "IV" },
        { 1, "i", "I" },
    };
    if (value >= 4000) {
        put_decimal(out, value);
        return;
    }
    for (size_t i = 0; i < sizeof numerals / sizeof numerals[0]; i++)
        for (; value >= numerals[i].value; value -= numerals[i].value)
            ck_buf_puts(out, upper ? numerals[i].upper : numerals[i].lower);
}

static void put_circled(ck_buf *out, long value)
{
    unsigned cp;
    char utf8[4];
    if (value >= 1 && value <= 20)
        cp = 0x2460 + (unsigned)(value - 1);
    else if (value >= 21 && value <= 35)
        cp = 0x3251 + (unsigned)(value - 21);
    else if (value >= 36 && value <= 50)
        cp = 0x32B1 + (unsigned)(value - 36);
    else {
        put_decimal(out, value);
        return;
    }
    utf8[0] = (char)(0xE0 | (cp >> 12));
    utf8[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    utf8[2] = (char)(0x80 | (cp & 0x3F));
    ck_buf_append(out, utf8, 3);
}

static void put_fullwidth(ck_buf *out, long value)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%ld", value);
    for (int i = 0; i < n; i++) {
        if (digits[i] == '-') {
            ck_buf_puts(out, "－");
            continue;
        }
        /* U+FF10 + d is EF BC 90+d */
        char utf8[3] = { (char)0xEF, (char)0xBC, (char)(0x90 + (digits[i] - '0')) };
        ck_buf_append(out, utf8, 3);
    }
}

/* True when format starts with the symbol token (the part before ", "). */
static int starts(const char *format, const char *token)
{
    size_t n = strlen(token);
    return strncmp(format, token, n) == 0 && (format[n] == '\0' || format[n] == ',');
}

void ck_odt_number_format(ck_buf *out, long value, const char *format, int letter_sync)
{
    static const chinese_system lower = { lower_digits, lower_units, "零", "万", "亿", 1 };
    static const chinese_system upper_tw = { upper_tw_digits, upper_units, "零", "萬", "億", 0 };
    static const chinese_system upper_cn = { upper_cn_digits, upper_units, "零", "万", "亿", 0 };

    if (format && !*format)
        return;
    if (!format || strcmp(format, "1") == 0 || value <= 0 || value >= 1000000000000L)
        put_decimal(out, value);
    else if (strcmp(format, "a") == 0 || strcmp(format, "A") == 0)
        put_letters(out, value, format[0] == 'A', letter_sync);
    else if (strcmp(format, "i") == 0 || strcmp(format, "I") == 0)
        put_roman(out, value, format[0] == 'I');
    else if (starts(format, "一"))
        put_chinese(out, value, &lower);
    else if (strncmp(format, "壹, 贰", strlen("壹, 贰")) == 0)
        put_chinese(out, value, &upper_cn);
    else if (starts(format, "壹"))
        put_chinese(out, value, &upper_tw);
    else if (starts(format, "甲") && value <= 10)
        ck_buf_puts(out, stems[value - 1]);
    else if (starts(format, "子") && value <= 12)
        ck_buf_puts(out, branches[value - 1]);
    else if (starts(format, "①"))
        put_circled(out, value);
    else if (starts(format, "１"))
        put_fullwidth(out, value);
    else
        put_decimal(out, value);
}

/* The number of one level, in that level's own format. */
static void put_level_number(ck_buf *out, const ck_odt_list_style *style, int level, const long *counters)
{
    const ck_odt_level *l = &style->levels[level];
    ck_odt_number_format(out, counters[level], l->format ? l->format : "1", l->letter_sync);
}

void ck_odt_label(ck_buf *out, const ck_odt_list_style *style, int level, const long *counters)
{
    const ck_odt_level *l;

    if (!style || level < 0 || level >= CK_ODT_LEVELS)
        return;
    l = &style->levels[level];
    if (l->kind == CK_ODT_LEVEL_BULLET) {
        ck_buf_puts(out, l->prefix ? l->prefix : "");
        ck_buf_puts(out, l->bullet ? l->bullet : "");
        ck_buf_puts(out, l->suffix ? l->suffix : "");
        return;
    }
    if (l->kind != CK_ODT_LEVEL_NUMBER)
        return;
    if (l->list_format) {
        /* "%1%.%2%." : %N% is level N's number; a lone '%' stays as it is. */
        for (const char *p = l->list_format; *p; p++) {
            if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
                int n = p[1] - '0';
                const char *q = p + 2;
                if (*q >= '0' && *q <= '9')
                    n = n * 10 + (*q++ - '0');
                if (*q == '%' && n <= level + 1) {
                    put_level_number(out, style, n - 1, counters);
                    p = q;
                    continue;
                }
            }
            ck_buf_putc(out, *p);
        }
        return;
    }
    ck_buf_puts(out, l->prefix ? l->prefix : "");
    if (!l->format || *l->format) {
        int first = level - (l->display_levels > 1 ? l->display_levels : 1) + 1;
        int written = 0;
        if (first < 0)
            first = 0;
        for (int i = first; i <= level; i++) {
            const ck_odt_level *upper = &style->levels[i];
            /* LibreOffice leaves out the levels that show no number. */
            if (i < level && ((upper->format && !*upper->format) || upper->kind == CK_ODT_LEVEL_BULLET ||
                              upper->kind == CK_ODT_LEVEL_IMAGE))
                continue;
            if (written++)
                ck_buf_putc(out, '.');
            put_level_number(out, style, i, counters);
        }
    }
    ck_buf_puts(out, l->suffix ? l->suffix : "");
}
