/* value.c — the value tree records are read into, and cell trimming. */
#include "data/data.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* Width of a space the trim removes at p, or 0: ASCII whitespace, NBSP
 * (U+00A0, which Excel and web copies leave behind) and U+3000. */
static size_t space_at(const unsigned char *p, size_t left)
{
    if (left >= 1 && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '\v' || *p == '\f'))
        return 1;
    if (left >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
        return 2;
    if (left >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
        return 3;
    return 0;
}

/* Width of a space that ends at p[len]. */
static size_t space_before(const unsigned char *p, size_t len)
{
    if (len >= 1 && space_at(p + len - 1, 1) == 1)
        return 1;
    if (len >= 2 && space_at(p + len - 2, 2) == 2)
        return 2;
    if (len >= 3 && space_at(p + len - 3, 3) == 3)
        return 3;
    return 0;
}

char *ck_data_trim(char *s)
{
    size_t len, start = 0, w;
    if (!s)
        return s;
    len = strlen(s);
    while ((w = space_at((unsigned char *)s + start, len - start)) != 0)
        start += w;
    while (len > start && (w = space_before((unsigned char *)s + start, len - start)) != 0)
        len -= w;
    memmove(s, s + start, len - start);
    s[len - start] = '\0';
    return s;
}

ck_value *ck_value_new_string(const char *text, long line)
{
    ck_value *v = ck_calloc(1, sizeof *v);
    v->kind = CK_VALUE_STRING;
    v->string = ck_strdup(text ? text : "");
    v->line = line;
    return v;
}

ck_value *ck_value_new_list(long line)
{
    ck_value *v = ck_calloc(1, sizeof *v);
    v->kind = CK_VALUE_LIST;
    v->line = line;
    return v;
}

ck_value *ck_value_new_map(long line)
{
    ck_value *v = ck_value_new_list(line);
    v->kind = CK_VALUE_MAP;
    return v;
}

/* Grows items (and keys for a map) by one slot, doubling capacity. Capacity
 * is not stored: it is the next power of two at or above count. */
static void reserve_one(ck_value *v)
{
    size_t n = v->count;
    if (n == 0 || (n & (n - 1)) == 0) {
        size_t cap = n ? n * 2 : 4;
        v->items = ck_realloc(v->items, cap * sizeof *v->items);
        if (v->kind == CK_VALUE_MAP)
            v->keys = ck_realloc(v->keys, cap * sizeof *v->keys);
    }
}

void ck_value_list_append(ck_value *list, ck_value *item)
{
    reserve_one(list);
    list->items[list->count++] = item;
}

void ck_value_map_put(ck_value *map, const char *key, ck_value *item)
{
    reserve_one(map);
    map->keys[map->count] = ck_strdup(key);
    map->items[map->count++] = item;
}

const ck_value *ck_value_get(const ck_value *map, const char *key)
{
    if (!map || map->kind != CK_VALUE_MAP || !key)
        return NULL;
    for (size_t i = 0; i < map->count; i++)
        if (strcmp(map->keys[i], key) == 0)
            return map->items[i];
    return NULL;
}

void ck_value_free(ck_value *value)
{
    /* Iterative: a hostile record may nest deeply, and freeing must not
     * recurse. Children are pushed on an explicit stack. */
    ck_value **stack = NULL;
    size_t depth = 0, cap = 0;
    if (!value)
        return;
    stack = ck_malloc(16 * sizeof *stack);
    cap = 16;
    stack[depth++] = value;
    while (depth > 0) {
        ck_value *v = stack[--depth];
        for (size_t i = 0; i < v->count; i++) {
            if (depth == cap) {
                cap *= 2;
                stack = ck_realloc(stack, cap * sizeof *stack);
            }
            stack[depth++] = v->items[i];
            if (v->keys)
                free(v->keys[i]);
        }
        free(v->keys);
        free(v->items);
        free(v->string);
        free(v);
    }
    free(stack);
}

ck_value *ck_roster_row_value(const ck_roster *roster, size_t i)
{
    const ck_row *row;
    ck_value *map;
    if (!roster || i >= roster->row_count)
        return NULL;
    row = &roster->rows[i];
    map = ck_value_new_map(row->line);
    for (size_t c = 0; c < roster->columns; c++) {
        ck_value *cell;
        if (!roster->headers[c][0])
            continue;
        cell = ck_value_new_string(row->cells[c].text, row->line);
        if (row->cells[c].kind == CK_CELL_DATE) {
            cell->is_date = 1;
            cell->date = row->cells[c].date;
        }
        ck_value_map_put(map, roster->headers[c], cell);
    }
    return map;
}
