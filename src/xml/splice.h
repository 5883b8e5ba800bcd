/* splice.h — editing a part by splicing bytes into its original text.
 *
 * Writers that annotate a contract must leave everything they did not mean
 * to change exactly as it was, byte for byte. They do not re-serialise the
 * XML: a scanner walks the original text of a part (already known to be
 * well-formed, because the reader parsed it) and reports where elements
 * start and end, and a splice list inserts or removes text at those byte
 * offsets.
 */
#ifndef CK_XML_SPLICE_H
#define CK_XML_SPLICE_H

#include <stddef.h>

#include "util/buf.h"

/* One tag of the text. Offsets are bytes into the scanned text. */
typedef struct ck_xml_tag {
    enum { CK_TAG_START, CK_TAG_END, CK_TAG_EMPTY } type;
    size_t start;          /* offset of '<' */
    size_t end;            /* offset just past '>' */
    const char *name;      /* qualified name, not NUL-terminated */
    size_t name_len;
} ck_xml_tag;

typedef struct ck_xml_scanner {
    const char *text;
    size_t len;
    size_t pos;
} ck_xml_scanner;

void ck_xml_scanner_init(ck_xml_scanner *s, const char *text, size_t len);

/* Moves to the next tag, skipping text, comments, CDATA, processing
 * instructions and declarations. Returns 1 with *tag filled, 0 at the end,
 * -1 on text that is not well-formed. */
int ck_xml_scan_next(ck_xml_scanner *s, ck_xml_tag *tag);

/* True when the tag's qualified name is prefix:local (prefix may be empty). */
int ck_xml_tag_is(const ck_xml_tag *tag, const char *prefix, const char *local);

/* The value of attribute qname inside the tag (not unescaped) as a
 * pointer into the text and a length; returns 0 when absent. */
int ck_xml_tag_attr(const char *text, const ck_xml_tag *tag, const char *qname, const char **value,
                    size_t *len);

/* The first occurrence of needle in text[0..len), or NULL. */
const char *ck_xml_find(const char *text, size_t len, const char *needle);

/* Finds the prefix the root element binds to namespace uri: writes it to
 * out (size bytes) and returns 1, or 0 when the root does not declare it.
 * A default namespace gives the empty prefix. */
int ck_xml_root_prefix(const char *text, size_t len, const char *uri, char *out, size_t size);

/* A list of edits to one text: insert text at an offset, or delete a range. */
typedef struct ck_splice {
    size_t at;     /* offset in the original */
    size_t remove; /* bytes to delete starting at `at` */
    char *insert;  /* owned, NUL-terminated */
    size_t order;  /* keeps insertions at one offset in the order given */
} ck_splice;

typedef struct ck_splice_list {
    ck_splice *items;
    size_t count, capacity;
} ck_splice_list;

void ck_splice_insert(ck_splice_list *list, size_t at, const char *text);
void ck_splice_remove(ck_splice_list *list, size_t at, size_t len);
/* Applies the edits to text, appending the result to out. Removed ranges
 * must not overlap. */
void ck_splice_apply(ck_splice_list *list, const char *text, size_t len, ck_buf *out);
void ck_splice_list_free(ck_splice_list *list);

#endif
