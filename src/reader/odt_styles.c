/* odt_styles.c — the styles the ODT reader needs: paragraph and text styles
 * (for hidden text, list styles and outline levels) and list styles (for
 * labels). Documents have at most a few thousand styles, so lookups are a
 * plain scan; parent chains are followed a bounded number of steps so a
 * style that names itself as its parent cannot loop. */
#include "reader/odt_internal.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_PARENT_STEPS = 32 };

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
        free(styles->styles[i].parent);
        free(styles->styles[i].list_style);
    }
    for (size_t i = 0; i < styles->list_count; i++)
        free_list_style(&styles->lists[i]);
    free_list_style(&styles->outline);
    free(styles->styles);
    free(styles->lists);
    memset(styles, 0, sizeof *styles);
}

ck_odt_style *ck_odt_styles_add(ck_odt_styles *styles, const char *name, ck_odt_scope scope,
                                ck_odt_family family, const char *parent)
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
    s->display = -1;
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
    ck_odt_list_style *list = &styles->lists[styles->list_count++];
    init_list_style(list, name, scope);
    return list;
}

const ck_odt_style *ck_odt_style_find(const ck_odt_styles *styles, const char *name, ck_odt_family family,
                                      ck_odt_scope scope)
{
    const ck_odt_style *common = NULL;
    if (!name)
        return NULL;
    /* The last declaration wins, as it does when LibreOffice loads duplicates. */
    for (size_t i = styles->count; i-- > 0;) {
        const ck_odt_style *s = &styles->styles[i];
        if (s->family != family || strcmp(s->name, name) != 0)
            continue;
        if (s->scope == scope && scope != CK_ODT_SCOPE_COMMON)
            return s;
        if (s->scope == CK_ODT_SCOPE_COMMON && !common)
            common = s;
    }
    return common;
}

const ck_odt_list_style *ck_odt_list_style_find(const ck_odt_styles *styles, const char *name,
                                                ck_odt_scope scope)
{
    const ck_odt_list_style *common = NULL;
    if (!name)
        return NULL;
    for (size_t i = styles->list_count; i-- > 0;) {
        const ck_odt_list_style *l = &styles->lists[i];
        if (strcmp(l->name, name) != 0)
            continue;
        if (l->scope == scope && scope != CK_ODT_SCOPE_COMMON)
            return l;
        if (l->scope == CK_ODT_SCOPE_COMMON && !common)
            common = l;
    }
    return common;
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
            return s->name;
    return name;
}
