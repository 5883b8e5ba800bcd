/* report.h — findings as people and programs read them.
 *
 * One writer per format, each in its own file: text.c (a terminal, zh-TW
 * or English, colour only when asked), markdown.c and html.c (for legal
 * reviewers: summary, table of requirements, quoted evidence with the
 * matched words marked, the model clause for each gap), json.c (the stable
 * schema of docs/report-schema.md). Writers append to a ck_buf and never
 * touch the file system; ck_report_save() writes a finished report with
 * temp + rename so nothing half-written is ever left behind.
 */
#ifndef CK_REPORT_H
#define CK_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "match/match.h"
#include "model/document.h"
#include "rules/pack.h"
#include "util/buf.h"
#include "util/error.h"

typedef enum ck_report_format {
    CK_REPORT_TEXT = 0,
    CK_REPORT_MARKDOWN,
    CK_REPORT_HTML,
    CK_REPORT_JSON,
    CK_REPORT_DOCX                 /* the Markdown report through the DOCX writer */
} ck_report_format;

enum { CK_REPORT_SCHEMA_VERSION = 1 };

/* Everything a report shows. Nothing here is owned by the report. */
typedef struct ck_report_input {
    const char *file;              /* the path as the user gave it */
    long long file_size;           /* bytes */
    char sha256[65];               /* lowercase hex of the file's bytes */
    const ck_document *doc;
    const ck_rule_set *set;
    const ck_match_result *result;
    char generated[32];            /* ISO 8601 UTC, "2026-11-24T22:30:00Z" (the JSON's) */
    long long generated_at;        /* the same moment in seconds since the epoch */
    int color;                     /* text: ANSI colours (the caller decides: terminal, NO_COLOR) */
} ck_report_input;

/* Fills file_size, sha256 and generated from the file at path (the other
 * fields are left as they are). Returns 0 or CK_EIO with err naming it. */
int ck_report_input_stat(ck_report_input *in, const char *path, ck_error *err);

/* The writers: append the whole report to out. */
void ck_report_text(const ck_report_input *in, ck_buf *out);
void ck_report_markdown(const ck_report_input *in, ck_buf *out);
void ck_report_html(const ck_report_input *in, ck_buf *out);
void ck_report_json(const ck_report_input *in, ck_buf *out);

/* The style sheet the HTML report carries inline (static; `clausekit
 * serve` serves it to show reports on its page). */
const char *ck_report_html_style(void);

/* The report as a Word document reviewers can edit and send on: the
 * Markdown report's text, parsed by cmark-gfm and written by the DOCX
 * writer (src/writer), so both say the same. Written at path as the writer
 * writes (temporary file, then rename); 0 or a CK_E* code with err set. */
int ck_report_docx_write(const ck_report_input *in, const char *path, ck_error *err);

/* Dispatches on format (DOCX: the Markdown text it is made from). */
void ck_report_render(ck_report_format format, const ck_report_input *in, ck_buf *out);

/* "text", "md" (or "markdown"), "html", "json", "docx" -> format; 0 or -1. */
int ck_report_format_parse(const char *name, ck_report_format *format);
/* File extension of a format without the dot: "txt", "md", "html", "json", "docx". */
const char *ck_report_extension(ck_report_format format);

/* Writes len bytes to path through a temporary file in the same folder and
 * rename(), so the path holds either the old content or the whole report.
 * Returns 0 or CK_EIO (err names the path). */
int ck_report_save(const char *path, const char *data, size_t len, ck_error *err);

/* ---- the overview of a batch (index.c) -------------------------------------
 * `check` on several contracts into a folder also writes DIR/index.html and
 * DIR/index.csv: one row per contract with its counts and required gaps,
 * linking to its report, the contracts needing most work first. */
typedef struct ck_report_index_gap {
    char *id, *title;
    ck_status status;
} ck_report_index_gap;

typedef struct ck_report_index_row {
    char *file;                    /* the contract as the user named it */
    char *report;                  /* its report's name inside the folder */
    size_t status_counts[CK_STATUS_COUNT];
    int required_gaps, recommended_gaps;
    ck_report_index_gap *gaps;     /* required gaps in the order to fix them */
    size_t gap_count;
} ck_report_index_row;

typedef struct ck_report_index {
    ck_report_index_row *rows;
    size_t count, capacity;
    long long generated_at;        /* seconds since the epoch, shown as local time */
} ck_report_index;

/* Adds the row of one contract (copies what it keeps from r). */
void ck_report_index_add(ck_report_index *index, const char *file, const char *report, const ck_match_result *r);
/* Most required gaps first, then most recommended gaps, then by name. */
void ck_report_index_sort(ck_report_index *index);
/* The overview as one self-contained HTML page (links are relative). */
void ck_report_index_html(const ck_report_index *index, ck_buf *out);
/* The overview for Excel: UTF-8 with a byte order mark, CRLF, RFC 4180
 * quoting; a cell that a spreadsheet would take as a formula is kept text. */
void ck_report_index_csv(const ck_report_index *index, ck_buf *out);
void ck_report_index_free(ck_report_index *index);

/* ---- shared by the writers ---------------------------------------------- */

/* The time the report was made, local, as people write it: zh-TW
 * "中華民國115年12月7日 18:24", English "2026-12-07 18:24". */
void ck_report_local_time(const ck_report_input *in, ck_buf *out);

/* What to fix first. The findings of r that are gaps (partial, conflict,
 * missing) of the given severity, in the order a reviewer works through
 * them: conflicts, then missing, then partial, each in rule order. Their
 * indices go to order (room for r->count); returns how many. */
size_t ck_report_gaps(const ck_match_result *r, ck_rule_severity severity, size_t *order);
/* The heading over the gaps of a severity ("必須修改：必要項目"), and what
 * stands under it when there are none; static strings in the current
 * language. */
const char *ck_report_gap_heading(ck_rule_severity severity);
const char *ck_report_no_gaps(ck_rule_severity severity);

/* Requirements that are met but could state more (optional elements not
 * found): indices into order (room for r->count); returns how many. */
size_t ck_report_suggestions(const ck_match_result *r, size_t *order);

/* Where the evidence is: the block's location, else its kind and number
 * ("段落 12" / "paragraph 12"). Appended to out. */
void ck_report_location(const ck_document *doc, size_t block, ck_buf *out);

/* The distinct locations of a finding's evidence, at most max of them,
 * joined with "；" / "; ", then "另 N 處" / "N more". "—" when none. */
void ck_report_places(const ck_report_input *in, const ck_finding *f, size_t max, ck_buf *out);

/* One piece of a quoted excerpt: [start, end) of the block text, marked
 * when it is a match. An excerpt is the evidence's block text cut to about
 * `context` bytes around the matches (at character boundaries). */
typedef struct ck_report_piece {
    size_t start, end;
    int marked;
} ck_report_piece;

typedef struct ck_report_excerpt {
    ck_report_piece *pieces;
    size_t count;
    int cut_before, cut_after;     /* text was left out before / after: show an ellipsis */
} ck_report_excerpt;

void ck_report_excerpt_make(const ck_evidence *ev, size_t context, ck_report_excerpt *out);
void ck_report_excerpt_free(ck_report_excerpt *ex);

/* Appends len bytes of s escaped for an output format. */
typedef void (*ck_report_escape_fn)(ck_buf *out, const char *s, size_t len);
/* Appends the excerpt of ev (context bytes either side of the matches):
 * an ellipsis where text is left out, every piece through escape, the
 * matched ones between mark_open and mark_close. */
void ck_report_put_excerpt(ck_buf *out, const ck_evidence *ev, size_t context, ck_report_escape_fn escape,
                           const char *mark_open, const char *mark_close);

/* 1 when all of a finding's evidence is in one place (its quote then says
 * where, and a separate 位置 line would repeat it). */
int ck_report_one_place(const ck_report_input *in, const ck_finding *f);

/* A one-line citation of ev: its first match with a few words either side
 * (about twenty characters of context), ellipses where text is left out. */
void ck_report_put_short_quote(ck_buf *out, const ck_evidence *ev, ck_report_escape_fn escape, const char *mark_open,
                               const char *mark_close);

/* Status for people: "符合 present" in zh-TW, "present" in English. */
const char *ck_report_status_label(ck_status status, char *buf, size_t size);

/* The element names of a list of indices, joined with "、" / ", ". */
void ck_report_element_names(const ck_rule *rule, const size_t *indices, size_t count, ck_buf *out);

/* How a condition was decided, as a parenthesis in the current language:
 * "（第二條）", "（--assume 指定）", "（契約中找不到相關文字）",
 * "（契約金額新臺幣 9,000,000 元）", "（契約中未載明契約金額）". */
void ck_report_decision(const ck_report_input *in, const ck_applicability *a, ck_buf *out);

/* Appends n grouped by thousands (2,400,000), as contracts and clerks
 * write sums and sizes. */
void ck_report_put_number(ck_buf *out, long long n);

/* Why a rule does not apply, one sentence in the current language. */
void ck_report_not_applicable_reason(const ck_report_input *in, const ck_applicability *a, ck_buf *out);

/* `check --explain ID`: the trace of rule ID's finding, one item a line
 * (explain.c). Returns 0, or -1 when the result has no rule ID. */
int ck_report_explain(const ck_report_input *in, const char *id, ck_buf *out);

/* The JSON array of a finding's trace (the "trace" of docs/report-schema.md). */
void ck_report_json_trace(const ck_report_input *in, const ck_finding *f, ck_buf *out);

#endif
