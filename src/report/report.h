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
    CK_REPORT_JSON
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
    char generated[32];            /* ISO 8601 UTC, "2026-11-24T22:30:00Z" */
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

/* Dispatches on format. */
void ck_report_render(ck_report_format format, const ck_report_input *in, ck_buf *out);

/* "text", "md" (or "markdown"), "html", "json" -> format; 0 or -1. */
int ck_report_format_parse(const char *name, ck_report_format *format);
/* File extension of a format without the dot: "txt", "md", "html", "json". */
const char *ck_report_extension(ck_report_format format);

/* Writes len bytes to path through a temporary file in the same folder and
 * rename(), so the path holds either the old content or the whole report.
 * Returns 0 or CK_EIO (err names the path). */
int ck_report_save(const char *path, const char *data, size_t len, ck_error *err);

/* ---- shared by the writers ---------------------------------------------- */

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

/* ---- SHA-256 (sha256.c) ---------------------------------------------------
 * A small SHA-256 of our own (FIPS 180-4): the libraries the project links
 * (libxml2, libzip, pcre2, utf8proc, libyaml) do not expose one, and a
 * report digest does not justify a new crypto library dependency. */
typedef struct ck_sha256 {
    uint32_t state[8];
    uint64_t length;
    uint8_t block[64];
    size_t used;
} ck_sha256;

void ck_sha256_init(ck_sha256 *ctx);
void ck_sha256_update(ck_sha256 *ctx, const void *data, size_t len);
void ck_sha256_final(ck_sha256 *ctx, uint8_t digest[32]);
/* Lowercase hex of the digest of data, into hex[65]. */
void ck_sha256_hex(const void *data, size_t len, char hex[65]);

/* `check --explain ID`: the trace of rule ID's finding, one item a line
 * (explain.c). Returns 0, or -1 when the result has no rule ID. */
int ck_report_explain(const ck_report_input *in, const char *id, ck_buf *out);

/* The JSON array of a finding's trace (the "trace" of docs/report-schema.md). */
void ck_report_json_trace(const ck_report_input *in, const ck_finding *f, ck_buf *out);

#endif
