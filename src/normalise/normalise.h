/* normalise.h — the text the matcher compares, kept apart from the text
 * reports quote.
 *
 * Contracts write the same words in many ways: full-width digits and
 * brackets (３（Ａ）), 台 or 臺, ideographic spaces, a space inside a
 * word (資 通 安 全), a line break in the middle of a sentence. The
 * normaliser turns a block's text into one canonical form:
 *
 *   1. Unicode NFKC (utf8proc): ３（Ａ） -> 3(A), U+3000 -> space;
 *   2. a small table of variant characters folded to one form
 *      (see ck_normalise_variant(): 台->臺, 裏->裡, 峯->峰, 爲->為 ...);
 *   3. zero-width characters and soft hyphens dropped;
 *   4. whitespace (spaces of every width, tabs, line breaks) next to a CJK
 *      character or CJK punctuation dropped — Chinese is written without
 *      spaces, so a space or line break there is layout, not meaning;
 *      any other whitespace run becomes one space; none at either end.
 *
 * Every byte of the normalised text maps back to the original: start[i]
 * and end[i] are the original byte range of the character that produced
 * normalised byte i, so a match found in the normalised text can be
 * quoted and highlighted exactly in the original.
 */
#ifndef CK_NORMALISE_H
#define CK_NORMALISE_H

#include <stddef.h>
#include <stdint.h>

#include "model/document.h"

typedef struct ck_normalised {
    char *text;        /* normalised UTF-8, NUL-terminated; never NULL after success */
    size_t len;        /* bytes in text */
    uint32_t *start;   /* len + 1 entries: original start of the unit behind byte i;
                          start[len] == original length */
    uint32_t *end;     /* len + 1 entries: original end (exclusive) of that unit;
                          end[len] == original length */
    size_t original_len;
} ck_normalised;

/* Normalises text[0..len). Bytes inside a span whose flags intersect
 * skip_flags (e.g. CK_SPAN_HIDDEN) are left out as if absent; spans may be
 * NULL. Invalid UTF-8 bytes become U+FFFD. out is filled and owned by the
 * caller (free with ck_normalised_free). Returns 0; allocation failure
 * aborts (see util/buf.h). */
int ck_normalise(const char *text, size_t len, const ck_span *spans, size_t span_count,
                 uint32_t skip_flags, ck_normalised *out);

/* Frees what ck_normalise() allocated in n (not n itself); safe on NULL. */
void ck_normalised_free(ck_normalised *n);

/* Maps the normalised byte range [s, e) to the original byte range
 * [*os, *oe): from the start of the character behind byte s to the end of
 * the character behind byte e-1. An empty range maps to an empty range at
 * the original position of s. */
void ck_normalised_to_original(const ck_normalised *n, size_t s, size_t e, size_t *os, size_t *oe);

/* Convenience: the normalised form of a NUL-terminated string (for rule
 * patterns, which must be compared in the same form). Caller frees. */
char *ck_normalise_string(const char *s);

/* The width in bytes of the sentence end at text[i] of normalised text (。
 * 3; ; ! ? 1), or 0: the one definition of where a sentence stops, for
 * the matcher's sentences and the contract amount's alike. */
size_t ck_normalised_sentence_end(const char *text, size_t len, size_t i);

/* The folded form of one code point (after NFKC): a variant character from
 * the table returns its chosen form, anything else itself. */
int32_t ck_normalise_variant(int32_t cp);

/* True for Han ideographs, CJK and full-width punctuation, kana and
 * bopomofo: the characters next to which whitespace is dropped. */
int ck_normalise_is_cjk(int32_t cp);

#endif
