/* markdown.c — the reviewer's report as GitHub-flavoured Markdown, in the
 * order of the HTML report: the required gaps (conflict, missing, partial)
 * with their places, missing elements and model clauses, the recommended
 * gaps, what met requirements could still state, the applicability
 * conditions, the table of every requirement (a met one with a short
 * quote, matched words in bold), and last the facts for tracing. The DOCX
 * report is this text through the document writer. */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "util/lang.h"

/* Text that Markdown must not interpret; line breaks become spaces. */
static void md(ck_buf *o, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '\n' || c == '\r' || c == '\t')
            ck_buf_putc(o, ' ');
        else if (strchr("\\`*_[]<>|#~", c))
            ck_buf_putc(o, '\\'), ck_buf_putc(o, c);
        else if (c == '&')
            ck_buf_puts(o, "&amp;");
        else
            ck_buf_putc(o, c);
    }
}

static void mds(ck_buf *o, const char *s)
{
    if (s)
        md(o, s, strlen(s));
}

static void quote(ck_buf *o, const ck_evidence *ev)
{
    ck_buf_puts(o, "> ");
    ck_report_put_excerpt(o, ev, 240, md, "**", "**");
    ck_buf_puts(o, "\n");
}

/* A paragraph naming elements of rule: label, then the names. */
static void element_paragraph(ck_buf *o, const ck_rule *rule, const size_t *indices, size_t count, const char *label)
{
    ck_buf names = CK_BUF_INIT;

    ck_report_element_names(rule, indices, count, &names);
    ck_buf_puts(o, label);
    mds(o, names.data);
    ck_buf_puts(o, "\n\n");
    ck_buf_free(&names);
}

static const char *severity_word(const ck_rule *rule)
{
    return rule->severity == CK_SEVERITY_REQUIRED ? ck_tr("必要", "required") : ck_tr("建議", "recommended");
}

/* One gap: heading, where, what is missing, contrary wording, model clause. */
static void gap(ck_buf *o, const ck_report_input *in, const ck_finding *f)
{
    char label[64];

    ck_buf_puts(o, "### ");
    mds(o, f->rule->id);
    ck_buf_puts(o, " ");
    mds(o, ck_rule_text_get(&f->rule->title));
    ck_buf_printf(o, " — %s\n\n", ck_report_status_label(f->status, label, sizeof label));
    /* A partial clause in one place: its quote below says where. */
    if (!(f->status == CK_STATUS_PARTIAL && ck_report_one_place(in, f))) {
        ck_buf_puts(o, ck_tr("位置：", "Where: "));
        if (f->evidence_count) {
            ck_buf loc = CK_BUF_INIT;
            ck_report_places(in, f, 3, &loc);
            mds(o, loc.data);
            ck_buf_free(&loc);
        } else {
            ck_buf_puts(o, ck_tr("契約中沒有相關條文，請新增", "no clause in the contract: add one"));
        }
        ck_buf_puts(o, "\n\n");
    }
    if (f->missing_count)
        element_paragraph(o, f->rule, f->missing, f->missing_count, ck_tr("缺少的要素：", "Missing elements: "));
    if (f->missing_optional_count && f->status != CK_STATUS_MISSING)
        element_paragraph(o, f->rule, f->missing_optional, f->missing_optional_count,
                          ck_tr("建議補充：", "Suggestion, could also state: "));
    for (size_t e = 0; e < f->evidence_count; e++) {
        const ck_evidence *ev = &f->evidence[e];
        ck_buf loc = CK_BUF_INIT;
        /* A partial clause is quoted (the first place): the reviewer completes it. */
        if (f->status == CK_STATUS_PARTIAL && e == 0) {
            ck_report_location(in->doc, ev->block, &loc);
            ck_buf_puts(o, ck_tr("條文：", "Clause: "));
            mds(o, loc.data);
            ck_buf_puts(o, "\n\n> ");
            ck_report_put_excerpt(o, ev, 90, md, "**", "**");
            ck_buf_puts(o, "\n\n");
            ck_buf_free(&loc);
            continue;
        }
        if (!ev->contrary)
            continue;
        ck_report_location(in->doc, ev->block, &loc);
        ck_buf_puts(o, ck_tr("**相反文字**：", "**Contrary wording**: "));
        mds(o, loc.data);
        ck_buf_puts(o, "\n\n");
        quote(o, ev);
        ck_buf_puts(o, "\n");
        ck_buf_free(&loc);
    }
    ck_buf_printf(o, "%s\n\n> ", ck_tr("建議條文：", "Suggested clause:"));
    mds(o, f->rule->advice.zh);
    ck_buf_puts(o, "\n");
    if (ck_lang_current() == CK_LANG_EN && f->rule->advice.en) {
        ck_buf_puts(o, ">\n> ");
        mds(o, f->rule->advice.en);
        ck_buf_puts(o, "\n");
    }
    ck_buf_puts(o, "\n");
}

static void gaps(ck_buf *o, const ck_report_input *in, ck_rule_severity severity, size_t *order)
{
    size_t n = ck_report_gaps(in->result, severity, order);

    ck_buf_printf(o, "## %s\n\n", ck_report_gap_heading(severity));
    if (!n)
        ck_buf_printf(o, "%s\n\n", ck_report_no_gaps(severity));
    for (size_t k = 0; k < n; k++)
        gap(o, in, &in->result->findings[order[k]]);
}

void ck_report_markdown(const ck_report_input *in, ck_buf *o)
{
    const ck_match_result *r = in->result;
    char label[64];
    const char *name = strrchr(in->file, '/');
    size_t *order = ck_calloc(r->count + 1, sizeof *order);
    ck_buf when = CK_BUF_INIT;

    ck_report_local_time(in, &when);
    ck_buf_printf(o, "# %s", ck_tr("契約條款檢查報告：", "Contract clause check: "));
    mds(o, name ? name + 1 : in->file);
    ck_buf_printf(o, "\n\n%s%s\n\n", ck_tr("產生時間：", "Made: "), when.data);
    ck_buf_printf(o, "- %s%s%d\n", ck_tr("必要項目待處理", "Required gaps"), ck_tr("：", ": "), r->required_gaps);
    for (int s = 0; s < CK_STATUS_COUNT; s++)
        ck_buf_printf(o, "- %s%s%zu\n", ck_report_status_label((ck_status)s, label, sizeof label), ck_tr("：", ": "),
                      r->status_counts[s]);
    ck_buf_puts(o, "\n");

    gaps(o, in, CK_SEVERITY_REQUIRED, order);
    gaps(o, in, CK_SEVERITY_RECOMMENDED, order);

    size_t n = ck_report_suggestions(r, order);
    if (n) {
        ck_buf_printf(o, "## %s\n\n", ck_tr("建議補充：已符合的項目可再寫明", "Suggestions: met, could also state"));
        for (size_t k = 0; k < n; k++) {
            const ck_finding *f = &r->findings[order[k]];
            ck_buf_puts(o, "### ");
            mds(o, f->rule->id);
            ck_buf_puts(o, " ");
            mds(o, ck_rule_text_get(&f->rule->title));
            ck_buf_printf(o, " — %s\n\n", ck_report_status_label(f->status, label, sizeof label));
            element_paragraph(o, f->rule, f->missing_optional, f->missing_optional_count,
                              ck_tr("建議補充：", "Suggestion, could also state: "));
            if (f->evidence_count) { /* the clause to add them to */
                ck_buf loc = CK_BUF_INIT;
                ck_report_location(in->doc, f->evidence[0].block, &loc);
                ck_buf_puts(o, ck_tr("條文：", "Clause: "));
                mds(o, loc.data);
                ck_buf_puts(o, "\n\n> ");
                ck_report_put_excerpt(o, &f->evidence[0], 90, md, "**", "**");
                ck_buf_puts(o, "\n\n");
                ck_buf_free(&loc);
            }
        }
    }

    if (r->condition_count) {
        ck_buf_printf(o, "## %s\n\n", ck_tr("適用條件", "Applicability"));
        for (size_t c = 0; c < r->condition_count; c++) {
            const ck_applicability *a = &r->conditions[c];
            ck_buf_printf(o, "- `%s`", a->condition->name);
            if (a->condition->definition_count) {
                ck_buf_putc(o, ' ');
                mds(o, ck_rule_text_get(&a->condition->definitions[0]->description));
            }
            ck_buf_printf(o, "%s%s", ck_tr("：", ": "), a->holds ? ck_tr("成立", "holds") : ck_tr("不成立", "does not hold"));
            ck_buf why = CK_BUF_INIT;
            ck_report_decision(in, a, &why);
            mds(o, why.data);
            ck_buf_free(&why);
            ck_buf_puts(o, "\n");
        }
        ck_buf_puts(o, "\n");
    }

    ck_buf_printf(o, "## %s\n\n| %s | %s | %s | %s | %s |\n|---|---|---|---|---|\n", ck_tr("全部要求", "Every requirement"),
                  ck_tr("編號", "Id"), ck_tr("要求", "Requirement"), ck_tr("等級", "Severity"), ck_tr("結果", "Status"),
                  ck_tr("位置與條文", "Where, and the clause"));
    for (size_t i = 0; i < r->count; i++) {
        const ck_finding *f = &r->findings[i];
        ck_buf text = CK_BUF_INIT;
        ck_buf_puts(o, "| ");
        mds(o, f->rule->id);
        ck_buf_puts(o, " | ");
        mds(o, ck_rule_text_get(&f->rule->title));
        ck_buf_printf(o, " | %s | **%s** | ", severity_word(f->rule),
                      ck_report_status_label(f->status, label, sizeof label));
        if (f->status == CK_STATUS_NOT_APPLICABLE) {
            ck_report_not_applicable_reason(in, f->not_applicable_because, &text);
            mds(o, text.data);
        } else {
            ck_report_places(in, f, 3, &text);
            mds(o, text.data);
            if (f->status != CK_STATUS_PRESENT) {
                ck_buf_puts(o, ck_tr("（見上）", " (see above)"));
            } else if (f->evidence_count) {
                ck_buf_puts(o, ck_tr("：「", ": “"));
                ck_report_put_short_quote(o, &f->evidence[0], md, "**", "**");
                ck_buf_puts(o, ck_tr("」", "”"));
            }
        }
        ck_buf_puts(o, " |\n");
        ck_buf_free(&text);
    }

    ck_buf_printf(o, "\n## %s\n\n| %s | %s |\n|---|---|\n", ck_tr("追蹤資訊", "For tracing"), ck_tr("項目", "Item"),
                  ck_tr("內容", "Value"));
    ck_buf_printf(o, "| %s | ", ck_tr("檔案", "File"));
    mds(o, in->file);
    ck_buf_printf(o, " |\n| %s | ", ck_tr("大小", "Size"));
    ck_report_put_number(o, in->file_size);
    ck_buf_printf(o, " %s |\n", ck_tr("位元組", "bytes"));
    ck_buf_printf(o, "| SHA-256 | `%s` |\n", in->sha256);
    ck_buf_printf(o, "| %s | ", ck_tr("規則套件", "Rule packs"));
    for (size_t p = 0; p < in->set->pack_count; p++) {
        if (p)
            ck_buf_puts(o, ck_tr("、", ", "));
        mds(o, in->set->packs[p]->id);
        ck_buf_puts(o, " ");
        mds(o, in->set->packs[p]->version);
    }
    ck_buf_printf(o, " |\n| %s | %s（%s） |\n", ck_tr("產生時間", "Made"), when.data, in->generated);
    ck_buf_printf(o, "| %s | clausekit %s |\n", ck_tr("工具", "Tool"), CK_VERSION);
    ck_buf_free(&when);
    free(order);
}
