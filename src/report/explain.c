/* explain.c — `clausekit check --explain ID` and the "trace" of each finding
 * in the JSON report: for every element the sentence and the pattern that
 * found it, or the nearest wording turned down and why; for applicability,
 * the words that decided it. */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "data/ids.h"

#include "util/lang.h"

/* The text of the range [s, e) of block's original text, on one line. */
static void put_range(ck_buf *out, const ck_document *doc, size_t block, size_t s, size_t e)
{
    const ck_block *b = &doc->blocks[block];
    /* National IDs are masked in the whole block first (byte offsets stay),
     * so a number the range cuts is masked too. */
    char *text = ck_id_masked_copy(b->text);
    if (e > b->text_len)
        e = b->text_len;
    for (size_t i = s; i < e; i++) {
        char c = text[i];
        ck_buf_putc(out, c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
    }
    free(text);
}

static void put_element_name(ck_buf *out, const ck_rule *rule, const ck_trace_item *t)
{
    if (t->element == CK_TRACE_NO_ELEMENT) {
        ck_buf_puts(out, ck_match_trace_reason_text(t->reason));
        return;
    }
    const ck_rule_element *el = &rule->elements[t->element];
    ck_buf_puts(out, ck_rule_text_get(&el->name));
    if (el->optional)
        ck_buf_puts(out, ck_tr("（可選）", " (optional)"));
    else if (t->element == rule->topic)
        ck_buf_puts(out, ck_tr("（主題）", " (topic)"));
}

static void explain_decision(const ck_report_input *in, const ck_applicability *a, ck_buf *o)
{
    ck_buf_printf(o, ck_tr("  適用條件 %s：%s", "  condition %s: %s"), a->condition->name,
                  a->holds ? ck_tr("成立", "holds") : ck_tr("不成立", "does not hold"));
    ck_report_decision(in, a, o);
    ck_buf_putc(o, '\n');
    if (a->decided_by == CK_DECIDED_TEXT && a->has_evidence) {
        ck_buf_puts(o, ck_tr("    決定的文字：", "    decided by: "));
        ck_report_location(in->doc, a->evidence.block, o);
        ck_buf_puts(o, ck_tr("「", " \""));
        put_range(o, in->doc, a->evidence.block, a->evidence.matches[0].start, a->evidence.matches[0].end);
        ck_buf_puts(o, ck_tr("」", "\""));
        if (a->pattern)
            ck_buf_printf(o, ck_tr("（樣式 %s）", " (pattern %s)"), a->pattern->source);
        ck_buf_putc(o, '\n');
    }
    if (a->has_denied) {
        ck_buf_puts(o, ck_tr("    被否定而不算的文字：", "    negated, so not counted: "));
        ck_report_location(in->doc, a->denied.block, o);
        ck_buf_puts(o, ck_tr("「", " \""));
        const ck_block *b = &in->doc->blocks[a->denied.block];
        put_range(o, in->doc, a->denied.block, 0, b->text_len);
        ck_buf_puts(o, ck_tr("」", "\""));
        if (a->denied_pattern)
            ck_buf_printf(o, ck_tr("（樣式 %s）", " (pattern %s)"), a->denied_pattern->source);
        ck_buf_putc(o, '\n');
    }
}

int ck_report_explain(const ck_report_input *in, const char *id, ck_buf *o)
{
    const ck_match_result *r = in->result;
    const ck_finding *f = NULL;
    char label[64];

    for (size_t i = 0; i < r->count && !f; i++)
        if (strcmp(r->findings[i].rule->id, id) == 0)
            f = &r->findings[i];
    if (!f)
        return -1;
    const ck_rule *rule = f->rule;
    ck_buf_printf(o, "%s %s%s%s\n", rule->id, ck_rule_text_get(&rule->title), ck_tr("：", ": "),
                  ck_report_status_label(f->status, label, sizeof label));
    ck_buf_printf(o, ck_tr("  範圍：%s\n", "  scope: %s\n"), ck_rule_scope_name(rule->scope));
    /* Applicability first: it decides whether the elements matter at all. */
    for (size_t t = 0; t < rule->applies_when.count; t++)
        for (size_t c = 0; c < r->condition_count; c++)
            if (strcmp(r->conditions[c].condition->name, rule->applies_when.terms[t].condition->name) == 0)
                explain_decision(in, &r->conditions[c], o);
    if (f->status == CK_STATUS_NOT_APPLICABLE)
        return 0;
    for (size_t i = 0; i < f->trace_count; i++) {
        const ck_trace_item *t = &f->trace[i];
        ck_buf_puts(o, t->element == CK_TRACE_NO_ELEMENT ? "  " : ck_tr("  要素 ", "  element "));
        put_element_name(o, rule, t);
        ck_buf_puts(o, ck_tr("：", ": "));
        if (t->element != CK_TRACE_NO_ELEMENT)
            ck_buf_puts(o, ck_match_trace_reason_text(t->reason));
        ck_buf_putc(o, '\n');
        if (!t->has_place)
            continue;
        ck_buf_puts(o, "    ");
        ck_report_location(in->doc, t->block, o);
        ck_buf_puts(o, ck_tr("「", " \""));
        put_range(o, in->doc, t->block, t->sentence.start, t->sentence.end);
        ck_buf_puts(o, ck_tr("」\n", "\"\n"));
        ck_buf_puts(o, ck_tr("    符合的文字「", "    words \""));
        put_range(o, in->doc, t->block, t->match.start, t->match.end);
        ck_buf_puts(o, ck_tr("」", "\""));
        if (t->pattern)
            ck_buf_printf(o, ck_tr("，樣式 %s", ", pattern %s"), t->pattern->source);
        ck_buf_putc(o, '\n');
    }
    if (f->missing_count) {
        ck_buf_puts(o, ck_tr("  缺少：", "  missing: "));
        ck_report_element_names(rule, f->missing, f->missing_count, o);
        ck_buf_putc(o, '\n');
    }
    if (f->missing_optional_count && f->status != CK_STATUS_MISSING) {
        ck_buf_puts(o, ck_tr("  建議補充：", "  suggestion: add "));
        ck_report_element_names(rule, f->missing_optional, f->missing_optional_count, o);
        ck_buf_putc(o, '\n');
    }
    return 0;
}

/* JSON: the trace of one finding. */
static void json_text(ck_buf *o, const ck_document *doc, size_t block, size_t s, size_t e)
{
    ck_buf tmp = CK_BUF_INIT;
    put_range(&tmp, doc, block, s, e);
    ck_buf_put_json_str(o, tmp.data ? tmp.data : "");
    ck_buf_free(&tmp);
}

void ck_report_json_trace(const ck_report_input *in, const ck_finding *f, ck_buf *o)
{
    ck_buf_puts(o, "[");
    for (size_t i = 0; i < f->trace_count; i++) {
        const ck_trace_item *t = &f->trace[i];
        ck_buf_puts(o, i ? ",\n        {\"element\": " : "\n        {\"element\": ");
        if (t->element == CK_TRACE_NO_ELEMENT) {
            ck_buf_puts(o, "null, \"optional\": false");
        } else {
            const ck_rule_element *el = &f->rule->elements[t->element];
            ck_buf_puts(o, "{\"zh\": ");
            ck_buf_put_json_str(o, el->name.zh);
            ck_buf_puts(o, ", \"en\": ");
            ck_buf_put_json_str(o, el->name.en);
            ck_buf_printf(o, "}, \"optional\": %s", el->optional ? "true" : "false");
        }
        ck_buf_printf(o, ", \"reason\": \"%s\", \"location\": ", ck_match_trace_reason_name(t->reason));
        if (!t->has_place) {
            ck_buf_puts(o, "null, \"sentence\": null, \"words\": null, \"pattern\": null}");
            continue;
        }
        ck_buf loc = CK_BUF_INIT;
        ck_report_location(in->doc, t->block, &loc);
        ck_buf_put_json_str(o, loc.data ? loc.data : "");
        ck_buf_free(&loc);
        ck_buf_puts(o, ", \"sentence\": ");
        json_text(o, in->doc, t->block, t->sentence.start, t->sentence.end);
        ck_buf_puts(o, ", \"words\": ");
        json_text(o, in->doc, t->block, t->match.start, t->match.end);
        ck_buf_puts(o, ", \"pattern\": ");
        ck_buf_put_json_str(o, t->pattern ? t->pattern->source : NULL);
        ck_buf_puts(o, "}");
    }
    ck_buf_puts(o, f->trace_count ? "\n      ]" : "]");
}
