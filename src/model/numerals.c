#include "model/numerals.h"

#include <stdio.h>
#include <limits.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

static const char *const digits_plain[10] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
static const char *const digits_legal_traditional[10] = { "零", "壹", "貳", "參", "肆", "伍", "陸", "柒", "捌", "玖" };
static const char *const digits_legal_simplified[10] = { "零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖" };

typedef struct chinese_style {
    const char *const *digits;
    const char *units[4];   /* ones (empty), ten, hundred, thousand */
    const char *ten_thousand;
    const char *hundred_million;
    const char *zero;       /* written for a gap inside a number */
    int bare_ten;           /* 10..19 start with 十, not 一十 */
} chinese_style;

static const chinese_style style_taiwanese = { digits_plain, { "", "十", "百", "千" }, "萬", "億", "零", 1 };
static const chinese_style style_chinese = { digits_plain, { "", "十", "百", "千" }, "万", "亿", "零", 1 };
static const chinese_style style_legal_traditional = { digits_legal_traditional, { "", "拾", "佰", "仟" }, "萬", "億", "零", 0 };
static const chinese_style style_legal_simplified = { digits_legal_simplified, { "", "拾", "佰", "仟" }, "万", "亿", "零", 0 };

static void put_codepoint(ck_buf *out, utf8proc_int32_t cp)
{
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t n = utf8proc_encode_char(cp, tmp);
    ck_buf_append(out, tmp, (size_t)n);
}

/* One group of up to four digits (0 < x < 10000). first: nothing is
 * written before it (十 may stand alone); zero_before: a 零 goes first (the
 * group follows a gap: it is under 1000, or a whole group of zeros was
 * skipped). */
static void chinese_group(ck_buf *out, long x, int first, int zero_before, const chinese_style *st)
{
    static const long scale[4] = { 1, 10, 100, 1000 };
    int started = 0, gap = zero_before;

    for (int pos = 3; pos >= 0; pos--) {
        int d = (int)(x / scale[pos] % 10);
        if (d == 0) {
            if (started)
                gap = 1;
            continue;
        }
        if (gap)
            ck_buf_puts(out, st->zero);
        gap = 0;
        if (!(pos == 1 && d == 1 && !started && first && st->bare_ten))
            ck_buf_puts(out, st->digits[d]);
        ck_buf_puts(out, st->units[pos]);
        started = 1;
    }
}

/* 0 < n < 10^12 in groups of four digits under 億, 萬 and ones; a gap of
 * zeros is read as one 零 (10050 一萬零五十, 100000001 一億零一). */
static void chinese_positional(ck_buf *out, long long n, const chinese_style *st)
{
    static const long long group_scale[3] = { 100000000LL, 10000LL, 1LL };
    const char *group_unit[3] = { st->hundred_million, st->ten_thousand, "" };
    int written = 0, skipped = 0;

    for (int g = 0; g < 3; g++) {
        long x = (long)(n / group_scale[g] % 10000);
        if (x == 0) {
            skipped = written;
            continue;
        }
        chinese_group(out, x, !written, written && (x < 1000 || skipped), st);
        ck_buf_puts(out, group_unit[g]);
        written = 1;
        skipped = 0;
    }
}

static int chinese_thousand(ck_buf *out, long n, const chinese_style *st)
{
    if (n <= 0 || n >= 100000000L)
        return -1;
    chinese_positional(out, n, st);
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

int ck_numeral_digit_value(int32_t c)
{
    switch (c) {
    case 0x3007: /* 〇 */
    case 0x25CB: /* ○, often typed for 〇 */
    case 0x96F6: /* 零 */
        return 0;
    case 0x4E00: case 0x58F9: case 0x5F0C: return 1;                           /* 一 壹 弌 */
    case 0x4E8C: case 0x8CB3: case 0x8D30: case 0x5F0D: case 0x5169: case 0x4E24: return 2; /* 二 貳 贰 弍 兩 两 */
    case 0x4E09: case 0x53C3: case 0x53C1: case 0x53C2: case 0x5F0E: return 3; /* 三 參 叁 参 弎 */
    case 0x56DB: case 0x8086: return 4;                                        /* 四 肆 */
    case 0x4E94: case 0x4F0D: return 5;                                        /* 五 伍 */
    case 0x516D: case 0x9678: case 0x9646: return 6;                           /* 六 陸 陆 */
    case 0x4E03: case 0x67D2: return 7;                                        /* 七 柒 */
    case 0x516B: case 0x634C: return 8;                                        /* 八 捌 */
    case 0x4E5D: case 0x7396: return 9;                                        /* 九 玖 */
    default: return -1;
    }
}

long long ck_numeral_unit_value(int32_t c)
{
    switch (c) {
    case 0x5341: case 0x62FE: return 10;          /* 十 拾 */
    case 0x767E: case 0x4F70: return 100;         /* 百 佰 */
    case 0x5343: case 0x4EDF: return 1000;        /* 千 仟 */
    case 0x842C: case 0x4E07: return 10000;       /* 萬 万 */
    case 0x5104: case 0x4EBF: return 100000000LL; /* 億 亿 */
    default: return 0;
    }
}

int ck_numeral_is_financial(int32_t c)
{
    static const int32_t financial[] = {
        0x58F9, 0x5F0C, 0x8CB3, 0x8D30, 0x5F0D, 0x53C3, 0x53C1, 0x5F0E, 0x8086, /* 壹 弌 貳 贰 弍 參 叁 弎 肆 */
        0x4F0D, 0x9678, 0x9646, 0x67D2, 0x634C, 0x7396, 0x62FE, 0x4F70, 0x4EDF, /* 伍 陸 陆 柒 捌 玖 拾 佰 仟 */
    };
    for (size_t i = 0; i < sizeof financial / sizeof financial[0]; i++)
        if (financial[i] == c)
            return 1;
    return 0;
}

/* Values are kept in hundredths (分 for an amount) and never pass LIMIT
 * (9e15 元), so no sum or product below overflows. */
#define LIMIT 900000000000000000LL
enum { MAX_DECIMALS = 6 };

static const long long powers_of_ten[] = { 1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL,
                                           10000000LL, 100000000LL, 1000000000LL, 10000000000LL };

/* a * b, or -1 past LIMIT (a, b >= 0). */
static long long times(long long a, long long b)
{
    if (a < 0 || b < 0)
        return -1;
    return b != 0 && a > LIMIT / b ? -1 : a * b;
}

static long long plus(long long a, long long b)
{
    return a < 0 || b < 0 || a + b > LIMIT ? -1 : a + b;
}

/* A number read so far: mantissa / 10^decimals. */
typedef struct decimal {
    long long mantissa;
    int decimals;
} decimal;

/* x * unit in hundredths, rounded half up; -1 past LIMIT. unit is a power
 * of ten (1 .. 10^8). */
static long long hundredths(decimal x, long long unit)
{
    long long factor = times(unit, 100);
    long long divisor = powers_of_ten[x.decimals];
    if (x.mantissa < 0 || factor < 0)
        return -1;
    if (factor >= divisor)
        return times(x.mantissa, factor / divisor);
    divisor /= factor;
    return x.mantissa / divisor + (x.mantissa % divisor >= divisor / 2 ? 1 : 0);
}

static int arabic_digit(int32_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 0xFF10 && c <= 0xFF19) /* full-width ０..９ */
        return c - 0xFF10;
    return -1;
}

static int32_t peek(const char *s, size_t len, size_t pos, size_t *n)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t k;
    if (pos >= len) {
        *n = 0;
        return -1;
    }
    k = utf8proc_iterate((const utf8proc_uint8_t *)s + pos, (utf8proc_ssize_t)(len - pos), &c);
    if (k <= 0) {
        *n = 1;
        return -1;
    }
    *n = (size_t)k;
    return c;
}

enum {
    READ_AMOUNT = 1 /* Arabic numbers with grouping commas and decimals, mixed with 萬/億 */
};

/* What read_number found. */
typedef struct number_read {
    long long value; /* hundredths, -1 when past LIMIT */
    size_t consumed;
    int big_unit;    /* a 萬 or 億 was read */
} number_read;

/* An Arabic number at s: digits (ASCII or full-width), and with
 * READ_AMOUNT thousands commas and a decimal point, each followed by a
 * digit. Without READ_AMOUNT reading stops once the value passes 99999999. */
static size_t read_arabic(const char *s, size_t len, unsigned flags, decimal *x)
{
    size_t pos = 0, n, m;
    int point = 0, overflow = 0;

    x->mantissa = 0;
    x->decimals = 0;
    for (;;) {
        int32_t c = peek(s, len, pos, &n);
        int d = arabic_digit(c);
        if (d >= 0) {
            if (!(flags & READ_AMOUNT) && x->mantissa > 99999999L)
                break;
            if (point && x->decimals >= MAX_DECIMALS) {
                /* finer than anyone writes money: not counted */
            } else if (x->mantissa > LIMIT / 10) {
                overflow = 1;
            } else {
                x->mantissa = x->mantissa * 10 + d;
                x->decimals += point;
            }
            pos += n;
            continue;
        }
        if ((flags & READ_AMOUNT) && (c == ',' || c == '.') && !point && pos > 0 &&
            arabic_digit(peek(s, len, pos + n, &m)) >= 0) {
            point = c == '.';
            pos += n;
            continue;
        }
        break;
    }
    if (overflow)
        x->mantissa = -1;
    return pos;
}

/* A number at the start of s: Chinese numerals positional with 十百千萬億
 * (一百零五, 壹億貳仟萬) or digit by digit (一〇二), or an Arabic number —
 * with READ_AMOUNT also both (1,000萬, 1.5億). 萬 and 億 need a number
 * before them; 十百千 alone mean one of them (十萬). Returns 0 when s does
 * not start with a number. */
static int read_number(const char *s, size_t len, unsigned flags, number_read *r)
{
    long long total = 0, section = 0;
    decimal current = { 0, 0 };
    size_t pos = 0, n;
    int any = 0, last_was_digit = 0, chars = 0;

    memset(r, 0, sizeof *r);
    while (pos < len && ((flags & READ_AMOUNT) || chars < 24)) {
        int32_t c = peek(s, len, pos, &n);
        int d;
        long long unit;

        if (arabic_digit(c) >= 0) {
            if (any && !(flags & READ_AMOUNT))
                break;
            pos += read_arabic(s + pos, len - pos, flags, &current);
            any = last_was_digit = 1;
            chars++;
            if (!(flags & READ_AMOUNT))
                break; /* "3萬" is 3 and then a word to a locator */
            continue;
        }
        if ((d = ck_numeral_digit_value(c)) >= 0) {
            if (last_was_digit && current.mantissa > 0 && current.mantissa <= LIMIT / 10) {
                current.mantissa = current.mantissa * 10 + d * powers_of_ten[current.decimals];
            } else {
                current.mantissa = d;
                current.decimals = 0;
            }
            any = last_was_digit = 1;
        } else if ((unit = ck_numeral_unit_value(c)) > 0) {
            if (!any && unit >= 10000)
                break;
            if (!any)
                current.mantissa = 1; /* 十萬 = 一十萬 */
            if (unit >= 100000000LL) {
                total = plus(times(plus(total, section), unit), hundredths(current, unit));
                section = 0;
                r->big_unit = 1;
            } else if (unit >= 10000) {
                total = plus(total, plus(times(section, unit), hundredths(current, unit)));
                section = 0;
                r->big_unit = 1;
            } else {
                section = plus(section, hundredths(current.mantissa > 0 ? current : (decimal){ 1, 0 }, unit));
            }
            current.mantissa = 0;
            current.decimals = 0;
            any = 1;
            last_was_digit = 0;
        } else {
            break;
        }
        pos += n;
        chars++;
    }
    if (!any)
        return 0;
    r->value = plus(plus(total, section), hundredths(current, 1));
    r->consumed = pos;
    return 1;
}

long ck_numeral_parse(const char *s, size_t len, size_t *consumed)
{
    number_read r;

    if (consumed)
        *consumed = 0;
    if (!s || !read_number(s, len, 0, &r) || r.value < 0)
        return -1;
    if (consumed)
        *consumed = r.consumed;
    return (long)(r.value / 100);
}

static int starts_with_word(const char *s, size_t len, size_t pos, const char *word)
{
    size_t n = strlen(word);
    return len - pos >= n && strncasecmp(s + pos, word, n) == 0;
}

int ck_numeral_parse_amount(const char *s, size_t len, long long *fen, size_t *consumed)
{
    static const char *const currencies[] = { "新臺幣", "NT$", "NTD", "$" };
    size_t pos = 0, n;
    int prefix = 0, yuan = 0;
    number_read r;

    for (size_t i = 0; i < sizeof currencies / sizeof currencies[0] && !prefix; i++)
        if (starts_with_word(s, len, 0, currencies[i])) {
            pos = strlen(currencies[i]);
            prefix = 1;
        }
    if (prefix && pos < len && s[pos] == ' ')
        pos++;
    if (!read_number(s + pos, len - pos, READ_AMOUNT, &r))
        return 0;
    pos += r.consumed;
    int32_t c = peek(s, len, pos, &n);
    if (c == 0x5143 || c == 0x5713) { /* 元 圓 */
        yuan = 1;
        pos += n;
        if (peek(s, len, pos, &n) == 0x6574) /* 整 */
            pos += n;
    }
    if (!prefix && !r.big_unit && !yuan)
        return 0;
    if (r.value <= 0)
        return 0;
    *fen = r.value;
    *consumed = pos;
    return 1;
}

int ck_numeral_parse_grouped(const char *s, unsigned flags, long long *value)
{
    size_t digits = 0, since_comma = 0;
    int commas = 0;
    long long v = 0;

    *value = 0;
    for (const char *p = s ? s : ""; *p; p++) {
        if ((flags & CK_NUMERAL_LOOSE_SEPARATORS) && (*p == ',' || *p == '_'))
            continue;
        if (*p == ',') {
            if (digits == 0 || (commas && since_comma != 3) || (!commas && since_comma > 3))
                return -1;
            commas = 1;
            since_comma = 0;
            continue;
        }
        if (*p < '0' || *p > '9')
            return -1;
        if (v > (LLONG_MAX - 9) / 10)
            return -2;
        v = v * 10 + (*p - '0');
        digits++;
        since_comma++;
    }
    if (digits == 0 || (commas && since_comma != 3))
        return -1;
    *value = v;
    return 0;
}

/* ---- amounts ---------------------------------------------------------------- */

int ck_numeral_format_amount(long long yuan, ck_buf *out)
{
    if (yuan < 0 || yuan >= 1000000000000LL)
        return -1;
    ck_buf_puts(out, "新臺幣");
    if (yuan == 0)
        ck_buf_puts(out, digits_legal_traditional[0]);
    else
        chinese_positional(out, yuan, &style_legal_traditional);
    ck_buf_puts(out, "元整");
    return 0;
}
