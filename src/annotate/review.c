#include "annotate/review.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

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
        ck_buf_puts(b, ck_match_status_name(status));
    else
        ck_buf_printf(b, "%s %s", ck_match_status_label_zh(status), ck_match_status_name(status));
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

/* ---- where a missing clause goes ---------------------------------------------
 * At the end of the article on its topic: the article whose heading names
 * the topic, else the one whose text names it most. Without one, in the
 * appended 補充條款 section, which goes after the contract's last article and
 * before the signature block and the annexes: what follows the signatures
 * is not agreed by them. */

/* The first lines of a signature block: who signs (立契約書人, 甲方：…,
 * 代表人：…) or the date line standing alone; on normalised text. */
static const char signature_pattern[] =
    "^(立契約書?人|立約人|立合約人|立書人|訂約人|簽約人|(甲方|乙方|機關|廠商|委託機關|受託廠商)(名稱)?\\s*[:：]|"
    "(代表人|負責人|地址|統一編號|電話|簽章)\\s*[:：]|(中華)?民國\\s*\\d*\\s*年\\s*\\d*\\s*月\\s*\\d*\\s*日\\s*$)";

typedef struct placement {
    const ck_document *doc;
    const char *part;
    const ck_normalised *norms;
    long last_article;   /* the opening block of the last article, -1 when none */
    size_t signature;    /* the block the signature block starts at; doc->count when none */
} placement;

static int usable(const placement *pl, size_t i)
{
    const ck_block *b = &pl->doc->blocks[i];
    return in_main(pl->doc, i, pl->part) && !(b->flags & (CK_BLOCK_TOC | CK_BLOCK_HIDDEN | CK_BLOCK_IN_ANNEX));
}

static void placement_init(placement *pl, const ck_document *doc, const char *part, const ck_normalised *norms)
{
    int code;
    PCRE2_SIZE offset;
    pcre2_code *re;

    pl->doc = doc;
    pl->part = part;
    pl->norms = norms;
    pl->last_article = -1;
    pl->signature = doc->count;
    for (size_t i = 0; i < doc->count; i++)
        if (usable(pl, i) && doc->blocks[i].article > pl->last_article)
            pl->last_article = doc->blocks[i].article;
    if (pl->last_article < 0)
        return;
    re = pcre2_compile((PCRE2_SPTR)signature_pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &code, &offset,
                       NULL);
    if (!re)
        return;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    for (size_t i = (size_t)pl->last_article + 1; i < doc->count; i++) {
        if (!in_main(doc, i, part) || (doc->blocks[i].flags & (CK_BLOCK_TOC | CK_BLOCK_HIDDEN)))
            continue;
        if ((doc->blocks[i].flags & CK_BLOCK_IN_ANNEX) ||
            pcre2_match(re, (PCRE2_SPTR)norms[i].text, norms[i].len, 0, 0, md, NULL) > 0) {
            pl->signature = i;
            break;
        }
    }
    pcre2_match_data_free(md);
    pcre2_code_free(re);
}

/* The last paragraph of article before the signature block, as a
 * source_index, or -1. */
static long article_end(const placement *pl, long article)
{
    long after = -1;
    for (size_t i = (size_t)article; i < pl->signature; i++) {
        const ck_block *b = &pl->doc->blocks[i];
        if (b->article != article && i != (size_t)article)
            continue;
        if (usable(pl, i) && !(b->flags & CK_BLOCK_IN_TEXT_BOX) && (long)b->source_index > after)
            after = (long)b->source_index;
    }
    return after;
}

/* Where the appended section goes: after the last article's last paragraph
 * before the signature block; -1 (the end of the body) when the contract
 * has no articles. */
static long appendix_point(const placement *pl)
{
    return pl->last_article < 0 ? -1 : article_end(pl, pl->last_article);
}

/* "第十九條（契約終止時之返還及清除）" or "第十九條": the article as a reader
 * finds it. */
static void article_name(ck_buf *b, const ck_document *doc, long article)
{
    const ck_block *h = &doc->blocks[article];
    const char *where = h->location && *h->location ? h->location : h->label;
    ck_buf_puts(b, where ? where : ck_tr("該條", "that article"));
    if (h->kind == CK_BLOCK_HEADING && h->text_len && h->text_len <= 90) {
        const char *t = h->text;
        /* "第十九條 契約終止…": the heading without its own number */
        if (where && strncmp(t, where, strlen(where)) == 0)
            t += strlen(where);
        for (;;) { /* spaces, and U+3000 ideographic spaces */
            if (*t == ' ')
                t++;
            else if (strncmp(t, "\xE3\x80\x80", 3) == 0)
                t += 3;
            else
                break;
        }
        if (*t)
            ck_buf_printf(b, ck_tr("（%s）", " (%s)"), t);
    }
}

static int element_matches(const ck_rule_element *el, const ck_normalised *n, size_t *start, size_t *end)
{
    for (size_t p = 0; p < el->patterns.count; p++) {
        pcre2_match_data *md = pcre2_match_data_create_from_pattern(el->patterns.items[p].code, NULL);
        int rc = pcre2_match(el->patterns.items[p].code, (PCRE2_SPTR)n->text, n->len, 0, 0, md, NULL);
        if (rc > 0) {
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            *start = ov[0];
            *end = ov[1];
        }
        pcre2_match_data_free(md);
        if (rc > 0)
            return 1;
    }
    return 0;
}

/* The longest run of characters (not ASCII) that a and b share, counted in
 * characters: how much a heading and a requirement's title have in common. */
static size_t shared_run(const char *a, const char *b)
{
    int32_t x[96], y[96];
    size_t nx = 0, ny = 0, best = 0;
    const char *src[2] = { a, b };
    int32_t *dst[2] = { x, y };
    size_t *n[2] = { &nx, &ny };

    for (int k = 0; k < 2; k++) {
        const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)src[k];
        utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(src[k]);
        while (left > 0 && *n[k] < 96) {
            int32_t cp;
            utf8proc_ssize_t used = utf8proc_iterate(p, left, &cp);
            if (used <= 0)
                break;
            dst[k][(*n[k])++] = cp;
            p += used;
            left -= used;
        }
    }
    size_t run[97] = { 0 }, prev[97] = { 0 };
    for (size_t i = 0; i < nx; i++) {
        for (size_t j = 0; j < ny; j++) {
            run[j + 1] = x[i] == y[j] && x[i] >= 0x3400 ? prev[j] + 1 : 0;
            if (run[j + 1] > best)
                best = run[j + 1];
        }
        memcpy(prev, run, sizeof prev);
    }
    return best;
}

/* A heading on the requirement's topic: three characters or more shared
 * with its title, or four with what its condition or pack is about (個人資料
 * in 第五條 個人資料保護 and the personal-data pack). */
static int names_topic(const char *heading, const ck_rule *rule)
{
    if (shared_run(heading, rule->title.zh ? rule->title.zh : "") >= 3)
        return 1;
    if (rule->pack && rule->pack->title.zh && shared_run(heading, rule->pack->title.zh) >= 4)
        return 1;
    for (size_t t = 0; t < rule->applies_when.count; t++) {
        const ck_rule_condition *c = rule->applies_when.terms[t].condition;
        if (!rule->applies_when.terms[t].negated && c->description.zh && shared_run(heading, c->description.zh) >= 4)
            return 1;
    }
    return 0;
}

static int any_matches(const ck_rule_pattern_list *list, const ck_normalised *n, size_t *start, size_t *end)
{
    ck_rule_element el;
    memset(&el, 0, sizeof el);
    el.patterns = *list;
    return element_matches(&el, n, start, end);
}

/* The clause's place (a source_index, -1 for the appended section) and,
 * into why, the sentence the comment gives for it. Each article scores:
 * its heading names an element (1000 the topic, 500 another) or the
 * requirement's topic (300, see names_topic); each of its
 * paragraphs naming the topic (10), another element (3) or the condition
 * the requirement applies under (2: personal data, system development).
 * The best article wins, the earlier on a tie. */
static long insertion_point(const placement *pl, const ck_rule *rule, ck_buf *why)
{
    const ck_document *doc = pl->doc;
    long best = -1, best_score = 0;
    size_t quote_block = 0, quote_start = 0, quote_end = 0;
    int best_by_heading = 0;
    long *score = ck_calloc(doc->count + 1, sizeof *score);
    int *by_heading = ck_calloc(doc->count + 1, sizeof *by_heading);

    for (size_t i = 0; i < pl->signature; i++) {
        const ck_block *b = &doc->blocks[i];
        size_t s, e;
        if (b->article < 0 || !usable(pl, i))
            continue;
        int heading = (long)i == b->article && b->kind == CK_BLOCK_HEADING;
        for (size_t k = 0; k < rule->element_count; k++) {
            if (!element_matches(&rule->elements[k], &pl->norms[i], &s, &e))
                continue;
            score[b->article] += heading ? (k == rule->topic ? 1000 : 500) : (k == rule->topic ? 10 : 3);
            by_heading[b->article] |= heading;
            if (!heading && quote_end == quote_start)
                quote_block = i, quote_start = s, quote_end = e;
        }
        if (heading && names_topic(b->text, rule)) {
            score[b->article] += 300;
            by_heading[b->article] = 1;
        }
        for (size_t t = 0; !heading && t < rule->applies_when.count; t++)
            if (!rule->applies_when.terms[t].negated &&
                any_matches(&rule->applies_when.terms[t].condition->patterns, &pl->norms[i], &s, &e))
                score[b->article] += 2;
        if (score[b->article] > best_score) {
            best_score = score[b->article];
            best = b->article;
            best_by_heading = by_heading[b->article];
        }
    }
    /* A quote from the winning article, for the comment. */
    quote_end = quote_start = 0;
    for (size_t i = best >= 0 ? (size_t)best : doc->count; i < pl->signature && quote_end == quote_start; i++) {
        if (doc->blocks[i].article != best || !usable(pl, i))
            continue;
        for (size_t k = 0; k < rule->element_count && quote_end == quote_start; k++)
            if (element_matches(&rule->elements[k], &pl->norms[i], &quote_start, &quote_end))
                quote_block = i;
        for (size_t t = 0; t < rule->applies_when.count && quote_end == quote_start; t++)
            if (!rule->applies_when.terms[t].negated &&
                any_matches(&rule->applies_when.terms[t].condition->patterns, &pl->norms[i], &quote_start,
                            &quote_end))
                quote_block = i;
    }
    free(score);
    free(by_heading);

    long after = best >= 0 ? article_end(pl, best) : -1;
    if (after >= 0) {
        ck_buf_puts(why, ck_tr("置於", "Placed at the end of "));
        article_name(why, doc, best);
        if (best_by_heading) {
            ck_buf_puts(why, ck_tr("末：該條標題與本項要求的主題相同。", ": its heading names this requirement's topic."));
        } else if (quote_end > quote_start && quote_end - quote_start <= 90) {
            ck_buf_puts(why, ck_tr("末：該條提及「", ": it mentions “"));
            ck_buf_append(why, pl->norms[quote_block].text + quote_start, quote_end - quote_start);
            ck_buf_puts(why, ck_tr("」，是契約中與本項要求最相關的條文。",
                                   "”, the article of the contract nearest this requirement."));
        } else {
            ck_buf_puts(why, ck_tr("末：是契約中與本項要求最相關的條文。",
                                   ": the article of the contract nearest this requirement."));
        }
        return after;
    }
    ck_buf_puts(why, ck_tr("契約中沒有這個主題的條文，故列於新增的「補充條款（審查建議）」，"
                           "置於最後一條之後、簽署欄及附件之前。",
                           "No article of the contract is on this topic, so it is in the added "
                           "supplementary section, after the last article and before the signatures and annexes."));
    return -1;
}

void ck_review_annotations(const ck_document *doc, const ck_rule_set *rules, const ck_match_result *result,
                           int all, ck_annotation_set *set)
{
    const char *part = main_part(doc);
    ck_normalised *norms = NULL;
    ck_buf b = CK_BUF_INIT;

    placement pl;
    int placed = 0;

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
            if (!placed) {
                placement_init(&pl, doc, part, norms);
                set->appendix_after = appendix_point(&pl);
                if (pl.signature < doc->count)
                    set->appendix_before = (long)doc->blocks[pl.signature].source_index;
                placed = 1;
            }
            ck_buf_printf(&b, "%s — ", title_of(f->rule));
            status_words(&b, f->status);
            ck_buf_printf(&b, "\n%s", ck_tr("契約中沒有這項要求的條文；已以追蹤修訂插入建議條文，請審閱後接受或拒絕。",
                                            "The contract has no clause for this requirement; a model clause was "
                                            "inserted as a tracked change: accept or reject it."));
            ck_buf why = CK_BUF_INIT;
            long after = insertion_point(&pl, f->rule, &why);
            ck_buf_printf(&b, "\n%s", why.data);
            ck_buf_free(&why);
            if (f->rule->source)
                ck_buf_printf(&b, "\n%s%s", ck_tr("依據：", "source: "), f->rule->source);
            ck_annotation_set_insert(set, after, f->rule->id, f->rule->advice.zh, b.data);
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
