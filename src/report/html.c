/* html.c — the reviewer's report as ONE self-contained HTML file: inline CSS,
 * no script, no external resource (it is mailed, archived and printed), laid
 * out for A4 paper. */
#include "report/report.h"

#include <string.h>

#include "util/lang.h"

static const char *const status_class[CK_STATUS_COUNT] = { "present", "partial", "conflict", "missing", "na" };

static const char css[] =
    "@page{size:A4;margin:18mm 16mm 20mm 16mm}"
    "*{box-sizing:border-box}"
    "body{font-family:'Noto Sans CJK TC','Microsoft JhengHei','PingFang TC','AR PL UMing TW',sans-serif;"
    "font-size:10.5pt;line-height:1.55;color:#111;margin:0 auto;max-width:180mm;padding:8mm 0}"
    "h1{font-size:17pt;margin:0 0 4mm}h2{font-size:13pt;margin:7mm 0 2mm;border-bottom:1px solid #999;"
    "page-break-after:avoid;break-after:avoid}"
    "h3{font-size:11pt;margin:0 0 1.5mm}"
    "table{border-collapse:collapse;width:100%;margin:2mm 0}"
    "th,td{border:1px solid #bbb;padding:1.2mm 2mm;text-align:left;vertical-align:top}"
    "th{background:#eee}thead{display:table-header-group}tr{page-break-inside:avoid;break-inside:avoid}"
    "td.hash{font-family:monospace;font-size:8.5pt;word-break:break-all}"
    ".status{font-weight:bold;white-space:nowrap;padding:0 1.5mm;border-radius:1mm}"
    ".st-present{color:#0a5d1e;background:#e3f4e6}.st-partial{color:#7a5300;background:#fff2cc}"
    ".st-conflict{color:#fff;background:#a3155c}.st-missing{color:#fff;background:#b3261e}"
    ".st-na{color:#555;background:#e8e8e8}"
    ".counts{display:flex;flex-wrap:wrap;gap:2mm;margin:2mm 0}"
    ".counts div{border:1px solid #bbb;padding:1.5mm 3mm;min-width:26mm}"
    ".counts b{font-size:14pt;display:block}"
    ".finding{border:1px solid #ccc;border-left:2mm solid #888;padding:2.5mm 3mm;margin:3mm 0;"
    "page-break-inside:avoid;break-inside:avoid}"
    ".f-present{border-left-color:#2e8540}.f-partial{border-left-color:#d49b00}"
    ".f-conflict{border-left-color:#a3155c}.f-missing{border-left-color:#b3261e}.f-na{border-left-color:#999}"
    "td.nowrap{white-space:nowrap}td.title{min-width:34mm}"
    /* "第十三條 第一款" stays on one line: places wrap between each other */
    "td.places{word-break:keep-all;overflow-wrap:anywhere}"
    "blockquote{margin:1.5mm 0 2mm;padding:1.5mm 3mm;border-left:1mm solid #ccc;background:#fafafa}"
    "blockquote.contrary{border-left-color:#a3155c}"
    "mark{background:#ffe680;padding:0 .3mm}blockquote.contrary mark{background:#f7c6dc}"
    ".model{background:#f2f6fb;border-left-color:#4a78b5}"
    ".where{color:#444;font-size:9.5pt}.meta{color:#444;font-size:9pt}"
    "footer{margin-top:8mm;color:#666;font-size:8.5pt}"
    "@media print{body{padding:0}a{color:inherit;text-decoration:none}}";

static void h(ck_buf *o, const char *s)
{
    if (s)
        ck_buf_put_html(o, s, strlen(s));
}

static void status_span(ck_buf *o, ck_status s)
{
    char label[64];
    ck_buf_printf(o, "<span class=\"status st-%s\">", status_class[s]);
    h(o, ck_report_status_label(s, label, sizeof label));
    ck_buf_puts(o, "</span>");
}

static void location(ck_buf *o, const ck_report_input *in, size_t block)
{
    ck_buf loc = CK_BUF_INIT;
    ck_report_location(in->doc, block, &loc);
    h(o, loc.data);
    ck_buf_free(&loc);
}

static void quote(ck_buf *o, const ck_evidence *ev)
{
    ck_buf_printf(o, "<blockquote%s>", ev->contrary ? " class=\"contrary\"" : "");
    ck_report_put_excerpt(o, ev, 300, ck_buf_put_html, "<mark>", "</mark>");
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

void ck_report_html(const ck_report_input *in, ck_buf *o)
{
    const ck_match_result *r = in->result;
    const char *name = strrchr(in->file, '/');
    char label[64];

    name = name ? name + 1 : in->file;
    ck_buf_printf(o, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
                  ck_lang_current() == CK_LANG_EN ? "en" : "zh-Hant-TW");
    h(o, ck_tr("契約條款檢查報告：", "Contract clause check: "));
    h(o, name);
    ck_buf_printf(o, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", css);
    h(o, ck_tr("契約條款檢查報告", "Contract clause check"));
    ck_buf_puts(o, "</h1>\n<table class=\"facts\">\n");
    ck_buf_printf(o, "<tr><th>%s</th><td>", ck_tr("檔案", "File"));
    h(o, name);
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
    ck_buf_printf(o, "</td></tr>\n<tr><th>%s</th><td>%s</td></tr>\n", ck_tr("產生時間", "Generated"), in->generated);
    ck_buf_printf(o, "<tr><th>%s</th><td>clausekit %s</td></tr>\n</table>\n", ck_tr("工具", "Tool"), CK_VERSION);

    ck_buf_printf(o, "<h2>%s</h2>\n<div class=\"counts\">\n", ck_tr("摘要", "Summary"));
    for (int s = 0; s < CK_STATUS_COUNT; s++) {
        ck_buf_printf(o, "<div class=\"st-%s\"><b>%zu</b>", status_class[s], r->status_counts[s]);
        h(o, ck_report_status_label((ck_status)s, label, sizeof label));
        ck_buf_puts(o, "</div>\n");
    }
    ck_buf_printf(o, "<div><b>%d</b>%s</div>\n</div>\n", r->required_gaps,
                  ck_tr("必要項目待處理", "required gaps"));

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
            if (a->has_evidence)
                quote(o, &a->evidence);
            ck_buf_puts(o, "</li>\n");
        }
        ck_buf_puts(o, "</ul>\n");
    }

    ck_buf_printf(o, "<h2>%s</h2>\n<table>\n<colgroup><col style=\"width:15%%\"><col style=\"width:27%%\">"
                     "<col style=\"width:7%%\"><col style=\"width:19%%\"><col style=\"width:32%%\"></colgroup>\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
                  ck_tr("各項要求", "Requirements"), ck_tr("編號", "Id"), ck_tr("要求", "Requirement"),
                  ck_tr("等級", "Severity"), ck_tr("結果", "Status"), ck_tr("位置", "Location"));
    for (size_t i = 0; i < r->count; i++) {
        const ck_finding *f = &r->findings[i];
        ck_buf_printf(o, "<tr><td class=\"nowrap\"><a href=\"#rule-%zu\">", i);
        h(o, f->rule->id);
        ck_buf_puts(o, "</a></td><td class=\"title\">");
        h(o, ck_rule_text_get(&f->rule->title));
        ck_buf_printf(o, "</td><td class=\"nowrap\">%s</td><td class=\"nowrap\">", f->rule->severity == CK_SEVERITY_REQUIRED
                                                     ? ck_tr("必要", "required")
                                                     : ck_tr("建議", "recommended"));
        status_span(o, f->status);
        ck_buf_puts(o, "</td><td class=\"places\">");
        ck_buf places = CK_BUF_INIT;
        ck_report_places(in, f, 3, &places);
        /* A place ("第十三條 第一款") never breaks inside; the list breaks after
         * its separators. */
        for (char *word = places.data, *space; word; word = space ? space + 1 : NULL) {
            space = strchr(word, ' ');
            if (space)
                *space = '\0';
            h(o, word);
            if (space)
                ck_buf_puts(o, space > places.data && (space[-1] == ';' || space[-1] == ',') ? " " : "&nbsp;");
        }
        ck_buf_free(&places);
        ck_buf_puts(o, "</td></tr>\n");
    }
    ck_buf_puts(o, "</tbody>\n</table>\n");

    ck_buf_printf(o, "<h2>%s</h2>\n", ck_tr("各項結果", "Findings"));
    for (size_t i = 0; i < r->count; i++) {
        const ck_finding *f = &r->findings[i];
        ck_buf_printf(o, "<section class=\"finding f-%s\" id=\"rule-%zu\">\n<h3>", status_class[f->status], i);
        h(o, f->rule->id);
        ck_buf_puts(o, " ");
        h(o, ck_rule_text_get(&f->rule->title));
        ck_buf_puts(o, " ");
        status_span(o, f->status);
        ck_buf_puts(o, "</h3>\n<div class=\"meta\">");
        h(o, ck_tr("依據：", "Source: "));
        h(o, f->rule->source);
        ck_buf_printf(o, " · %s</div>\n", f->rule->severity == CK_SEVERITY_REQUIRED ? ck_tr("必要", "required")
                                                                                  : ck_tr("建議", "recommended"));
        if (f->status == CK_STATUS_NOT_APPLICABLE) {
            ck_buf reason = CK_BUF_INIT;
            ck_report_not_applicable_reason(in, f->not_applicable_because, &reason);
            ck_buf_puts(o, "<p>");
            h(o, reason.data);
            ck_buf_puts(o, "</p>\n</section>\n");
            ck_buf_free(&reason);
            continue;
        }
        if (f->missing_count)
            element_paragraph(o, f->rule, f->missing, f->missing_count, ck_tr("缺少的要素：", "Missing elements: "), 1);
        if (f->missing_optional_count && f->status != CK_STATUS_MISSING)
            element_paragraph(o, f->rule, f->missing_optional, f->missing_optional_count,
                              ck_tr("建議補充：", "Suggestion, could also state: "), 0);
        for (size_t e = 0; e < f->evidence_count; e++) {
            const ck_evidence *ev = &f->evidence[e];
            ck_buf_printf(o, "<div class=\"where\">%s", ev->contrary ? ck_tr("<b>相反文字</b>：", "<b>Contrary wording</b>: ")
                                                                  : ck_tr("條文：", "Clause: "));
            location(o, in, ev->block);
            ck_buf_puts(o, "</div>\n");
            quote(o, ev);
        }
        if (f->status != CK_STATUS_PRESENT) {
            ck_buf_printf(o, "<div class=\"where\">%s</div>\n<blockquote class=\"model\">",
                          ck_tr("建議條文：", "Suggested clause:"));
            h(o, f->rule->advice.zh);
            if (ck_lang_current() == CK_LANG_EN && f->rule->advice.en) {
                ck_buf_puts(o, "<br>");
                h(o, f->rule->advice.en);
            }
            ck_buf_puts(o, "</blockquote>\n");
        }
        ck_buf_puts(o, "</section>\n");
    }
    ck_buf_printf(o, "<footer>clausekit %s · %s · SHA-256 %s</footer>\n</body>\n</html>\n", CK_VERSION, in->generated,
                  in->sha256);
}
