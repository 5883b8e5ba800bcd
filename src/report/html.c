/* html.c — the reviewer's report as ONE self-contained HTML file: inline CSS,
 * no script, no external resource (it is mailed, archived and printed), laid
 * out for A4 paper.
 *
 * What to fix first comes first: the required gaps (conflict, missing,
 * partial), each with its place, the missing elements and the model clause,
 * then the recommended gaps, then what met requirements could still state;
 * then the table of every requirement, where a met one shows a one-line
 * citation and keeps its evidence folded away (<details>) on screen and a
 * short quote on paper. The file's hash and the pack versions, which are
 * for tracing a printed report, come last. Printed pages carry the
 * contract's name and the page number in the bottom margin (@page margin
 * boxes, which Chromium's print and PDF output honour). */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "util/lang.h"

static const char *const status_class[CK_STATUS_COUNT] = { "present", "partial", "conflict", "missing", "na" };

static const char css[] =
    "*{box-sizing:border-box}"
    "body{font-family:'Noto Sans CJK TC','Microsoft JhengHei','PingFang TC','AR PL UMing TW',sans-serif;"
    "font-size:10.5pt;line-height:1.5;color:#111;margin:0 auto;max-width:180mm;padding:8mm 0}"
    "h1{font-size:16pt;margin:0 0 1mm}h2{font-size:12.5pt;margin:5mm 0 2mm;border-bottom:1px solid #999;"
    "page-break-after:avoid;break-after:avoid}"
    "h3{font-size:10.5pt;margin:0 0 1mm}"
    ".lede{margin:0 0 2mm;color:#333}"
    "table{border-collapse:collapse;width:100%;margin:2mm 0}"
    "th,td{border:1px solid #bbb;padding:1mm 1.6mm;text-align:left;vertical-align:top}"
    "th{background:#eee}thead{display:table-header-group}tr{page-break-inside:avoid;break-inside:avoid}"
    "td.hash{font-family:monospace;font-size:8.5pt;word-break:break-all}"
    ".status{font-weight:bold;white-space:nowrap;padding:0 1.2mm;border-radius:1mm}"
    ".st-present{color:#0a5d1e;background:#e3f4e6}.st-partial{color:#7a5300;background:#fff2cc}"
    ".st-conflict{color:#fff;background:#a3155c}.st-missing{color:#fff;background:#b3261e}"
    ".st-na{color:#555;background:#e8e8e8}"
    ".counts{display:flex;flex-wrap:wrap;gap:1.5mm;margin:1mm 0 2mm;font-size:9pt}"
    ".counts span{padding:.6mm 2mm;border-radius:1mm}.counts b{margin-right:1mm}"
    ".gap{border:1px solid #ccc;border-left:2mm solid #888;padding:1.6mm 2.5mm;margin:2mm 0;"
    "page-break-inside:avoid;break-inside:avoid}"
    ".gap p{margin:.6mm 0}"
    ".f-partial{border-left-color:#d49b00}.f-conflict{border-left-color:#a3155c}"
    ".f-missing{border-left-color:#b3261e}"
    ".none{color:#0a5d1e}.counts .todo{color:#b3261e;font-weight:bold}.counts .done{color:#0a5d1e}"
    "td.nowrap{white-space:nowrap}table.all{table-layout:fixed}table.all td{overflow-wrap:anywhere}"
    /* "第十三條 第一款" stays on one line: places wrap between each other */
    ".places{word-break:keep-all;overflow-wrap:anywhere}"
    "blockquote{margin:1mm 0;padding:1mm 2.5mm;border-left:1mm solid #ccc;background:#fafafa}"
    "blockquote.contrary{border-left-color:#a3155c}"
    "mark{background:#ffe680;padding:0 .3mm}blockquote.contrary mark{background:#f7c6dc}"
    ".model{background:#f2f6fb;border-left-color:#4a78b5}"
    ".label{color:#444;font-size:9.5pt}"
    "ul.suggest{margin:1mm 0;padding-left:5mm}"
    "details{margin:.5mm 0 0}summary{cursor:pointer;color:#444;font-size:9pt}"
    "details blockquote{font-size:9.5pt}"
    ".print-quote{display:none;color:#333;font-size:9pt}"
    ".trace th{width:24mm}.trace td{font-size:9pt}"
    "@media print{body{padding:0;max-width:none;font-size:10pt}"
    /* a long card may go on over the page, but not between a label and its quote */
    ".gap{page-break-inside:auto;break-inside:auto}.gap h3,.gap .label{break-after:avoid}"
    "blockquote{break-inside:avoid}a{color:inherit;text-decoration:none}"
    "details{display:none}.print-quote{display:block}}";

const char *ck_report_html_style(void)
{
    return css;
}

static void h(ck_buf *o, const char *s)
{
    if (s)
        ck_buf_put_html(o, s, strlen(s));
}

/* A CSS string's content: quotes, backslashes and anything that could end
 * the <style> element become escapes. */
static void css_string(ck_buf *o, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&')
            ck_buf_printf(o, "\\%x ", c);
        else
            ck_buf_putc(o, (char)c);
    }
}

static void status_span(ck_buf *o, ck_status s)
{
    char label[64];
    ck_buf_printf(o, "<span class=\"status st-%s\">", status_class[s]);
    h(o, ck_report_status_label(s, label, sizeof label));
    ck_buf_puts(o, "</span>");
}

static const char *severity_word(const ck_rule *rule)
{
    return rule->severity == CK_SEVERITY_REQUIRED ? ck_tr("必要", "required") : ck_tr("建議", "recommended");
}

static void location(ck_buf *o, const ck_report_input *in, size_t block)
{
    ck_buf loc = CK_BUF_INIT;
    ck_report_location(in->doc, block, &loc);
    h(o, loc.data);
    ck_buf_free(&loc);
}

/* The finding's places; a place ("第十三條 第一款") never breaks inside, the
 * list breaks after its separators. */
static void places(ck_buf *o, const ck_report_input *in, const ck_finding *f)
{
    ck_buf p = CK_BUF_INIT;
    ck_report_places(in, f, 3, &p);
    for (char *word = p.data, *space; word; word = space ? space + 1 : NULL) {
        space = strchr(word, ' ');
        if (space)
            *space = '\0';
        h(o, word);
        if (space)
            ck_buf_puts(o, space > p.data && (space[-1] == ';' || space[-1] == ',') ? " " : "&nbsp;");
    }
    ck_buf_free(&p);
}

static void quote(ck_buf *o, const ck_evidence *ev, size_t context)
{
    ck_buf_printf(o, "<blockquote%s>", ev->contrary ? " class=\"contrary\"" : "");
    ck_report_put_excerpt(o, ev, context, ck_buf_put_html, "<mark>", "</mark>");
    ck_buf_puts(o, "</blockquote>\n");
}

/* A paragraph naming elements of rule: label (in bold when bold is set), then the names. */
static void element_paragraph(ck_buf *o, const ck_rule *rule, const size_t *indices, size_t count, const char *label,
                              int bold)
{
    ck_buf names = CK_BUF_INIT;

    ck_report_element_names(rule, indices, count, &names);
    ck_buf_printf(o, bold ? "<p><b>%s</b>" : "<p>%s", label);
    h(o, names.data);
    ck_buf_puts(o, "</p>\n");
    ck_buf_free(&names);
}

static void model_clause(ck_buf *o, const ck_rule *rule)
{
    ck_buf_printf(o, "<div class=\"label\">%s</div>\n<blockquote class=\"model\">", ck_tr("建議條文：", "Suggested clause:"));
    h(o, rule->advice.zh);
    if (ck_lang_current() == CK_LANG_EN && rule->advice.en) {
        ck_buf_puts(o, "<br>");
        h(o, rule->advice.en);
    }
    ck_buf_puts(o, "</blockquote>\n");
}

/* One gap as a card: what, where, what is missing, the contrary wording
 * of a conflict, the model clause. */
static void gap_card(ck_buf *o, const ck_report_input *in, size_t i)
{
    const ck_finding *f = &in->result->findings[i];

    ck_buf_printf(o, "<section class=\"gap f-%s\" id=\"rule-%zu\">\n<h3>", status_class[f->status], i);
    h(o, f->rule->id);
    ck_buf_puts(o, " ");
    h(o, ck_rule_text_get(&f->rule->title));
    ck_buf_puts(o, " ");
    status_span(o, f->status);
    ck_buf_puts(o, "</h3>\n");
    /* A partial clause in one place: its quote below says where. */
    if (!(f->status == CK_STATUS_PARTIAL && ck_report_one_place(in, f))) {
        ck_buf_printf(o, "<p><b>%s</b><span class=\"places\">", ck_tr("位置：", "Where: "));
        if (f->evidence_count)
            places(o, in, f);
        else
            h(o, ck_tr("契約中沒有相關條文，請新增", "no clause in the contract: add one"));
        ck_buf_puts(o, "</span></p>\n");
    }
    if (f->missing_count)
        element_paragraph(o, f->rule, f->missing, f->missing_count, ck_tr("缺少的要素：", "Missing elements: "), 1);
    if (f->missing_optional_count && f->status != CK_STATUS_MISSING)
        element_paragraph(o, f->rule, f->missing_optional, f->missing_optional_count,
                          ck_tr("建議補充：", "Suggestion, could also state: "), 0);
    for (size_t e = 0; e < f->evidence_count; e++) {
        const ck_evidence *ev = &f->evidence[e];
        /* A partial clause is quoted (the first place): the reviewer completes it. */
        if (f->status == CK_STATUS_PARTIAL && e == 0) {
            ck_buf_printf(o, "<div class=\"label\">%s", ck_tr("條文：", "Clause: "));
            location(o, in, ev->block);
            ck_buf_puts(o, "</div>\n");
            quote(o, ev, 90);
            continue;
        }
        if (!ev->contrary)
            continue;
        ck_buf_printf(o, "<div class=\"label\"><b>%s</b>", ck_tr("相反文字：", "Contrary wording: "));
        location(o, in, ev->block);
        ck_buf_puts(o, "</div>\n");
        quote(o, ev, 120);
    }
    model_clause(o, f->rule);
    ck_buf_puts(o, "</section>\n");
}

static void gap_section(ck_buf *o, const ck_report_input *in, ck_rule_severity severity, size_t *order)
{
    size_t n = ck_report_gaps(in->result, severity, order);

    ck_buf_printf(o, "<h2>%s</h2>\n", ck_report_gap_heading(severity));
    if (!n)
        ck_buf_printf(o, "<p class=\"none\">%s</p>\n", ck_report_no_gaps(severity));
    for (size_t k = 0; k < n; k++)
        gap_card(o, in, order[k]);
}

/* The last cell of a row of the full table. */
static void table_detail(ck_buf *o, const ck_report_input *in, size_t i)
{
    const ck_finding *f = &in->result->findings[i];

    if (f->status == CK_STATUS_NOT_APPLICABLE) {
        ck_buf reason = CK_BUF_INIT;
        ck_report_not_applicable_reason(in, f->not_applicable_because, &reason);
        h(o, reason.data);
        ck_buf_free(&reason);
        return;
    }
    ck_buf_puts(o, "<span class=\"places\">");
    places(o, in, f);
    ck_buf_puts(o, "</span>");
    if (f->status != CK_STATUS_PRESENT) {
        ck_buf_printf(o, " <a href=\"#rule-%zu\">%s</a>", i, ck_tr("（見上）", "(see above)"));
        return;
    }
    if (!f->evidence_count)
        return;
    /* On paper: the start of the first clause; on screen: all of it, folded. */
    ck_buf_puts(o, "<div class=\"print-quote\">「");
    ck_report_put_short_quote(o, &f->evidence[0], ck_buf_put_html, "<mark>", "</mark>");
    ck_buf_printf(o, "」</div>\n<details><summary>%s</summary>\n", ck_tr("條文", "Clauses"));
    for (size_t e = 0; e < f->evidence_count; e++) {
        const ck_evidence *ev = &f->evidence[e];
        ck_buf_puts(o, "<div class=\"label\">");
        location(o, in, ev->block);
        ck_buf_puts(o, "</div>\n");
        quote(o, ev, 300);
    }
    ck_buf_puts(o, "</details>");
}

void ck_report_html(const ck_report_input *in, ck_buf *o)
{
    const ck_match_result *r = in->result;
    const char *name = strrchr(in->file, '/');
    size_t *order = ck_calloc(r->count + 1, sizeof *order);
    char label[64];
    ck_buf when = CK_BUF_INIT;

    name = name ? name + 1 : in->file;
    ck_report_local_time(in, &when);
    ck_buf_printf(o, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
                  ck_lang_current() == CK_LANG_EN ? "en" : "zh-Hant-TW");
    h(o, ck_tr("契約條款檢查報告：", "Contract clause check: "));
    h(o, name);
    ck_buf_puts(o, "</title>\n<style>@page{size:A4;margin:16mm 16mm 18mm 16mm;"
                   "@bottom-left{content:\"");
    css_string(o, name);
    ck_buf_puts(o, " · ");
    css_string(o, when.data);
    ck_buf_printf(o, "\";font-size:8pt;color:#555}@bottom-right{content:%s;font-size:8pt;color:#555}}",
                  ck_tr("\"第 \" counter(page) \" 頁，共 \" counter(pages) \" 頁\"",
                        "\"Page \" counter(page) \" of \" counter(pages)"));
    ck_buf_printf(o, "%s</style>\n</head>\n<body>\n<h1>", css);
    h(o, ck_tr("契約條款檢查報告", "Contract clause check"));
    ck_buf_puts(o, "</h1>\n<p class=\"lede\"><b>");
    h(o, name);
    ck_buf_printf(o, "</b> · %s", ck_tr("產生時間 ", "made "));
    h(o, when.data);
    ck_buf_puts(o, "</p>\n<div class=\"counts\">");
    for (int s = 0; s < CK_STATUS_COUNT; s++) {
        ck_buf_printf(o, "<span class=\"st-%s\"><b>%zu</b>", status_class[s], r->status_counts[s]);
        h(o, ck_report_status_label((ck_status)s, label, sizeof label));
        ck_buf_puts(o, "</span>");
    }
    ck_buf_printf(o, "<span class=\"%s\"><b>%d</b>%s</span></div>\n", r->required_gaps ? "todo" : "done", r->required_gaps, ck_tr("必要項目待處理", "required gaps"));

    gap_section(o, in, CK_SEVERITY_REQUIRED, order);
    gap_section(o, in, CK_SEVERITY_RECOMMENDED, order);

    size_t n = ck_report_suggestions(r, order);
    if (n) {
        ck_buf_printf(o, "<h2>%s</h2>\n<ul class=\"suggest\">\n",
                      ck_tr("建議補充：已符合的項目可再寫明", "Suggestions: met, could also state"));
        for (size_t k = 0; k < n; k++) {
            const ck_finding *f = &r->findings[order[k]];
            ck_buf names = CK_BUF_INIT;
            ck_buf_puts(o, "<li><b>");
            h(o, f->rule->id);
            ck_buf_puts(o, " ");
            h(o, ck_rule_text_get(&f->rule->title));
            ck_buf_puts(o, "</b>（<span class=\"places\">");
            places(o, in, f);
            ck_buf_printf(o, "</span>）%s", ck_tr("：", ": "));
            ck_report_element_names(f->rule, f->missing_optional, f->missing_optional_count, &names);
            h(o, names.data);
            ck_buf_free(&names);
            ck_buf_puts(o, "</li>\n");
        }
        ck_buf_puts(o, "</ul>\n");
    }

    if (r->condition_count) {
        ck_buf_printf(o, "<h2>%s</h2>\n<ul>\n", ck_tr("適用條件", "Applicability"));
        for (size_t c = 0; c < r->condition_count; c++) {
            const ck_applicability *a = &r->conditions[c];
            ck_buf_puts(o, "<li><code>");
            h(o, a->condition->name);
            ck_buf_puts(o, "</code> ");
            if (a->condition->definition_count)
                h(o, ck_rule_text_get(&a->condition->definitions[0]->description));
            ck_buf_printf(o, "%s<b>%s</b>", ck_tr("：", ": "), a->holds ? ck_tr("成立", "holds") : ck_tr("不成立", "does not hold"));
            ck_buf why = CK_BUF_INIT;
            ck_report_decision(in, a, &why);
            h(o, why.data);
            ck_buf_free(&why);
            ck_buf_puts(o, "</li>\n");
        }
        ck_buf_puts(o, "</ul>\n");
    }

    ck_buf_printf(o, "<h2>%s</h2>\n<table class=\"all\">\n<colgroup><col style=\"width:14%%\"><col style=\"width:24%%\">"
                     "<col style=\"width:7%%\"><col style=\"width:16%%\"><col style=\"width:39%%\"></colgroup>\n"
                     "<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
                  ck_tr("全部要求", "Every requirement"), ck_tr("編號", "Id"), ck_tr("要求", "Requirement"),
                  ck_tr("等級", "Severity"), ck_tr("結果", "Status"), ck_tr("位置與條文", "Where, and the clause"));
    for (size_t i = 0; i < r->count; i++) {
        const ck_finding *f = &r->findings[i];
        ck_buf_printf(o, "<tr id=\"row-%zu\"><td class=\"nowrap\">", i);
        h(o, f->rule->id);
        ck_buf_puts(o, "</td><td>");
        h(o, ck_rule_text_get(&f->rule->title));
        ck_buf_printf(o, "</td><td class=\"nowrap\">%s</td><td class=\"nowrap\">", severity_word(f->rule));
        status_span(o, f->status);
        ck_buf_puts(o, "</td><td>");
        table_detail(o, in, i);
        ck_buf_puts(o, "</td></tr>\n");
    }
    ck_buf_puts(o, "</tbody>\n</table>\n");

    /* For tracing a printed report back to the file and the packs. */
    ck_buf_printf(o, "<h2>%s</h2>\n<table class=\"trace\">\n", ck_tr("追蹤資訊", "For tracing"));
    ck_buf_printf(o, "<tr><th>%s</th><td>", ck_tr("檔案", "File"));
    h(o, in->file);
    ck_buf_printf(o, "</td></tr>\n<tr><th>%s</th><td>", ck_tr("大小", "Size"));
    ck_report_put_number(o, in->file_size);
    ck_buf_printf(o, " %s</td></tr>\n", ck_tr("位元組", "bytes"));
    ck_buf_printf(o, "<tr><th>SHA-256</th><td class=\"hash\">%s</td></tr>\n", in->sha256);
    ck_buf_printf(o, "<tr><th>%s</th><td>", ck_tr("規則套件", "Rule packs"));
    for (size_t p = 0; p < in->set->pack_count; p++) {
        const ck_rule_pack *pack = in->set->packs[p];
        if (p)
            ck_buf_puts(o, "<br>");
        h(o, pack->id);
        ck_buf_puts(o, " ");
        h(o, pack->version);
        ck_buf_puts(o, " — ");
        h(o, ck_rule_text_get(&pack->title));
    }
    ck_buf_printf(o, "</td></tr>\n<tr><th>%s</th><td>", ck_tr("產生時間", "Made"));
    h(o, when.data);
    ck_buf_printf(o, "（%s）</td></tr>\n", in->generated);
    ck_buf_printf(o, "<tr><th>%s</th><td>clausekit %s</td></tr>\n</table>\n</body>\n</html>\n", ck_tr("工具", "Tool"),
                  CK_VERSION);
    ck_buf_free(&when);
    free(order);
}
