/* docx_styles.c — the style table of a DOCX package (styles.xml), read as a
 * small DOM, and what a paragraph style means once its basedOn chain is
 * followed: heading level, table-of-contents line, numbering, hidden text. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "reader/docx_internal.h"
#include "xml/xml.h"

/* Following basedOn further than this means a cycle (Word allows no such
 * depth); stop there rather than loop. */
enum { MAX_CHAIN = 32 };

int ck_docx_is_w(const xmlChar *uri)
{
    return uri && (strcmp((const char *)uri, CK_NS_W) == 0 || strcmp((const char *)uri, CK_NS_W_STRICT) == 0);
}

int ck_docx_dom_is(xmlNodePtr node, const char *local)
{
    return node && node->type == XML_ELEMENT_NODE && node->ns && ck_docx_is_w(node->ns->href) &&
           strcmp((const char *)node->name, local) == 0;
}

char *ck_docx_dom_attr(xmlNodePtr node, const char *local)
{
    if (!node)
        return NULL;
    for (xmlAttrPtr a = node->properties; a; a = a->next) {
        if (strcmp((const char *)a->name, local) != 0 || !a->ns || !ck_docx_is_w(a->ns->href))
            continue;
        xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
        char *copy = ck_strdup(v ? (const char *)v : "");
        xmlFree(v);
        return copy;
    }
    return NULL;
}

xmlNodePtr ck_docx_dom_child(xmlNodePtr node, const char *local)
{
    for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next)
        if (ck_docx_dom_is(c, local))
            return c;
    return NULL;
}

static int attr_int(xmlNodePtr node, const char *local, int fallback)
{
    char *v = ck_docx_dom_attr(node, local);
    int n = v ? atoi(v) : fallback;
    free(v);
    return n;
}

int ck_docx_is_on(const char *value)
{
    return !value || !(strcmp(value, "0") == 0 || strcmp(value, "false") == 0 || strcmp(value, "off") == 0);
}

static int on_off(xmlNodePtr node)
{
    char *v = ck_docx_dom_attr(node, "val");
    int on = ck_docx_is_on(v);
    free(v);
    return on;
}

static int compare_styles(const void *a, const void *b)
{
    return strcmp(((const docx_style *)a)->id, ((const docx_style *)b)->id);
}

int ck_docx_styles_load(ck_zip *zip, const char *part, docx_styles *styles, ck_error *err)
{
    xmlDocPtr dom = NULL;
    size_t cap = 0;
    int rc;

    memset(styles, 0, sizeof *styles);
    if (!part)
        return 0;
    if ((rc = ck_xml_read_dom(zip, part, 0, &dom, err)) != 0)
        return rc;
    xmlNodePtr root = xmlDocGetRootElement(dom);
    for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
        if (!ck_docx_dom_is(n, "style"))
            continue;
        char *id = ck_docx_dom_attr(n, "styleId");
        if (!id)
            continue;
        if (styles->count == cap) {
            cap = cap ? cap * 2 : 64;
            styles->items = ck_realloc(styles->items, cap * sizeof *styles->items);
        }
        docx_style *s = &styles->items[styles->count++];
        memset(s, 0, sizeof *s);
        s->id = id;
        char *type = ck_docx_dom_attr(n, "type");
        s->paragraph = !type || strcmp(type, "paragraph") == 0;
        free(type);
        char *def = ck_docx_dom_attr(n, "default");
        s->is_default = def && (strcmp(def, "1") == 0 || strcmp(def, "true") == 0);
        free(def);
        s->name = ck_docx_dom_attr(ck_docx_dom_child(n, "name"), "val");
        s->based_on = ck_docx_dom_attr(ck_docx_dom_child(n, "basedOn"), "val");
        s->ilvl = -1;
        s->outline = -1;
        s->vanish = -1;
        xmlNodePtr ppr = ck_docx_dom_child(n, "pPr");
        xmlNodePtr numpr = ck_docx_dom_child(ppr, "numPr");
        if (numpr) {
            s->has_num = 1;
            s->num_id = attr_int(ck_docx_dom_child(numpr, "numId"), "val", 0);
            s->ilvl = attr_int(ck_docx_dom_child(numpr, "ilvl"), "val", -1);
        }
        xmlNodePtr outline = ck_docx_dom_child(ppr, "outlineLvl");
        if (outline)
            s->outline = attr_int(outline, "val", 9);
        xmlNodePtr vanish = ck_docx_dom_child(ck_docx_dom_child(n, "rPr"), "vanish");
        if (vanish)
            s->vanish = on_off(vanish);
    }
    xmlFreeDoc(dom);
    if (styles->count)
        qsort(styles->items, styles->count, sizeof *styles->items, compare_styles);
    for (size_t i = 0; i < styles->count; i++)
        if (styles->items[i].paragraph && styles->items[i].is_default && !styles->default_paragraph)
            styles->default_paragraph = &styles->items[i];
    return 0;
}

void ck_docx_styles_free(docx_styles *styles)
{
    if (!styles)
        return;
    for (size_t i = 0; i < styles->count; i++) {
        free(styles->items[i].id);
        free(styles->items[i].name);
        free(styles->items[i].based_on);
    }
    free(styles->items);
    memset(styles, 0, sizeof *styles);
}

const docx_style *ck_docx_style_find(const docx_styles *styles, const char *id)
{
    docx_style key;
    if (!id || !styles->count)
        return NULL;
    key.id = (char *)id;
    return bsearch(&key, styles->items, styles->count, sizeof *styles->items, compare_styles);
}

/* "heading 3" (Word's built-in name, whatever the UI language) -> 3. */
static int heading_level_of_name(const char *name)
{
    if (!name || strncasecmp(name, "heading", 7) != 0)
        return 0;
    const char *p = name + 7;
    while (*p == ' ')
        p++;
    if (p[0] >= '1' && p[0] <= '9' && p[1] == '\0')
        return p[0] - '0';
    return 0;
}

static int is_toc_name(const char *name)
{
    if (!name)
        return 0;
    return strncasecmp(name, "toc ", 4) == 0 || strcasecmp(name, "toc heading") == 0 ||
           strncasecmp(name, "contents ", 9) == 0 || strcasecmp(name, "contents heading") == 0 ||
           strncmp(name, "目錄", strlen("目錄")) == 0;
}

void ck_docx_style_resolve(const docx_styles *styles, const char *id, docx_style_info *info)
{
    const docx_style *s = id ? ck_docx_style_find(styles, id) : styles->default_paragraph;
    int outline = -1;

    memset(info, 0, sizeof *info);
    info->ilvl = -1;
    info->vanish = -1;
    info->name = s ? (s->name ? s->name : s->id) : id;
    for (int step = 0; s && step < MAX_CHAIN; step++) {
        if (!info->heading)
            info->heading = heading_level_of_name(s->name);
        if (is_toc_name(s->name) || is_toc_name(s->id))
            info->toc = 1;
        if (outline < 0 && s->outline >= 0)
            outline = s->outline;
        if (!info->has_num && s->has_num) {
            info->has_num = 1;
            info->num_id = s->num_id;
            info->ilvl = s->ilvl;
        }
        if (info->vanish < 0)
            info->vanish = s->vanish;
        s = s->based_on ? ck_docx_style_find(styles, s->based_on) : NULL;
    }
    if (!info->heading && outline >= 0 && outline <= 8)
        info->heading = outline + 1;
    if (info->toc)
        info->heading = 0;
}

int ck_docx_char_style_vanish(const docx_styles *styles, const char *id)
{
    const docx_style *s = ck_docx_style_find(styles, id);
    for (int step = 0; s && step < MAX_CHAIN; step++) {
        if (s->vanish >= 0)
            return s->vanish;
        s = s->based_on ? ck_docx_style_find(styles, s->based_on) : NULL;
    }
    return -1;
}

/* ---- symbol fonts ------------------------------------------------------------ */

void ck_docx_put_symbol(ck_buf *out, const char *font, unsigned long code)
{
    static const struct { unsigned long code; int wingdings2; const char *text; } map[] = {
        { 0xF0FE, 0, "☑" }, { 0xF0FD, 0, "☒" }, { 0xF078, 0, "☒" }, { 0xF0A8, 0, "□" },
        { 0xF06F, 0, "□" }, { 0xF071, 0, "❑" }, { 0xF0FC, 0, "✓" }, { 0xF0FB, 0, "✗" },
        { 0xF0B7, 0, "•" }, { 0xF06C, 0, "●" }, { 0xF06E, 0, "■" }, { 0xF0A7, 0, "▪" },
        { 0xF075, 0, "◆" }, { 0xF0D8, 0, "➢" }, { 0xF076, 0, "❖" }, { 0xF0A1, 0, "○" },
        { 0xF052, 1, "☑" }, { 0xF054, 1, "☒" }, { 0xF0A3, 1, "□" }, { 0xF02A, 1, "□" },
        { 0xF050, 1, "✓" }, { 0xF04F, 1, "✗" },
    };
    int wingdings2 = font && strstr(font, "Wingdings 2") != NULL;

    if (code >= 0x20 && code <= 0xFF)
        code += 0xF000; /* symbol fonts are addressed either way */
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        if (map[i].code == code && map[i].wingdings2 == wingdings2) {
            ck_buf_puts(out, map[i].text);
            return;
        }
    }
    if (code >= 0xF020 && code <= 0xF07E && font && strcasecmp(font, "Symbol") != 0 && !strstr(font, "Wingdings")) {
        ck_buf_putc(out, (char)(code - 0xF000)); /* a Latin glyph in a text font */
        return;
    }
    if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        return;
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)code, tmp);
    ck_buf_append(out, tmp, (size_t)n);
}
