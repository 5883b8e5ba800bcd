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
#include <stdint.h>

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
 * digits (stopping past 99999999), or Chinese numerals positional
 * (一二三…十百千萬億, 〇/○/零, 兩/两, 壹貳參…拾佰仟 and their variants 贰
 * 陆 弌…: 第二十一, 一百零五) or digit by digit (一〇二). 萬 and 億 need a
 * number before them (萬一 is no number). Returns the value, or -1 when s
 * does not start with a number; *consumed (may be NULL) gets the bytes
 * read. */
long ck_numeral_parse(const char *s, size_t len, size_t *consumed);

/* The value of one Chinese numeral digit (一 壹 弌 → 1, 〇 ○ 零 → 0), or -1. */
int ck_numeral_digit_value(int32_t c);

/* The multiplier of a Chinese numeral unit (十 拾 10 … 萬 10^4, 億 10^8), or 0. */
long long ck_numeral_unit_value(int32_t c);

/* Is c a financial (大寫) numeral: 壹貳參…玖 拾佰仟 or a variant (叁 贰 陆 弌)? */
int ck_numeral_is_financial(int32_t c);

/* ---- amounts of money ---------------------------------------------------- */

/* Reads an amount of New Taiwan dollars at the start of s (len bytes):
 * 新臺幣壹仟萬元整, 一千萬元, NT$10,000,000, 1,000萬元, 1.5億元, 新臺幣
 * 3,500,000 元. An optional currency (新臺幣, NT$, NTD, $), then Arabic
 * numbers (commas between groups, a decimal point) and Chinese numerals with
 * 萬/億, then 元/圓 and 整. A number counts as money only with a currency, a
 * 元, or a 萬/億. Returns 1 with *fen (the amount in 分, hundredths of 元)
 * and *consumed (bytes) set, or 0 when s starts with no amount, with none
 * over 9e15 元. */
int ck_numeral_parse_amount(const char *s, size_t len, long long *fen, size_t *consumed);

enum {
    CK_NUMERAL_LOOSE_SEPARATORS = 1 /* ',' and '_' may stand anywhere (10_000_000, 1000,0000) */
};

/* Reads a whole string of ASCII digits, with commas only between groups of
 * three (1,200,000) into *value; with CK_NUMERAL_LOOSE_SEPARATORS in flags
 * any ',' and '_' are skipped. Returns 0, -1 when s is not such a number
 * (no digit, a sign, a decimal point, other characters, misplaced commas),
 * -2 when it is too large for a long long. */
int ck_numeral_parse_grouped(const char *s, unsigned flags, long long *value);

/* Appends an amount of whole 元 in financial numerals as the forms print
 * it: 1200000 -> 新臺幣壹佰貳拾萬元整, 0 -> 新臺幣零元整. Returns 0, or -1 (and
 * appends nothing) unless 0 <= yuan < 10^12 (up to 玖仟…億). */
int ck_numeral_format_amount(long long yuan, ck_buf *out);

#endif
