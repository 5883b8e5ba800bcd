/* odt_styles.c — the styles the ODT reader needs: paragraph and text styles
 * (for hidden text, list styles and outline levels) and list styles (for
 * labels), found through a hash map; parent chains are followed a bounded
 * number of steps so a style that names itself as its parent cannot loop. */
#include "reader/odt_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MAX_PARENT_STEPS = 32, MAX_KEY = 512 };

/* ---- string map ------------------------------------------------------------------ */

static size_t hash_bytes(const char *key, size_t len)
{
    size_t h = 1469598103934665603u; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)key[i];
        h *= 1099511628211u;
    }
    return h;
}

static ck_odt_map_entry *find_slot(const ck_odt_map *map, const char *key, size_t key_len)
{
    size_t mask = map->capacity - 1;
    for (size_t i = hash_bytes(key, key_len) & mask;; i = (i + 1) & mask) {
        ck_odt_map_entry *e = &map->slots[i];
        if (!e->key || (e->key_len == key_len && memcmp(e->key, key, key_len) == 0))
            return e;
    }
}

void ck_odt_map_put(ck_odt_map *map, const char *key, size_t key_len, size_t value)
{
    if (2 * (map->count + 1) > map->capacity) {
        ck_odt_map bigger = { NULL, 0, map->capacity ? map->capacity * 2 : 64 };
        bigger.slots = ck_calloc(bigger.capacity, sizeof *bigger.slots);
        for (size_t i = 0; i < map->capacity; i++)
            if (map->slots[i].key)
                *find_slot(&bigger, map->slots[i].key, map->slots[i].key_len) = map->slots[i];
        bigger.count = map->count;
        free(map->slots);
        *map = bigger;
    }
    ck_odt_map_entry *e = find_slot(map, key, key_len);
    if (!e->key) {
        e->key = ck_malloc(key_len ? key_len : 1);
        memcpy(e->key, key, key_len);
        e->key_len = key_len;
        map->count++;
    }
    e->value = value;
}

int ck_odt_map_get(const ck_odt_map *map, const char *key, size_t key_len, size_t *value)
{
    if (!map->capacity)
        return 0;
    const ck_odt_map_entry *e = find_slot(map, key, key_len);
    if (!e->key)
        return 0;
    *value = e->value;
    return 1;
}

void ck_odt_map_free(ck_odt_map *map)
{
    if (!map)
        return;
    for (size_t i = 0; i < map->capacity; i++)
        free(map->slots[i].key);
    free(map->slots);
    memset(map, 0, sizeof *map);
}

/* Keys: one byte each for family and scope, then the name. Names longer
 * than any a style needs are cut; they still only match themselves in
 * practice, and the map stays bounded. */
static size_t style_key(char *key, int family, int scope, const char *name)
{
    size_t n = strlen(name);
    if (n > MAX_KEY - 2)
        n = MAX_KEY - 2;
    key[0] = (char)('0' + family);
    key[1] = (char)('0' + scope);
    memcpy(key + 2, name, n);
    return n + 2;
}

/* ---- styles ------------------------------------------------------------------------ */

static void free_list_style(ck_odt_list_style *list)
{
    free(list->name);
    for (int i = 0; i < CK_ODT_LEVELS; i++) {
        ck_odt_level *l = &list->levels[i];
        free(l->format);
        free(l->prefix);
        free(l->suffix);
        free(l->bullet);
        free(l->list_format);
    }
}

void ck_odt_styles_free(ck_odt_styles *styles)
{
    if (!styles)
        return;
    for (size_t i = 0; i < styles->count; i++) {
        free(styles->styles[i].name);
        free(styles->styles[i].display_name);
        free(styles->styles[i].parent);
        free(styles->styles[i].list_style);
    }
    for (size_t i = 0; i < styles->list_count; i++) {
        free_list_style(styles->lists[i]);
        free(styles->lists[i]);
    }
    free_list_style(&styles->outline);
    free(styles->styles);
    free(styles->lists);
    ck_odt_map_free(&styles->style_index);
    ck_odt_map_free(&styles->list_index);
    memset(styles, 0, sizeof *styles);
}

/* Table-of-contents paragraph styles: LibreOffice's "Contents 1".."Contents 10"
 * and "Contents Heading" (Word's "TOC 1" when converted), in either the
 * XML name (Contents_20_1) or the display name, or a Chinese 目錄 name. */
static int toc_name(const char *name)
{
    static const char *const prefixes[] = { "Contents_20_", "Contents ", "TOC_20_", "TOC ", "目錄" };
    if (!name)
        return 0;
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t n = strlen(prefixes[i]);
        if (strncasecmp(name, prefixes[i], n) == 0)
            return 1;
    }
    return 0;
}

ck_odt_style *ck_odt_styles_add(ck_odt_styles *styles, const char *name, const char *display_name,
                                ck_odt_scope scope, ck_odt_family family, const char *parent)
{
    if (styles->count == styles->capacity) {
        styles->capacity = styles->capacity ? styles->capacity * 2 : 32;
        styles->styles = ck_realloc(styles->styles, styles->capacity * sizeof *styles->styles);
    }
    ck_odt_style *s = &styles->styles[styles->count++];
    memset(s, 0, sizeof *s);
    s->name = ck_strdup(name ? name : "");
    s->scope = scope;
    s->family = family;
    s->parent = parent && *parent ? ck_strdup(parent) : NULL;
    s->display_name = display_name && *display_name ? ck_strdup(display_name) : NULL;
    s->toc = family == CK_ODT_FAMILY_PARAGRAPH && (toc_name(s->name) || toc_name(s->display_name));
    s->display = -1;
    char key[MAX_KEY];
    ck_odt_map_put(&styles->style_index, key, style_key(key, family, scope, s->name), styles->count - 1);
    return s;
}

static void init_list_style(ck_odt_list_style *list, const char *name, ck_odt_scope scope)
{
    memset(list, 0, sizeof *list);
    list->name = ck_strdup(name ? name : "");
    list->scope = scope;
    for (int i = 0; i < CK_ODT_LEVELS; i++) {
        list->levels[i].start_value = 1;
        list->levels[i].display_levels = 1;
    }
}

ck_odt_list_style *ck_odt_styles_add_list(ck_odt_styles *styles, const char *name, ck_odt_scope scope,
                                          int outline)
{
    if (outline) {
        /* One outline style per document; a second one replaces the first. */
        free_list_style(&styles->outline);
        init_list_style(&styles->outline, name, scope);
        styles->has_outline = 1;
        return &styles->outline;
    }
    if (styles->list_count == styles->list_capacity) {
        styles->list_capacity = styles->list_capacity ? styles->list_capacity * 2 : 16;
        styles->lists = ck_realloc(styles->lists, styles->list_capacity * sizeof *styles->lists);
    }
    /* Each list style has its own allocation: open lists keep pointers to
     * their style while later declarations grow the array. */
    ck_odt_list_style *list = ck_malloc(sizeof *list);
    styles->lists[styles->list_count++] = list;
    init_list_style(list, name, scope);
    char key[MAX_KEY];
    ck_odt_map_put(&styles->list_index, key, style_key(key, 0, scope, list->name), styles->list_count - 1);
    return list;
}

const ck_odt_style *ck_odt_style_find(const ck_odt_styles *styles, const char *name, ck_odt_family family,
                                      ck_odt_scope scope)
{
    char key[MAX_KEY];
    size_t i;
    if (!name)
        return NULL;
    if (scope != CK_ODT_SCOPE_COMMON &&
        ck_odt_map_get(&styles->style_index, key, style_key(key, family, scope, name), &i))
        return &styles->styles[i];
    if (ck_odt_map_get(&styles->style_index, key, style_key(key, family, CK_ODT_SCOPE_COMMON, name), &i))
        return &styles->styles[i];
    return NULL;
}

const ck_odt_list_style *ck_odt_list_style_find(const ck_odt_styles *styles, const char *name,
                                                ck_odt_scope scope)
{
    char key[MAX_KEY];
    size_t i;
    if (!name)
        return NULL;
    if (scope != CK_ODT_SCOPE_COMMON && ck_odt_map_get(&styles->list_index, key, style_key(key, 0, scope, name), &i))
        return styles->lists[i];
    if (ck_odt_map_get(&styles->list_index, key, style_key(key, 0, CK_ODT_SCOPE_COMMON, name), &i))
        return styles->lists[i];
    return NULL;
}

/* A parent is looked up from the scope of the child: an automatic style's
 * parent is a common style, and a common style's parent is common too. */
static const ck_odt_style *parent_of(const ck_odt_styles *styles, const ck_odt_style *s)
{
    return s->parent ? ck_odt_style_find(styles, s->parent, s->family, s->scope) : NULL;
}

int ck_odt_style_hidden(const ck_odt_styles *styles, const char *name, ck_odt_family family, ck_odt_scope scope)
{
    const ck_odt_style *s = ck_odt_style_find(styles, name, family, scope);
    for (int steps = 0; s && steps < MAX_PARENT_STEPS; steps++, s = parent_of(styles, s))
        if (s->display >= 0)
            return s->display == 0;
    return 0;
}

const char *ck_odt_style_list_style(const ck_odt_styles *styles, const char *name, ck_odt_scope scope)
{
    const ck_odt_style *s = ck_odt_style_find(styles, name, CK_ODT_FAMILY_PARAGRAPH, scope);
    for (int steps = 0; s && steps < MAX_PARENT_STEPS; steps++, s = parent_of(styles, s))
        if (s->list_style)
            return *s->list_style ? s->list_style : NULL;
    return NULL;
}

int ck_odt_style_outline_level(const ck_odt_styles *styles, const char *name, ck_odt_scope scope)
{
    const ck_odt_style *s = ck_odt_style_find(styles, name, CK_ODT_FAMILY_PARAGRAPH, scope);
    for (int steps = 0; s && steps < MAX_PARENT_STEPS; steps++, s = parent_of(styles, s))
        if (s->outline_level > 0)
            return s->outline_level;
    return 0;
}

const char *ck_odt_style_common_name(const ck_odt_styles *styles, const char *name, ck_odt_scope scope)
{
    const ck_odt_style *s = ck_odt_style_find(styles, name, CK_ODT_FAMILY_PARAGRAPH, scope);
    for (int steps = 0; s && steps < MAX_PARENT_STEPS; steps++, s = parent_of(styles, s))
        if (s->scope == CK_ODT_SCOPE_COMMON)
            return s->display_name ? s->display_name : s->name;
    return name;
}

int ck_odt_style_toc(const ck_odt_styles *styles, const char *name, ck_odt_scope scope)
{
    const ck_odt_style *s = ck_odt_style_find(styles, name, CK_ODT_FAMILY_PARAGRAPH, scope);
    for (int steps = 0; s && steps < MAX_PARENT_STEPS; steps++, s = parent_of(styles, s))
        if (s->toc)
            return 1;
    return 0;
}
