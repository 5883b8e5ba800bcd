/* common.h — private to src/writer: what the DOCX, ODT and HTML writers
 * share (conventions, options, table widths, atomic plain files). Not part
 * of the public interface; other modules use writer.h. */
#ifndef CK_WRITER_COMMON_H
#define CK_WRITER_COMMON_H

#include <stddef.h>
#include <stdio.h>

#include "writer/writer.h"

/* Node kinds the writers switch on: cmark's core types keep their own
 * values; the GFM extension types, which have no public constants, are
 * mapped to these. */
enum {
    CK_NODE_TABLE = 0x10000,
    CK_NODE_TABLE_ROW,
    CK_NODE_TABLE_CELL,
    CK_NODE_STRIKETHROUGH,
    CK_NODE_OTHER
};

/* cmark's type, or one of the CK_NODE_* above for extension nodes. */
int ck_writer_node_kind(cmark_node *node);

/* opt with every zero or NULL field replaced by its default (opt may be NULL). */
void ck_writer_resolve_options(const ck_writer_options *opt, ck_writer_options *out);

/* Splits opt->language ("zh-TW") into language and country ("zh", "TW");
 * country is "" when the tag has none. */
void ck_writer_language_parts(const char *tag, char *language, size_t lsize, char *country, size_t csize);

/* The title: opt->title, or the plain text of the first level-1 heading
 * of docs[0], or "". Appended to out (unescaped). */
void ck_writer_title(cmark_node *const *docs, size_t n, const ck_writer_options *opt, ck_buf *out);

/* The plain text of node's inline descendants, appended to out. */
void ck_writer_plain_text(cmark_node *node, ck_buf *out);

/* True for an HTML block that is the page-break comment. */
int ck_writer_is_page_break(cmark_node *node);
/* True when text (an HTML block or inline literal) is nothing but HTML
 * comments and white space. */
int ck_writer_is_comment(const char *text);
/* True for a paragraph that is a signature line (see writer.h). */
int ck_writer_is_signature(cmark_node *node);
/* True for a paragraph or heading, not itself a signature line, directly
 * followed by a signature line: it is kept on the signature's page. */
int ck_writer_keeps_with_signature(cmark_node *node);
/* True for a signature line directly followed by another one. */
int ck_writer_signature_continues(cmark_node *node);

/* True for a paragraph holding a hard line break. Such a paragraph is
 * not justified: Word and LibreOffice would stretch the line before the
 * break across the page. */
int ck_writer_has_hard_break(cmark_node *node);

/* What a soft line break becomes: "" between two CJK characters, else " ". */
const char *ck_writer_soft_break(cmark_node *softbreak);

/* True for a link target the writers may keep (http, https, mailto). */
int ck_writer_url_is_safe(const char *url);

/* Relative column widths of a table, summing to 1: in proportion to the
 * widest cell of each column (a CJK character counts twice), with a floor
 * so that short columns stay readable. share has ncols slots. */
void ck_writer_table_widths(cmark_node *table, size_t ncols, double *share);
/* Alignment of column i: 'l', 'c', 'r' or 0 when the table does not say. */
char ck_writer_table_alignment(cmark_node *table, size_t i);
/* Number of columns of the table (at least 1). */
size_t ck_writer_table_columns(cmark_node *table);

/* Character formatting in force while walking inlines. */
typedef struct ck_writer_marks {
    int emph, strong, strike;
} ck_writer_marks;

/* Counts emphasis, strong and strikethrough in and out; returns 1 when
 * node is one of them. */
int ck_writer_marks_track(ck_writer_marks *m, cmark_node *node, int enter);
/* The CK_WRITER_* bits now in force. */
unsigned ck_writer_marks_bits(const ck_writer_marks *m);
/* The text an inline leaf shows, with *extra set to CK_WRITER_CODE for a
 * code span (else 0): text, code, inline HTML that is not a comment (as
 * literal text), a soft break. NULL for every other node. */
const char *ck_writer_inline_text(cmark_node *node, unsigned *extra);

/* Opens (open = 1) or closes one cell of the current table row. */
typedef void (*ck_writer_cell_fn)(void *ctx, int open);

/* A GFM table being written. Each row gets exactly one cell per column
 * of the header: missing cells are padded, surplus ones skipped, along
 * with everything inside them. The writer says how a cell is written
 * (put_cell); the table decides when. */
typedef struct ck_writer_table {
    cmark_node *node;
    size_t cols;  /* columns, at least 1 */
    size_t cell;  /* index of the current cell in its row */
    int header;   /* the current row is the header row */
    int skipping; /* inside a surplus cell: ignore every node */
    ck_writer_cell_fn put_cell;
    void *ctx;    /* handed to put_cell */
} ck_writer_table;

void ck_writer_table_start(ck_writer_table *t, cmark_node *table, ck_writer_cell_fn put_cell, void *ctx);
void ck_writer_table_row(ck_writer_table *t, cmark_node *row);
/* On a cell's entry and exit: opens or closes it through put_cell, and
 * moves to the next cell on exit; nothing for a surplus cell. */
void ck_writer_table_cell(ck_writer_table *t, int enter);
/* At a row's end: pads it with empty cells up to the header's count. */
void ck_writer_table_row_end(ck_writer_table *t);
/* True for a node (of kind, see ck_writer_node_kind) inside a surplus
 * cell: the writer ignores it. */
int ck_writer_table_skips(const ck_writer_table *t, int kind);

/* Called for each event of a walk, with the writer's state. */
typedef void (*ck_writer_visit_fn)(void *ctx, cmark_node *node, cmark_event_type ev);
/* Walks doc, calling visit for each entry and exit. */
void ck_writer_walk(cmark_node *doc, ck_writer_visit_fn visit, void *ctx);

/* Writes a run of text with the given CK_WRITER_* bits (as
 * ck_writer_docx_put_run and ck_writer_odt_put_span do). */
typedef void (*ck_writer_run_fn)(ck_buf *out, const char *text, size_t len, unsigned marks);
/* The inline part of a DOCX or ODT walk: keeps m up to date on
 * emphasis, strong and strikethrough, and writes the text an inline leaf
 * shows (see ck_writer_inline_text) through put_run. */
void ck_writer_put_inline(ck_writer_marks *m, cmark_node *node, int enter, ck_buf *out, ck_writer_run_fn put_run);

/* Appends text escaped for XML (or HTML when html is set). Text is
 * expected in UTF-8, but a value may come from a roster saved in another
 * encoding: any byte sequence that is not UTF-8, and the code points XML
 * forbids, become U+FFFD, so the file always opens. */
void ck_writer_put_escaped(ck_buf *b, const char *text, size_t len, int html);

/* Appends <tag>text</tag>, text escaped; nothing when text is NULL or "". */
void ck_writer_put_element(ck_buf *b, const char *tag, const char *text);

/* Adds b's bytes to the package as name and empties b (the memory is
 * handed over). Parts under 2 KiB are stored rather than deflated: a
 * deflate stream costs more to set up than it saves on a kilobyte, and
 * bulk runs write thousands of packages. */
int ck_writer_zip_add_buf(ck_zip_writer *w, const char *name, ck_buf *b, ck_error *err);
/* The same for a part written to a file (taken over and closed). */
int ck_writer_zip_add_part(ck_zip_writer *w, const char *name, FILE *part, ck_error *err);
/* The same for static text (copied). */
int ck_writer_zip_add_static(ck_zip_writer *w, const char *name, const char *data, size_t len, ck_error *err);

/* The documents a renderer walks: an array (docs), or made one at a time
 * by next and freed after they are walked. */
typedef struct ck_writer_source {
    size_t count;
    cmark_node *const *docs;
    ck_writer_next_fn next;
    void *ctx;
} ck_writer_source;

/* Document i of src into *doc; *owned is 1 when the caller must free it. */
int ck_writer_source_get(const ck_writer_source *src, size_t i, cmark_node **doc, int *owned, ck_error *err);

/* The length of a code or HTML block's literal without its closing line
 * breaks (0 for NULL): what a literal paragraph shows. */
size_t ck_writer_literal_length(const char *text);

/* Appends out to spill and empties it (spill NULL: keeps it). */
int ck_writer_spill(ck_buf *out, FILE *spill, ck_error *err);

/* Renders document i of a source, doc, with the renderer's state ctx. */
typedef int (*ck_writer_each_fn)(void *ctx, cmark_node *doc, size_t i, ck_error *err);

/* Calls each for every document of src in turn, freeing those made for
 * the call, and spills out into spill after each: what every renderer
 * over a source does. Stops at the first error and returns it. */
int ck_writer_source_each(const ck_writer_source *src, ck_writer_each_fn each, void *ctx, ck_buf *out, FILE *spill,
                          ck_error *err);

/* The renderers over a source. With spill, the main part goes to that file
 * as each document is done instead of piling up in out (ODT: the body,
 * while its automatic styles wait in memory). */
int ck_writer_docx_render_source(const ck_writer_source *src, const ck_writer_options *opt, ck_buf *out,
                                 ck_buf *numbering, FILE *spill, ck_error *err);
int ck_writer_odt_render_source(const ck_writer_source *src, const ck_writer_options *opt, ck_buf *out,
                                FILE *spill, ck_error *err);
int ck_writer_html_render_source(const ck_writer_source *src, const ck_writer_options *opt, ck_buf *out,
                                 FILE *spill, ck_error *err);

/* Fills a package for write_many: renders docs with opt (defaults
 * resolved, title set) and adds every part to w. */
typedef int (*ck_writer_package_fill)(ck_zip_writer *w, cmark_node *const *docs, size_t n,
                                      const ck_writer_options *opt, ck_error *err);

/* The body of the DOCX and ODT write_many: options and title resolved,
 * the package opened at path, filled, committed, or aborted on error so
 * that nothing appears at path. */
int ck_writer_package_write(cmark_node *const *docs, size_t n, const ck_writer_options *opt, const char *path,
                            ck_writer_package_fill fill, ck_error *err);

/* The same into memory: the package's bytes appended to out. */
int ck_writer_package_bytes(cmark_node *const *docs, size_t n, const ck_writer_options *opt,
                            ck_writer_package_fill fill, ck_buf *out, ck_error *err);

/* The same for documents from a source, the main part streamed: the fill
 * renders src and adds every part to w. */
typedef int (*ck_writer_package_fill_stream)(ck_zip_writer *w, const ck_writer_source *src,
                                             const ck_writer_options *opt, ck_error *err);
int ck_writer_package_write_stream(const ck_writer_source *src, const ck_writer_options *opt, const char *path,
                                   ck_writer_package_fill_stream fill, ck_error *err);
int ck_writer_docx_write_stream(const ck_writer_source *src, const ck_writer_options *opt, const char *path,
                                ck_error *err);
int ck_writer_odt_write_stream(const ck_writer_source *src, const ck_writer_options *opt, const char *path,
                               ck_error *err);

/* Plain files (HTML, Markdown). A renderer of docs into out, and one of a
 * source that spills each document to a file as it is done. */
typedef int (*ck_writer_render_fn)(cmark_node *const *docs, size_t n, const ck_writer_options *opt, ck_buf *out,
                                   ck_error *err);
typedef int (*ck_writer_render_source_fn)(const ck_writer_source *src, const ck_writer_options *opt, ck_buf *out,
                                          FILE *spill, ck_error *err);

/* The body of the HTML and Markdown write_many: rendered in memory, one
 * plain file written atomically. */
int ck_writer_plain_write(ck_writer_render_fn render, cmark_node *const *docs, size_t n,
                          const ck_writer_options *opt, const char *path, ck_error *err);

/* The body of their write_stream: rendered into an anonymous temporary
 * file, then copied to path through util/file (whole or not at all). */
int ck_writer_plain_write_stream(ck_writer_render_source_fn render, const ck_writer_source *src,
                                 const ck_writer_options *opt, const char *path, ck_error *err);
int ck_writer_html_write_stream(const ck_writer_source *src, const ck_writer_options *opt, const char *path,
                                ck_error *err);
int ck_writer_md_write_stream(const ck_writer_source *src, const ck_writer_options *opt, const char *path,
                              ck_error *err);

/* Writes data to path through a temporary file in the same folder and a
 * rename, so nothing half-written ever appears at path. */
int ck_writer_file_write(const char *path, const char *data, size_t len, ck_error *err);

/* Sets err for a writer given no document at all. */
int ck_writer_no_documents(const char *path, ck_error *err);

#endif
