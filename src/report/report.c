/* report.c — what every report writer shares: file facts, excerpts,
 * labels, and saving without leaving half a file. */
#include "report/report.h"
#include "util/file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "data/ids.h"
#include "util/lang.h"
#include "util/sha256.h"

int ck_report_input_stat(ck_report_input *in, const char *path, ck_error *err)
{
    FILE *f = fopen(path, "rb");
    ck_sha256 ctx;
    uint8_t digest[32], chunk[65536];
    size_t n;
    long long size = 0;
    time_t now = time(NULL);
    struct tm tm;

    if (!f) {
        ck_error_set(err, CK_EIO, ck_tr("無法讀取：%s", "cannot read: %s"), ck_strerror(errno));
        ck_error_set_file(err, path);
        return CK_EIO;
    }
    ck_sha256_init(&ctx);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        ck_sha256_update(&ctx, chunk, n);
        size += (long long)n;
    }
    if (ferror(f)) {
        fclose(f);
        ck_error_set(err, CK_EIO, "%s", ck_tr("讀取檔案時發生錯誤", "read error"));
        ck_error_set_file(err, path);
        return CK_EIO;
    }
    fclose(f);
    ck_sha256_final(&ctx, digest);
    for (int i = 0; i < 32; i++)
        snprintf(in->sha256 + 2 * i, 3, "%02x", digest[i]);
    in->file_size = size;
    /* SOURCE_DATE_EPOCH makes reports reproducible (tests, archives). */
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch)
        now = (time_t)strtoll(epoch, NULL, 10);
    in->generated_at = (long long)now;
    gmtime_r(&now, &tm);
    strftime(in->generated, sizeof in->generated, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return 0;
}

void ck_report_local_time(const ck_report_input *in, ck_buf *out)
{
    time_t t = (time_t)in->generated_at;
    struct tm tm;

    localtime_r(&t, &tm);
    if (ck_lang_current() == CK_LANG_EN)
        ck_buf_printf(out, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                      tm.tm_min);
    else /* 民國 years count from 1912 */
        ck_buf_printf(out, "中華民國%d年%d月%d日 %02d:%02d", tm.tm_year + 1900 - 1911, tm.tm_mon + 1, tm.tm_mday,
                      tm.tm_hour, tm.tm_min);
}

const char *ck_report_gap_heading(ck_rule_severity severity)
{
    return severity == CK_SEVERITY_REQUIRED ? ck_tr("必須修改：必要項目", "Must change: required")
                                            : ck_tr("建議修改：建議項目", "Should change: recommended");
}

const char *ck_report_no_gaps(ck_rule_severity severity)
{
    return severity == CK_SEVERITY_REQUIRED ? ck_tr("必要項目均已符合。", "Every required clause is there.")
                                            : ck_tr("建議項目均已符合。", "Every recommended clause is there.");
}

size_t ck_report_gaps(const ck_match_result *r, ck_rule_severity severity, size_t *order)
{
    static const ck_status first_to_last[] = { CK_STATUS_CONFLICT, CK_STATUS_MISSING, CK_STATUS_PARTIAL };
    size_t n = 0;

    for (size_t s = 0; s < sizeof first_to_last / sizeof first_to_last[0]; s++)
        for (size_t i = 0; i < r->count; i++)
            if (r->findings[i].status == first_to_last[s] && r->findings[i].rule->severity == severity)
                order[n++] = i;
    return n;
}

size_t ck_report_suggestions(const ck_match_result *r, size_t *order)
{
    size_t n = 0;
    for (size_t i = 0; i < r->count; i++)
        if (r->findings[i].status == CK_STATUS_PRESENT && r->findings[i].missing_optional_count)
            order[n++] = i;
    return n;
}

void ck_report_render(ck_report_format format, const ck_report_input *in, ck_buf *out)
{
    switch (format) {
    case CK_REPORT_MARKDOWN:
    case CK_REPORT_DOCX: ck_report_markdown(in, out); break;
    case CK_REPORT_HTML: ck_report_html(in, out); break;
    case CK_REPORT_JSON: ck_report_json(in, out); break;
    case CK_REPORT_TEXT:
    default: ck_report_text(in, out); break;
    }
}

int ck_report_format_parse(const char *name, ck_report_format *format)
{
    if (strcmp(name, "text") == 0 || strcmp(name, "txt") == 0)
        *format = CK_REPORT_TEXT;
    else if (strcmp(name, "md") == 0 || strcmp(name, "markdown") == 0)
        *format = CK_REPORT_MARKDOWN;
    else if (strcmp(name, "html") == 0)
        *format = CK_REPORT_HTML;
    else if (strcmp(name, "json") == 0)
        *format = CK_REPORT_JSON;
    else if (strcmp(name, "docx") == 0)
        *format = CK_REPORT_DOCX;
    else
        return -1;
    return 0;
}

const char *ck_report_extension(ck_report_format format)
{
    static const char *const ext[] = { "txt", "md", "html", "json", "docx" };
    return (unsigned)format < 5 ? ext[format] : "txt";
}

int ck_report_save(const char *path, const char *data, size_t len, ck_error *err)
{
    return ck_file_write(path, data, len, err);
}

void ck_report_location(const ck_document *doc, size_t block, ck_buf *out)
{
    const ck_block *b;
    if (!doc || block >= doc->count) {
        ck_buf_puts(out, "-");
        return;
    }
    b = &doc->blocks[block];
    if (b->location && *b->location) {
        ck_buf_puts(out, b->location);
        return;
    }
    ck_buf_printf(out, "%s %zu", ck_block_kind_label(b->kind), block + 1);
}

void ck_report_places(const ck_report_input *in, const ck_finding *f, size_t max, ck_buf *out)
{
    ck_buf seen = CK_BUF_INIT; /* "\n" then each location followed by "\n" */
    size_t shown = 0, more = 0;

    ck_buf_putc(&seen, '\n');
    for (size_t e = 0; e < f->evidence_count; e++) {
        ck_buf loc = CK_BUF_INIT;
        ck_report_location(in->doc, f->evidence[e].block, &loc);
        ck_buf_putc(&loc, '\n');
        /* Whole lines only: "\n第四條\n" must not be found in "\n第十四條\n". */
        ck_buf key = CK_BUF_INIT;
        ck_buf_printf(&key, "\n%s", loc.data);
        int dup = strstr(seen.data, key.data) != NULL;
        ck_buf_free(&key);
        if (!dup) {
            ck_buf_append(&seen, loc.data, loc.len);
            if (shown < max) {
                if (shown)
                    ck_buf_puts(out, ck_tr("；", "; "));
                ck_buf_append(out, loc.data, loc.len - 1);
                shown++;
            } else {
                more++;
            }
        }
        ck_buf_free(&loc);
    }
    if (more)
        ck_buf_printf(out, ck_tr("；另 %zu 處", "; %zu more"), more);
    if (!shown)
        ck_buf_puts(out, "—");
    ck_buf_free(&seen);
}

/* Moves i back to the start of a UTF-8 character. */
static size_t char_start(const char *t, size_t i)
{
    while (i > 0 && ((unsigned char)t[i] & 0xC0) == 0x80)
        i--;
    return i;
}

void ck_report_excerpt_make(const ck_evidence *ev, size_t context, ck_report_excerpt *out)
{
    size_t len = strlen(ev->text), from = 0, to = len, pos;

    memset(out, 0, sizeof *out);
    if (ev->match_count) {
        size_t first = ev->matches[0].start, last = ev->matches[ev->match_count - 1].end;
        if (first > context)
            from = char_start(ev->text, first - context);
        if (last + context < len)
            to = char_start(ev->text, last + context);
    } else if (len > 2 * context) {
        to = char_start(ev->text, 2 * context);
    }
    out->cut_before = from > 0;
    out->cut_after = to < len;
    out->pieces = ck_calloc(2 * ev->match_count + 2, sizeof *out->pieces);
    pos = from;
    for (size_t i = 0; i < ev->match_count; i++) {
        size_t s = ev->matches[i].start, e = ev->matches[i].end;
        if (e > to)
            e = to;
        if (s < pos)
            s = pos;
        if (s >= e)
            continue;
        if (s > pos)
            out->pieces[out->count++] = (ck_report_piece){ pos, s, 0 };
        out->pieces[out->count++] = (ck_report_piece){ s, e, 1 };
        pos = e;
    }
    if (pos < to)
        out->pieces[out->count++] = (ck_report_piece){ pos, to, 0 };
}

void ck_report_excerpt_free(ck_report_excerpt *ex)
{
    if (!ex)
        return;
    free(ex->pieces);
    ex->pieces = NULL;
    ex->count = 0;
}

void ck_report_put_excerpt(ck_buf *out, const ck_evidence *ev, size_t context, ck_report_escape_fn escape,
                           const char *mark_open, const char *mark_close)
{
    ck_report_excerpt ex;
    /* Masked whole before it is cut, so a number the cut splits is
     * still recognised; the mask keeps byte offsets. */
    char *text = ck_id_masked_copy(ev->text);

    ck_report_excerpt_make(ev, context, &ex);
    if (ex.cut_before)
        ck_buf_puts(out, "…");
    for (size_t p = 0; p < ex.count; p++) {
        if (ex.pieces[p].marked)
            ck_buf_puts(out, mark_open);
        escape(out, text + ex.pieces[p].start, ex.pieces[p].end - ex.pieces[p].start);
        if (ex.pieces[p].marked)
            ck_buf_puts(out, mark_close);
    }
    if (ex.cut_after)
        ck_buf_puts(out, "…");
    ck_report_excerpt_free(&ex);
    free(text);
}

int ck_report_one_place(const ck_report_input *in, const ck_finding *f)
{
    ck_buf all = CK_BUF_INIT, first = CK_BUF_INIT;
    int one;

    if (!f->evidence_count)
        return 0;
    ck_report_places(in, f, 3, &all);
    ck_report_location(in->doc, f->evidence[0].block, &first);
    one = strcmp(all.data, first.data) == 0;
    ck_buf_free(&all);
    ck_buf_free(&first);
    return one;
}

void ck_report_put_short_quote(ck_buf *out, const ck_evidence *ev, ck_report_escape_fn escape, const char *mark_open,
                               const char *mark_close)
{
    ck_evidence first = *ev;
    size_t end;

    if (first.match_count > 1)
        first.match_count = 1;
    /* A long match (a whole sentence) is itself cut to its start. */
    if (first.match_count && first.matches[0].end - first.matches[0].start > 60) {
        ck_range *r = &first.matches[0];
        end = char_start(ev->text, r->start + 60);
        ck_range cut = { r->start, end };
        first.matches = &cut;
        ck_report_put_excerpt(out, &first, 24, escape, mark_open, mark_close);
        return;
    }
    ck_report_put_excerpt(out, &first, 24, escape, mark_open, mark_close);
}

const char *ck_report_status_label(ck_status status, char *buf, size_t size)
{
    if (ck_lang_current() == CK_LANG_EN)
        snprintf(buf, size, "%s", ck_match_status_name(status));
    else
        snprintf(buf, size, "%s %s", ck_match_status_label_zh(status), ck_match_status_name(status));
    return buf;
}

void ck_report_element_names(const ck_rule *rule, const size_t *indices, size_t count, ck_buf *out)
{
    for (size_t i = 0; i < count; i++) {
        if (i)
            ck_buf_puts(out, ck_tr("、", ", "));
        ck_buf_puts(out, ck_rule_text_get(&rule->elements[indices[i]].name));
    }
}

/* The smallest amount threshold of a condition, 0 when it is not amount-based. */
static long long amount_threshold(const ck_rule_set_condition *c)
{
    long long t = 0;
    for (size_t d = 0; d < c->definition_count; d++)
        if (c->definitions[d]->amount_at_least > 0 && (t == 0 || c->definitions[d]->amount_at_least < t))
            t = c->definitions[d]->amount_at_least;
    return t;
}

void ck_report_put_number(ck_buf *out, long long amount)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%lld", amount < 0 ? -amount : amount);

    if (amount < 0)
        ck_buf_putc(out, '-');
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            ck_buf_putc(out, ',');
        ck_buf_putc(out, digits[i]);
    }
}

void ck_report_decision(const ck_report_input *in, const ck_applicability *a, ck_buf *out)
{
    ck_buf_puts(out, ck_tr("（", " ("));
    switch (a->decided_by) {
    case CK_DECIDED_ASSUMED:
        ck_buf_puts(out, ck_tr("--assume 指定", "set with --assume"));
        break;
    case CK_DECIDED_AMOUNT:
        ck_buf_puts(out, ck_tr("契約金額新臺幣 ", "contract amount NT$"));
        ck_report_put_number(out, a->amount);
        ck_buf_puts(out, ck_tr(" 元", ""));
        if (a->has_evidence) {
            ck_buf_puts(out, ck_tr("，", ", "));
            ck_report_location(in->doc, a->evidence.block, out);
        }
        break;
    case CK_DECIDED_TEXT:
        ck_report_location(in->doc, a->evidence.block, out);
        break;
    case CK_DECIDED_NO_TEXT:
    default:
        if (amount_threshold(a->condition) > 0)
            ck_buf_puts(out, ck_tr("契約中未載明契約金額", "the contract states no contract amount"));
        else
            ck_buf_puts(out, ck_tr("契約中找不到相關文字", "no text in the contract says so"));
        break;
    }
    ck_buf_puts(out, ck_tr("）", ")"));
}

void ck_report_not_applicable_reason(const ck_report_input *in, const ck_applicability *a, ck_buf *out)
{
    const char *desc;
    if (!a) {
        ck_buf_puts(out, ck_tr("適用條件不成立", "its condition does not hold"));
        return;
    }
    desc = a->condition->definition_count ? ck_rule_text_get(&a->condition->definitions[0]->description)
                                          : a->condition->name;
    if (a->decided_by == CK_DECIDED_ASSUMED)
        ck_buf_printf(out, ck_tr("條件「%s」（%s）依 --assume no-%s 視為不成立",
                                 "condition '%s' (%s) set off with --assume no-%s"),
                      a->condition->name, desc, a->condition->name);
    else
        ck_buf_printf(out, ck_tr("條件「%s」（%s）不成立", "condition '%s' (%s) does not hold"), a->condition->name,
                      desc);
    if (a->decided_by != CK_DECIDED_ASSUMED)
        ck_report_decision(in, a, out);
    if (a->decided_by == CK_DECIDED_NO_TEXT)
        ck_buf_printf(out, ck_tr("；如實際適用，請以 --assume %s 指定", "; if it does apply, use --assume %s"),
                      a->condition->name);
}
