/* applicability.c — deciding the conditions rules apply under (system
 * development, personal data, contract amount), from the text or --assume. */
#include "match/internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/lang.h"

void ck_match_evidence_single(ck_evidence *ev, const ck_document *doc, const block_info *bi, size_t block, size_t ns,
                              size_t ne)
{
    memset(ev, 0, sizeof *ev);
    ev->block = block;
    ev->location = doc->blocks[block].location;
    ev->text = doc->blocks[block].text;
    ev->matches = ck_malloc(sizeof *ev->matches);
    ck_normalised_to_original(&bi->norm, ns, ne, &ev->matches[0].start, &ev->matches[0].end);
    ev->match_count = 1;
}

static int find_assumption(const ck_match_options *o, const char *name, int *holds)
{
    int found = 0;
    if (!o)
        return 0;
    for (size_t i = 0; i < o->assume_count; i++) {
        const char *a = o->assume[i];
        if (strncmp(a, "no-", 3) == 0 && strcmp(a + 3, name) == 0) {
            *holds = 0;
            found = 1;
        } else if (strcmp(a, name) == 0) {
            *holds = 1;
            found = 1;
        }
    }
    return found;
}

int ck_match_check_assumptions(const ck_rule_set *set, const ck_match_options *o, ck_error *err)
{
    if (!o)
        return 0;
    for (size_t i = 0; i < o->assume_count; i++) {
        const char *a = o->assume[i];
        const char *name = strncmp(a, "no-", 3) == 0 ? a + 3 : a;
        if (!ck_rule_set_condition_find(set, name)) {
            ck_buf known = CK_BUF_INIT;
            for (size_t c = 0; c < set->condition_count; c++)
                ck_buf_printf(&known, "%s%s", c ? ck_tr("、", ", ") : "", set->conditions[c].name);
            ck_error_set(err, CK_EUSAGE,
                         ck_tr("--assume %s：沒有名為「%s」的適用條件（可用：%s）",
                               "--assume %s: no condition named '%s' (known: %s)"),
                         a, name, known.data ? known.data : "-");
            ck_buf_free(&known);
            return CK_EUSAGE;
        }
    }
    return 0;
}

/* The first place in block b where a detector of cond matches and is not
 * masked or denied (本案未涉及程式開發). Records the first denied place in
 * a (for the trace). Returns 1 when found. */
static int detect_in_block(matcher *m, const ck_rule_set_condition *cond, size_t b, ck_applicability *a)
{
    const block_info *bi = &m->blocks[b];
    size_t best_s = SIZE_MAX, best_e = 0;
    const ck_rule_pattern *best = NULL;

    for (size_t d = 0; d < cond->definition_count; d++) {
        const ck_rule_condition *def = cond->definitions[d];
        for (size_t p = 0; p < def->patterns.count; p++) {
            size_t from = 0, s, e;
            while (ck_match_find(m, &def->patterns.items[p], bi->norm.text, bi->norm.len, from, &s, &e) == 1) {
                from = e > s ? e : s + 1;
                if (e == s || s >= best_s || ck_match_masked(bi, s, e))
                    continue;
                if (ck_clause_negated(m, bi, s, e)) {
                    if (!a->has_denied) {
                        a->has_denied = 1;
                        ck_match_evidence_single(&a->denied, m->doc, bi, b, s, e);
                        a->denied_pattern = &def->patterns.items[p];
                    }
                    continue;
                }
                best_s = s;
                best_e = e;
                best = &def->patterns.items[p];
                break;
            }
        }
    }
    if (!best)
        return 0;
    a->holds = 1;
    a->decided_by = CK_DECIDED_TEXT;
    a->has_evidence = 1;
    a->pattern = best;
    ck_match_evidence_single(&a->evidence, m->doc, bi, b, best_s, best_e);
    return 1;
}

int ck_match_decide_conditions(matcher *m, const ck_match_options *o, ck_match_result *r)
{
    const ck_rule_set *set = m->set;

    r->condition_count = set->condition_count;
    r->conditions = ck_calloc(set->condition_count ? set->condition_count : 1, sizeof *r->conditions);
    for (size_t c = 0; c < set->condition_count; c++) {
        const ck_rule_set_condition *cond = &set->conditions[c];
        ck_applicability *a = &r->conditions[c];
        long long threshold = 0;
        int holds = 0;

        a->condition = cond;
        a->amount = -1;
        if (find_assumption(o, cond->name, &holds)) {
            a->holds = holds;
            a->decided_by = CK_DECIDED_ASSUMED;
            continue;
        }
        for (size_t d = 0; d < cond->definition_count; d++)
            if (cond->definitions[d]->amount_at_least > 0 &&
                (threshold == 0 || cond->definitions[d]->amount_at_least < threshold))
                threshold = cond->definitions[d]->amount_at_least;
        m->where_what = cond->name;
        m->where_file = cond->definition_count ? NULL : NULL;
        for (size_t d = 0; d < cond->definition_count && !m->where_file; d++)
            for (size_t p = 0; p < set->pack_count; p++)
                if (cond->definitions[d] >= set->packs[p]->conditions &&
                    cond->definitions[d] < set->packs[p]->conditions + set->packs[p]->condition_count)
                    m->where_file = set->packs[p]->path;
        /* The first place in the document that a detector matches decides.
         * A heading names a topic; what the work includes is said in clauses. */
        for (size_t b = 0; b < m->doc->count && !a->holds; b++)
            if (m->blocks[b].eligible && !m->blocks[b].heading)
                detect_in_block(m, cond, b, a);
        if (m->failed)
            return m->err->code ? m->err->code : CK_EDATA;
        if (a->holds)
            continue;
        if (threshold > 0 && r->contract_amount >= 0) {
            a->decided_by = CK_DECIDED_AMOUNT;
            a->amount = r->contract_amount;
            a->holds = r->contract_amount >= threshold;
            if (r->amount_evidence.match_count) {
                a->has_evidence = 1;
                a->evidence = r->amount_evidence;
                a->evidence.matches = ck_malloc(sizeof *a->evidence.matches);
                a->evidence.matches[0] = r->amount_evidence.matches[0];
            }
        } else {
            a->decided_by = CK_DECIDED_NO_TEXT;
        }
    }
    return 0;
}

static const ck_applicability *decision(const ck_match_result *r, const ck_rule_condition *cond)
{
    for (size_t i = 0; i < r->condition_count; i++) {
        const ck_rule_set_condition *c = r->conditions[i].condition;
        for (size_t d = 0; d < c->definition_count; d++)
            if (c->definitions[d] == cond || strcmp(c->name, cond->name) == 0)
                return &r->conditions[i];
    }
    return NULL;
}

int ck_match_when_holds(const ck_match_result *r, const ck_rule_when *when, const ck_applicability **why)
{
    if (when->count == 0)
        return 1;
    for (size_t t = 0; t < when->count; t++) {
        const ck_applicability *a = decision(r, when->terms[t].condition);
        int holds = a ? a->holds : 0;
        if (when->terms[t].negated)
            holds = !holds;
        if (holds)
            return 1;
        if (why && !*why)
            *why = a;
    }
    return 0;
}
