/* score.c — one rule against the analysed document: hits of its elements,
 * contrary wording and provisos, grouped into units of its scope (sentence,
 * block, article, document), the status, the evidence and the trace. */
#include "match/internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/lang.h"

#define CONTRARY SIZE_MAX            /* hit.element of contrary wording */
#define TOPIC_MENTION (SIZE_MAX - 1) /* the topic named where it cannot be evidence */
#define SATISFIED (SIZE_MAX - 2)     /* wording that satisfies the rule on its own */
#define EXCEPTION (SIZE_MAX - 3)     /* a proviso that takes the duty back (但…不在此限) */

/* Contrary wording or a proviso: shown as the reason of a conflict. */
static int is_contrary(size_t element)
{
    return element == CONTRARY || element == EXCEPTION;
}

/* Which unit of a rule's scope a hit is in. Units sort by kind, then major,
 * then minor: articles (and blocks outside any) in document order, then
 * annex sections, then table rows outside any article. */
typedef enum unit_kind {
    UNIT_WHOLE = 0,   /* the document */
    UNIT_BLOCK,       /* major: block */
    UNIT_SENTENCE,    /* major: block, minor: sentence */
    UNIT_ARTICLE,     /* major: the article's heading block, or a block outside any article */
    UNIT_ANNEX,       /* major: the block where the annex section starts */
    UNIT_TABLE_ROW    /* major: table, minor: row */
} unit_kind;

typedef struct unit_key {
    unit_kind kind;
    size_t major, minor;
} unit_key;

static int unit_compare(const unit_key *a, const unit_key *b)
{
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if (a->major != b->major)
        return a->major < b->major ? -1 : 1;
    if (a->minor != b->minor)
        return a->minor < b->minor ? -1 : 1;
    return 0;
}

typedef struct hit {
    unit_key unit;
    size_t block;
    size_t sentence;
    size_t element; /* index into rule->elements, or CONTRARY ... */
    size_t start, end;
    const ck_rule_pattern *pattern;
} hit;

typedef struct hits {
    hit *items;
    size_t count;
} hits;

/* The nearest wording of an element that was turned down, and why. */
typedef struct candidate {
    int set;
    ck_trace_reason reason;
    size_t block, sentence, start, end;
    const ck_rule_pattern *pattern;
} candidate;

typedef struct rule_run {
    matcher *m;
    const ck_rule *rule;
    hits h;
    candidate *rejected; /* one per element */
    signed char *off_topic; /* per article heading block: -1 unknown, 0 no, 1 its heading matches not_about */
} rule_run;

/* Is block b in an article whose heading says it is about something else
 * (the rule's not_about: 第十七條 爭議處理 holds 爭議處理小組會議, not
 * project meetings)? The heading is the strongest sign of what an article
 * is about. */
static int off_topic(rule_run *run, size_t b)
{
    matcher *m = run->m;
    long a = ck_document_section(m->doc, b);
    if (!run->rule->not_about.count || a < 0 || m->blocks[b].annex_start >= 0)
        return 0;
    if (run->off_topic[a] < 0) {
        const block_info *head = &m->blocks[a];
        size_t x, y;
        int says = 0;
        for (size_t p = 0; head->heading && p < run->rule->not_about.count && !says; p++)
            says = ck_match_find(m, &run->rule->not_about.items[p], head->norm.text, head->norm.len, 0, &x, &y) == 1;
        run->off_topic[a] = (signed char)says;
    }
    return run->off_topic[a];
}

static void add_hit(hits *h, unit_key unit, size_t block, size_t si, size_t element, size_t s, size_t e,
                    const ck_rule_pattern *pattern)
{
    h->items = ck_realloc(h->items, (h->count + 1) * sizeof *h->items);
    h->items[h->count++] = (hit){ unit, block, si, element, s, e, pattern };
}

static unit_key unit_of(const matcher *m, ck_rule_scope scope, size_t block, size_t si)
{
    const ck_block *b = &m->doc->blocks[block];
    switch (scope) {
    case CK_SCOPE_SENTENCE:
        return (unit_key){ UNIT_SENTENCE, block, si };
    case CK_SCOPE_PARAGRAPH:
        return (unit_key){ UNIT_BLOCK, block, 0 };
    case CK_SCOPE_ARTICLE:
        if (m->blocks[block].annex_start >= 0)
            return (unit_key){ UNIT_ANNEX, (size_t)m->blocks[block].annex_start, 0 };
        if (ck_document_section(m->doc, block) >= 0)
            return (unit_key){ UNIT_ARTICLE, (size_t)ck_document_section(m->doc, block), 0 };
        if (b->table > 0)
            /* A table outside any article: one row is one clause. */
            return (unit_key){ UNIT_TABLE_ROW, (size_t)b->table, (size_t)b->row };
        return (unit_key){ UNIT_ARTICLE, block, 0 };
    case CK_SCOPE_DOCUMENT:
    default:
        return (unit_key){ UNIT_WHOLE, 0, 0 };
    }
}

static void reject(rule_run *run, size_t element, ck_trace_reason reason, size_t block, size_t si, size_t s,
                   size_t e, const ck_rule_pattern *pattern)
{
    candidate *c = &run->rejected[element];
    if (c->set)
        return;
    *c = (candidate){ 1, reason, block, si, s, e, pattern };
}

static ck_trace_reason reason_of_mask(mask_kind k)
{
    return k == MASK_DEFINITION ? CK_TRACE_DEFINITION : CK_TRACE_NOT_AGREED;
}

static ck_trace_reason reason_of_party(party_verdict v)
{
    switch (v) {
    case PARTY_NOT_DUTY:
        return CK_TRACE_NOT_DUTY;
    case PARTY_EXEMPTED:
        return CK_TRACE_EXEMPTED;
    default:
        return CK_TRACE_OTHER_PARTY;
    }
}

/* Every match of a pattern list in block b, sorted (unless patterns are
 * found once per block, not once per hit). Caller frees *out. */
static size_t list_ranges(matcher *m, const ck_rule_pattern_list *list, const block_info *bi, nrange **out)
{
    size_t count = 0;
    *out = NULL;
    for (size_t p = 0; list && p < list->count; p++) {
        size_t from = 0, a, b;
        while (ck_match_find(m, &list->items[p], bi->norm.text, bi->norm.len, from, &a, &b) == 1) {
            *out = ck_realloc(*out, (count + 1) * sizeof **out);
            (*out)[count++] = (nrange){ a, b };
            from = b > a ? b : a + 1;
        }
    }
    return count;
}

static int overlaps_ranges(const nrange *r, size_t n, size_t s, size_t e)
{
    for (size_t i = 0; i < n; i++)
        if (r[i].start < e && s < r[i].end)
            return 1;
    return 0;
}

/* Adds a hit of kind for every unmasked match of list in block b that no
 * pattern of unless overlaps. */
static void collect_list(rule_run *run, size_t b, const ck_rule_pattern_list *list,
                         const ck_rule_pattern_list *unless, size_t kind)
{
    matcher *m = run->m;
    const block_info *bi = &m->blocks[b];
    nrange *skip = NULL;
    size_t skip_count = 0;
    int skip_known = 0;

    for (size_t p = 0; p < list->count; p++) {
        size_t from = 0, s, e;
        while (ck_match_find(m, &list->items[p], bi->norm.text, bi->norm.len, from, &s, &e) == 1) {
            size_t si = ck_match_sentence_of(bi, s);
            from = e > s ? e : s + 1;
            if (e == s || ck_match_masked(bi, s, e))
                continue;
            if (unless && unless->count) {
                if (!skip_known) {
                    skip_count = list_ranges(m, unless, bi, &skip);
                    skip_known = 1;
                }
                if (overlaps_ranges(skip, skip_count, s, e))
                    continue;
            }
            /* 「依契約機關業已不負保密責任」: the agency exempting itself takes
             * nothing from the vendor (「甲方同意免除乙方之責任」 does). */
            if (kind == CONTRARY && ck_clause_exempts_itself(bi, si, s, e) == PARTY_AGENCY)
                continue;
            add_hit(&run->h, unit_of(m, run->rule->scope, b, si), b, si, kind, s, e, &list->items[p]);
        }
    }
    free(skip);
}

static int any_match(matcher *m, const ck_rule_pattern_list *list, const char *text, size_t len)
{
    size_t a, b;
    for (size_t p = 0; p < list->count; p++)
        if (ck_match_find(m, &list->items[p], text, len, 0, &a, &b) == 1)
            return 1;
    return 0;
}

/* The element hits of one block. Blocks that are not agreed text are read
 * only to tell the reviewer why their wording does not count. */
static void collect_elements(rule_run *run, size_t b, int agreed)
{
    matcher *m = run->m;
    const ck_rule *rule = run->rule;
    const block_info *bi = &m->blocks[b];
    size_t topic = rule->topic < rule->element_count ? rule->topic : 0;
    int elsewhere = agreed && off_topic(run, b);

    for (size_t k = 0; k < rule->element_count; k++) {
        const ck_rule_element *el = &rule->elements[k];
        if (!agreed && run->rejected[k].set)
            continue;
        for (size_t p = 0; p < el->patterns.count; p++) {
            const ck_rule_pattern *pat = &el->patterns.items[p];
            size_t from = 0, s, e;
            while (ck_match_find(m, pat, bi->norm.text, bi->norm.len, from, &s, &e) == 1) {
                size_t si = ck_match_sentence_of(bi, s);
                mask_kind mk;
                party_verdict v;
                from = e > s ? e : s + 1;
                if (e == s)
                    continue;
                if (!agreed || elsewhere) {
                    reject(run, k, agreed ? CK_TRACE_OFF_TOPIC : CK_TRACE_NOT_AGREED, b, si, s, e, pat);
                    break;
                }
                if ((mk = ck_match_masked(bi, s, e)) != 0) {
                    reject(run, k, reason_of_mask(mk), b, si, s, e, pat);
                    continue;
                }
                if ((v = ck_clause_party_holds(m, bi, el->party, si, s, e)) != PARTY_OK) {
                    reject(run, k, reason_of_party(v), b, si, s, e, pat);
                    /* Still the topic: contrary wording next to it is a conflict. */
                    if (k == topic)
                        add_hit(&run->h, unit_of(m, rule->scope, b, si), b, si, TOPIC_MENTION, s, e, pat);
                    continue;
                }
                add_hit(&run->h, unit_of(m, rule->scope, b, si), b, si, k, s, e, pat);
            }
        }
    }
}

/* Collects every element and contrary hit of rule in usable blocks. */
static int collect_hits(rule_run *run)
{
    matcher *m = run->m;
    const ck_rule *rule = run->rule;
    hits *h = &run->h;

    m->where_what = rule->id;
    m->where_file = rule->pack ? rule->pack->path : NULL;
    for (size_t b = 0; b < m->doc->count && !m->failed; b++) {
        const block_info *bi = &m->blocks[b];

        if (!bi->eligible) {
            if (bi->unagreed)
                collect_elements(run, b, 0);
            continue;
        }
        if (any_match(m, &rule->not_evidence, bi->norm.text, bi->norm.len))
            continue;
        collect_elements(run, b, 1);
        /* Contrary wording; a proviso that takes the duty back (但…不在此限)
         * unless it is a harmless one (經甲方書面同意者); wording that
         * satisfies the rule on its own. */
        collect_list(run, b, &rule->contrary, &rule->contrary_unless, CONTRARY);
        collect_list(run, b, &rule->exceptions, &rule->exceptions_unless, EXCEPTION);
        collect_list(run, b, &rule->satisfied_by, NULL, SATISFIED);
    }
    if (m->failed)
        return m->err->code ? m->err->code : CK_EDATA;
    /* An article that incorporates an annex by reference also holds what
     * the annex says. */
    if (rule->scope == CK_SCOPE_ARTICLE && m->ref_count) {
        size_t n = h->count;
        for (size_t i = 0; i < n; i++) {
            const block_info *bi = &m->blocks[h->items[i].block];
            if (bi->annex < 0)
                continue;
            for (size_t r = 0; r < m->ref_count; r++) {
                if (m->refs[r].annex != bi->annex)
                    continue;
                int dup = 0;
                for (size_t q = 0; q < r; q++)
                    dup |= m->refs[q].annex == bi->annex && m->refs[q].article == m->refs[r].article;
                if (!dup) {
                    hit x = h->items[i];
                    add_hit(h, (unit_key){ UNIT_ARTICLE, (size_t)m->refs[r].article, 0 }, x.block, x.sentence,
                            x.element, x.start, x.end, x.pattern);
                }
            }
        }
    }
    return 0;
}

static int compare_hits(const void *a, const void *b)
{
    const hit *x = a, *y = b;
    int u = unit_compare(&x->unit, &y->unit);
    if (u)
        return u;
    if (x->block != y->block)
        return x->block < y->block ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return 0;
}

/* What one unit has. */
typedef struct unit_summary {
    size_t first, last;     /* hits[first..last) */
    int required_found, required_total, found_any_body, topic, topic_mentioned, contrary, satisfied;
    int satisfied_heading;  /* satisfied_by matched only a heading (第十六條 雙方權利義務) */
    int duty_in_body;       /* an element other than the topic is found in the body */
    int optional_found;
    int heading_topic;      /* the topic is named by the heading of an article that has a body */
} unit_summary;

/* Does the proviso hit x take back the topic hit y? A proviso bears on the
 * duty of its own sentence, or of the sentence just before when it opens
 * its own (「…應刪除帳號。但…者，不在此限。」), and only on wording
 * outside the proviso itself. */
static int proviso_reaches(const matcher *m, const hit *x, const hit *y)
{
    if (x->block != y->block)
        return 0;
    if (y->start < x->end && x->start < y->end)
        return 0;
    if (y->sentence == x->sentence)
        return 1;
    if (y->sentence + 1 == x->sentence) {
        /* 但 opens the sentence. */
        return x->start <= m->blocks[x->block].sentences[x->sentence].start + 3;
    }
    return 0;
}

static void summarise(const matcher *m, const ck_rule *rule, const int *required, const hit *items, size_t first,
                      size_t last, unit_summary *u)
{
    int *found = ck_calloc(rule->element_count + 1, sizeof *found);
    memset(u, 0, sizeof *u);
    u->first = first;
    u->last = last;
    size_t topic = rule->topic < rule->element_count ? rule->topic : 0;
    for (size_t i = first; i < last; i++) {
        if (items[i].element == CONTRARY) {
            u->contrary = 1;
            continue;
        }
        if (items[i].element == EXCEPTION) {
            for (size_t j = first; j < last && !u->contrary; j++) {
                if (items[j].element != topic && items[j].element != TOPIC_MENTION)
                    continue;
                u->contrary = proviso_reaches(m, &items[i], &items[j]);
            }
            continue;
        }
        if (items[i].element == TOPIC_MENTION) {
            u->topic_mentioned = 1;
            continue;
        }
        if (items[i].element == SATISFIED) {
            if (!m->blocks[items[i].block].heading) {
                u->satisfied = 1;
                u->found_any_body = 1;
            } else {
                u->satisfied_heading = 1;
            }
            continue;
        }
        found[items[i].element] = 1;
        if (!m->blocks[items[i].block].heading) {
            u->found_any_body = 1;
            if (items[i].element != topic)
                u->duty_in_body = 1;
        }
        else if (items[i].element == topic && m->blocks[items[i].block].heads_body)
            u->heading_topic = 1;
    }
    for (size_t k = 0; k < rule->element_count; k++) {
        if (required[k]) {
            u->required_total++;
            u->required_found += found[k];
        } else {
            u->optional_found += found[k];
        }
    }
    u->topic = rule->element_count ? found[topic] : 0;
    /* A heading that satisfies the rule (第十六條 雙方權利義務) does so over a
     * body that says something of its own, not over 「依相關規定辦理」. */
    if (u->satisfied_heading && u->duty_in_body)
        u->satisfied = 1;
    free(found);
}

/* Adds the original range of a hit to f's evidence for its block and kind. */
static void add_evidence(const matcher *m, const hit *x, int contrary, ck_finding *f)
{
    ck_evidence *ev = NULL;
    for (size_t e = 0; e < f->evidence_count; e++)
        if (f->evidence[e].block == x->block && f->evidence[e].contrary == contrary)
            ev = &f->evidence[e];
    if (!ev) {
        f->evidence = ck_realloc(f->evidence, (f->evidence_count + 1) * sizeof *f->evidence);
        ev = &f->evidence[f->evidence_count++];
        memset(ev, 0, sizeof *ev);
        ev->block = x->block;
        ev->location = m->doc->blocks[x->block].location;
        ev->text = m->doc->blocks[x->block].text;
        ev->contrary = contrary;
    }
    size_t os, oe;
    ck_normalised_to_original(&m->blocks[x->block].norm, x->start, x->end, &os, &oe);
    /* Insert sorted, merging overlaps. */
    size_t j = 0;
    while (j < ev->match_count && ev->matches[j].end < os)
        j++;
    if (j < ev->match_count && ev->matches[j].start <= oe) {
        if (os < ev->matches[j].start)
            ev->matches[j].start = os;
        if (oe > ev->matches[j].end)
            ev->matches[j].end = oe;
        while (j + 1 < ev->match_count && ev->matches[j + 1].start <= ev->matches[j].end) {
            if (ev->matches[j + 1].end > ev->matches[j].end)
                ev->matches[j].end = ev->matches[j + 1].end;
            memmove(&ev->matches[j + 1], &ev->matches[j + 2], (ev->match_count - j - 2) * sizeof *ev->matches);
            ev->match_count--;
        }
    } else {
        ev->matches = ck_realloc(ev->matches, (ev->match_count + 1) * sizeof *ev->matches);
        memmove(&ev->matches[j + 1], &ev->matches[j], (ev->match_count - j) * sizeof *ev->matches);
        ev->matches[j].start = os;
        ev->matches[j].end = oe;
        ev->match_count++;
    }
}

/* Evidence blocks from hits[first..last), contrary ones last. */
static void build_evidence(const matcher *m, const hit *items, size_t first, size_t last, int want_contrary,
                           ck_finding *f)
{
    /* A heading only repeats the topic the body states: quote the body. */
    int body = 0;
    for (size_t i = first; i < last; i++)
        if (items[i].element != TOPIC_MENTION && !is_contrary(items[i].element) && !m->blocks[items[i].block].heading)
            body = 1;
    for (int pass = 0; pass < 2; pass++) {
        int contrary = pass == 1;
        if (contrary && !want_contrary)
            break;
        for (size_t i = first; i < last; i++) {
            if (items[i].element == TOPIC_MENTION || is_contrary(items[i].element) != contrary)
                continue;
            if (body && !contrary && m->blocks[items[i].block].heading)
                continue;
            add_evidence(m, &items[i], contrary, f);
        }
    }
    /* Evidence in document order within each kind. */
    for (size_t i = 1; i < f->evidence_count; i++) {
        ck_evidence x = f->evidence[i];
        size_t j = i;
        while (j > 0 && f->evidence[j - 1].contrary == x.contrary && f->evidence[j - 1].block > x.block) {
            f->evidence[j] = f->evidence[j - 1];
            j--;
        }
        f->evidence[j] = x;
    }
}

static void list_missing(const ck_rule *rule, const int *required, const hit *items, size_t first, size_t last,
                         ck_finding *f)
{
    int *found = ck_calloc(rule->element_count + 1, sizeof *found);
    for (size_t i = first; i < last; i++)
        if (items[i].element < rule->element_count)
            found[items[i].element] = 1;
    for (size_t k = 0; k < rule->element_count; k++) {
        if (found[k])
            continue;
        if (required[k]) {
            f->missing = ck_realloc(f->missing, (f->missing_count + 1) * sizeof *f->missing);
            f->missing[f->missing_count++] = k;
        } else {
            f->missing_optional =
                ck_realloc(f->missing_optional, (f->missing_optional_count + 1) * sizeof *f->missing_optional);
            f->missing_optional[f->missing_optional_count++] = k;
        }
    }
    free(found);
}

/* ======================================================================
 * The trace.
 * ==================================================================== */

static void trace_add(const matcher *m, ck_finding *f, size_t element, ck_trace_reason reason, int has_place,
                      size_t block, size_t si, size_t s, size_t e, const ck_rule_pattern *pattern)
{
    ck_trace_item *t;
    f->trace = ck_realloc(f->trace, (f->trace_count + 1) * sizeof *f->trace);
    t = &f->trace[f->trace_count++];
    memset(t, 0, sizeof *t);
    t->element = element;
    t->reason = reason;
    if (!has_place)
        return;
    const block_info *bi = &m->blocks[block];
    t->has_place = 1;
    t->block = block;
    t->pattern = pattern;
    ck_normalised_to_original(&bi->norm, s, e, &t->match.start, &t->match.end);
    if (si < bi->sentence_count)
        ck_normalised_to_original(&bi->norm, bi->sentences[si].start, bi->sentences[si].end,
                                  &t->sentence.start, &t->sentence.end);
    else
        t->sentence = t->match;
}

static void trace_hit(const matcher *m, ck_finding *f, size_t element, ck_trace_reason reason, const hit *x)
{
    trace_add(m, f, element, reason, 1, x->block, x->sentence, x->start, x->end, x->pattern);
}

/* One item per element: where it was found in the deciding unit, or the
 * nearest wording turned down and why; then the contrary wording of a
 * conflict. */
static void build_trace(const rule_run *run, const hit *items, size_t count, int have_unit, size_t first, size_t last,
                        int conflict, ck_finding *f)
{
    const matcher *m = run->m;
    const ck_rule *rule = run->rule;

    for (size_t k = 0; k < rule->element_count; k++) {
        const hit *in = NULL, *out = NULL;
        for (size_t i = have_unit ? first : 0; have_unit && i < last && !in; i++)
            if (items[i].element == k && (!in || m->blocks[in->block].heading))
                in = &items[i];
        for (size_t i = 0; i < count && !in && !out; i++)
            if (items[i].element == k)
                out = &items[i];
        const candidate *c = run->rejected[k].set ? &run->rejected[k] : NULL;
        int c_inside = 0;
        if (c && have_unit && first < last) {
            unit_key cu = unit_of(m, rule->scope, c->block, c->sentence);
            c_inside = unit_compare(&cu, &items[first].unit) == 0;
        }
        if (in)
            trace_hit(m, f, k, CK_TRACE_MATCHED, in);
        else if (c && (c_inside || !out))
            trace_add(m, f, k, c->reason, 1, c->block, c->sentence, c->start, c->end, c->pattern);
        else if (out)
            /* No unit decides (missing): the words are there, the topic is not. */
            trace_hit(m, f, k, have_unit ? CK_TRACE_OUTSIDE : CK_TRACE_MATCHED, out);
        else
            trace_add(m, f, k, CK_TRACE_NOT_FOUND, 0, 0, 0, 0, 0, NULL);
    }
    for (size_t i = first; have_unit && !conflict && i < last; i++)
        if (items[i].element == SATISFIED) {
            trace_hit(m, f, CK_TRACE_NO_ELEMENT, CK_TRACE_SATISFIED, &items[i]);
            break;
        }
    if (!conflict)
        return;
    for (size_t i = first; i < last; i++)
        if (is_contrary(items[i].element))
            trace_hit(m, f, CK_TRACE_NO_ELEMENT, items[i].element == CONTRARY ? CK_TRACE_CONTRARY : CK_TRACE_PROVISO,
                      &items[i]);
}

/* ======================================================================
 * One rule.
 * ==================================================================== */

int ck_match_check_rule(matcher *m, const ck_rule *rule, ck_match_result *r, ck_finding *f)
{
    rule_run run = { m, rule, { NULL, 0 }, NULL, NULL };
    int *required = NULL;
    unit_summary best_present = { 0 }, best_partial = { 0 }, conflict = { 0 };
    int have_present = 0, have_partial = 0, have_conflict = 0;
    const ck_applicability *why = NULL;
    int rc = 0;

    memset(f, 0, sizeof *f);
    f->rule = rule;
    if (!ck_match_when_holds(r, &rule->applies_when, &why)) {
        f->status = CK_STATUS_NOT_APPLICABLE;
        f->not_applicable_because = why;
        return 0;
    }
    required = ck_calloc(rule->element_count + 1, sizeof *required);
    run.rejected = ck_calloc(rule->element_count + 1, sizeof *run.rejected);
    run.off_topic = ck_malloc(m->doc->count + 1);
    memset(run.off_topic, -1, m->doc->count + 1);
    for (size_t k = 0; k < rule->element_count; k++)
        required[k] = !rule->elements[k].optional && ck_match_when_holds(r, &rule->elements[k].applies_when, NULL);
    if ((rc = collect_hits(&run)) != 0)
        goto done;
    hits *h = &run.h;
    if (h->count)
        qsort(h->items, h->count, sizeof *h->items, compare_hits);
    for (size_t i = 0; i < h->count;) {
        size_t j = i;
        unit_summary u;
        while (j < h->count && unit_compare(&h->items[j].unit, &h->items[i].unit) == 0)
            j++;
        summarise(m, rule, required, h->items, i, j, &u);
        if (u.contrary && (u.topic || u.topic_mentioned) && !have_conflict) {
            conflict = u;
            have_conflict = 1;
        }
        if (u.found_any_body &&
            (u.satisfied || (u.required_found == u.required_total && (u.topic || u.required_total > 0)))) {
            if (!have_present || u.optional_found > best_present.optional_found) {
                best_present = u;
                have_present = 1;
            }
        }
        /* 「第一條 契約標的」 over a body in other words: the topic is there,
         * its elements are not. A heading alone never makes a rule present. */
        if ((u.found_any_body || u.heading_topic) && u.topic) {
            if (!have_partial || u.required_found > best_partial.required_found) {
                best_partial = u;
                have_partial = 1;
            }
        }
        i = j;
    }
    if (have_conflict) {
        f->status = CK_STATUS_CONFLICT;
        build_evidence(m, h->items, conflict.first, conflict.last, 1, f);
        build_trace(&run, h->items, h->count, 1, conflict.first, conflict.last, 1, f);
    } else if (have_present) {
        f->status = CK_STATUS_PRESENT;
        build_evidence(m, h->items, best_present.first, best_present.last, 0, f);
        if (!best_present.satisfied)
            list_missing(rule, required, h->items, best_present.first, best_present.last, f);
        build_trace(&run, h->items, h->count, 1, best_present.first, best_present.last, 0, f);
    } else if (have_partial) {
        f->status = CK_STATUS_PARTIAL;
        build_evidence(m, h->items, best_partial.first, best_partial.last, 0, f);
        list_missing(rule, required, h->items, best_partial.first, best_partial.last, f);
        build_trace(&run, h->items, h->count, 1, best_partial.first, best_partial.last, 0, f);
    } else {
        f->status = CK_STATUS_MISSING;
        list_missing(rule, required, NULL, 0, 0, f);
        build_trace(&run, h->items, h->count, 0, 0, 0, 0, f);
    }
done:
    free(run.h.items);
    free(run.rejected);
    free(run.off_topic);
    free(required);
    return rc;
}
