#include "annotate/paragraphs.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "xml/splice.h"
#include "xml/xml.h"

/* ---- namespaces in scope ---------------------------------------------------------- */

typedef struct ns_binding {
    const char *prefix, *uri; /* into the text, not NUL-terminated */
    size_t prefix_len, uri_len;
    long depth;               /* of the element declaring it */
} ns_binding;

typedef struct ns_scope {
    ns_binding *items;
    size_t count, capacity;
} ns_scope;

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Pushes the xmlns and xmlns:p declarations of a start or empty tag. */
static void declare(ns_scope *ns, const char *text, const ck_xml_tag *tag, long depth)
{
    size_t i = (size_t)(tag->name - text) + tag->name_len;
    while (i < tag->end) {
        while (i < tag->end && is_space(text[i]))
            i++;
        size_t name = i;
        while (i < tag->end && text[i] != '=' && text[i] != '>' && text[i] != '/' && !is_space(text[i]))
            i++;
        size_t name_len = i - name;
        while (i < tag->end && text[i] != '"' && text[i] != '\'' && text[i] != '>')
            i++;
        if (i >= tag->end || text[i] == '>')
            return;
        char quote = text[i++];
        size_t value = i;
        while (i < tag->end && text[i] != quote)
            i++;
        size_t value_len = i - value;
        i++;
        if (name_len < 5 || memcmp(text + name, "xmlns", 5) != 0 || (name_len > 5 && text[name + 5] != ':'))
            continue;
        if (ns->count == ns->capacity) {
            ns->capacity = ns->capacity ? ns->capacity * 2 : 32;
            ns->items = ck_realloc(ns->items, ns->capacity * sizeof *ns->items);
        }
        ns_binding *b = &ns->items[ns->count++];
        b->prefix = text + name + (name_len > 5 ? 6 : 5);
        b->prefix_len = name_len > 5 ? name_len - 6 : 0;
        b->uri = text + value;
        b->uri_len = value_len;
        b->depth = depth;
    }
}

static void leave(ns_scope *ns, long depth)
{
    while (ns->count && ns->items[ns->count - 1].depth >= depth)
        ns->count--;
}

/* The namespace URI and local name of a tag, as NUL-terminated copies (an
 * undeclared prefix, or a name too long for the buffers, gives uri ""). */
static void resolve(const ns_scope *ns, const ck_xml_tag *tag, char *uri, size_t uri_size, char *local,
                    size_t local_size)
{
    const char *colon = memchr(tag->name, ':', tag->name_len);
    size_t prefix_len = colon ? (size_t)(colon - tag->name) : 0;
    const char *l = colon ? colon + 1 : tag->name;
    size_t l_len = tag->name_len - (size_t)(l - tag->name);

    uri[0] = local[0] = '\0';
    if (l_len >= local_size)
        return;
    memcpy(local, l, l_len);
    local[l_len] = '\0';
    for (size_t i = ns->count; i-- > 0;) {
        const ns_binding *b = &ns->items[i];
        if (b->prefix_len == prefix_len && memcmp(b->prefix, tag->name, prefix_len) == 0) {
            if (b->uri_len < uri_size) {
                memcpy(uri, b->uri, b->uri_len);
                uri[b->uri_len] = '\0';
            }
            return;
        }
    }
}

/* ---- the scan ------------------------------------------------------------------------ */

int ck_annotate_paragraphs_scan(const char *text, size_t len, ck_paragraph_format format,
                                ck_annotate_paragraphs *map)
{
    const int docx = format == CK_PARAGRAPHS_DOCX;
    ck_xml_scanner s;
    ck_xml_tag tag;
    ns_scope ns = { NULL, 0, 0 };
    size_t capacity = 0, top_first = 0, item_first = 0;
    int in_item = 0;
    size_t *open = NULL, open_count = 0, open_capacity = 0; /* stack of open paragraph indexes */
    size_t *cells = NULL, cell_count = 0, cell_capacity = 0, cells_seen = 0; /* open table cells */
    long *cell_depths = NULL;
    size_t *starts = NULL, starts_capacity = 0; /* start offset of the open element at each depth */
    unsigned char *controls = NULL;             /* whether the open element at each depth is w:sdtContent */
    long depth = 0, container_depth = -1;
    long props_depth = -1; /* depth of a properties element being skipped */
    int found_container = 0, rc;
    char uri[256], local[64];

    memset(map, 0, sizeof *map);
    ck_xml_scanner_init(&s, text, len);
    while ((rc = ck_xml_scan_next(&s, &tag)) == 1) {
        if (tag.type == CK_TAG_START || tag.type == CK_TAG_EMPTY) {
            long d = depth + 1;
            declare(&ns, text, &tag, d);
            if ((size_t)d >= starts_capacity) {
                starts_capacity = (size_t)d * 2 + 16;
                starts = ck_realloc(starts, starts_capacity * sizeof *starts);
                controls = ck_realloc(controls, starts_capacity);
            }
            starts[d] = tag.start;
            resolve(&ns, &tag, uri, sizeof uri, local, sizeof local);
            int w = docx && ck_xml_is_w(uri, strlen(uri));
            controls[d] = w && strcmp(local, "sdtContent") == 0;
            int para = ck_xml_is_paragraph(format, uri, local);
            if (tag.type == CK_TAG_START && (docx ? w && strcmp(local, "tc") == 0
                                                  : strcmp(uri, CK_NS_TABLE) == 0 && strcmp(local, "table-cell") == 0)) {
                if (cell_count == cell_capacity) {
                    cell_capacity = cell_capacity ? cell_capacity * 2 : 16;
                    cells = ck_realloc(cells, cell_capacity * sizeof *cells);
                    cell_depths = ck_realloc(cell_depths, cell_capacity * sizeof *cell_depths);
                }
                cell_depths[cell_count] = d;
                cells[cell_count++] = ++cells_seen;
            }
            if (container_depth < 0 && tag.type == CK_TAG_START && !found_container &&
                (docx ? w && strcmp(local, "body") == 0
                      : strcmp(uri, CK_NS_OFFICE) == 0 && strcmp(local, "text") == 0)) {
                container_depth = d;
                found_container = 1;
                map->container_open_end = tag.end;
                map->tail_start = 0;
            } else if (container_depth >= 0 && d == container_depth + 1) {
                top_first = map->count;
                if (w && strcmp(local, "sectPr") == 0)
                    map->tail_start = tag.start;
            } else if (container_depth >= 0 && d == container_depth + 2 && !docx && tag.type == CK_TAG_START &&
                       strcmp(uri, CK_NS_TEXT) == 0 && strcmp(local, "list-item") == 0) {
                item_first = map->count;
                in_item = 1;
            }
            /* Properties right after a paragraph's start tag. */
            if (w && open_count && strcmp(local, "pPr") == 0) {
                ck_annotate_paragraph *p = &map->paras[open[open_count - 1]];
                if (p->content_start == tag.start ||
                    strspn(text + p->content_start, " \t\r\n") >= tag.start - p->content_start) {
                    if (tag.type == CK_TAG_EMPTY)
                        p->content_start = tag.end;
                    else
                        props_depth = d;
                }
            }
            if (para) {
                if (map->count == capacity) {
                    capacity = capacity ? capacity * 2 : 256;
                    map->paras = ck_realloc(map->paras, capacity * sizeof *map->paras);
                }
                ck_annotate_paragraph *p = &map->paras[map->count];
                memset(p, 0, sizeof *p);
                p->start = tag.start;
                p->content_start = tag.end;
                p->parent = open_count ? (long)open[open_count - 1] : -1;
                p->holder = docx ? starts[d - 1] : (cell_count ? cells[cell_count - 1] : 0);
                p->in_control = docx && d > 1 && controls[d - 1];
                p->top_level = container_depth >= 0 && d == container_depth + 1;
                if (tag.type == CK_TAG_EMPTY) {
                    p->empty = 1;
                    p->close_start = tag.start;
                    p->end = tag.end;
                } else {
                    if (open_count == open_capacity) {
                        open_capacity = open_capacity ? open_capacity * 2 : 16;
                        open = ck_realloc(open, open_capacity * sizeof *open);
                    }
                    open[open_count++] = map->count;
                }
                map->count++;
            }
            if (tag.type == CK_TAG_EMPTY && container_depth >= 0 && d == container_depth + 1)
                for (size_t i = top_first; i < map->count; i++)
                    map->paras[i].top_end = tag.end;
            if (tag.type == CK_TAG_START)
                depth = d;
            else
                leave(&ns, d);
        } else {
            resolve(&ns, &tag, uri, sizeof uri, local, sizeof local);
            int para = ck_xml_is_paragraph(format, uri, local);
            if (props_depth == depth && open_count) {
                map->paras[open[open_count - 1]].content_start = tag.end;
                props_depth = -1;
            }
            if (para && open_count) {
                ck_annotate_paragraph *p = &map->paras[open[--open_count]];
                p->close_start = tag.start;
                p->end = tag.end;
            }
            if (container_depth >= 0 && depth == container_depth + 2 && in_item) {
                for (size_t i = item_first; i < map->count; i++)
                    map->paras[i].item_close = tag.start;
                in_item = 0;
            }
            if (container_depth >= 0 && depth == container_depth + 1)
                for (size_t i = top_first; i < map->count; i++)
                    map->paras[i].top_end = tag.end;
            if (container_depth >= 0 && depth == container_depth) {
                map->container_close = tag.start;
                if (!map->tail_start)
                    map->tail_start = tag.start;
                container_depth = -1;
            }
            if (cell_count && cell_depths[cell_count - 1] == depth)
                cell_count--;
            leave(&ns, depth);
            depth--;
        }
    }
    free(open);
    free(cells);
    free(starts);
    free(controls);
    free(cell_depths);
    free(ns.items);
    if (rc < 0 || !found_container) {
        ck_annotate_paragraphs_free(map);
        return -1;
    }
    return 0;
}

void ck_annotate_paragraphs_free(ck_annotate_paragraphs *map)
{
    free(map->paras);
    memset(map, 0, sizeof *map);
}

/* Past a block-level content control: the nearest paragraph before i in none. */
static size_t out_of_control(const ck_annotate_paragraphs *map, size_t i)
{
    size_t k = i;
    while (k < map->count && map->paras[k].in_control) {
        if (k == 0)
            return i;
        k = ck_annotate_paragraphs_outermost(map, k - 1);
    }
    return k < map->count ? k : i;
}

void ck_annotate_paragraphs_span(const ck_annotate_paragraphs *map, size_t first, size_t last, size_t *from,
                                 size_t *to)
{
    *from = out_of_control(map, ck_annotate_paragraphs_outermost(map, first));
    *to = out_of_control(map, ck_annotate_paragraphs_outermost(map, last));
    if (*to < *from || (*from != *to && map->paras[*from].holder != map->paras[*to].holder))
        *to = *from;
}

size_t ck_annotate_paragraphs_outermost(const ck_annotate_paragraphs *map, size_t i)
{
    while (i < map->count && map->paras[i].parent >= 0)
        i = (size_t)map->paras[i].parent;
    return i;
}

size_t ck_annotate_paragraphs_first_body(const ck_annotate_paragraphs *map)
{
    size_t first = 0;
    while (first < map->count && (!map->paras[first].top_level || map->paras[first].empty))
        first++;
    return first;
}

const ck_annotate_paragraph *ck_annotate_paragraphs_insertable(const ck_annotate_paragraphs *map, long i)
{
    if (i < 0 || (size_t)i >= map->count || !map->paras[i].top_end)
        return NULL;
    return &map->paras[i];
}
