/* paragraph.h — the one definition of "the Nth paragraph element of a part".
 *
 * The readers record, for each block, the ordinal of the paragraph element
 * it came from (ck_block.source_index); the annotation writers find that
 * element again by scanning the original bytes of the part. Both count with
 * ck_xml_is_paragraph, by namespace URI and local name, never by prefix:
 * every start tag it accepts counts, in document order, wherever it is
 * (tables, text boxes, both branches of mc:AlternateContent, content
 * controls, notes, comments, deleted text kept in text:tracked-changes).
 */
#ifndef CK_XML_PARAGRAPH_H
#define CK_XML_PARAGRAPH_H

#include <stddef.h>

typedef enum ck_paragraph_format {
    CK_PARAGRAPHS_DOCX, /* w:p, transitional or Strict WordprocessingML */
    CK_PARAGRAPHS_ODT   /* text:p and text:h */
} ck_paragraph_format;

/* True when the element named local in namespace uri (NULL: none) is a
 * paragraph element of format. */
int ck_xml_is_paragraph(ck_paragraph_format format, const char *uri, const char *local);

/* True when uri is WordprocessingML's main namespace (transitional or Strict). */
int ck_xml_is_w(const char *uri, size_t len);

#endif
