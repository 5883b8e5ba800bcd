/* numerals.h — numbers as automatic numbering shows them, and back.
 *
 * Word and LibreOffice number lists and articles in many scripts; Taiwanese
 * contracts use Chinese numerals (第十二條, 一、, （三）), ideographic digits
 * and the heavenly stems (甲、乙、丙). ck_numeral_format() turns a counter
 * into the text a format shows; ck_numeral_parse() reads such a number back
 * (for the locator: "第二十一條" -> 21).
 *
 * Formats are named by their OOXML ST_NumberFormat value ("decimal",
 * "taiwaneseCountingThousand", "ideographDigital", ...). Conventions where
 * Word's output is not specified:
 *   - *Counting (chineseCounting, taiwaneseCounting): 1..99 with 十
 *     (十, 十一, 二十一); from 100 on digit by digit with 〇 (一〇二).
 *   - *CountingThousand: positional with 十百千萬 and 零 for a gap
 *     (一百零一, 一百一十, 一千零二十); 10..19 are written 十..十九.
 *   - ideographDigital, taiwaneseDigital: digit by digit (一〇, 一二).
 *   - ideographTraditional (甲..癸), ideographZodiac (子..亥),
 *     decimalEnclosedCircle (①..⑳) and the other enclosed forms fall back to
 *     decimal past the end of their series; letters go A..Z, AA..ZZ, AAA...
 *   - zero and negative counters, which some formats cannot show, are
 *     written in decimal.
 */
#ifndef CK_MODEL_NUMERALS_H
#define CK_MODEL_NUMERALS_H

#include <stddef.h>

#include "util/buf.h"

/* Appends n in format to out. Returns 0, or -1 when the format is unknown
 * (n is then appended in decimal) — "none" appends nothing and returns 0,
 * "bullet" appends nothing (the bullet is the level text itself). */
int ck_numeral_format(long n, const char *format, ck_buf *out);

/* Where LibreOffice numbers unlike Word (see reader/odt_numerals.c). */
enum {
    CK_NUMERAL_LETTERS_BIJECTIVE = 1, /* letters go a..z, aa, ab (not aa, bb) */
    CK_NUMERAL_CIRCLED_TO_50 = 2      /* decimalEnclosedCircle goes on to ㊿ (not past ⑳) */
};

/* ck_numeral_format with the CK_NUMERAL_* differences in flags. */
int ck_numeral_format_as(long n, const char *format, unsigned flags, ck_buf *out);

/* Reads a number at the start of s (len bytes): ASCII or full-width
 * digits, Chinese numerals (一二三…十百千萬, 〇/零, 兩, 壹貳參…拾佰仟),
 * ideographic digits (一二〇). Returns the value, or -1 when s does not
 * start with a number; *consumed (may be NULL) gets the bytes read. */
long ck_numeral_parse(const char *s, size_t len, size_t *consumed);

#endif
