/* text.c — see text.h. */
#include "util/text.h"

#include <string.h>
#include <utf8proc.h>

int ck_text_ends_with(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

size_t ck_text_utf8_next(const char *text, size_t len, int32_t *cp)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n;
    int32_t c;

    if (len == 0)
        return 0;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        n = 2, c = s[0] & 0x1F;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        n = 3, c = s[0] & 0x0F;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        n = 4, c = s[0] & 0x07;
    else
        return 0;
    if (n > len)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

size_t ck_text_code_points(const char *s, int32_t *out, size_t max)
{
    size_t n = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);
    while (left > 0 && n < max) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t step = utf8proc_iterate(p, left, &cp);
        if (step <= 0) {
            cp = *p;
            step = 1;
        }
        out[n++] = cp;
        p += step;
        left -= step;
    }
    return n;
}

static int32_t ascii_lower(int32_t c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

size_t ck_text_edit_distance(const char *a, const char *b)
{
    int32_t ca[CK_TEXT_MAX_POINTS], cb[CK_TEXT_MAX_POINTS];
    size_t prev[CK_TEXT_MAX_POINTS + 1], cur[CK_TEXT_MAX_POINTS + 1];
    size_t na = ck_text_code_points(a, ca, CK_TEXT_MAX_POINTS), nb = ck_text_code_points(b, cb, CK_TEXT_MAX_POINTS);

    for (size_t j = 0; j <= nb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= na; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t best = prev[j - 1] + (ascii_lower(ca[i - 1]) != ascii_lower(cb[j - 1]));
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            cur[j] = best;
        }
        memcpy(prev, cur, (nb + 1) * sizeof *prev);
    }
    return prev[nb];
}
