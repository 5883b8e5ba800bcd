/* common.h — private to src/writer: what the DOCX, ODT and HTML writers
 * share (conventions, options, table widths, atomic plain files). Not part
 * of the public interface; other modules use writer.h. */
#ifndef CK_WRITER_COMMON_H
#define CK_WRITER_COMMON_H

#include <stddef.h>

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

/* Writes data to path through a temporary file in the same folder and a
 * rename, so nothing half-written ever appears at path. */
int ck_writer_file_write(const char *path, const char *data, size_t len, ck_error *err);

/* Sets err for a writer given no document at all. */
int ck_writer_no_documents(const char *path, ck_error *err);

#endif
