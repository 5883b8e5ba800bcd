/* place.c — place keys, finding a place, cross-references (see place.h). */
#include "model/place.h"

#include <string.h>

#include "model/label.h"
#include "model/numerals.h"

static int starts_with(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
}

void ck_place_key(const char *s, size_t len, ck_buf *out)
{
    size_t n;
    for (size_t pos = 0; pos < len;) {
        utf8proc_int32_t c = ck_label_peek(s, len, pos, &n);
        if (!n)
            break;
        if (ck_label_is_space(c)) {
            pos += n;
            continue;
        }
        int done = 0;
        /* 第N or an annex word and N: the number in Arabic digits */
        size_t word = starts_with(s + pos, len - pos, "第") ? strlen("第") : ck_label_annex_word(s + pos, len - pos);
        if (word) {
            size_t q = ck_label_skip_spaces(s, len, pos + word), used;
            long number = ck_numeral_parse(s + q, len - q, &used);
            if (number >= 0 && used) {
                ck_buf_append(out, s + pos, word);
                ck_buf_printf(out, "%ld", number);
                pos = q + used;
                done = 1;
            }
        }
        if (!done) {
            ck_buf_append(out, s + pos, n);
            pos += n;
        }
    }
    if (!out->data)
        ck_buf_puts(out, "");
}

/* Whether place has the key want. Places are written with Arabic numbers
 * already, so only white space is skipped, unless an annex's name may hold
 * a number in other digits (附件一). */
static int has_key(const char *place, const ck_buf *want, ck_buf *scratch)
{
    if (strstr(place, "附")) {
        ck_buf_clear(scratch);
        ck_place_key(place, strlen(place), scratch);
        return scratch->len == want->len && memcmp(scratch->data, want->data, want->len) == 0;
    }
    size_t k = 0;
    for (const char *p = place; *p; p++) {
        if (*p == ' ')
            continue;
        if (k >= want->len || want->data[k] != *p)
            return 0;
        k++;
    }
    return k == want->len;
}

long ck_document_find_place(const ck_document *doc, const char *citation, size_t len)
{
    ck_buf want = CK_BUF_INIT, have = CK_BUF_INIT;
    long found = -1;
    ck_place_key(citation, len, &want);
    for (size_t i = 0; i < doc->count && found < 0 && want.len; i++)
        if (doc->blocks[i].place && has_key(doc->blocks[i].place, &want, &have))
            found = (long)i;
    for (size_t i = 0; i < doc->count && found < 0 && want.len; i++) {
        const char *p = doc->blocks[i].location;
        if (!p)
            continue;
        ck_buf_clear(&have);
        ck_place_key(p, strlen(p), &have);
        if (have.len == want.len && memcmp(have.data, want.data, want.len) == 0)
            found = (long)i;
    }
    ck_buf_free(&want);
    ck_buf_free(&have);
    return found;
}

/* The units a reference is made of, outermost first. */
static const char *const units[] = { "條", "點", "項", "款", "目", "子目", NULL };

/* 第N<unit> at s: its length, and the unit's index in units[]; 0 if none. */
static size_t read_unit(const char *s, size_t len, int *unit)
{
    if (!starts_with(s, len, "第"))
        return 0;
    size_t q = 3, used;
    if (ck_numeral_parse(s + q, len - q, &used) <= 0)
        return 0;
    q += used;
    for (int u = 0; units[u]; u++)
        if (starts_with(s + q, len - q, units[u])) {
            *unit = u;
            q += strlen(units[u]);
            /* 第85條之1: an article inserted later */
            if (u == 0 && starts_with(s + q, len - q, "之") && ck_numeral_parse(s + q + 3, len - q - 3, &used) > 0)
                q += 3 + used;
            return q;
        }
    return 0;
}

/* Whether the text right before pos names a law or regulation: then the
 * reference is to it, not to the contract. */
static int after_a_law(const char *text, size_t pos)
{
    static const char *const ends[] = { "法", "例", "則", "準", "綱", "令", "約法", NULL };
    size_t p = pos;
    /* closing quotes and brackets: 「政治獻金法」第7條 */
    while (p >= 3 && (memcmp(text + p - 3, "」", 3) == 0 || memcmp(text + p - 3, "』", 3) == 0 ||
                      memcmp(text + p - 3, "》", 3) == 0))
        p -= 3;
    for (const char *const *e = ends; *e; e++) {
        size_t n = strlen(*e);
        if (p >= n && memcmp(text + p - n, *e, n) == 0)
            return 1;
    }
    /* 同法第2條, 同條第3項 of a law named just before */
    if (p >= 6 && memcmp(text + p - 6, "同法", 6) == 0)
        return 1;
    return 0;
}

/* Whether text[from, to) holds only words that join references
 * (「第2目第1子目及第2子目」, 「第3款至第5款、第7款」). */
static int only_joiners(const char *text, size_t from, size_t to)
{
    static const char *const joiners[] = { "至", "、", "及", "或", "與", "和", "暨", " ", NULL };
    size_t pos = from;
    while (pos < to) {
        int hit = 0;
        if (starts_with(text + pos, to - pos, "（") || starts_with(text + pos, to - pos, "(")) {
            /* a remark in brackets: 「第1子目（適用勾選本子目選項者）至第3子目」 */
            const char *close = starts_with(text + pos, to - pos, "(") ? ")" : "）";
            size_t q = pos + 1;
            while (q < to && !starts_with(text + q, to - q, close))
                q++;
            if (q >= to)
                return 0;
            pos = q + strlen(close);
            continue;
        }
        for (const char *const *j = joiners; *j && !hit; j++)
            if (starts_with(text + pos, to - pos, *j)) {
                pos += strlen(*j);
                hit = 1;
            }
        if (!hit)
            return 0;
    }
    return to > from;
}

void ck_reference_scan_init(ck_reference_scan *scan, const char *text, size_t len)
{
    memset(scan, 0, sizeof *scan);
    scan->text = text;
    scan->len = len;
}

int ck_reference_next(ck_reference_scan *scan, size_t *start, size_t *end, int *joined)
{
    const char *text = scan->text;
    size_t len = scan->len, n;
    for (size_t pos = scan->pos; pos < len; pos += n) {
        ck_label_peek(text, len, pos, &n);
        if (!n)
            break;
        int unit, first;
        size_t q = read_unit(text + pos, len - pos, &first);
        if (!q)
            continue;
        size_t stop = pos + q;
        unit = first;
        for (;;) {
            int next;
            size_t m = read_unit(text + stop, len - stop, &next);
            if (!m || next <= unit)
                break;
            unit = next;
            stop += m;
        }
        int join = scan->have_prev && only_joiners(text, scan->prev_end, pos);
        /* a law's article (採購法第50條第1項第3款至第5款), a point of some
         * rule (要點第2點), 同條: not a place in this contract */
        int law = join ? scan->prev_law
                       : after_a_law(text, pos) || first == 1 || (pos >= 6 && memcmp(text + pos - 6, "同條", 6) == 0);
        /* 第N條 alone only after 契約 or 依 (「依第8條辦理」) */
        if (!law && first == 0 && unit == 0 && !join)
            law = !(pos >= 6 && memcmp(text + pos - 6, "契約", 6) == 0) && !(pos >= 3 && memcmp(text + pos - 3, "依", 3) == 0);
        scan->have_prev = 1;
        scan->prev_end = stop;
        scan->prev_law = law;
        n = stop - pos;
        if (law)
            continue;
        scan->pos = stop;
        /* 「前款第2目」「本條第3款」: the reference starts at 前 or 本 */
        if (!join && first > 0 && pos >= 6 && (memcmp(text + pos - 6, "前", 3) == 0 || memcmp(text + pos - 6, "本", 3) == 0))
            for (int u = 0; units[u] && u < first; u++)
                if (memcmp(text + pos - 3, units[u], 3) == 0 && strlen(units[u]) == 3)
                    pos -= 6;
        *start = pos;
        *end = stop;
        *joined = join;
        return 1;
    }
    scan->pos = len;
    return 0;
}

long ck_document_resolve_reference(const ck_document *doc, size_t from, const char *base, const char *ref, size_t len,
                                   ck_buf *out)
{
    ck_buf_clear(out);
    int unit = -1;
    if (len >= 6 && (starts_with(ref, len, "前") || starts_with(ref, len, "本")) && from < doc->count &&
        doc->blocks[from].place) {
        /* 前款 / 本條: the citing block's place down to that unit, one back for 前 */
        const char *p = doc->blocks[from].place;
        size_t plen = strlen(p), pos = 0;
        int found = 0;
        while (pos < plen && !found) {
            int u;
            size_t m = read_unit(p + pos, plen - pos, &u);
            if (!m)
                break;
            if (strlen(units[u]) == 3 && memcmp(ref + 3, units[u], 3) == 0) {
                size_t used;
                long number = ck_numeral_parse(p + pos + 3, plen - pos - 3, &used);
                ck_buf_append(out, p, pos);
                ck_buf_printf(out, "第%ld%s", starts_with(ref, len, "前") ? number - 1 : number, units[u]);
                found = 1;
            }
            pos += m;
        }
        if (!found) {
            ck_buf_clear(out);
            ck_buf_append(out, ref, len);
            return -1;
        }
        ck_buf_append(out, ref + 6, len - 6);
        return ck_document_find_place(doc, out->data, out->len);
    }
    read_unit(ref, len, &unit);
    if (!base && from < doc->count)
        base = doc->blocks[from].place;
    if (unit > 0 && base) {
        /* relative: the base place up to the unit the reference starts with */
        const char *p = base;
        size_t plen = strlen(p), pos = 0, keep = 0;
        while (pos < plen) {
            int u;
            size_t m = read_unit(p + pos, plen - pos, &u);
            if (!m || u >= unit)
                break;
            pos += m;
            keep = pos;
        }
        if (!keep) {
            ck_buf_append(out, ref, len);
            return -1;
        }
        ck_buf_append(out, p, keep);
    }
    ck_buf_append(out, ref, len);
    return ck_document_find_place(doc, out->data, out->len);
}
