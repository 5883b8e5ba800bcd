/* prefilter.h — what text a pattern cannot match without, known at load.
 *
 * Most patterns of a pack name words (稽核, 不在此限, {{vendor}}): a match
 * must contain some of their characters. When a pattern is compiled the
 * loader reads it once more and keeps, as a small and/or formula, the
 * characters every match needs (「但[^。]{0,60}不在此限」 needs 但, 不, 在,
 * 此 and 限; an alternation needs what any one branch needs). A block's
 * characters are kept as a bit set; a pattern whose formula the set does not
 * satisfy cannot match anywhere in the block, and PCRE2 is not asked.
 *
 * Only characters no case folding can reach are used (CJK ideographs, kana,
 * CJK punctuation, ASCII digits and punctuation): patterns are compiled
 * CASELESS, and a Latin letter may match another. Whatever the reader does
 * not know (conditionals, back references, \Q…\E, inline options) makes the
 * whole pattern unfiltered, never wrongly filtered: the filter only ever
 * says "cannot match" when no match is possible.
 */
#ifndef CK_RULES_PREFILTER_H
#define CK_RULES_PREFILTER_H

#include <stddef.h>
#include <stdint.h>

/* The characters of a text, hashed into 2048 bits. A character that is not
 * in the set is not in the text; one in it may be. */
#define CK_CHARSET_WORDS 32
typedef struct ck_charset {
    uint64_t bits[CK_CHARSET_WORDS];
} ck_charset;

/* Sets *set to the characters of text[0..len) (UTF-8; invalid bytes are
 * taken one by one and never make a filter say "cannot match"). */
void ck_charset_fill(ck_charset *set, const char *text, size_t len);

typedef struct ck_prefilter ck_prefilter;

/* The formula of a PCRE2 pattern (as compiled, {{name}} expanded), or NULL
 * when the pattern needs nothing the filter can test (it may match any
 * text). The caller frees it with ck_prefilter_free(). */
ck_prefilter *ck_prefilter_build(const char *pattern);

/* 0 when no text whose characters are in set can hold a match of the
 * pattern; 1 when one may. A NULL filter always says 1. */
int ck_prefilter_possible(const ck_prefilter *filter, const ck_charset *set);

/* The formula as text, for tests and debugging: "TRUE", a character, or
 * "(a & b)" and "(a | b)". Caller frees. */
char *ck_prefilter_describe(const ck_prefilter *filter);

/* Frees it; NULL is a no-op. */
void ck_prefilter_free(ck_prefilter *filter);

#endif
