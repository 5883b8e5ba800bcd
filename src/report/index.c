/* index.c — the overview of a batch: which contracts need most work, with
 * a link to each report. HTML for reading, CSV for Excel. */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/lang.h"

static const char *const status_class[CK_STATUS_COUNT] = { "present", "partial", "conflict", "missing", "na" };

void ck_report_index_add(ck_report_index *ix, const char *file, const char *report, const ck_match_result *r)
{
    ck_report_index_row *row;
    size_t *order;

    if (ix->count == ix->capacity) {
        ix->capacity = ix->capacity ? 2 * ix->capacity : 16;
        ix->rows = ck_realloc(ix->rows, ix->capacity * sizeof *ix->rows);
    }
    row = &ix->rows[ix->count++];
    memset(row, 0, sizeof *row);
    row->file = ck_strdup(file);
    row->report = ck_strdup(report);
    memcpy(row->status_counts, r->status_counts, sizeof row->status_counts);
    row->required_gaps = r->required_gaps;
    order = ck_calloc(r->count + 1, sizeof *order);
    row->recommended_gaps = (int)ck_report_gaps(r, CK_SEVERITY_RECOMMENDED, order);
    row->gap_count = ck_report_gaps(r, CK_SEVERITY_REQUIRED, order);
    row->gaps = ck_calloc(row->gap_count + 1, sizeof *row->gaps);
    for (size_t k = 0; k < row->gap_count; k++) {
        const ck_finding *f = &r->findings[order[k]];
        row->gaps[k].id = ck_strdup(f->rule->id);
        row->gaps[k].title = ck_strdup(ck_rule_text_get(&f->rule->title));
        row->gaps[k].status = f->status;
    }
    free(order);
}

static int by_work(const void *a, const void *b)
{
    const ck_report_index_row *x = a, *y = b;
    if (x->required_gaps != y->required_gaps)
        return y->required_gaps - x->required_gaps;
    if (x->status_counts[CK_STATUS_CONFLICT] != y->status_counts[CK_STATUS_CONFLICT])
        return y->status_counts[CK_STATUS_CONFLICT] > x->status_counts[CK_STATUS_CONFLICT] ? 1 : -1;
    if (x->recommended_gaps != y->recommended_gaps)
        return y->recommended_gaps - x->recommended_gaps;
    return strcmp(x->file, y->file);
}

void ck_report_index_sort(ck_report_index *ix)
{
    if (ix->count > 1)
        qsort(ix->rows, ix->count, sizeof *ix->rows, by_work);
}

void ck_report_index_free(ck_report_index *ix)
{
    if (!ix)
        return;
    for (size_t i = 0; i < ix->count; i++) {
        for (size_t k = 0; k < ix->rows[i].gap_count; k++) {
            free(ix->rows[i].gaps[k].id);
            free(ix->rows[i].gaps[k].title);
        }
        free(ix->rows[i].gaps);
        free(ix->rows[i].file);
        free(ix->rows[i].report);
    }
    free(ix->rows);
    memset(ix, 0, sizeof *ix);
}

/* ---- HTML ------------------------------------------------------------------ */

static void h(ck_buf *o, const char *s)
{
    ck_buf_put_html(o, s, strlen(s));
}

/* A relative link to a file in the same folder: every byte outside the
 * unreserved set percent-encoded (a name may hold spaces, #, ? or CJK). */
static void href(ck_buf *o, const char *name)
{
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p))
            ck_buf_putc(o, (char)*p);
        else
            ck_buf_printf(o, "%%%02X", *p);
    }
}

static const char *base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static const char index_css[] =
    "@page{size:A4 landscape;margin:14mm}"
    "*{box-sizing:border-box}"
    "body{font-family:'Noto Sans CJK TC','Microsoft JhengHei','PingFang TC','AR PL UMing TW',sans-serif;"
    "font-size:10.5pt;line-height:1.45;color:#111;margin:0 auto;max-width:270mm;padding:8mm 4mm}"
    "h1{font-size:16pt;margin:0 0 1mm}.lede{margin:0 0 3mm;color:#333}"
    "table{border-collapse:collapse;width:100%}"
    "th,td{border:1px solid #bbb;padding:1.2mm 2mm;text-align:left;vertical-align:top}"
    "th{background:#eee}thead{display:table-header-group}tr{break-inside:avoid}"
    "td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
    "td.todo{color:#b3261e;font-weight:bold}td.done{color:#0a5d1e}"
    ".gap{display:inline-block;margin:0 3mm .6mm 0;white-space:nowrap}"
    "th.n{white-space:nowrap}td.name{white-space:nowrap}"
    ".status{font-weight:bold;white-space:nowrap;padding:0 1.2mm;border-radius:1mm;font-size:9pt}"
    ".st-partial{color:#7a5300;background:#fff2cc}.st-conflict{color:#fff;background:#a3155c}"
    ".st-missing{color:#fff;background:#b3261e}"
    "@media print{a{color:inherit;text-decoration:none}body{padding:0;max-width:none}}";

void ck_report_index_html(const ck_report_index *ix, ck_buf *o)
{
    ck_report_input when_in;
    ck_buf when = CK_BUF_INIT;
    size_t with_gaps = 0;

    memset(&when_in, 0, sizeof when_in);
    when_in.generated_at = ix->generated_at;
    ck_report_local_time(&when_in, &when);
    for (size_t i = 0; i < ix->count; i++)
        with_gaps += ix->rows[i].required_gaps > 0;
    ck_buf_printf(o, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>%s</title>\n"
                     "<style>%s</style>\n</head>\n<body>\n<h1>%s</h1>\n<p class=\"lede\">",
                  ck_lang_current() == CK_LANG_EN ? "en" : "zh-Hant-TW",
                  ck_tr("契約條款檢查總覽", "Contract clause check: overview"), index_css,
                  ck_tr("契約條款檢查總覽", "Contract clause check: overview"));
    ck_buf_printf(o, ck_tr("共 %zu 份契約，其中 %zu 份有必要項目待處理 · 產生時間 ",
                           "%zu contracts, %zu of them with required gaps · made "),
                  ix->count, with_gaps);
    h(o, when.data);
    ck_buf_printf(o, "</p>\n<table>\n<thead><tr><th class=\"n\">%s</th><th>%s</th><th class=\"n\">%s</th>"
                     "<th class=\"n\">%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th>"
                     "<th>%s</th></tr></thead>\n<tbody>\n",
                  "#", ck_tr("契約", "Contract"), ck_tr("必要待處理", "Required gaps"),
                  ck_tr("衝突", "Conflict"), ck_tr("缺漏", "Missing"), ck_tr("部分符合", "Partial"),
                  ck_tr("建議待處理", "Recommended gaps"), ck_tr("待處理的必要項目", "The required gaps"));
    for (size_t i = 0; i < ix->count; i++) {
        const ck_report_index_row *row = &ix->rows[i];
        ck_buf_printf(o, "<tr><td class=\"n\">%zu</td><td class=\"name\"><a href=\"", i + 1);
        href(o, row->report);
        ck_buf_puts(o, "\">");
        h(o, base(row->file));
        ck_buf_printf(o, "</a></td><td class=\"n %s\">%d</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
                         "<td class=\"n\">%zu</td><td class=\"n\">%d</td><td>",
                      row->required_gaps ? "todo" : "done", row->required_gaps,
                      row->status_counts[CK_STATUS_CONFLICT], row->status_counts[CK_STATUS_MISSING],
                      row->status_counts[CK_STATUS_PARTIAL], row->recommended_gaps);
        if (!row->gap_count) {
            h(o, "—");
        } else {
            for (size_t k = 0; k < row->gap_count; k++) {
                ck_buf_puts(o, "<span class=\"gap\">");
                h(o, row->gaps[k].id);
                ck_buf_puts(o, " ");
                h(o, row->gaps[k].title);
                ck_buf_printf(o, " <span class=\"status st-%s\">", status_class[row->gaps[k].status]);
                h(o, ck_lang_current() == CK_LANG_EN ? ck_match_status_name(row->gaps[k].status)
                                                     : ck_match_status_label_zh(row->gaps[k].status));
                ck_buf_puts(o, "</span></span> ");
            }
        }
        ck_buf_puts(o, "</td></tr>\n");
    }
    ck_buf_puts(o, "</tbody>\n</table>\n</body>\n</html>\n");
    ck_buf_free(&when);
}

/* ---- CSV ------------------------------------------------------------------- */

static void cell(ck_buf *o, const char *s, int last)
{
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    /* =, +, - and @ start a formula in Excel and Calc: a leading apostrophe
     * keeps a contract's name text. */
    int formula = *s && strchr("=+-@", *s) != NULL;

    if (quote || formula)
        ck_buf_putc(o, '"');
    if (formula)
        ck_buf_putc(o, '\'');
    for (; *s; s++) {
        if (*s == '"')
            ck_buf_putc(o, '"');
        ck_buf_putc(o, *s);
    }
    if (quote || formula)
        ck_buf_putc(o, '"');
    ck_buf_puts(o, last ? "\r\n" : ",");
}

static void number(ck_buf *o, long long n)
{
    ck_buf_printf(o, "%lld,", n);
}

void ck_report_index_csv(const ck_report_index *ix, ck_buf *o)
{
    char label[64];

    ck_buf_puts(o, "\xEF\xBB\xBF");
    cell(o, ck_tr("契約", "Contract"), 0);
    cell(o, ck_tr("報告", "Report"), 0);
    cell(o, ck_tr("必要項目待處理", "Required gaps"), 0);
    cell(o, ck_tr("衝突", "Conflict"), 0);
    cell(o, ck_tr("缺漏", "Missing"), 0);
    cell(o, ck_tr("部分符合", "Partial"), 0);
    cell(o, ck_tr("符合", "Present"), 0);
    cell(o, ck_tr("不適用", "Not applicable"), 0);
    cell(o, ck_tr("建議項目待處理", "Recommended gaps"), 0);
    cell(o, ck_tr("待處理的必要項目", "The required gaps"), 1);
    for (size_t i = 0; i < ix->count; i++) {
        const ck_report_index_row *row = &ix->rows[i];
        ck_buf gaps = CK_BUF_INIT;
        cell(o, row->file, 0);
        cell(o, row->report, 0);
        number(o, row->required_gaps);
        number(o, (long long)row->status_counts[CK_STATUS_CONFLICT]);
        number(o, (long long)row->status_counts[CK_STATUS_MISSING]);
        number(o, (long long)row->status_counts[CK_STATUS_PARTIAL]);
        number(o, (long long)row->status_counts[CK_STATUS_PRESENT]);
        number(o, (long long)row->status_counts[CK_STATUS_NOT_APPLICABLE]);
        number(o, row->recommended_gaps);
        ck_buf_puts(&gaps, "");
        for (size_t k = 0; k < row->gap_count; k++)
            ck_buf_printf(&gaps, "%s%s %s（%s）", k ? ck_tr("；", "; ") : "", row->gaps[k].id, row->gaps[k].title,
                          ck_report_status_label(row->gaps[k].status, label, sizeof label));
        cell(o, gaps.data, 1);
        ck_buf_free(&gaps);
    }
}
