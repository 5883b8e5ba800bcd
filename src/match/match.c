/* match.c — rules against one document: the run and its result. The work
 * is in prepare.c (reading the document once), clause.c (the clause
 * analyser), applicability.c (conditions) and score.c (one rule). */
#include "match/internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/lang.h"

static void merge_one(ck_rule_definition *out, const ck_rule_definition *def)
{
    for (size_t p = 0; def && p < def->patterns.count; p++) {
        const ck_rule_pattern *pat = &def->patterns.items[p];
        int seen = 0;
        for (size_t q = 0; q < out->patterns.count && !seen; q++)
            seen = strcmp(out->patterns.items[q].expanded, pat->expanded) == 0;
        if (seen)
            continue;
        out->patterns.items = ck_realloc(out->patterns.items, (out->patterns.count + 1) * sizeof *out->patterns.items);
        out->patterns.items[out->patterns.count++] = *pat;
    }
}

/* A party's words: the vocabulary's, then what every pack adds. */
static const ck_rule_definition *merge_party(const ck_rule_set *set, const char *name, ck_rule_definition *out)
{
    memset(out, 0, sizeof *out);
    out->name = (char *)name;
    if (set->language)
        for (size_t d = 0; d < set->language->definition_count; d++)
            if (strcmp(set->language->definitions[d].name, name) == 0)
                merge_one(out, &set->language->definitions[d]);
    for (size_t i = 0; i < set->pack_count; i++)
        for (size_t d = 0; d < set->packs[i]->definition_count; d++)
            if (strcmp(set->packs[i]->definitions[d].name, name) == 0)
                merge_one(out, &set->packs[i]->definitions[d]);
    return out->patterns.count ? out : NULL;
}

/* The analyser's words, from the packs of the set (rules/language.yaml). */
static void load_vocabulary(matcher *m)
{
    vocabulary *w = &m->words;
    const ck_rule_set *set = m->set;
    w->agency = merge_party(set, "agency", &w->parties[0]);
    w->vendor = merge_party(set, "vendor", &w->parties[1]);
    w->duty = ck_rule_set_word(set, "modal_duty");
    w->prohibition = ck_rule_set_word(set, "modal_prohibition");
    w->permission = ck_rule_set_word(set, "modal_permission");
    w->recommendation = ck_rule_set_word(set, "modal_recommendation");
    w->exemption = ck_rule_set_word(set, "modal_exemption");
    w->cooperation = ck_rule_set_word(set, "cooperation");
    w->negation_before = ck_rule_set_word(set, "negation_before");
    w->negation_after = ck_rule_set_word(set, "negation_after");
    w->negation_list = ck_rule_set_word(set, "negation_list");
    w->passive_agent = ck_rule_set_word(set, "passive_agent");
    w->term_definition = ck_rule_set_word(set, "term_definition");
    w->reserved_article = ck_rule_set_word(set, "reserved_article");
    w->deleted_text = ck_rule_set_word(set, "deleted_text");
    w->box_unticked = ck_rule_set_word(set, "box_unticked");
    w->box_ticked = ck_rule_set_word(set, "box_ticked");
    w->option_reference = ck_rule_set_word(set, "option_reference");
    w->annex_label = ck_rule_set_word(set, "annex_label");
    w->contract_price = ck_rule_set_word(set, "contract_price");
}


int ck_match_run(const ck_document *doc, const ck_rule_set *set, const ck_match_options *options,
                 ck_match_result **out, ck_error *err)
{
    matcher m;
    ck_match_result *r = NULL;
    int rc;

    *out = NULL;
    if ((rc = ck_match_check_assumptions(set, options, err)) != 0)
        return rc;
    memset(&m, 0, sizeof m);
    m.doc = doc;
    m.set = set;
    m.err = err;
    m.md = pcre2_match_data_create(16, NULL);
    m.mc = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(m.mc, CK_RULE_MATCH_LIMIT);
    pcre2_set_depth_limit(m.mc, CK_RULE_DEPTH_LIMIT);
    load_vocabulary(&m);
    m.where_file = set->language ? set->language->path : NULL;
    ck_match_prepare(&m);
    if (m.failed) {
        rc = err->code ? err->code : CK_EDATA;
        goto done;
    }

    r = ck_calloc(1, sizeof *r);
    {
        size_t block = 0, s = 0, e = 0;
        r->contract_amount = ck_match_contract_amount(doc, set, &block, &s, &e);
        if (r->contract_amount >= 0) {
            r->amount_evidence.block = block;
            r->amount_evidence.location = doc->blocks[block].location;
            r->amount_evidence.text = doc->blocks[block].text;
            r->amount_evidence.matches = ck_malloc(sizeof *r->amount_evidence.matches);
            r->amount_evidence.matches[0].start = s;
            r->amount_evidence.matches[0].end = e;
            r->amount_evidence.match_count = 1;
        }
    }
    if ((rc = ck_match_decide_conditions(&m, options, r)) != 0)
        goto done;
    r->count = set->rule_count;
    r->findings = ck_calloc(set->rule_count ? set->rule_count : 1, sizeof *r->findings);
    for (size_t i = 0; i < set->rule_count; i++) {
        ck_finding *f = &r->findings[i];
        if ((rc = ck_match_check_rule(&m, set->rules[i], r, f)) != 0)
            goto done;
        r->status_counts[f->status]++;
        if (set->rules[i]->severity == CK_SEVERITY_REQUIRED &&
            (f->status == CK_STATUS_PARTIAL || f->status == CK_STATUS_CONFLICT || f->status == CK_STATUS_MISSING))
            r->required_gaps++;
    }
done:
    ck_match_release(&m);
    free(m.words.parties[0].patterns.items);
    free(m.words.parties[1].patterns.items);
    pcre2_match_data_free(m.md);
    pcre2_match_context_free(m.mc);
    free(m.refs);
    ck_buf_free(&m.unticked);
    if (rc != 0) {
        ck_match_result_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

static void free_evidence(ck_evidence *ev)
{
    free(ev->matches);
}

void ck_match_result_free(ck_match_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->count; i++) {
        ck_finding *f = &r->findings[i];
        for (size_t e = 0; e < f->evidence_count; e++)
            free_evidence(&f->evidence[e]);
        free(f->evidence);
        free(f->missing);
        free(f->missing_optional);
        free(f->trace);
    }
    free(r->findings);
    for (size_t i = 0; i < r->condition_count; i++)
    {
        if (r->conditions[i].has_evidence)
            free_evidence(&r->conditions[i].evidence);
        if (r->conditions[i].has_denied)
            free_evidence(&r->conditions[i].denied);
    }
    free(r->conditions);
    free_evidence(&r->amount_evidence);
    free(r);
}

const char *ck_match_status_name(ck_status status)
{
    static const char *const names[] = { "present", "partial", "conflict", "missing", "not_applicable" };
    return (unsigned)status < CK_STATUS_COUNT ? names[status] : "?";
}

const char *ck_match_status_label_zh(ck_status status)
{
    static const char *const labels[] = { "符合", "部分符合", "衝突", "缺漏", "不適用" };
    return (unsigned)status < CK_STATUS_COUNT ? labels[status] : "?";
}

const char *ck_match_trace_reason_name(ck_trace_reason reason)
{
    static const char *const names[] = { "matched",    "not_found",  "other_party", "not_duty",
                                         "exempted",   "negated",    "definition",  "not_agreed",
                                         "outside",    "off_topic",  "contrary",   "proviso",
                                         "satisfied" };
    return (unsigned)reason < sizeof names / sizeof names[0] ? names[reason] : "?";
}

const char *ck_match_trace_reason_text(ck_trace_reason reason)
{
    switch (reason) {
    case CK_TRACE_MATCHED:
        return ck_tr("找到", "found");
    case CK_TRACE_NOT_FOUND:
        return ck_tr("契約中找不到相關文字", "no wording of it in the contract");
    case CK_TRACE_OTHER_PARTY:
        return ck_tr("不採用：是另一方的權利或義務", "rejected: another party holds it");
    case CK_TRACE_NOT_DUTY:
        return ck_tr("不採用：只是「得」（許可）或「宜」（建議），不是義務", "rejected: a permission or recommendation, not a duty");
    case CK_TRACE_EXEMPTED:
        return ck_tr("不採用：該方被免除（無須、免除）", "rejected: the party is exempted");
    case CK_TRACE_NEGATED:
        return ck_tr("不採用：被否定（不含、未涉及、不在範圍）", "rejected: negated");
    case CK_TRACE_DEFINITION:
        return ck_tr("不採用：是名詞定義，不是條款", "rejected: a definition of a term, not a clause");
    case CK_TRACE_NOT_AGREED:
        return ck_tr("不採用：不是約定的條文（未勾選的選項、附註）", "rejected: not agreed text (unticked option, drafting note)");
    case CK_TRACE_OUTSIDE:
        return ck_tr("不採用：在另一條，不在判定的條文內", "rejected: in another article than the deciding one");
    case CK_TRACE_OFF_TOPIC:
        return ck_tr("不採用：該條標題表示它另有主題（如爭議處理、保證金）", "rejected: the article's heading says it is about something else");
    case CK_TRACE_CONTRARY:
        return ck_tr("相反文字", "contrary wording");
    case CK_TRACE_PROVISO:
        return ck_tr("但書收回義務", "a proviso takes the duty back");
    case CK_TRACE_SATISFIED:
        return ck_tr("單獨即符合的文字", "wording that satisfies the rule on its own");
    }
    return "?";
}
