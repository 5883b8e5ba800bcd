/* label.c — reading item labels; see label.h. */
#include "model/label.h"

#include <string.h>

#include "model/numerals.h"

const char *const ck_label_annex_words[] = { "附件", "附錄", "附表", NULL };

size_t ck_label_annex_word(const char *s, size_t len)
{
    for (const char *const *w = ck_label_annex_words; *w; w++) {
        size_t n = strlen(*w);
        if (len >= n && memcmp(s, *w, n) == 0)
            return n;
    }
    return 0;
}


utf8proc_int32_t ck_label_peek(const char *s, size_t len, size_t pos, size_t *n)
{
    utf8proc_int32_t c = -1;
    utf8proc_ssize_t k = pos < len ? utf8proc_iterate((const utf8proc_uint8_t *)s + pos, (utf8proc_ssize_t)(len - pos), &c) : 0;
    *n = k > 0 ? (size_t)k : 0;
    return k > 0 ? c : -1;
}

int ck_label_is_space(utf8proc_int32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0;
}

size_t ck_label_skip_spaces(const char *s, size_t len, size_t pos)
{
    size_t n;
    while (pos < len && ck_label_is_space(ck_label_peek(s, len, pos, &n)))
        pos += n;
    return pos;
}

static int stem_number(utf8proc_int32_t c)
{
    static const utf8proc_int32_t stems[] = { 0x7532, 0x4E59, 0x4E19, 0x4E01, 0x620A,
                                              0x5DF1, 0x5E9A, 0x8F9B, 0x58EC, 0x7678 };
    for (int i = 0; i < 10; i++)
        if (stems[i] == c)
            return i + 1;
    return 0;
}

static int is_ascii_digit(utf8proc_int32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

/* Reads an item label at the start of s: "一、", "（二）", "3.", "(4)",
 * "甲、", "①", "a)", "1.2". whole: s is a numbering label on its own, so
 * the punctuation after the number may be missing. */
ck_label ck_label_read(const char *s, size_t len, int whole)
{
    ck_label l = { CK_LABEL_NONE, 0, 0 };
    size_t n, pos = ck_label_skip_spaces(s, len, 0), used;
    utf8proc_int32_t c = ck_label_peek(s, len, pos, &n);

    if (c == '(' || c == 0xFF08) {
        size_t inner = pos + n;
        utf8proc_int32_t d = ck_label_peek(s, len, inner, &n);
        int kind;
        long number;
        if (d >= 0 && ((d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z'))) {
            kind = CK_LABEL_LATIN_PAREN;
            number = (d | 0x20) - 'a' + 1;
            used = n;
        } else {
            number = ck_numeral_parse(s + inner, len - inner, &used);
            if (number < 0)
                return l;
            kind = is_ascii_digit(d) ? CK_LABEL_ARABIC_PAREN : CK_LABEL_CJK_PAREN;
        }
        utf8proc_int32_t close = ck_label_peek(s, len, inner + used, &n);
        if (close != ')' && close != 0xFF09)
            return l;
        l.kind = kind;
        l.number = number;
        l.length = inner + used + n;
        return l;
    }
    if (c == 0x3010) { /* 【1】 */
        size_t inner = pos + n;
        long number = ck_numeral_parse(s + inner, len - inner, &used);
        if (number < 0 || ck_label_peek(s, len, inner + used, &n) != 0x3011)
            return l;
        l.kind = CK_LABEL_BRACKET;
        l.number = number;
        l.length = inner + used + n;
        return l;
    }
    if (c >= 0x2460 && c <= 0x2473) {
        l.kind = CK_LABEL_CIRCLED;
        l.number = c - 0x2460 + 1;
        l.length = pos + n;
        return l;
    }
    if (c == 0x2022 || c == 0x25CF || c == 0x25AA || c == 0x25A0 || c == 0x25C6 || c == 0x27A2) {
        l.kind = CK_LABEL_BULLET;
        l.length = pos + n;
        return l;
    }
    int stem = stem_number(c);
    int latin = c >= 0 && c < 128 && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
    long number;
    if (stem) {
        number = stem, used = n;
    } else if (latin) {
        number = (c | 0x20) - 'a' + 1, used = n;
    } else {
        number = ck_numeral_parse(s + pos, len - pos, &used);
        if (number < 0)
            return l;
    }
    size_t after = pos + used;
    utf8proc_int32_t p = ck_label_peek(s, len, after, &n);
    int kind = stem ? CK_LABEL_STEM : latin ? CK_LABEL_LATIN : is_ascii_digit(c) ? CK_LABEL_ARABIC
                                                      : ck_numeral_is_financial(c) ? CK_LABEL_LEGAL : CK_LABEL_CJK;
    if (kind == CK_LABEL_ARABIC && (p == '.' || p == 0xFF0E)) {
        /* 1.2.3: a multi-level number; 1.5 in a sentence has no label */
        int dots = 0;
        size_t q = after, m;
        while ((p == '.' || p == 0xFF0E) && is_ascii_digit(ck_label_peek(s, len, q + n, &m))) {
            size_t digits;
            ck_numeral_parse(s + q + n, len - q - n, &digits);
            q += n + digits;
            dots++;
            p = ck_label_peek(s, len, q, &n);
        }
        if (dots) {
            utf8proc_int32_t next = p;
            int closed = p == '.' || p == 0xFF0E;
            if (closed)
                q += n, next = ck_label_peek(s, len, q, &n);
            /* in running text "1.5 公尺" is a number: ask for "1.1." or "1.1.1" */
            if (whole || ((closed || dots > 1) && (next < 0 || ck_label_is_space(next) || !closed))) {
                l.kind = CK_LABEL_MULTI + dots;
                l.number = number;
                l.length = q;
            }
            return l;
        }
    }
    int punct = p == 0x3001 /* 、 */ || p == '.' || p == 0xFF0E || ((kind == CK_LABEL_ARABIC || kind == CK_LABEL_LATIN) && (p == ')' || p == 0xFF09));
    if (kind == CK_LABEL_LATIN && !punct)
        return l;
    if (punct) {
        l.length = after + n;
    } else if (whole && (p < 0 || ck_label_is_space(p))) {
        l.length = after;
    } else {
        return l;
    }
    l.kind = kind;
    l.number = number;
    return l;
}
