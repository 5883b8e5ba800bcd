#include "normalise/normalise.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util/array.h"
#include "util/buf.h"

/* Variant characters folded to one form. Kept small on purpose: each pair
 * is a written variant of the same word in contracts (台北/臺北, 裡/裏),
 * never two different words. The first column is folded to the second. */
static const int32_t variants[][2] = {
    { 0x53F0, 0x81FA }, /* 台 -> 臺 */
    { 0x88CF, 0x88E1 }, /* 裏 -> 裡 */
    { 0x5CEF, 0x5CF0 }, /* 峯 -> 峰 */
    { 0x7232, 0x70BA }, /* 爲 -> 為 */
    { 0x8846, 0x773E }, /* 衆 -> 眾 */
    { 0x7DAB, 0x7DDA }, /* 綫 -> 線 */
    { 0x5374, 0x537B }, /* 却 -> 卻 */
    { 0x6C61, 0x6C59 }, /* 污 -> 汙 */
    { 0x543F, 0x544A }, /* 吿 -> 告 */
    { 0x654E, 0x6559 }, /* 敎 -> 教 */
    { 0x6237, 0x6236 }, /* 户 -> 戶 */
    { 0x6238, 0x6236 }, /* 戸 -> 戶 */
    { 0x518C, 0x518A }, /* 册 -> 冊 */
    { 0x7740, 0x8457 }, /* 着 -> 著 */
    { 0x9EBD, 0x9EBC }, /* 麽 -> 麼 */
};

int32_t ck_normalise_variant(int32_t cp)
{
    for (size_t i = 0; i < CK_ARRAY_LEN(variants); i++)
        if (variants[i][0] == cp)
            return variants[i][1];
    return cp;
}

int ck_normalise_is_cjk(int32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x2FDF)     /* radicals */
        || (cp >= 0x3000 && cp <= 0x303F)     /* CJK symbols and punctuation */
        || (cp >= 0x3040 && cp <= 0x31FF)     /* kana, bopomofo */
        || (cp >= 0x3400 && cp <= 0x4DBF)     /* extension A */
        || (cp >= 0x4E00 && cp <= 0x9FFF)     /* unified ideographs */
        || (cp >= 0xF900 && cp <= 0xFAFF)     /* compatibility ideographs */
        || (cp >= 0xFE30 && cp <= 0xFE4F)     /* compatibility forms */
        || (cp >= 0xFF00 && cp <= 0xFFEF)     /* full-width forms NFKC keeps (、。「」) */
        || (cp >= 0x20000 && cp <= 0x3FFFF); /* extensions B.. */
}

static int is_space(int32_t cp)
{
    if (cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0x85 || cp == 0x2028 ||
        cp == 0x2029)
        return 1;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/* Dropped without trace: they change nothing a reader sees. */
static int is_invisible(int32_t cp)
{
    return cp == 0x00AD || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF;
}

static int is_mark(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

/* Decodes one code point at s (n bytes left); invalid bytes give U+FFFD, length 1. */
static size_t decode(const char *s, size_t n, int32_t *cp)
{
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, cp);
    if (k <= 0) {
        *cp = 0xFFFD;
        return 1;
    }
    return (size_t)k;
}

typedef struct out_state {
    ck_buf text;
    uint32_t *start, *end;
    size_t cap;
    int32_t last;          /* last code point emitted, 0 at the beginning */
    int pending_space;     /* whitespace seen since the last emitted character */
    uint32_t space_start, space_end;
} out_state;

static void push_bytes(out_state *o, const char *bytes, size_t n, uint32_t s, uint32_t e)
{
    if (o->text.len + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 64;
        while (cap < o->text.len + n + 1)
            cap *= 2;
        o->start = ck_realloc(o->start, cap * sizeof *o->start);
        o->end = ck_realloc(o->end, cap * sizeof *o->end);
        o->cap = cap;
    }
    for (size_t i = 0; i < n; i++) {
        o->start[o->text.len + i] = s;
        o->end[o->text.len + i] = e;
    }
    ck_buf_append(&o->text, bytes, n);
}

static void emit(out_state *o, int32_t cp, uint32_t s, uint32_t e)
{
    utf8proc_uint8_t bytes[4];
    utf8proc_ssize_t n;

    if (o->pending_space && o->last && !ck_normalise_is_cjk(o->last) && !ck_normalise_is_cjk(cp))
        push_bytes(o, " ", 1, o->space_start, o->space_end);
    o->pending_space = 0;
    n = utf8proc_encode_char(cp, bytes);
    push_bytes(o, (const char *)bytes, (size_t)n, s, e);
    o->last = cp;
}

/* Index of the first skipped span that ends after pos, or count. */
static size_t skip_until(const ck_span *spans, size_t count, uint32_t skip_flags, size_t pos)
{
    for (size_t i = 0; i < count; i++)
        if ((spans[i].flags & skip_flags) && spans[i].start <= pos && pos < spans[i].end)
            return spans[i].end;
    return pos;
}

int ck_normalise(const char *text, size_t len, const ck_span *spans, size_t span_count, uint32_t skip_flags,
                 ck_normalised *out)
{
    out_state o;
    size_t i = 0;

    memset(&o, 0, sizeof o);
    memset(out, 0, sizeof *out);
    while (i < len) {
        size_t unit_start, unit_end, k;
        int32_t cp, next;

        if (spans && skip_flags) {
            size_t to = skip_until(spans, span_count, skip_flags, i);
            if (to != i) {
                i = to < len ? to : len;
                continue;
            }
        }
        unit_start = i;
        k = decode(text + i, len - i, &cp);
        unit_end = i + k;
        /* A base character and its combining marks form one unit, so NFKC
         * can compose them and both map to the same original range. */
        while (unit_end < len) {
            size_t k2 = decode(text + unit_end, len - unit_end, &next);
            if (!is_mark(next))
                break;
            unit_end += k2;
        }
        i = unit_end;

        if (cp < 0x80 && unit_end - unit_start == 1) {
            /* ASCII without marks is already in normal form. */
            if (is_space(cp)) {
                if (!o.pending_space)
                    o.space_start = (uint32_t)unit_start;
                o.pending_space = 1;
                o.space_end = (uint32_t)unit_end;
            } else if (cp != 0) {
                emit(&o, cp, (uint32_t)unit_start, (uint32_t)unit_end);
            }
            continue;
        }

        utf8proc_uint8_t *mapped = NULL;
        utf8proc_ssize_t m;
        if (cp == 0xFFFD && k == 1 && (unsigned char)text[unit_start] >= 0x80) {
            mapped = NULL;
            m = -1;
        } else {
            m = utf8proc_map((const utf8proc_uint8_t *)text + unit_start, (utf8proc_ssize_t)(unit_end - unit_start),
                             &mapped, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
        }
        if (m < 0) {
            emit(&o, 0xFFFD, (uint32_t)unit_start, (uint32_t)unit_end);
            free(mapped);
            continue;
        }
        for (utf8proc_ssize_t j = 0; j < m;) {
            int32_t c;
            j += (utf8proc_ssize_t)decode((const char *)mapped + j, (size_t)(m - j), &c);
            if (is_invisible(c) || c == 0)
                continue;
            if (is_space(c)) {
                if (!o.pending_space)
                    o.space_start = (uint32_t)unit_start;
                o.pending_space = 1;
                o.space_end = (uint32_t)unit_end;
                continue;
            }
            emit(&o, ck_normalise_variant(c), (uint32_t)unit_start, (uint32_t)unit_end);
        }
        free(mapped);
    }
    /* Trailing whitespace is dropped: never flush a pending space. */
    push_bytes(&o, "", 0, 0, 0);
    if (!o.text.data)
        ck_buf_puts(&o.text, "");
    o.start[o.text.len] = (uint32_t)len;
    o.end[o.text.len] = (uint32_t)len;
    out->len = o.text.len;
    out->text = ck_buf_detach(&o.text);
    out->start = o.start;
    out->end = o.end;
    out->original_len = len;
    return 0;
}

void ck_normalised_free(ck_normalised *n)
{
    if (!n)
        return;
    free(n->text);
    free(n->start);
    free(n->end);
    memset(n, 0, sizeof *n);
}

void ck_normalised_to_original(const ck_normalised *n, size_t s, size_t e, size_t *os, size_t *oe)
{
    if (s > n->len)
        s = n->len;
    if (e > n->len)
        e = n->len;
    if (e <= s) {
        *os = *oe = n->start[s];
        return;
    }
    *os = n->start[s];
    *oe = n->end[e - 1];
}

char *ck_normalise_string(const char *s)
{
    ck_normalised n;
    ck_normalise(s, strlen(s), NULL, 0, 0, &n);
    free(n.start);
    free(n.end);
    return n.text;
}

size_t ck_normalised_sentence_end(const char *text, size_t len, size_t i)
{
    if (i >= len)
        return 0;
    if (len - i >= 3 && memcmp(text + i, "。", 3) == 0)
        return 3;
    return text[i] == ';' || text[i] == '!' || text[i] == '?';
}
