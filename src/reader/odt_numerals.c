/* odt_numerals.c — list and outline numbers as LibreOffice shows them.
 *
 * ODF names a number format by a sample ("一, 二, 三, ..."); the numbers
 * themselves are written by model/numerals.c, under the OOXML name of the
 * format that shows the same in LibreOffice (checked against LibreOffice
 * 7.4: 十一, 一百零一, 一万; 壹拾壹; 甲..癸 and 子..亥 then Arabic digits).
 * Two things LibreOffice does unlike Word are asked of numerals.c here:
 * letters go on a..z, aa, ab (Word and LibreOffice's "synchronise letters"
 * give aa, bb), and circled numbers go on to ㊿.
 */
#include "reader/odt_internal.h"

#include <string.h>

#include "model/numerals.h"

/* True when format starts with the symbol token (the part before ", "). */
static int starts(const char *format, const char *token)
{
    size_t n = strlen(token);
    return strncmp(format, token, n) == 0 && (format[n] == '\0' || format[n] == ',');
}

/* The OOXML name of the format numerals.c writes the same way, or "decimal". */
static const char *ooxml_format(const char *format)
{
    static const struct {
        const char *sample, *ooxml;
    } formats[] = {
        { "1", "decimal" },
        { "i", "lowerRoman" },
        { "I", "upperRoman" },
        { "a", "lowerLetter" },
        { "A", "upperLetter" },
        { "一", "chineseCountingThousand" },
        { "壹, 贰", "chineseLegalSimplified" },
        { "壹", "ideographLegalTraditional" },
        { "甲", "ideographTraditional" },
        { "子", "ideographZodiac" },
        { "①", "decimalEnclosedCircle" },
        { "１", "decimalFullWidth" },
    };
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (starts(format, formats[i].sample))
            return formats[i].ooxml;
    return "decimal";
}

void ck_odt_number_format(ck_buf *out, long value, const char *format, int letter_sync)
{
    unsigned flags = CK_NUMERAL_CIRCLED_TO_50;

    if (format && !*format)
        return;
    if (!format)
        format = "1";
    /* Only the plain "a" and "A" formats: a sample list ("a, b, c")
     * numbers as Word does. */
    if (!letter_sync && (strcmp(format, "a") == 0 || strcmp(format, "A") == 0))
        flags |= CK_NUMERAL_LETTERS_BIJECTIVE;
    ck_numeral_format_as(value, ooxml_format(format), flags, out);
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
