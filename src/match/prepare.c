/* prepare.c — reading the document once: normalised text, sentences, what
 * is not evidence (headings, reserved articles, definitions, unticked
 * options, text that is not agreed), annexes. */
#include "match/internal.h"

#include <stdlib.h>
#include <string.h>

#include "model/numerals.h"
#include "util/lang.h"

/* ======================================================================
 * Matching, with every PCRE2 failure reported.
 * ==================================================================== */

const char *ck_match_file_of_word(const matcher *m, const ck_rule_definition *def)
{
    const ck_rule_set *set = m->set;
    for (size_t i = 0; i < set->pack_count; i++) {
        const ck_rule_pack *p = set->packs[i];
        if (p->definition_count && def >= p->definitions && def < p->definitions + p->definition_count)
            return p->path;
    }
    return set->language ? set->language->path : NULL;
}

int ck_match_find(matcher *m, const ck_rule_pattern *pattern, const char *text, size_t len, size_t from, size_t *s,
                  size_t *e)
{
    int rc;
    if (from > len || m->failed)
        return m->failed ? -1 : 0;
    /* Normalised text is valid UTF-8 by construction: no check per call. */
    rc = pcre2_match(pattern->code, (PCRE2_SPTR)text, len, from, PCRE2_NO_UTF_CHECK, m->md, m->mc);
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc < 0) {
        PCRE2_UCHAR message[160];
        pcre2_get_error_message(rc, message, sizeof message);
        ck_error_set(m->err, CK_EDATA,
                     ck_tr("%s 的樣式「%s」無法比對完成（%s）：請簡化這個樣式（例如避免巢狀的 .* 重複）",
                           "%s: pattern '%s' cannot finish matching (%s): simplify it (avoid nested repeats such as (.*)*)"),
                     m->where_what ? m->where_what : "?", pattern->source, (const char *)message);
        if (m->where_file) {
            ck_error_set_file(m->err, m->where_file);
            ck_error_set_line(m->err, pattern->place.line, pattern->place.column);
        }
        m->failed = 1;
        return -1;
    }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    *s = ov[0];
    *e = ov[1];
    return 1;
}

int ck_match_word_in(matcher *m, const ck_rule_definition *def, const char *text, size_t s, size_t e)
{
    size_t a, b;
    for (size_t p = 0; def && p < def->patterns.count; p++)
        if (ck_match_find(m, &def->patterns.items[p], text, e, s, &a, &b) == 1)
            return 1;
    return 0;
}

/* Every match of a word list in text[0..len), in order, not overlapping
 * (the longer wins where two start together). Caller frees *out. */
static size_t all_matches(matcher *m, const ck_rule_definition *def, const char *text, size_t len, nrange **out)
{
    size_t count = 0;
    *out = NULL;
    for (size_t p = 0; def && p < def->patterns.count; p++) {
        size_t from = 0, a, b;
        while (ck_match_find(m, &def->patterns.items[p], text, len, from, &a, &b) == 1) {
            if (b > a) {
                *out = ck_realloc(*out, (count + 1) * sizeof **out);
                (*out)[count++] = (nrange){ a, b };
            }
            from = b > a ? b : a + 1;
        }
    }
    /* Sort by start, longer first; drop overlaps. */
    for (size_t i = 1; i < count; i++) {
        nrange x = (*out)[i];
        size_t j = i;
        while (j > 0 && ((*out)[j - 1].start > x.start ||
                         ((*out)[j - 1].start == x.start && (*out)[j - 1].end < x.end))) {
            (*out)[j] = (*out)[j - 1];
            j--;
        }
        (*out)[j] = x;
    }
    size_t kept = 0;
    for (size_t i = 0; i < count; i++)
        if (!kept || (*out)[i].start >= (*out)[kept - 1].end)
            (*out)[kept++] = (*out)[i];
    return kept;
}

/* ======================================================================
 * Sentences and masks.
 * ==================================================================== */

static void add_mask(block_info *bi, size_t s, size_t e, mask_kind kind)
{
    bi->masks = ck_realloc(bi->masks, (bi->mask_count + 1) * sizeof *bi->masks);
    bi->masks[bi->mask_count++] = (mask){ s, e, kind };
}

static void split_sentences(block_info *bi)
{
    const char *t = bi->norm.text;
    size_t len = bi->norm.len, start = 0, i = 0;

    while (i < len) {
        size_t w = ck_normalised_sentence_end(t, len, i);
        if (w) {
            bi->sentences = ck_realloc(bi->sentences, (bi->sentence_count + 1) * sizeof *bi->sentences);
            bi->sentences[bi->sentence_count++] = (sentence){ .start = start, .end = i + w };
            i += w;
            start = i;
        } else {
            i++;
        }
    }
    if (start < len || bi->sentence_count == 0) {
        bi->sentences = ck_realloc(bi->sentences, (bi->sentence_count + 1) * sizeof *bi->sentences);
        bi->sentences[bi->sentence_count++] = (sentence){ .start = start, .end = len };
    }
}

size_t ck_match_sentence_of(const block_info *bi, size_t pos)
{
    size_t lo = 0, hi = bi->sentence_count;
    if (!hi)
        return 0;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (bi->sentences[mid].start <= pos)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

mask_kind ck_match_masked(const block_info *bi, size_t s, size_t e)
{
    for (size_t i = 0; i < bi->mask_count; i++)
        if (s < bi->masks[i].end && bi->masks[i].start < e)
            return bi->masks[i].kind;
    return 0;
}

/* An unticked check box masks its option up to the next box or the end of
 * the block; ticked ones do not. */
static void mask_unticked(matcher *m, block_info *bi)
{
    nrange *open = NULL, *ticked = NULL;
    size_t open_count = all_matches(m, m->words.box_unticked, bi->norm.text, bi->norm.len, &open);
    size_t ticked_count = open_count ? all_matches(m, m->words.box_ticked, bi->norm.text, bi->norm.len, &ticked) : 0;
    size_t t = 0;

    for (size_t i = 0; i < open_count; i++) {
        size_t end = bi->norm.len;
        if (i + 1 < open_count)
            end = open[i + 1].start;
        while (t < ticked_count && ticked[t].start < open[i].end)
            t++;
        if (t < ticked_count && ticked[t].start < end)
            end = ticked[t].start;
        add_mask(bi, open[i].start, end, MASK_UNTICKED);
        ck_buf_append(&m->unticked, bi->norm.text + open[i].end, end - open[i].end);
        ck_buf_putc(&m->unticked, '\n');
    }
    free(open);
    free(ticked);
}

/* A heading names a topic: a heading block, or the first block of an article
 * when it is short and has no sentence in it ("第五條 稽核"). */
static int looks_like_heading(const ck_block *b, size_t index, const ck_normalised *n)
{
    if (b->kind == CK_BLOCK_HEADING)
        return 1;
    if (b->article == (long)index && n->len <= 45 && !strstr(n->text, "。") && !strchr(n->text, ';'))
        return 1;
    return 0;
}

/* The number N of 附件N at text (normalised), or -1. */
static long annex_number(matcher *m, const char *text, size_t len, size_t from, size_t *s, size_t *e)
{
    const ck_rule_definition *def = m->words.annex_label;
    size_t best_s = (size_t)-1, best_e = 0;
    long best = -1;
    for (size_t p = 0; def && p < def->patterns.count; p++) {
        size_t a, b;
        if (ck_match_find(m, &def->patterns.items[p], text, len, from, &a, &b) != 1 || a >= best_s)
            continue;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
        size_t used = 0;
        long n = -1;
        if (pcre2_get_ovector_count(m->md) > 1 && ov[2] != PCRE2_UNSET)
            n = ck_numeral_parse(text + ov[2], ov[3] - ov[2], &used);
        best_s = a;
        best_e = b;
        best = used ? n : -1;
        if (!used) {
            /* No number here: look on after it. */
            best_s = (size_t)-1;
            size_t again_s, again_e;
            long again = annex_number(m, text, len, b, &again_s, &again_e);
            if (again >= 0) {
                best_s = again_s;
                best_e = again_e;
                best = again;
            }
        }
    }
    if (best_s == (size_t)-1)
        return -1;
    *s = best_s;
    *e = best_e;
    return best;
}

/* Annex sections (each is one unit of an article-scoped rule) and the
 * articles that incorporate one by reference: 「依附件一辦理」 makes the
 * annex's list part of that article. */
static void find_annexes(matcher *m)
{
    long current = -1, start = -1;
    for (size_t i = 0; i < m->doc->count; i++) {
        const ck_block *b = &m->doc->blocks[i];
        block_info *bi = &m->blocks[i];
        size_t s, e;
        bi->annex = bi->annex_start = -1;
        if (b->flags & CK_BLOCK_IN_ANNEX) {
            long n = annex_number(m, bi->norm.text, bi->norm.len, 0, &s, &e);
            if (n >= 0 && s == 0) {
                current = n;
                start = (long)i;
            }
            bi->annex = current;
            bi->annex_start = start;
            continue;
        }
        if (b->article < 0 || !bi->eligible)
            continue;
        for (size_t from = 0;; from = e) {
            long n = annex_number(m, bi->norm.text, bi->norm.len, from, &s, &e);
            if (n < 0)
                break;
            m->refs = ck_realloc(m->refs, (m->ref_count + 1) * sizeof *m->refs);
            m->refs[m->ref_count].article = b->article;
            m->refs[m->ref_count].annex = n;
            m->ref_count++;
        }
    }
}

/* 「勾選『X』項目者，…」: a clause that applies only when option X is
 * ticked is not agreed when X sits under an unticked box. */
static void mask_unticked_conditions(matcher *m)
{
    const ck_rule_definition *def = m->words.option_reference;
    if (!m->unticked.len || !def)
        return;
    for (size_t i = 0; i < m->doc->count; i++) {
        block_info *bi = &m->blocks[i];
        for (size_t k = 0; k < bi->sentence_count; k++) {
            int off = 0;
            for (size_t p = 0; p < def->patterns.count && !off; p++) {
                size_t from = bi->sentences[k].start, s, e;
                while (!off && ck_match_find(m, &def->patterns.items[p], bi->norm.text, bi->sentences[k].end, from, &s,
                                             &e) == 1) {
                    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
                    if (pcre2_get_ovector_count(m->md) > 1 && ov[2] != PCRE2_UNSET) {
                        char *option = ck_strndup(bi->norm.text + ov[2], ov[3] - ov[2]);
                        off = strstr(m->unticked.data, option) != NULL;
                        free(option);
                    }
                    from = e > s ? e : s + 1;
                }
            }
            if (off)
                add_mask(bi, bi->sentences[k].start, bi->sentences[k].end, MASK_CONDITIONAL);
        }
    }
}

/* Text an amendment quotes to delete it (原契約第十四條「…」全文刪除) is
 * not agreed. */
static void mask_deleted_text(matcher *m, block_info *bi)
{
    nrange *gone = NULL;
    size_t n = ck_match_all(m, m->words.deleted_text, bi->norm.text, bi->norm.len, &gone);
    for (size_t k = 0; k < n; k++)
        add_mask(bi, gone[k].start, gone[k].end, MASK_CONDITIONAL);
    free(gone);
}

void ck_match_prepare(matcher *m)
{
    const ck_document *doc = m->doc;

    m->where_what = "language";
    m->blocks = ck_calloc(doc->count ? doc->count : 1, sizeof *m->blocks);
    for (size_t i = 0; i < doc->count; i++) {
        const ck_block *b = &doc->blocks[i];
        block_info *bi = &m->blocks[i];

        /* A blank to be filled says nothing: it is left out like hidden text. */
        ck_normalise(b->text, b->text_len, b->spans, b->span_count, CK_SPAN_HIDDEN | CK_SPAN_BLANK, &bi->norm);
        split_sentences(bi);
        bi->eligible = 1;
        switch (b->kind) {
        case CK_BLOCK_COMMENT:
        case CK_BLOCK_HEADER:
        case CK_BLOCK_FOOTER:
            bi->eligible = 0;
            break;
        default:
            break;
        }
        if (b->flags & (CK_BLOCK_HIDDEN | CK_BLOCK_TOC))
            bi->eligible = 0;
        /* Unticked options and drafting notes are not agreed text. */
        if (bi->eligible && (b->flags & (CK_BLOCK_UNAGREED | CK_BLOCK_DRAFTING_NOTE))) {
            bi->eligible = 0;
            bi->unagreed = 1;
        }
        if (bi->norm.len == 0 || ck_match_word_in(m, m->words.reserved_article, bi->norm.text, 0, bi->norm.len))
            bi->eligible = 0;
        bi->heading = looks_like_heading(b, i, &bi->norm);
        mask_unticked(m, bi);
        for (size_t s = 0; s < bi->sentence_count; s++)
            if (ck_match_word_in(m, m->words.term_definition, bi->norm.text, bi->sentences[s].start,
                                 bi->sentences[s].end))
                add_mask(bi, bi->sentences[s].start, bi->sentences[s].end, MASK_DEFINITION);
        mask_deleted_text(m, bi);
        ck_clause_analyse(m, bi);
    }
    find_annexes(m);
    mask_unticked_conditions(m);
    /* An article whose body is gone (（刪除）, empty) leaves a bare heading: not a clause. */
    for (size_t i = 0; i < doc->count; i++) {
        if (ck_document_section(doc, i) != (int32_t)i || !m->blocks[i].heading)
            continue;
        int body = 0;
        for (size_t j = i + 1; j < doc->count && !body && ck_document_section(doc, j) == (int32_t)i; j++)
            if (m->blocks[j].eligible && !m->blocks[j].heading)
                body = 1;
        if (!body)
            m->blocks[i].eligible = 0;
        /* 「第十七條 資安事件通報」「（保留）」 then the signatures, which the
         * last article takes in: the heading heads no body of its own. */
        for (size_t j = i + 1; j < doc->count && ck_document_section(doc, j) == (int32_t)i; j++) {
            if (m->blocks[j].heading)
                continue;
            m->blocks[i].heads_body = body && m->blocks[j].eligible;
            break;
        }
    }
}

void ck_match_release(matcher *m)
{
    if (!m->blocks)
        return;
    for (size_t i = 0; i < m->doc->count; i++) {
        block_info *bi = &m->blocks[i];
        ck_normalised_free(&bi->norm);
        free(bi->sentences);
        free(bi->masks);
        free(bi->mentions);
        free(bi->modals);
        free(bi->negations);
    }
    free(m->blocks);
    m->blocks = NULL;
}

size_t ck_match_all(matcher *m, const ck_rule_definition *def, const char *text, size_t len, nrange **out)
{
    return all_matches(m, def, text, len, out);
}
