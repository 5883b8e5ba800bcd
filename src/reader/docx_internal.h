/* docx_internal.h — pieces of the DOCX reader shared between its files:
 * the style table (docx_styles.c), the numbering engine (numbering.c) and
 * the symbol-font map. Not part of the public reader API. */
#ifndef CK_READER_DOCX_INTERNAL_H
#define CK_READER_DOCX_INTERNAL_H

#include <libxml/tree.h>

#include "util/buf.h"
#include "util/error.h"
#include "zip/container.h"

/* True when uri is one of the two WordprocessingML namespaces
 * (transitional or Strict); both are read alike. */
int ck_docx_is_w(const xmlChar *uri);
/* DOM: node is a W element named local (either namespace). */
int ck_docx_dom_is(xmlNodePtr node, const char *local);
/* DOM: value of the w:local attribute of node (either namespace), copied
 * (caller frees with free()), or NULL. */
char *ck_docx_dom_attr(xmlNodePtr node, const char *local);
/* An on/off property's w:val (w:vanish, w:isLgl): on when absent (NULL)
 * or anything but 0/false/off. */
int ck_docx_is_on(const char *value);
/* DOM: first W child named local, or NULL. */
xmlNodePtr ck_docx_dom_child(xmlNodePtr node, const char *local);

/* ---- styles ---------------------------------------------------------------- */

typedef struct docx_style {
    char *id, *name, *based_on;
    int paragraph;       /* type="paragraph" (else character, table, numbering) */
    int has_num;         /* pPr/numPr present */
    int num_id, ilvl;    /* from numPr; ilvl -1 when absent */
    int outline;         /* pPr/outlineLvl 0..9, -1 when absent */
    int vanish;          /* rPr/vanish: 1, 0 (explicitly off), -1 absent */
    int is_default;
} docx_style;

/* What a paragraph style amounts to once its basedOn chain is followed. */
typedef struct docx_style_info {
    const char *name;    /* the style's own name (or id), NULL for none */
    int heading;         /* 1..9, 0 when not a heading */
    int toc;             /* a table-of-contents style (toc N, TOC Heading) */
    int has_num, num_id, ilvl;
    int vanish;          /* runs hidden by the style */
} docx_style_info;

typedef struct docx_styles {
    docx_style *items;   /* sorted by id for bsearch */
    size_t count;
    const docx_style *default_paragraph;
} docx_styles;

/* Reads styles.xml (part may be NULL: no styles). Caller frees with
 * ck_docx_styles_free. */
int ck_docx_styles_load(ck_zip *zip, const char *part, docx_styles *styles, ck_error *err);
void ck_docx_styles_free(docx_styles *styles);
const docx_style *ck_docx_style_find(const docx_styles *styles, const char *id);
/* Resolves paragraph style id (NULL: the default paragraph style). */
void ck_docx_style_resolve(const docx_styles *styles, const char *id, docx_style_info *info);
/* 1 when character style id (or what it is based on) hides text, 0 when it
 * shows it, -1 when it says nothing. */
int ck_docx_char_style_vanish(const docx_styles *styles, const char *id);

/* ---- numbering ----------------------------------------------------------- */

typedef struct docx_numbering docx_numbering;

/* Reads numbering.xml (part may be NULL). styles resolves numStyleLink.
 * Caller frees with ck_docx_numbering_free. */
int ck_docx_numbering_load(ck_zip *zip, const char *part, const docx_styles *styles,
                           docx_numbering **out, ck_error *err);
void ck_docx_numbering_free(docx_numbering *numbering);

/* Advances the counters for a paragraph numbered (num_id, ilvl) and writes
 * the label Word shows into label (cleared first; empty for numId 0 or an
 * unknown list). ilvl < 0 means "level of the paragraph style in the list,
 * else 0"; style_id is the paragraph's style. Returns the level used, or -1
 * when the paragraph is not numbered. *bullet is set for bullet lists. */
int ck_docx_numbering_next(docx_numbering *numbering, int num_id, int ilvl, const char *style_id,
                           ck_buf *label, int *bullet);

/* ---- symbols --------------------------------------------------------------- */

/* Appends the Unicode character a symbol-font code point stands for
 * (Wingdings check boxes, Symbol bullets); other code points as they are. */
void ck_docx_put_symbol(ck_buf *out, const char *font, unsigned long code);

#endif
