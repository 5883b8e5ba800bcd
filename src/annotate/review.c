#include "annotate/review.h"

#include <stdlib.h>
#include <string.h>

#include "normalise/normalise.h"
#include "util/buf.h"
#include "util/lang.h"

/* Paragraphs a comment may span before it is anchored on its first
 * evidence alone: a comment over half the contract helps nobody. */
enum { MAX_SPAN = 12 };

static const char *main_part(const ck_document *doc)
{
    for (size_t i = 0; i < doc->count; i++) {
        const ck_block *b = &doc->blocks[i];
        if (b->part && (b->kind == CK_BLOCK_PARAGRAPH || b->kind == CK_BLOCK_HEADING ||
                        b->kind == CK_BLOCK_LIST_ITEM || b->kind == CK_BLOCK_TABLE_CELL))
            return b->part;
    }
    return doc->format == CK_FORMAT_ODT ? "content.xml" : "word/document.xml";
}

static int in_main(const ck_document *doc, size_t block, const char *part)
{
    const ck_block *b = &doc->blocks[block];
    return b->part && strcmp(b->part, part) == 0 && b->kind != CK_BLOCK_COMMENT;
}

static const char *title_of(const ck_rule *rule)
{
    return ck_lang_current() == CK_LANG_EN && rule->title.en ? rule->title.en : rule->title.zh;
}

static const char *element_name(const ck_rule_element *e)
{
    return ck_lang_current() == CK_LANG_EN && e->name.en ? e->name.en : e->name.zh;
}

static void status_words(ck_buf *b, ck_status status)
{
    if (ck_lang_current() == CK_LANG_EN)
        ck_buf_puts(b, ck_status_name(status));
    else
        ck_buf_printf(b, "%s %s", ck_status_label_zh(status), ck_status_name(status));
}

/* The comment on a partial or conflicting finding. */
static void finding_text(ck_buf *b, const ck_finding *f)
{
    ck_buf_printf(b, "%s — ", title_of(f->rule));
    status_words(b, f->status);
    if (f->status == CK_STATUS_CONFLICT) {
        for (size_t i = 0; i < f->evidence_count; i++) {
            const ck_evidence *e = &f->evidence[i];
            if (!e->contrary || !e->match_count)
                continue;
            ck_buf_printf(b, "\n%s「", ck_tr("相反或排除的文字：", "contrary wording: "));
            ck_buf_append(b, e->text + e->matches[0].start, e->matches[0].end - e->matches[0].start);
            ck_buf_puts(b, "」");
            break;
        }
        ck_buf_printf(b, "\n%s", ck_tr("此條文與委外作業程序的要求相反，請法務審閱。",
                                       "This wording says the opposite of what the procedure requires; have it reviewed."));
    }
    if (f->missing_count) {
        ck_buf_printf(b, "\n%s", ck_tr("缺少：", "missing: "));
        for (size_t i = 0; i < f->missing_count; i++)
            ck_buf_printf(b, "%s%s", i ? ck_tr("、", ", ") : "", element_name(&f->rule->elements[f->missing[i]]));
    }
    if (f->rule->advice.zh && *f->rule->advice.zh)
        ck_buf_printf(b, "\n%s%s", ck_tr("建議條文：", "model clause: "), f->rule->advice.zh);
    if (f->rule->source)
        ck_buf_printf(b, "\n%s%s", ck_tr("依據：", "source: "), f->rule->source);
}

/* Anchors a comment on the finding's evidence in the main part: the run of
 * evidence paragraphs of one article, or the first one alone. For a
 * conflict, the contrary wording is what the comment is about. */
static int anchor(const ck_document *doc, const ck_finding *f, const char *part, uint32_t *first, uint32_t *last)
{
    int contrary_only = f->status == CK_STATUS_CONFLICT;
    long article = -2;
    int found = 0;

    for (int pass = 0; pass < 2 && !found; pass++) {
        for (size_t i = 0; i < f->evidence_count; i++) {
            const ck_evidence *e = &f->evidence[i];
            if ((pass == 0 && contrary_only && !e->contrary) || !in_main(doc, e->block, part))
                continue;
            const ck_block *b = &doc->blocks[e->block];
            if (!found) {
                *first = *last = b->source_index;
                article = b->article;
                found = 1;
            } else if (b->article == article && b->article >= 0) {
                if (b->source_index < *first && *last - b->source_index <= MAX_SPAN)
                    *first = b->source_index;
                if (b->source_index > *last && b->source_index - *first <= MAX_SPAN)
                    *last = b->source_index;
            }
        }
        contrary_only = 0;
    }
    /* Evidence only outside the main part (a footnote): its article's heading. */
    for (size_t i = 0; !found && i < f->evidence_count; i++) {
        long a = doc->blocks[f->evidence[i].block].article;
        if (a >= 0 && in_main(doc, (size_t)a, part)) {
            *first = *last = doc->blocks[a].source_index;
            found = 1;
        }
    }
    return found;
}

/* Where a missing requirement's clause goes: after the last paragraph of
 * the article whose text comes nearest its topic (the topic element first,
 * then any element), or -1 for the appended section. */
static long insertion_point(const ck_document *doc, const ck_rule *rule, const char *part,
                            const ck_normalised *norms)
{
    long article = -1;
    for (int pass = 0; pass < 2 && article < 0; pass++) {
        for (size_t k = 0; k < rule->element_count && article < 0; k++) {
            if ((pass == 0) != (k == rule->topic))
                continue;
            const ck_rule_element *el = &rule->elements[k];
            for (size_t i = 0; i < doc->count && article < 0; i++) {
                const ck_block *b = &doc->blocks[i];
                if (b->article < 0 || !in_main(doc, i, part) || (b->flags & (CK_BLOCK_TOC | CK_BLOCK_HIDDEN)))
                    continue;
                for (size_t p = 0; p < el->patterns.count; p++) {
                    pcre2_match_data *md = pcre2_match_data_create_from_pattern(el->patterns.items[p].code, NULL);
                    int rc = pcre2_match(el->patterns.items[p].code, (PCRE2_SPTR)norms[i].text, norms[i].len, 0, 0,
                                         md, NULL);
                    pcre2_match_data_free(md);
                    if (rc > 0) {
                        article = b->article;
                        break;
                    }
                }
            }
        }
    }
    if (article < 0)
        return -1;
    long after = -1;
    for (size_t i = (size_t)article; i < doc->count; i++) {
        const ck_block *b = &doc->blocks[i];
        if (b->article != article && i != (size_t)article)
            continue;
        if (in_main(doc, i, part) && !(b->flags & CK_BLOCK_IN_TEXT_BOX) && (long)b->source_index > after)
            after = (long)b->source_index;
    }
    return after;
}

void ck_review_annotations(const ck_document *doc, const ck_rule_set *rules, const ck_match_result *result,
                           int all, ck_annotation_set *set)
{
    const char *part = main_part(doc);
    ck_normalised *norms = NULL;
    ck_buf b = CK_BUF_INIT;

    ck_annotation_set_init(set, part);
    for (size_t i = 0; i < result->count; i++) {
        const ck_finding *f = &result->findings[i];
        uint32_t first = 0, last = 0;
        ck_buf_clear(&b);
        switch (f->status) {
        case CK_STATUS_PARTIAL:
        case CK_STATUS_CONFLICT:
            finding_text(&b, f);
            if (anchor(doc, f, part, &first, &last))
                ck_annotation_set_comment(set, first, last, f->rule->id, b.data);
            break;
        case CK_STATUS_PRESENT:
            /* A clause that is there but could say more (a further element)
             * gets its suggestion, like every other report. */
            if ((all || f->missing_optional_count) && anchor(doc, f, part, &first, &last)) {
                ck_buf_printf(&b, "%s — ", title_of(f->rule));
                status_words(&b, f->status);
                for (size_t k = 0; k < f->missing_optional_count; k++)
                    ck_buf_printf(&b, "%s%s", k ? ck_tr("、", ", ") : ck_tr("\n建議補充：", "\nsuggestion, could also state: "),
                                  ck_rule_text_get(&f->rule->elements[f->missing_optional[k]].name));
                ck_annotation_set_comment(set, first, last, f->rule->id, b.data);
            }
            break;
        case CK_STATUS_MISSING:
            if (!f->rule->advice.zh || !*f->rule->advice.zh)
                break;
            if (!norms) {
                norms = ck_calloc(doc->count ? doc->count : 1, sizeof *norms);
                for (size_t k = 0; k < doc->count; k++)
                    ck_normalise(doc->blocks[k].text, doc->blocks[k].text_len, doc->blocks[k].spans,
                                 doc->blocks[k].span_count, CK_SPAN_HIDDEN, &norms[k]);
            }
            ck_buf_printf(&b, "%s — ", title_of(f->rule));
            status_words(&b, f->status);
            ck_buf_printf(&b, "\n%s", ck_tr("契約中沒有這項要求的條文；已以追蹤修訂插入建議條文，請審閱後接受或拒絕。",
                                            "The contract has no clause for this requirement; a model clause was "
                                            "inserted as a tracked change: accept or reject it."));
            if (f->rule->source)
                ck_buf_printf(&b, "\n%s%s", ck_tr("依據：", "source: "), f->rule->source);
            ck_annotation_set_insert(set, insertion_point(doc, f->rule, part, norms), f->rule->id,
                                     f->rule->advice.zh, b.data);
            break;
        default:
            break;
        }
    }

    ck_buf_clear(&b);
    ck_buf_printf(&b, "%s", ck_tr("clausekit 審查摘要", "clausekit review summary"));
    for (int s = 0; s < CK_STATUS_COUNT; s++) {
        ck_buf_puts(&b, s ? ck_tr("，", ", ") : "\n");
        status_words(&b, (ck_status)s);
        ck_buf_printf(&b, " %zu", result->status_counts[s]);
    }
    ck_buf_printf(&b, "\n%s", ck_tr("必要項目待處理：", "required gaps: "));
    ck_buf_printf(&b, "%d", result->required_gaps);
    ck_buf_printf(&b, "\n%s", ck_tr("規則套件：", "rule packs: "));
    for (size_t p = 0; p < rules->pack_count; p++)
        ck_buf_printf(&b, "%s%s %s", p ? ck_tr("、", ", ") : "", rules->packs[p]->id,
                      rules->packs[p]->version ? rules->packs[p]->version : "");
    set->summary = ck_buf_detach(&b);

    if (norms) {
        for (size_t k = 0; k < doc->count; k++)
            ck_normalised_free(&norms[k]);
        free(norms);
    }
    ck_buf_free(&b);
}
