/* common.h — what the DOCX and ODT readers share; not used outside src/reader.
 *
 * Both readers turn a paragraph of the source into one ck_block the same
 * way: a paragraph with nothing but white space and no label is dropped,
 * and its kind follows one order of precedence, so that a contract reads
 * alike whether it was saved from Word or from LibreOffice.
 */
#ifndef CK_READER_COMMON_H
#define CK_READER_COMMON_H

#include <stddef.h>

#include "model/document.h"

/* Text one paragraph may hold: 1 MiB is some 350,000 Chinese characters,
 * hundreds of pages in one paragraph; no contract has one, and past it a
 * hostile part would make the model hold one huge string. */
#define CK_READER_MAX_PARAGRAPH_TEXT ((size_t)1 << 20)

/* Inside a SAX callback: when a paragraph holding have bytes of text would
 * grow by more past CK_READER_MAX_PARAGRAPH_TEXT, stops the parse with a
 * message and returns 1; else 0. */
int ck_reader_text_over_limit(void *ctx, size_t have, size_t more);

/* Inside a SAX callback: when the tables or the text boxes counted so far
 * pass CK_BLOCK_MAX_NUMBER (what a block can number), stops the parse with
 * a message and returns 1; else 0. */
int ck_reader_count_over_limit(void *ctx, long tables, long text_boxes);

/* clausekit's own tracked insertions (check --annotate): suggested clauses
 * not yet accepted are not contract text, so checking an annotated copy
 * again reports what the first check did. DOCX: w:ins by this author;
 * ODT: changed regions with ids starting with the prefix. */
#define CK_SUGGESTION_AUTHOR "clausekit"
#define CK_SUGGESTION_ID_PREFIX "ck-ct"
int ck_reader_is_suggestion(const char *author);

/* True when s (len bytes of UTF-8) holds only white space: ASCII, U+3000
 * ideographic space, U+00A0 no-break space. */
int ck_reader_blank(const char *s, size_t len);

/* The kind of a paragraph's block: the part it is in (part_kind, when not
 * CK_BLOCK_PARAGRAPH), then text box, table cell, heading, list item,
 * plain paragraph. */
ck_block_kind ck_reader_block_kind(ck_block_kind part_kind, int text_box, int in_table, int heading, int listed);

#endif
