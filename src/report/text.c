/* text.c — the terminal report. What to fix first comes first: the required
 * gaps (conflict, missing, partial) with their places, missing elements and
 * model clauses, then the recommended ones, then what met requirements
 * could still state; then one line per requirement, the rules that do not
 * apply grouped by the condition that rules them out, and last the facts
 * (packs, conditions) and the totals, which stay on screen. Columns are
 * aligned by display width (a Chinese character takes two cells). */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util/lang.h"

static const char *const colours[CK_STATUS_COUNT] = {
    "\033[32m", /* present: green */
    "\033[33m", /* partial: yellow */
    "\033[35;1m", /* conflict: bold magenta */
    "\033[31m", /* missing: red */
    "\033[2m",  /* not_applicable: dim */
};

static size_t display_width(const char *s)
{
    size_t w = 0, len = strlen(s), i = 0;
    while (i < len) {
        int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0) {
            i++;
            w++;
            continue;
        }
        int cw = utf8proc_charwidth(cp);
        w += cw > 0 ? (size_t)cw : 0;
        i += (size_t)k;
    }
    return w;
}

static void pad(ck_buf *o, const char *s, size_t width)
{
    size_t w = display_width(s);
    ck_buf_puts(o, s);
    if (w + 2 > width)
        width = w + 2; /* a long cell still keeps its neighbour apart */
    for (; w < width; w++)
        ck_buf_putc(o, ' ');
}

static void status_word(ck_buf *o, const ck_report_input *in, ck_status s, size_t width)
{
    char label[64];
    ck_report_status_label(s, label, sizeof label);
    if (in->color)
        ck_buf_puts(o, colours[s]);
    ck_buf_puts(o, label);
    if (in->color)
        ck_buf_puts(o, "\033[0m");
    for (size_t w = display_width(label); w < width; w++)
        ck_buf_putc(o, ' ');
}

static const char *severity_word(const ck_rule *rule)
{
    return rule->severity == CK_SEVERITY_REQUIRED ? ck_tr("必要", "required") : ck_tr("建議", "recommended");
}

/* Evidence text on one line: line breaks and tabs become spaces. */
static void one_line(ck_buf *o, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        ck_buf_putc(o, s[i] == '\n' || s[i] == '\t' || s[i] == '\r' ? ' ' : s[i]);
}

static void quote(ck_buf *o, const ck_report_input *in, const ck_evidence *ev)
{
    ck_buf_puts(o, "      「");
    ck_report_put_excerpt(o, ev, 90, one_line, in->color ? "\033[1;4m" : "[", in->color ? "\033[0m" : "]");
    ck_buf_puts(o, "」");
}

/* One gap: what, where, what is missing, contrary wording, model clause. */
static void gap(ck_buf *o, const ck_report_input *in, const ck_finding *f)
{
    ck_buf_printf(o, "\n- %s %s  ", f->rule->id, ck_rule_text_get(&f->rule->title));
    status_word(o, in, f->status, 0);
    ck_buf_printf(o, ck_tr("  ［%s］\n", "  [%s]\n"), severity_word(f->rule));
    /* Where: each quoted clause says it; a missing one has none. */
    if (!f->evidence_count)
        ck_buf_printf(o, "    %s%s\n", ck_tr("位置：", "where: "),
                      ck_tr("契約中沒有相關條文，請新增", "no clause in the contract: add one"));
    if (f->missing_count) {
        ck_buf_printf(o, "    %s", ck_tr("缺少：", "missing: "));
        ck_report_element_names(f->rule, f->missing, f->missing_count, o);
        ck_buf_putc(o, '\n');
    }
    if (f->missing_optional_count && f->status != CK_STATUS_MISSING) {
        /* A suggestion beside the status, never a gap. */
        ck_buf_printf(o, "    %s", ck_tr("建議補充：", "suggestion, could also state: "));
        ck_report_element_names(f->rule, f->missing_optional, f->missing_optional_count, o);
        ck_buf_putc(o, '\n');
    }
    for (size_t e = 0; e < f->evidence_count; e++) {
        const ck_evidence *ev = &f->evidence[e];
        /* The clause of a partial finding is quoted: the reviewer completes it. */
        if (f->status == CK_STATUS_CONFLICT && !ev->contrary)
            continue;
        ck_buf_printf(o, "    %s", ev->contrary ? ck_tr("相反文字：", "contrary wording: ") : ck_tr("條文：", "clause: "));
        ck_report_location(in->doc, ev->block, o);
        ck_buf_putc(o, '\n');
        quote(o, in, ev);
        ck_buf_putc(o, '\n');
    }
    ck_buf_printf(o, "    %s%s\n", ck_tr("建議條文：", "suggested clause: "), ck_rule_text_get(&f->rule->advice));
}

void ck_report_text(const ck_report_input *in, ck_buf *o)
{
    const ck_match_result *r = in->result;
    size_t id_w = 4, title_w = 8, status_w = 0, n_required, n_recommended, n;
    size_t *order = ck_calloc(r->count + 1, sizeof *order);
    char label[64];

    ck_buf_printf(o, "%s%s\n", ck_tr("檔案：", "File: "), in->file);
    n_required = ck_report_gaps(r, CK_SEVERITY_REQUIRED, order);
    n_recommended = ck_report_gaps(r, CK_SEVERITY_RECOMMENDED, order + n_required);
    if (n_required + n_recommended) {
        ck_buf_printf(o, "\n%s\n", ck_tr("需要處理或確認的項目：", "To review:"));
        for (size_t k = 0; k < n_required + n_recommended; k++)
            gap(o, in, &r->findings[order[k]]);
    } else {
        ck_buf_printf(o, "\n%s\n", ck_tr("所有適用的要求均已符合。", "Every requirement that applies is met."));
    }
    n = ck_report_suggestions(r, order);
    if (n) {
        ck_buf_printf(o, "\n%s\n", ck_tr("建議補充（已符合，可再寫明）：", "Suggestions (met, could also state):"));
        for (size_t k = 0; k < n; k++) {
            const ck_finding *f = &r->findings[order[k]];
            ck_buf_printf(o, "\n- %s %s%s", f->rule->id, ck_rule_text_get(&f->rule->title), ck_tr("：", ": "));
            ck_report_element_names(f->rule, f->missing_optional, f->missing_optional_count, o);
            ck_buf_putc(o, '\n');
            if (f->evidence_count) { /* the clause to add them to */
                ck_buf_printf(o, "    %s", ck_tr("條文：", "clause: "));
                ck_report_location(in->doc, f->evidence[0].block, o);
                ck_buf_putc(o, '\n');
                quote(o, in, &f->evidence[0]);
                ck_buf_putc(o, '\n');
            }
        }
    }
    ck_buf_printf(o, "\n%s\n", ck_tr("全部要求：", "Every requirement:"));

    for (size_t i = 0; i < r->count; i++) {
        const ck_rule *rule = r->findings[i].rule;
        size_t w = display_width(rule->id);
        if (w > id_w)
            id_w = w;
        w = display_width(ck_rule_text_get(&rule->title));
        if (w > title_w)
            title_w = w;
    }
    for (int s = 0; s < CK_STATUS_COUNT; s++) {
        size_t w = display_width(ck_report_status_label((ck_status)s, label, sizeof label));
        if (w > status_w)
            status_w = w;
    }
    if (title_w > 36)
        title_w = 36;

    for (size_t i = 0; i < r->count; i++) {
        const ck_finding *f = &r->findings[i];
        ck_buf_puts(o, "  ");
        pad(o, f->rule->id, id_w + 2);
        pad(o, ck_rule_text_get(&f->rule->title), title_w + 2);
        /* Severity has its own column, as in the Markdown and HTML tables: a
         * （建議） beside the places read as advice about them. */
        pad(o, severity_word(f->rule), display_width(ck_tr("必要", "recommended")) + 2);
        status_word(o, in, f->status, status_w + 2);
        ck_report_places(in, f, 3, o);
        ck_buf_putc(o, '\n');
    }

    /* Rules that do not apply, once per condition: one condition often
     * rules out a whole pack (personal-data). */
    for (size_t c = 0; c < r->condition_count; c++) {
        const ck_applicability *a = &r->conditions[c];
        int first = 1;
        for (size_t i = 0; i < r->count; i++) {
            const ck_finding *f = &r->findings[i];
            if (f->status != CK_STATUS_NOT_APPLICABLE || f->not_applicable_because != a)
                continue;
            if (first) {
                ck_buf_printf(o, "\n%s", ck_tr("不適用：", "Not applicable: "));
                ck_report_not_applicable_reason(in, a, o);
                ck_buf_puts(o, "\n    ");
                first = 0;
            } else {
                ck_buf_puts(o, ck_tr("、", ", "));
            }
            ck_buf_puts(o, f->rule->id);
        }
        if (!first)
            ck_buf_putc(o, '\n');
    }

    ck_buf_putc(o, '\n');
    ck_buf_puts(o, ck_tr("規則套件：", "Rule packs: "));
    for (size_t p = 0; p < in->set->pack_count; p++)
        ck_buf_printf(o, "%s%s %s", p ? ck_tr("、", ", ") : "", in->set->packs[p]->id, in->set->packs[p]->version);
    ck_buf_putc(o, '\n');
    for (size_t c = 0; c < r->condition_count; c++) {
        const ck_applicability *a = &r->conditions[c];
        /* The name is what --assume takes; the description says what it means,
         * as in the HTML report. */
        ck_buf_printf(o, ck_tr("適用條件 %s", "Condition %s"), a->condition->name);
        if (a->condition->definition_count)
            ck_buf_printf(o, ck_tr(" %s", " — %s"), ck_rule_text_get(&a->condition->definitions[0]->description));
        ck_buf_printf(o, ck_tr("：%s", ": %s"), a->holds ? ck_tr("成立", "holds") : ck_tr("不成立", "does not hold"));
        ck_report_decision(in, a, o);
        ck_buf_putc(o, '\n');
    }

    ck_buf_printf(o, "\n%s", ck_tr("合計：", "Summary: "));
    for (int s = 0; s < CK_STATUS_COUNT; s++)
        ck_buf_printf(o, "%s%s %zu", s ? ck_tr("，", ", ") : "", ck_report_status_label((ck_status)s, label, sizeof label),
                      r->status_counts[s]);
    ck_buf_printf(o, ck_tr("；必要項目待處理 %d 項\n", "; required gaps: %d\n"), r->required_gaps);
    free(order);
}
