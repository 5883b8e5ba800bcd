#include "annotate/paragraphs.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "xml/splice.h"

static int is_para(const ck_xml_tag *tag, const char *prefix, const char *const *locals)
{
    for (const char *const *l = locals; *l; l++)
        if (ck_xml_tag_is(tag, prefix, *l))
            return 1;
    return 0;
}

int ck_para_scan(const char *text, size_t len, const char *prefix, const char *const *locals,
                 const char *container_prefix, const char *container_local, const char *props_local,
                 const char *tail_local, const char *item_local, ck_para_map *map)
{
    ck_xml_scanner s;
    ck_xml_tag tag;
    size_t capacity = 0, top_first = 0, item_first = 0;
    int in_item = 0;
    size_t *open = NULL, open_count = 0, open_capacity = 0; /* stack of open paragraph indexes */
    long depth = 0, container_depth = -1;
    long props_depth = -1; /* depth of a properties element being skipped */
    int found_container = 0, rc;

    memset(map, 0, sizeof *map);
    ck_xml_scanner_init(&s, text, len);
    while ((rc = ck_xml_scan_next(&s, &tag)) == 1) {
        int para = is_para(&tag, prefix, locals);
        if (tag.type == CK_TAG_START || tag.type == CK_TAG_EMPTY) {
            long d = depth + 1;
            if (container_depth < 0 && ck_xml_tag_is(&tag, container_prefix, container_local) &&
                tag.type == CK_TAG_START) {
                container_depth = d;
                found_container = 1;
                map->container_open_end = tag.end;
                map->tail_start = 0;
            } else if (container_depth >= 0 && d == container_depth + 1) {
                top_first = map->count;
                if (tail_local && ck_xml_tag_is(&tag, prefix, tail_local))
                    map->tail_start = tag.start;
            } else if (container_depth >= 0 && d == container_depth + 2 && item_local &&
                       tag.type == CK_TAG_START && ck_xml_tag_is(&tag, prefix, item_local)) {
                item_first = map->count;
                in_item = 1;
            }
            /* Properties right after a paragraph's start tag. */
            if (props_local && open_count && ck_xml_tag_is(&tag, prefix, props_local)) {
                ck_para_pos *p = &map->paras[open[open_count - 1]];
                if (p->content_start == (size_t)(tag.start) ||
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
                ck_para_pos *p = &map->paras[map->count];
                memset(p, 0, sizeof *p);
                p->start = tag.start;
                p->content_start = tag.end;
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
        } else {
            if (props_depth == depth && open_count) {
                map->paras[open[open_count - 1]].content_start = tag.end;
                props_depth = -1;
            }
            if (para && open_count) {
                ck_para_pos *p = &map->paras[open[--open_count]];
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
            depth--;
        }
    }
    free(open);
    if (rc < 0 || !found_container) {
        ck_para_map_free(map);
        return -1;
    }
    return 0;
}

void ck_para_map_free(ck_para_map *map)
{
    free(map->paras);
    memset(map, 0, sizeof *map);
}
