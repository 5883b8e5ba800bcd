/* paragraphs.h — where each paragraph element of a part starts and ends in
 * its original text (internal to the annotation writers). */
#ifndef CK_ANNOTATE_PARAGRAPHS_H
#define CK_ANNOTATE_PARAGRAPHS_H

#include <stddef.h>

typedef struct ck_para_pos {
    size_t start;         /* '<' of the start tag */
    size_t content_start; /* past the start tag and its properties element, if first */
    size_t close_start;   /* '<' of the end tag (for an empty element: its '<') */
    size_t end;           /* past the end tag */
    size_t top_end;       /* past the end of the container child holding it */
    size_t item_close;    /* '<' of the end tag of the container's list item holding it
                             (the item of a list that is a direct child of the container),
                             0 when it is in none */
    int empty;            /* written as an empty element <p/> */
    int top_level;        /* a direct child of the container */
} ck_para_pos;

typedef struct ck_para_map {
    ck_para_pos *paras;   /* in document order: source_index is the index here */
    size_t count;
    size_t container_open_end; /* past the container's start tag (w:body, office:text) */
    size_t container_close;    /* '<' of the container's end tag */
    size_t tail_start;         /* '<' of the container's last child named tail (w:sectPr), or container_close */
} ck_para_map;

/* Scans text for paragraph elements. prefix/locals name them ("w", {"p"});
 * container_prefix/container_local the element whose children are the body
 * (w:body, office:text); props_local the properties element that must stay
 * first in a paragraph (w:pPr) or NULL; tail_local a last child that must
 * stay last (w:sectPr) or NULL. Returns 0, or -1 when the text is not
 * well-formed or has no container. item_local names the list item element
 * (text:list-item) whose end item_close records, or NULL. Free the map with
 * ck_para_map_free. */
int ck_para_scan(const char *text, size_t len, const char *prefix, const char *const *locals,
                 const char *container_prefix, const char *container_local, const char *props_local,
                 const char *tail_local, const char *item_local, ck_para_map *map);
void ck_para_map_free(ck_para_map *map);

#endif
