/* text.h — small questions about UTF-8 text that several stages ask. */
#ifndef CK_TEXT_H
#define CK_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Names longer than this many code points are cut there before they are
 * compared: nothing that long is a typing mistake of a short name. */
#define CK_TEXT_MAX_POINTS 64

/* True when the len bytes at s end with the NUL-terminated suffix (byte for
 * byte, case counts). */
int ck_text_ends_with(const char *s, size_t len, const char *suffix);

/* The length of the valid UTF-8 sequence at s (len bytes available), with
 * its code point in *cp; 0 when it is not one (a stray or missing
 * continuation byte, an overlong form, a surrogate, past U+10FFFF). */
size_t ck_text_utf8_next(const char *s, size_t len, int32_t *cp);

/* Decodes NUL-terminated s into at most max code points; returns how many.
 * An invalid byte counts as one code point, so distances stay defined. */
size_t ck_text_code_points(const char *s, int32_t *out, size_t max);

/* Levenshtein distance between a and b over code points (each cut at
 * CK_TEXT_MAX_POINTS); ASCII letters compare without case. */
size_t ck_text_edit_distance(const char *a, const char *b);

#endif
