/* paragraphs.h — where each paragraph element of a part starts and ends in
 * its original text (internal to the annotation writers). */
#ifndef CK_ANNOTATE_PARAGRAPHS_H
#define CK_ANNOTATE_PARAGRAPHS_H

#include <stddef.h>

#include "xml/paragraph.h"

typedef struct ck_annotate_paragraph {
    size_t start;         /* '<' of the start tag */
    size_t content_start; /* past the start tag and its properties element, if first */
    size_t close_start;   /* '<' of the end tag (for an empty element: its '<') */
    size_t end;           /* past the end tag */
    size_t top_end;       /* past the end of the container child holding it */
    size_t item_close;    /* '<' of the end tag of the container's list item holding it
                             (the item of a list that is a direct child of the container),
                             0 when it is in none */
    long parent;          /* index of the innermost paragraph holding this one (a text
                             box's paragraph inside the paragraph anchoring it), or -1 */
    size_t holder;        /* what a comment range on it may not leave: for DOCX the offset
                             of the element holding it (w:body, a w:tc, a block w:sdtContent),
                             for ODT the ordinal of its table cell (0 in none) */
    int in_control;       /* DOCX: a paragraph of a block-level content control (w:sdt),
                             which LibreOffice turns into a form field that loses comments */
    int empty;            /* written as an empty element <p/> */
    int top_level;        /* a direct child of the container */
} ck_annotate_paragraph;

typedef struct ck_annotate_paragraphs {
    ck_annotate_paragraph *paras;   /* in document order: source_index is the index here */
    size_t count;
    size_t container_open_end; /* past the container's start tag (w:body, office:text) */
    size_t container_close;    /* '<' of the container's end tag */
    size_t tail_start;         /* '<' of the container's last child named tail (w:sectPr), or container_close */
} ck_annotate_paragraphs;

/* Scans text for the paragraph elements of format, as ck_xml_is_paragraph
 * defines them (xml/paragraph.h): names are resolved to namespace URIs
 * through the xmlns declarations in scope, so map->paras[i] is the element
 * a reader gave source_index i. The container is w:body or office:text;
 * for DOCX, content_start skips a leading w:pPr and tail_start is the
 * body's w:sectPr; for ODT, item_close records the end of the top-level
 * text:list-item holding a paragraph. Returns 0, or -1 when the text is
 * not well-formed or has no container. Free the map with ck_annotate_paragraphs_free. */
int ck_annotate_paragraphs_scan(const char *text, size_t len, ck_paragraph_format format,
                                ck_annotate_paragraphs *map);
void ck_annotate_paragraphs_free(ck_annotate_paragraphs *map);

/* The outermost paragraph holding paragraph i (i itself when no paragraph
 * holds it): for a text box's paragraph, the paragraph anchoring the box. */
size_t ck_annotate_paragraphs_outermost(const ck_annotate_paragraphs *map, size_t i);

/* Paragraph i when the map has it and it ends a child of the container or
 * sits in one (top_end: where something can be inserted after it), else
 * NULL. i may be negative (none). */
const ck_annotate_paragraph *ck_annotate_paragraphs_insertable(const ck_annotate_paragraphs *map, long i);

/* The first paragraph of the body that is not empty (where a summary
 * comment goes), or map->count when there is none. */
size_t ck_annotate_paragraphs_first_body(const ck_annotate_paragraphs *map);

/* Where a comment on paragraphs first..last can go so that Word and
 * LibreOffice both keep it: text boxes give way to their anchoring
 * paragraph, a paragraph of a block-level content control to the nearest
 * paragraph before it that is in none, and a range may not leave what
 * holds its first paragraph (a table cell; see holder): it shrinks to its
 * first paragraph. */
void ck_annotate_paragraphs_span(const ck_annotate_paragraphs *map, size_t first, size_t last, size_t *from,
                                 size_t *to);

#endif
