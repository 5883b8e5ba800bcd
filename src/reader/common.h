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

/* True when s (len bytes of UTF-8) holds only white space: ASCII, U+3000
 * ideographic space, U+00A0 no-break space. */
int ck_reader_blank(const char *s, size_t len);

/* The kind of a paragraph's block: the part it is in (part_kind, when not
 * CK_BLOCK_PARAGRAPH), then text box, table cell, heading, list item,
 * plain paragraph. */
ck_block_kind ck_reader_block_kind(ck_block_kind part_kind, int text_box, int in_table, int heading, int listed);

#endif
