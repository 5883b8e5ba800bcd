/* odt.c — reads an OpenDocument text contract into the document model.
 *
 * The package is checked first (an encrypted ODT has only ciphertext in
 * content.xml), then styles.xml and content.xml are streamed with SAX2
 * through the same element handler: the styles met on the way (common
 * ones, then each part's automatic ones, which precede its body) are kept
 * for list labels, outline numbering and hidden text; paragraphs become
 * blocks. Header and footer paragraphs of the master pages in styles.xml
 * are moved after the body's blocks at the end.
 *
 * A block is appended when its text:p or text:h starts, so blocks keep the
 * order of their start tags even when a footnote or a text box sits inside
 * a paragraph; its text is filled in when the element ends. Paragraphs of
 * white space that show no number are removed at the end. Kinds, flags,
 * note and text box numbers follow the DOCX reader's conventions, so the
 * locator and the matcher see the same blocks for a contract in either
 * format (checked on LibreOffice conversions of the DOCX corpus).
 *
 * source_index counts every text:p and text:h start tag of the part, from
 * 0, including the ones that give no block (deleted text kept in
 * text:tracked-changes, comments, index templates, empty paragraphs), as
 * the ODT annotation writer counts them.
 */
#include "reader/reader.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "reader/common.h"
#include "reader/odt_internal.h"
#include "util/buf.h"
#include "util/lang.h"
#include "util/text.h"
#include "xml/paragraph.h"
#include "xml/xml.h"

#define NS_XML "http://www.w3.org/XML/1998/namespace"
#define NS_SVG "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
#define NS_FORM "urn:oasis:names:tc:opendocument:xmlns:form:1.0"

enum {
    MAX_SPACES = 1000,        /* text:c of one text:s */
    MAX_REPEAT = 1000000,     /* table:number-*-repeated counted in row and column numbers */
    MAX_CLONED_BLOCKS = 10000, /* copies of the text of repeated rows and cells, whole document */
    MAX_EXPANDED_BYTES = 16 << 20, /* bytes a document may gain from text:c and repeated cells */
    MAX_START_VALUE = 32767,   /* LibreOffice ignores larger start values */
    MAX_STYLE_TEXT = 256       /* bytes of a style name or label part copied into every block */
};

/* Private block flag (the last bit of ck_block.flags): an empty paragraph,
 * removed before returning. */
#define BLOCK_DROP (1u << 15)

typedef enum element_type {
    EL_OTHER = 0,
    EL_PARAGRAPH,
    EL_LIST,
    EL_LIST_ITEM,
    EL_TABLE,
    EL_TABLE_ROW,
    EL_TABLE_CELL,
    EL_STYLES,
    EL_STYLE,
    EL_LIST_STYLE,
    EL_TRACKED_CHANGES,
    EL_CHANGED_REGION
} element_type;

/* What every open element passes on to its content. */
typedef struct frame {
    element_type type;
    int skip;              /* content is not document text (deleted text, comments, ...) */
    int hidden;            /* text here is hidden */
    int para;              /* paragraph receiving character data, or -1 */
    int item;              /* list item a paragraph here belongs to, or -1 */
    int list;              /* innermost open text:list, or -1 */
    int table;             /* innermost open table, or -1 */
    ck_block_kind part_kind; /* FOOTNOTE, ENDNOTE, HEADER or FOOTER inside one, else PARAGRAPH */
    uint32_t flags;        /* CK_BLOCK_IN_TABLE, CK_BLOCK_IN_TEXT_BOX, CK_BLOCK_TOC */
    int cell_table, cell_row, cell_column;
    int note;              /* number of the note we are in, or 0 */
    int text_box;          /* number of the text box we are in, or 0 */
    size_t first_block;    /* doc->count when a row or cell started */
    long repeat;           /* number-rows/columns-repeated of a row or cell */
} frame;

typedef struct paragraph {
    size_t block;
    ck_buf text;
    ck_span *spans;
    size_t span_count, span_capacity;
    int pending_space;      /* collapsed white space not yet written */
    uint32_t pending_flags;
    int hidden;             /* the whole paragraph is hidden */
    int bullet;             /* its label is a bullet, not a number */
} paragraph;

typedef struct list_instance {
    long counters[CK_ODT_LEVELS];
    unsigned char present[CK_ODT_LEVELS]; /* a paragraph at this level under the current parent */
} list_instance;

typedef struct open_list {
    int instance;
    int level; /* 0-based */
    const ck_odt_list_style *style;
} open_list;

typedef struct open_item {
    int list;
    int sublist;    /* a sub-list came before any paragraph of the item */
    int paragraphs;
    int header;
    long start_value; /* text:start-value of the item, or -1 */
    const ck_odt_list_style *style_override;
} open_item;

typedef struct open_table {
    int number;
    int row, next_row;
    int next_column;
} open_table;

typedef struct odt_reader {
    ck_document *doc;
    ck_odt_styles *styles;
    ck_odt_scope scope;      /* automatic styles of the part being read */
    const char *part;
    uint32_t paragraph_count;
    int table_count;
    int footnote_count, endnote_count, text_box_count;
    int footnote_offset, endnote_offset; /* text:start-value of text:notes-configuration */
    int styles_closed;       /* the body (or master pages) started: no more style declarations */
    int style_scope;         /* scope of the styles container we are in, or -1 */
    long current_style;      /* index of the style:style being read, or -1 */
    ck_odt_list_style *current_list;

    frame *frames;
    size_t depth, frame_capacity;
    paragraph *paras;
    size_t para_count, para_capacity;
    open_list *lists;
    size_t list_count, list_capacity;
    open_item *items;
    size_t item_count, item_capacity;
    open_table *tables;
    size_t table_depth, table_capacity;
    list_instance *instances;
    size_t instance_count, instance_capacity;
    ck_odt_map list_ids;       /* xml:id of a text:list -> its instance */
    ck_odt_map last_by_style;  /* list style name -> the latest instance of that style */

    long outline[CK_ODT_LEVELS];
    unsigned char outline_set[CK_ODT_LEVELS];

    ck_odt_map check_boxes;    /* id of a form:checkbox -> 1 checked, 0 not (office:forms) */
    ck_odt_map insertions;     /* ids of the changed regions that are insertions */
    char *region;              /* id of the text:changed-region being read */
    ck_odt_map open_insertions; /* insertion id -> change-starts not yet ended */
    size_t open_count;          /* their sum: text here is inserted when > 0 */
    size_t open_suggestions;    /* of those, clausekit's own (ids "ck-ct…"): text there is a
                                   suggestion not yet accepted, not contract text */

    size_t cloned;
    size_t expanded; /* bytes written beyond the input by text:c and copies, against MAX_EXPANDED_BYTES */
} odt_reader;

/* Grows an array of elem_size-byte elements to hold one more. */
static void *grow(void *array, size_t count, size_t *capacity, size_t elem_size)
{
    if (count < *capacity)
        return array;
    *capacity = *capacity ? *capacity * 2 : 16;
    return ck_realloc(array, *capacity * elem_size);
}

static int is(const xmlChar *uri, const xmlChar *local, const char *ns, const char *name)
{
    return uri && strcmp((const char *)uri, ns) == 0 && strcmp((const char *)local, name) == 0;
}

/* A non-negative integer attribute, clamped to max; fallback when absent or not a number. */
static long attr_long(int nb_attr, const xmlChar **attrs, const char *ns, const char *local, long fallback,
                      long max)
{
    char *v = ck_xml_attr(nb_attr, attrs, ns, local), *end;
    long n = fallback;
    if (v) {
        errno = 0;
        long parsed = strtol(v, &end, 10);
        if (end != v && parsed >= 0)
            n = errno == ERANGE || parsed > max ? max : parsed;
    }
    free(v);
    return n;
}

static int attr_is(int nb_attr, const xmlChar **attrs, const char *ns, const char *local, const char *value)
{
    char *v = ck_xml_attr(nb_attr, attrs, ns, local);
    int same = v && strcmp(v, value) == 0;
    free(v);
    return same;
}

/* ---- paragraph text ------------------------------------------------------------ */

static void add_span(paragraph *p, uint32_t start, uint32_t end, uint32_t flags)
{
    ck_span_append(&p->spans, &p->span_count, &p->span_capacity, start, end, flags);
}

static void put_literal(paragraph *p, const char *s, size_t len, uint32_t flags)
{
    uint32_t start = (uint32_t)p->text.len;
    ck_buf_append(&p->text, s, len);
    add_span(p, start, (uint32_t)p->text.len, flags);
}

static void flush_space(paragraph *p)
{
    if (p->pending_space) {
        p->pending_space = 0;
        put_literal(p, " ", 1, p->pending_flags);
    }
}

/* Character data under ODF's rule as LibreOffice applies it: runs of space,
 * tab, CR and LF become one space, white space at the start of the
 * paragraph is dropped; one space is held back until more text comes, so
 * end_paragraph() decides what happens to a trailing one. */
static void put_characters(paragraph *p, const char *s, size_t len, uint32_t flags)
{
    size_t i = 0;
    while (i < len) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
            if (p->text.len > 0 && !p->pending_space) {
                p->pending_space = 1;
                p->pending_flags = flags;
            }
            i++;
            continue;
        }
        size_t j = i;
        while (j < len && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r')
            j++;
        flush_space(p);
        put_literal(p, s + i, j - i, flags);
        i = j;
    }
}

/* text:s, text:tab and text:line-break: written as they are, and not
 * white space for the collapsing rule. */
static void put_control(paragraph *p, char c, long count, uint32_t flags)
{
    flush_space(p);
    uint32_t start = (uint32_t)p->text.len;
    for (long i = 0; i < count; i++)
        ck_buf_putc(&p->text, c);
    add_span(p, start, (uint32_t)p->text.len, flags);
}

static uint32_t span_flags(const odt_reader *r, const frame *f)
{
    return (f->hidden ? CK_SPAN_HIDDEN : 0) | (r->open_count ? CK_SPAN_INSERTED : 0);
}

/* ---- form controls ------------------------------------------------------------------ */

/* A form:checkbox of office:forms: its state (form:current-state, else the
 * default form:state) under its ids, for the draw:control that shows it. */
static void form_check_box(odt_reader *r, int nb_attr, const xmlChar **attrs)
{
    char *state = ck_xml_attr(nb_attr, attrs, NS_FORM, "current-state");
    if (!state)
        state = ck_xml_attr(nb_attr, attrs, NS_FORM, "state");
    size_t checked = state && strcmp(state, "checked") == 0;
    free(state);
    char *ids[2] = { ck_xml_attr(nb_attr, attrs, NS_FORM, "id"), ck_xml_attr(nb_attr, attrs, NS_XML, "id") };
    for (int i = 0; i < 2; i++) {
        if (ids[i])
            ck_odt_map_put(&r->check_boxes, ids[i], strlen(ids[i]), checked);
        free(ids[i]);
    }
}

/* A draw:control in a paragraph showing a check box: its state as the
 * glyph a reader sees, ☑ or ☐. */
static void draw_control(odt_reader *r, const frame *f, int nb_attr, const xmlChar **attrs)
{
    char *id = ck_xml_attr(nb_attr, attrs, CK_NS_DRAW, "control");
    size_t checked;
    if (id && f->para >= 0 && ck_odt_map_get(&r->check_boxes, id, strlen(id), &checked)) {
        const char *glyph = checked ? "☑" : "☐";
        put_characters(&r->paras[f->para], glyph, strlen(glyph), span_flags(r, f));
    }
    free(id);
}

/* ---- list numbering -------------------------------------------------------------- */

static const ck_odt_list_style *find_list_style(const odt_reader *r, const char *name)
{
    if (!name || !*name)
        return NULL;
    const ck_odt_list_style *style = ck_odt_list_style_find(r->styles, name, r->scope);
    /* Some writers put headings in a list named after the outline style. */
    if (!style && r->styles->has_outline && r->styles->outline.name && strcmp(r->styles->outline.name, name) == 0)
        style = &r->styles->outline;
    return style;
}

static int new_instance(odt_reader *r)
{
    r->instances = grow(r->instances, r->instance_count, &r->instance_capacity, sizeof *r->instances);
    memset(&r->instances[r->instance_count], 0, sizeof r->instances[0]);
    return (int)r->instance_count++;
}

static int map_lookup(const ck_odt_map *map, const char *key)
{
    size_t value;
    return key && ck_odt_map_get(map, key, strlen(key), &value) ? (int)value : -1;
}

static void start_list(odt_reader *r, frame *f, const frame *parent, int nb_attr, const xmlChar **attrs)
{
    char *style_name = ck_xml_attr(nb_attr, attrs, CK_NS_TEXT, "style-name");
    open_list l;

    if (parent->list >= 0) {
        /* A list inside a list item is the next level of the same list. */
        const open_list *outer = &r->lists[parent->list];
        if (parent->item >= 0 && r->items[parent->item].paragraphs == 0)
            r->items[parent->item].sublist = 1;
        l.instance = outer->instance;
        l.level = outer->level + 1 < CK_ODT_LEVELS ? outer->level + 1 : CK_ODT_LEVELS - 1;
        l.style = style_name ? find_list_style(r, style_name) : outer->style;
        if (!l.style)
            l.style = outer->style;
    } else {
        char *continue_list = ck_xml_attr(nb_attr, attrs, CK_NS_TEXT, "continue-list");
        const char *style_key = style_name ? style_name : "";
        l.level = 0;
        l.style = find_list_style(r, style_name);
        l.instance = map_lookup(&r->list_ids, continue_list);
        /* text:continue-numbering continues the latest list of the same style. */
        if (l.instance < 0 && attr_is(nb_attr, attrs, CK_NS_TEXT, "continue-numbering", "true"))
            l.instance = map_lookup(&r->last_by_style, style_key);
        if (l.instance < 0)
            l.instance = new_instance(r);
        ck_odt_map_put(&r->last_by_style, style_key, strlen(style_key), (size_t)l.instance);
        free(continue_list);
    }
    char *id = ck_xml_attr(nb_attr, attrs, NS_XML, "id");
    if (id)
        ck_odt_map_put(&r->list_ids, id, strlen(id), (size_t)l.instance);
    free(id);
    free(style_name);
    r->lists = grow(r->lists, r->list_count, &r->list_capacity, sizeof *r->lists);
    r->lists[r->list_count] = l;
    f->type = EL_LIST;
    f->list = (int)r->list_count++;
    f->item = -1;
}

static void start_item(odt_reader *r, frame *f, const frame *parent, int header, int nb_attr,
                       const xmlChar **attrs)
{
    if (parent->list < 0) {
        f->item = -1;
        return;
    }
    char *override = ck_xml_attr(nb_attr, attrs, CK_NS_TEXT, "style-override");
    open_item it = { parent->list, 0, 0, header, -1, find_list_style(r, override) };
    free(override);
    it.start_value = attr_long(nb_attr, attrs, CK_NS_TEXT, "start-value", -1, LONG_MAX);
    if (it.start_value > MAX_START_VALUE)
        it.start_value = -1;
    r->items = grow(r->items, r->item_count, &r->item_capacity, sizeof *r->items);
    r->items[r->item_count] = it;
    f->type = EL_LIST_ITEM;
    f->item = (int)r->item_count++;
}

static const ck_odt_list_style *item_style(const odt_reader *r, const open_item *it, const char *para_style)
{
    if (it->style_override)
        return it->style_override;
    if (r->lists[it->list].style)
        return r->lists[it->list].style;
    return find_list_style(r, ck_odt_style_list_style(r->styles, para_style, r->scope));
}

static long level_start(const ck_odt_list_style *style, int level)
{
    return style ? style->levels[level].start_value : 1;
}

/* Numbers the paragraph starting in item index, the way LibreOffice does:
 * the paragraphs of a list form a tree by level, each under the last
 * paragraph of the level above. A level with no paragraph yet under its
 * parent gets a counted placeholder (the first item of a list may start at
 * level 2 and show "1.1"). Only an item's first paragraph is counted; a
 * list header or a later paragraph of an item is still a node of the tree,
 * so a sub-list after it starts again at 1.
 * Returns 1 when the paragraph is counted (its label, if the style gives
 * one, goes into label), 0 otherwise. */
static int number_list_paragraph(odt_reader *r, int index, const char *para_style, ck_buf *label, int *level,
                                 int *bullet)
{
    open_item *it = &r->items[index];
    const open_list *l = &r->lists[it->list];
    const ck_odt_list_style *style = item_style(r, it, para_style);
    list_instance *in = &r->instances[l->instance];
    int counted = !it->header && it->paragraphs == 0 && !it->sublist;
    int d = l->level;

    *level = d;
    it->paragraphs++;
    for (int up = 0; up < d; up++) {
        if (!in->present[up]) {
            in->counters[up] = level_start(style, up);
            in->present[up] = 1;
        }
    }
    if (counted && it->start_value >= 0)
        in->counters[d] = it->start_value;
    else if (counted)
        in->counters[d] = !in->present[d] ? level_start(style, d)
                          : in->counters[d] < LONG_MAX ? in->counters[d] + 1 : LONG_MAX;
    else if (!in->present[d])
        in->counters[d] = level_start(style, d) - 1;
    in->present[d] = 1;
    for (int down = d + 1; down < CK_ODT_LEVELS; down++)
        in->present[down] = 0;
    *bullet = counted && (!style || style->levels[d].kind != CK_ODT_LEVEL_NUMBER);
    if (counted && style)
        ck_odt_label(label, style, d, in->counters);
    else if (counted)
        ck_buf_puts(label, "•"); /* LibreOffice's default list style when none is named */
    return counted;
}

/* Outline numbering of a text:h outside lists (text:outline-style). */
static void number_heading(odt_reader *r, int level, int nb_attr, const xmlChar **attrs, ck_buf *label)
{
    const ck_odt_list_style *style = r->styles->has_outline ? &r->styles->outline : NULL;
    int d = level - 1;
    long start = style ? style->levels[d].start_value : 1;
    long counters[CK_ODT_LEVELS];

    if (attr_is(nb_attr, attrs, CK_NS_TEXT, "is-list-header", "true"))
        return;
    if (attr_is(nb_attr, attrs, CK_NS_TEXT, "restart-numbering", "true"))
        r->outline[d] = attr_long(nb_attr, attrs, CK_NS_TEXT, "start-value", start, MAX_START_VALUE);
    else if (r->outline_set[d])
        r->outline[d] = r->outline[d] < LONG_MAX ? r->outline[d] + 1 : LONG_MAX;
    else
        r->outline[d] = start;
    r->outline_set[d] = 1;
    for (int i = d + 1; i < CK_ODT_LEVELS; i++)
        r->outline_set[i] = 0;
    if (!style)
        return;
    for (int i = 0; i <= d; i++)
        counters[i] = r->outline_set[i] ? r->outline[i] : style->levels[i].start_value;
    ck_odt_label(label, style, d, counters);
}

/* ---- paragraphs ------------------------------------------------------------------- */

static void start_paragraph(odt_reader *r, frame *f, const frame *parent, int heading, uint32_t source_index,
                            int nb_attr, const xmlChar **attrs)
{
    char *style = ck_xml_attr(nb_attr, attrs, CK_NS_TEXT, "style-name");
    ck_buf label = CK_BUF_INIT;
    ck_block_kind kind;
    int level = 0, list_level = 0, numbered = 0, bullet = 0;

    if (heading) {
        level = (int)attr_long(nb_attr, attrs, CK_NS_TEXT, "outline-level", 0, CK_ODT_LEVELS);
        if (level < 1)
            level = ck_odt_style_outline_level(r->styles, style, r->scope);
        if (level < 1 || level > CK_ODT_LEVELS)
            level = 1;
    }
    if (parent->item >= 0)
        numbered = number_list_paragraph(r, parent->item, style, &label, &list_level, &bullet);
    else if (heading)
        number_heading(r, level, nb_attr, attrs, &label);
    if (label.len > MAX_STYLE_TEXT) {
        /* No real label is this long; cut it (at a character boundary) so labels stay bounded. */
        size_t cut = MAX_STYLE_TEXT;
        while (cut > 0 && ((unsigned char)label.data[cut] & 0xC0) == 0x80)
            cut--;
        ck_buf_truncate(&label, cut);
    }

    kind = ck_reader_block_kind(parent->part_kind, parent->text_box != 0, (parent->flags & CK_BLOCK_IN_TABLE) != 0,
                                heading, numbered);
    /* A style's name is copied into each of its blocks: a huge one is left out. */
    const char *style_name = style ? ck_odt_style_common_name(r->styles, style, r->scope) : NULL;
    if (style_name && strlen(style_name) > MAX_STYLE_TEXT)
        style_name = NULL;
    ck_block *b = ck_document_add(r->doc, kind, "", 0, label.data, style_name);
    /* ODF has ten levels; the model, like Word, nine (headings 1..9, list levels 0..8). */
    if (kind == CK_BLOCK_HEADING)
        b->level = level < 9 ? level : 9;
    else if (kind == CK_BLOCK_LIST_ITEM)
        b->level = list_level < 8 ? list_level : 8;
    b->flags = parent->flags;
    if (style && ck_odt_style_toc(r->styles, style, r->scope))
        b->flags |= CK_BLOCK_TOC;
    b->table = parent->cell_table;
    b->row = parent->cell_row;
    b->column = parent->cell_column;
    b->note = parent->note;
    b->text_box = parent->text_box;
    b->part = r->part;
    b->source_index = source_index;

    r->paras = grow(r->paras, r->para_count, &r->para_capacity, sizeof *r->paras);
    paragraph *p = &r->paras[r->para_count];
    memset(p, 0, sizeof *p);
    p->block = r->doc->count - 1;
    p->bullet = bullet;
    p->hidden = parent->hidden || ck_odt_style_hidden(r->styles, style, CK_ODT_FAMILY_PARAGRAPH, r->scope);
    f->type = EL_PARAGRAPH;
    f->para = (int)r->para_count++;
    f->item = -1;
    f->list = -1;
    ck_buf_free(&label);
    free(style);
}

/* Every byte of [0, len) gets HIDDEN added to whatever flags it had. */
static void hide_all(paragraph *p)
{
    ck_span *old = p->spans;
    size_t n = p->span_count, pos = 0;
    uint32_t len = (uint32_t)p->text.len;

    p->spans = NULL;
    p->span_count = p->span_capacity = 0;
    for (size_t i = 0; i < n; i++) {
        add_span(p, (uint32_t)pos, old[i].start, CK_SPAN_HIDDEN);
        add_span(p, old[i].start, old[i].end, old[i].flags | CK_SPAN_HIDDEN);
        pos = old[i].end;
    }
    add_span(p, (uint32_t)pos, len, CK_SPAN_HIDDEN);
    free(old);
}

/* True when the spans cover all of [0, len) with flag. */
static int all_flagged(const paragraph *p, uint32_t flag)
{
    uint32_t pos = 0;
    for (size_t i = 0; i < p->span_count; i++) {
        if (!(p->spans[i].flags & flag))
            continue;
        if (p->spans[i].start > pos)
            return 0;
        pos = p->spans[i].end;
    }
    return p->text.len > 0 && pos >= p->text.len;
}

static void end_paragraph(odt_reader *r)
{
    paragraph *p = &r->paras[--r->para_count];
    ck_block *b = &r->doc->blocks[p->block];

    /* LibreOffice keeps one trailing space where the XML has white space
     * before the end tag (ODF says to drop it; what users see wins). */
    flush_space(p);
    if (p->hidden)
        hide_all(p);
    if (all_flagged(p, CK_SPAN_HIDDEN))
        b->flags |= CK_BLOCK_HIDDEN;
    if (all_flagged(p, CK_SPAN_INSERTED))
        b->flags |= CK_BLOCK_INSERTED;
    ck_block_set_text(r->doc, b, p->text.data, p->text.len);
    ck_buf_free(&p->text);
    for (size_t i = 0; i < p->span_count; i++)
        ck_block_add_span(b, p->spans[i].start, p->spans[i].end, p->spans[i].flags);
    /* Like the DOCX reader: a paragraph of white space is dropped unless a number shows on it. */
    if (ck_reader_blank(b->text, b->text_len) && (!b->label || p->bullet))
        b->flags |= BLOCK_DROP;
    free(p->spans);
}

/* ---- tables ------------------------------------------------------------------------- */

/* Repeated rows and cells show the same text in each copy; the copies are
 * made up to a budget for the whole document. */
static void clone_blocks(odt_reader *r, size_t first, long copies, int rows)
{
    size_t end = r->doc->count, shown = 0;
    for (size_t i = first; i < end; i++)
        shown += !(r->doc->blocks[i].flags & BLOCK_DROP);
    if (shown == 0)
        return; /* an empty repeated cell: nothing to copy, however many times */
    for (long k = 1; k < copies; k++) {
        for (size_t i = first; i < end; i++) {
            if (r->cloned >= MAX_CLONED_BLOCKS || r->expanded + r->doc->blocks[i].text_len > MAX_EXPANDED_BYTES)
                return;
            if (r->doc->blocks[i].flags & BLOCK_DROP)
                continue;
            const ck_block *src = &r->doc->blocks[i];
            ck_block *b = ck_document_add(r->doc, src->kind, src->text, src->text_len, src->label, src->style);
            src = &r->doc->blocks[i]; /* the add may have moved the array */
            b->flags = src->flags;
            b->level = src->level;
            b->table = src->table;
            b->row = src->row + (rows ? (int)k : 0);
            b->column = src->column + (rows ? 0 : (int)k);
            b->part = src->part;
            b->source_index = src->source_index;
            for (size_t s = 0; s < src->span_count; s++)
                ck_block_add_span(b, src->spans[s].start, src->spans[s].end, src->spans[s].flags);
            r->cloned++;
            r->expanded += b->text_len;
        }
    }
}

static void start_table(odt_reader *r, frame *f)
{
    r->tables = grow(r->tables, r->table_depth, &r->table_capacity, sizeof *r->tables);
    r->tables[r->table_depth] = (open_table){ ++r->table_count, 0, 1, 1 };
    f->type = EL_TABLE;
    f->table = (int)r->table_depth++;
    f->flags |= CK_BLOCK_IN_TABLE;
}

static void start_row(odt_reader *r, frame *f, int nb_attr, const xmlChar **attrs)
{
    if (f->table < 0)
        return;
    open_table *t = &r->tables[f->table];
    t->row = t->next_row;
    t->next_column = 1;
    f->type = EL_TABLE_ROW;
    f->repeat = attr_long(nb_attr, attrs, CK_NS_TABLE, "number-rows-repeated", 1, MAX_REPEAT);
    f->first_block = r->doc->count;
}

static void start_cell(odt_reader *r, frame *f, int covered, int nb_attr, const xmlChar **attrs)
{
    if (f->table < 0)
        return;
    open_table *t = &r->tables[f->table];
    f->type = EL_TABLE_CELL;
    f->repeat = attr_long(nb_attr, attrs, CK_NS_TABLE, "number-columns-repeated", 1, MAX_REPEAT);
    f->first_block = r->doc->count;
    f->cell_table = t->number;
    f->cell_row = t->row;
    f->cell_column = t->next_column;
    /* A covered cell is hidden under a merged one; what it holds is not shown. */
    f->skip = covered;
}

static void end_table_part(odt_reader *r, const frame *f)
{
    if (f->table < 0 || f->repeat < 1)
        return;
    open_table *t = &r->tables[f->table];
    if (f->type == EL_TABLE_ROW) {
        t->next_row = t->row + (int)(f->repeat < INT_MAX - t->row ? f->repeat : 0);
        if (f->repeat > 1)
            clone_blocks(r, f->first_block, f->repeat, 1);
    } else {
        t->next_column = f->cell_column + (int)(f->repeat < INT_MAX - f->cell_column ? f->repeat : 0);
        if (f->repeat > 1)
            clone_blocks(r, f->first_block, f->repeat, 0);
    }
}

/* ---- styles ------------------------------------------------------------------------- */

static void start_style(odt_reader *r, frame *f, int nb_attr, const xmlChar **attrs)
{
    char *name = ck_xml_attr(nb_attr, attrs, CK_NS_STYLE, "name");
    char *family = ck_xml_attr(nb_attr, attrs, CK_NS_STYLE, "family");
    char *parent = ck_xml_attr(nb_attr, attrs, CK_NS_STYLE, "parent-style-name");
    char *display_name = ck_xml_attr(nb_attr, attrs, CK_NS_STYLE, "display-name");
    ck_odt_family fam = !family                          ? CK_ODT_FAMILY_OTHER
                        : strcmp(family, "paragraph") == 0 ? CK_ODT_FAMILY_PARAGRAPH
                        : strcmp(family, "text") == 0      ? CK_ODT_FAMILY_TEXT
                                                           : CK_ODT_FAMILY_OTHER;
    if (name && fam != CK_ODT_FAMILY_OTHER) {
        ck_odt_style *s = ck_odt_styles_add(r->styles, name, display_name, (ck_odt_scope)r->style_scope, fam, parent);
        s->list_style = ck_xml_attr(nb_attr, attrs, CK_NS_STYLE, "list-style-name");
        s->outline_level = (int)attr_long(nb_attr, attrs, CK_NS_STYLE, "default-outline-level", 0, CK_ODT_LEVELS);
        r->current_style = (long)r->styles->count - 1;
        f->type = EL_STYLE;
    }
    free(name);
    free(family);
    free(parent);
    free(display_name);
}

static void style_text_properties(odt_reader *r, int nb_attr, const xmlChar **attrs)
{
    char *display = ck_xml_attr(nb_attr, attrs, CK_NS_TEXT, "display");
    if (display && r->current_style >= 0)
        r->styles->styles[r->current_style].display = strcmp(display, "none") != 0;
    free(display);
}

static void start_list_style(odt_reader *r, frame *f, int outline, int nb_attr, const xmlChar **attrs)
{
    char *name = ck_xml_attr(nb_attr, attrs, CK_NS_STYLE, "name");
    if (name || outline) {
        r->current_list = ck_odt_styles_add_list(r->styles, name, (ck_odt_scope)r->style_scope, outline);
        f->type = EL_LIST_STYLE;
    }
    free(name);
}

/* An attribute that goes into every label of its level: a huge one is
 * ignored, so a short document cannot make gigabytes of labels. */
static char *label_part(int nb_attr, const xmlChar **attrs, const char *ns, const char *local)
{
    char *v = ck_xml_attr(nb_attr, attrs, ns, local);
    if (v && strlen(v) > MAX_STYLE_TEXT) {
        free(v);
        v = NULL;
    }
    return v;
}

static void list_level_style(odt_reader *r, ck_odt_level_kind kind, int nb_attr, const xmlChar **attrs)
{
    long n = attr_long(nb_attr, attrs, CK_NS_TEXT, "level", 0, CK_ODT_LEVELS);
    if (!r->current_list || n < 1)
        return;
    ck_odt_level *l = &r->current_list->levels[n - 1];
    free(l->format);
    free(l->prefix);
    free(l->suffix);
    free(l->bullet);
    free(l->list_format);
    l->kind = kind;
    l->format = label_part(nb_attr, attrs, CK_NS_STYLE, "num-format");
    l->prefix = label_part(nb_attr, attrs, CK_NS_STYLE, "num-prefix");
    l->suffix = label_part(nb_attr, attrs, CK_NS_STYLE, "num-suffix");
    l->bullet = kind == CK_ODT_LEVEL_BULLET ? label_part(nb_attr, attrs, CK_NS_TEXT, "bullet-char") : NULL;
    /* LibreOffice 7.2+ writes the whole label as loext:num-list-format; ODF 1.4 adopted it. */
    l->list_format = label_part(nb_attr, attrs, NULL, "num-list-format");
    l->display_levels = (int)attr_long(nb_attr, attrs, CK_NS_TEXT, "display-levels", 1, CK_ODT_LEVELS);
    l->start_value = attr_long(nb_attr, attrs, CK_NS_TEXT, "start-value", 1, LONG_MAX);
    if (l->start_value > MAX_START_VALUE)
        l->start_value = 1;
    l->letter_sync = attr_is(nb_attr, attrs, CK_NS_STYLE, "num-letter-sync", "true");
    /* A level without style:num-format shows no number (ODF 19.500). */
    if (kind == CK_ODT_LEVEL_NUMBER && !l->format)
        l->format = ck_strdup("");
}

/* ---- tracked changes ------------------------------------------------------------------ */

static void tracked_change_element(odt_reader *r, frame *f, const xmlChar *uri, const xmlChar *local,
                                   int nb_attr, const xmlChar **attrs)
{
    if (is(uri, local, CK_NS_TEXT, "changed-region")) {
        free(r->region);
        r->region = ck_xml_attr(nb_attr, attrs, CK_NS_TEXT, "id");
        if (!r->region)
            r->region = ck_xml_attr(nb_attr, attrs, NS_XML, "id");
        f->type = EL_CHANGED_REGION;
    } else if (is(uri, local, CK_NS_TEXT, "insertion") && r->region) {
        ck_odt_map_put(&r->insertions, r->region, strlen(r->region), 1);
    }
}

static void change_mark(odt_reader *r, int start, int nb_attr, const xmlChar **attrs)
{
    char *id = ck_xml_attr(nb_attr, attrs, CK_NS_TEXT, "change-id");
    size_t n = id ? strlen(id) : 0, open = 0;

    if (id && map_lookup(&r->insertions, id) >= 0) {
        ck_odt_map_get(&r->open_insertions, id, n, &open);
        int suggestion = strncmp(id, CK_SUGGESTION_ID_PREFIX, strlen(CK_SUGGESTION_ID_PREFIX)) == 0;
        if (start) {
            ck_odt_map_put(&r->open_insertions, id, n, open + 1);
            r->open_count++;
            r->open_suggestions += (size_t)suggestion;
        } else if (open > 0) {
            ck_odt_map_put(&r->open_insertions, id, n, open - 1);
            r->open_count--;
            r->open_suggestions -= (size_t)suggestion;
        }
    }
    free(id);
}

/* ---- the element handler ---------------------------------------------------------------- */

/* Elements whose content is never document text. */
static int skipped_text_element(const char *local)
{
    static const char *const names[] = { "note-citation", "number", "ruby-text", "script",
                                         "section-source", "index-title-template", "sequence-decls",
                                         "variable-decls", "user-field-decls", "dde-connection-decls",
                                         "tracked-changes" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(local, names[i]) == 0)
            return 1;
    /* text:table-of-content-source and the other index sources: templates, not text. */
    return ck_text_ends_with(local, strlen(local), "-source");
}

static int index_element(const char *local)
{
    static const char *const names[] = { "table-of-content", "alphabetical-index", "illustration-index",
                                         "table-index",      "object-index",       "user-index",
                                         "bibliography" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(local, names[i]) == 0)
            return 1;
    return 0;
}

/* Drawing elements whose own children are paragraphs (a frame only wraps one). */
static int text_holder(const char *local)
{
    static const char *const names[] = { "text-box", "custom-shape", "rect",      "ellipse", "circle",
                                         "polygon",  "polyline",     "path",      "line",    "connector",
                                         "caption",  "measure",      "regular-polygon" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(local, names[i]) == 0)
            return 1;
    return 0;
}

/* Frames, notes, cells and the like: text inside is not the text of the
 * paragraph or list around them. */
static void barrier(frame *f)
{
    f->para = -1;
    f->item = -1;
    f->list = -1;
}

static void text_element(odt_reader *r, frame *f, const frame *parent, const char *local, int nb_attr,
                         const xmlChar **attrs)
{
    paragraph *p = f->para >= 0 ? &r->paras[f->para] : NULL;

    if (strcmp(local, "s") == 0) {
        /* A few bytes of XML could otherwise ask for a thousand spaces, again and again. */
        long count = attr_long(nb_attr, attrs, CK_NS_TEXT, "c", 1, MAX_SPACES);
        if (count < 1 || r->expanded + (size_t)count > MAX_EXPANDED_BYTES)
            count = 1;
        r->expanded += (size_t)count - 1;
        if (p)
            put_control(p, ' ', count, span_flags(r, f));
    } else if (strcmp(local, "tab") == 0) {
        if (p)
            put_control(p, '\t', 1, span_flags(r, f));
    } else if (strcmp(local, "line-break") == 0) {
        if (p)
            put_control(p, '\n', 1, span_flags(r, f));
    } else if (strcmp(local, "span") == 0) {
        char *style = ck_xml_attr(nb_attr, attrs, CK_NS_TEXT, "style-name");
        if (style && ck_odt_style_hidden(r->styles, style, CK_ODT_FAMILY_TEXT, r->scope))
            f->hidden = 1;
        free(style);
    } else if (strcmp(local, "hidden-text") == 0) {
        if (!attr_is(nb_attr, attrs, CK_NS_TEXT, "is-hidden", "false"))
            f->hidden = 1;
    } else if (strcmp(local, "hidden-paragraph") == 0) {
        if (p && !attr_is(nb_attr, attrs, CK_NS_TEXT, "is-hidden", "false"))
            p->hidden = 1;
    } else if (strcmp(local, "note") == 0) {
        barrier(f);
        /* Notes are numbered in order, each class apart, as LibreOffice shows them by default. */
        if (attr_is(nb_attr, attrs, CK_NS_TEXT, "note-class", "endnote")) {
            f->part_kind = CK_BLOCK_ENDNOTE;
            f->note = r->endnote_offset + ++r->endnote_count;
        } else {
            f->part_kind = CK_BLOCK_FOOTNOTE;
            f->note = r->footnote_offset + ++r->footnote_count;
        }
    } else if (strcmp(local, "notes-configuration") == 0 && r->style_scope >= 0) {
        /* LibreOffice writes "start at 1" as start-value 0: the first note is start-value + 1. */
        int offset = (int)attr_long(nb_attr, attrs, CK_NS_TEXT, "start-value", 0, MAX_START_VALUE);
        if (attr_is(nb_attr, attrs, CK_NS_TEXT, "note-class", "endnote"))
            r->endnote_offset = offset;
        else
            r->footnote_offset = offset;
    } else if (strcmp(local, "list") == 0) {
        start_list(r, f, parent, nb_attr, attrs);
    } else if (strcmp(local, "list-item") == 0 || strcmp(local, "list-header") == 0) {
        start_item(r, f, parent, local[5] == 'h', nb_attr, attrs);
    } else if (strcmp(local, "change-start") == 0 || strcmp(local, "change-end") == 0) {
        change_mark(r, local[7] == 's', nb_attr, attrs);
    } else if (strcmp(local, "section") == 0) {
        char *display = ck_xml_attr(nb_attr, attrs, CK_NS_TEXT, "display");
        if (display && (strcmp(display, "none") == 0 ||
                        (strcmp(display, "condition") == 0 &&
                         !attr_is(nb_attr, attrs, CK_NS_TEXT, "is-hidden", "false"))))
            f->hidden = 1;
        free(display);
    } else if (index_element(local)) {
        f->flags |= CK_BLOCK_TOC;
    } else if (skipped_text_element(local)) {
        f->skip = 1;
        if (strcmp(local, "tracked-changes") == 0)
            f->type = EL_TRACKED_CHANGES;
    } else if (r->style_scope >= 0 && (strcmp(local, "list-style") == 0 || strcmp(local, "outline-style") == 0)) {
        start_list_style(r, f, local[0] == 'o', nb_attr, attrs);
    } else if (strcmp(local, "list-level-style-number") == 0 || strcmp(local, "outline-level-style") == 0) {
        list_level_style(r, CK_ODT_LEVEL_NUMBER, nb_attr, attrs);
    } else if (strcmp(local, "list-level-style-bullet") == 0) {
        list_level_style(r, CK_ODT_LEVEL_BULLET, nb_attr, attrs);
    } else if (strcmp(local, "list-level-style-image") == 0) {
        list_level_style(r, CK_ODT_LEVEL_IMAGE, nb_attr, attrs);
    }
}

static void office_element(odt_reader *r, frame *f, const char *local)
{
    if (strcmp(local, "automatic-styles") == 0 || strcmp(local, "styles") == 0) {
        if (!r->styles_closed) {
            r->style_scope = local[0] == 'a' ? (int)r->scope : CK_ODT_SCOPE_COMMON;
            f->type = EL_STYLES;
        }
    } else if (strcmp(local, "body") == 0 || strcmp(local, "master-styles") == 0) {
        r->styles_closed = 1;
    } else if (strcmp(local, "annotation") == 0 || strcmp(local, "forms") == 0 ||
               strcmp(local, "scripts") == 0 || strcmp(local, "binary-data") == 0 ||
               strcmp(local, "font-face-decls") == 0) {
        f->skip = 1;
    }
}

static void style_element(odt_reader *r, frame *f, const char *local, int nb_attr, const xmlChar **attrs)
{
    if (r->style_scope >= 0 && strcmp(local, "style") == 0) {
        start_style(r, f, nb_attr, attrs);
    } else if (strcmp(local, "text-properties") == 0) {
        style_text_properties(r, nb_attr, attrs);
    } else if (strncmp(local, "header", 6) == 0 || strncmp(local, "footer", 6) == 0) {
        /* style:header, -left, -first (not style:header-style, which is layout) */
        if (strcmp(local + 6, "") != 0 && strcmp(local + 6, "-left") != 0 && strcmp(local + 6, "-first") != 0)
            return;
        barrier(f);
        f->part_kind = local[0] == 'h' ? CK_BLOCK_HEADER : CK_BLOCK_FOOTER;
        if (attr_is(nb_attr, attrs, CK_NS_STYLE, "display", "false"))
            f->skip = 1;
    }
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri, int nb_ns,
                     const xmlChar **ns, int nb_attr, int nb_def, const xmlChar **attrs)
{
    odt_reader *r = CK_XML_STATE(ctx);
    (void)prefix, (void)nb_ns, (void)ns, (void)nb_def;

    r->frames = grow(r->frames, r->depth, &r->frame_capacity, sizeof *r->frames);
    const frame *parent = &r->frames[r->depth - 1];
    frame *f = &r->frames[r->depth++];
    *f = *parent;
    f->type = EL_OTHER;
    f->repeat = 0;
    parent = &r->frames[r->depth - 2];
    if (ck_reader_count_over_limit(ctx, (long)r->table_count, (long)r->text_box_count))
        return;

    const char *name = (const char *)local;
    const char *nsuri = uri ? (const char *)uri : "";

    if (ck_xml_is_paragraph(CK_PARAGRAPHS_ODT, (const char *)uri, (const char *)local)) {
        uint32_t index = r->paragraph_count++;
        if (!f->skip)
            start_paragraph(r, f, parent, name[0] == 'h', index, nb_attr, attrs);
        return;
    }
    if (strcmp(nsuri, NS_FORM) == 0 && strcmp(name, "checkbox") == 0) {
        form_check_box(r, nb_attr, attrs); /* in office:forms, which is otherwise skipped */
        return;
    }
    if (f->skip) {
        tracked_change_element(r, f, uri, local, nb_attr, attrs);
        return;
    }
    if (strcmp(nsuri, CK_NS_TEXT) == 0)
        text_element(r, f, parent, name, nb_attr, attrs);
    else if (strcmp(nsuri, CK_NS_OFFICE) == 0)
        office_element(r, f, name);
    else if (strcmp(nsuri, CK_NS_STYLE) == 0)
        style_element(r, f, name, nb_attr, attrs);
    else if (strcmp(nsuri, CK_NS_TABLE) == 0) {
        if (strcmp(name, "table") == 0) {
            barrier(f);
            start_table(r, f);
        } else if (strcmp(name, "table-row") == 0) {
            start_row(r, f, nb_attr, attrs);
        } else if (strcmp(name, "table-cell") == 0 || strcmp(name, "covered-table-cell") == 0) {
            barrier(f);
            start_cell(r, f, name[0] == 'c', nb_attr, attrs);
        }
    } else if (strcmp(nsuri, CK_NS_DRAW) == 0 && strcmp(name, "control") == 0) {
        draw_control(r, f, nb_attr, attrs);
    } else if (strcmp(nsuri, CK_NS_DRAW) == 0) {
        /* Frames, text boxes and shapes: their paragraphs are text boxes,
         * numbered in reading order by the element that holds the text. */
        barrier(f);
        f->flags |= CK_BLOCK_IN_TEXT_BOX;
        if (text_holder(name))
            f->text_box = ++r->text_box_count;
        /* Paragraphs an image or embedded object may carry are not shown. */
        if (strcmp(name, "image") == 0 || strncmp(name, "object", 6) == 0 || strcmp(name, "plugin") == 0 ||
            strcmp(name, "applet") == 0)
            f->skip = 1;
    } else if (strcmp(nsuri, NS_SVG) == 0 && (strcmp(name, "title") == 0 || strcmp(name, "desc") == 0)) {
        f->skip = 1;
    }
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    odt_reader *r = CK_XML_STATE(ctx);
    (void)local, (void)prefix, (void)uri;
    if (r->depth <= 1)
        return;
    frame *f = &r->frames[r->depth - 1];
    switch (f->type) {
    case EL_PARAGRAPH:
        end_paragraph(r);
        break;
    case EL_LIST:
        r->list_count--;
        break;
    case EL_LIST_ITEM:
        r->item_count--;
        break;
    case EL_TABLE:
        r->table_depth--;
        break;
    case EL_TABLE_ROW:
    case EL_TABLE_CELL:
        end_table_part(r, f);
        break;
    case EL_STYLES:
        r->style_scope = -1;
        break;
    case EL_STYLE:
        r->current_style = -1;
        break;
    case EL_LIST_STYLE:
        r->current_list = NULL;
        break;
    case EL_CHANGED_REGION:
        free(r->region);
        r->region = NULL;
        break;
    case EL_TRACKED_CHANGES:
    case EL_OTHER:
        break;
    }
    r->depth--;
}

static void on_characters(void *ctx, const xmlChar *ch, int len)
{
    odt_reader *r = CK_XML_STATE(ctx);
    const frame *f = &r->frames[r->depth - 1];
    if (f->skip || f->para < 0 || len <= 0 || r->open_suggestions ||
        ck_reader_text_over_limit(ctx, r->paras[f->para].text.len, (size_t)len))
        return;
    put_characters(&r->paras[f->para], (const char *)ch, (size_t)len, span_flags(r, f));
}

/* Streams one part into r->doc with the styles gathered so far. */
static int read_part(odt_reader *r, ck_zip *zip, const char *part, ck_odt_scope scope, ck_error *err)
{
    xmlSAXHandler h;
    memset(&h, 0, sizeof h);
    h.startElementNs = on_start;
    h.endElementNs = on_end;
    h.characters = on_characters;

    r->scope = scope;
    r->part = ck_document_part(r->doc, part);
    r->paragraph_count = 0;
    r->table_count = 0;
    r->text_box_count = 0;
    r->styles_closed = 0;
    r->style_scope = -1;
    r->current_style = -1;
    r->current_list = NULL;
    r->frames = grow(r->frames, 0, &r->frame_capacity, sizeof *r->frames);
    memset(&r->frames[0], 0, sizeof r->frames[0]);
    r->frames[0].para = r->frames[0].item = r->frames[0].list = r->frames[0].table = -1;
    r->frames[0].part_kind = CK_BLOCK_PARAGRAPH;
    r->depth = 1;

    int rc = ck_xml_parse_part(zip, part, &h, r, err);

    /* After an error the stacks may still hold open paragraphs. */
    while (r->para_count > 0) {
        paragraph *p = &r->paras[--r->para_count];
        ck_buf_free(&p->text);
        free(p->spans);
    }
    r->list_count = r->item_count = r->table_depth = 0;
    return rc;
}

static void reader_free(odt_reader *r)
{
    free(r->frames);
    free(r->paras);
    free(r->lists);
    free(r->items);
    free(r->tables);
    free(r->instances);
    ck_odt_map_free(&r->list_ids);
    ck_odt_map_free(&r->last_by_style);
    ck_odt_map_free(&r->insertions);
    ck_odt_map_free(&r->open_insertions);
    ck_odt_map_free(&r->check_boxes);
    free(r->region);
}

/* ---- the package ------------------------------------------------------------------------ */

/* An encrypted ODT names manifest:encryption-data under the entries it
 * encrypted. The tree is walked without recursion. */
static int check_manifest(ck_zip *zip, ck_error *err)
{
    const char *part = "META-INF/manifest.xml";
    xmlDocPtr dom = NULL;
    int encrypted = 0, rc;

    if (ck_zip_find(zip, part) < 0)
        return 0;
    if ((rc = ck_xml_read_dom(zip, part, 0, &dom, err)) != 0) {
        ck_error_set_part(err, part);
        return rc;
    }
    xmlNodePtr node = xmlDocGetRootElement(dom);
    while (node && !encrypted) {
        if (node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, "encryption-data") == 0)
            encrypted = 1;
        if (node->children) {
            node = node->children;
            continue;
        }
        while (node && !node->next)
            node = node->parent && node->parent->type == XML_ELEMENT_NODE ? node->parent : NULL;
        if (node)
            node = node->next;
    }
    xmlFreeDoc(dom);
    if (encrypted)
        return ck_error_set(err, CK_EINPUT, "%s",
                            ck_tr("檔案有密碼保護；請在 LibreOffice 開啟後，以「另存新檔」取消勾選「以密碼儲存」再儲存一份",
                                  "the file is password-protected; open it in LibreOffice and save a copy without a "
                                  "password (Save As, untick \"Save with password\")"));
    return 0;
}

/* Moves the first n blocks (headers and footers) after the others. */
static void move_to_end(ck_document *doc, size_t n)
{
    if (n == 0 || n == doc->count)
        return;
    ck_block *head = ck_malloc(n * sizeof *head);
    memcpy(head, doc->blocks, n * sizeof *head);
    memmove(doc->blocks, doc->blocks + n, (doc->count - n) * sizeof *head);
    memcpy(doc->blocks + doc->count - n, head, n * sizeof *head);
    free(head);
}

/* Master pages often repeat one header or footer (first page, left and
 * right pages); like the DOCX reader, which reads each header part once,
 * a header or footer block with the same text as an earlier one is left out. */
static void drop_repeated_headers(ck_document *doc, size_t first, size_t end)
{
    ck_odt_map seen = { NULL, 0, 0 };
    ck_buf key = CK_BUF_INIT;
    size_t unused;
    for (size_t i = first; i < end; i++) {
        ck_block *b = &doc->blocks[i];
        if (b->flags & BLOCK_DROP)
            continue;
        ck_buf_clear(&key);
        ck_buf_putc(&key, (char)('0' + b->kind));
        ck_buf_append(&key, b->text, b->text_len);
        if (ck_odt_map_get(&seen, key.data, key.len, &unused))
            b->flags |= BLOCK_DROP;
        else
            ck_odt_map_put(&seen, key.data, key.len, i);
    }
    ck_buf_free(&key);
    ck_odt_map_free(&seen);
}

/* Removes the blocks marked BLOCK_DROP, keeping the order of the others. */
static void drop_empty(ck_document *doc)
{
    size_t kept = 0;
    for (size_t i = 0; i < doc->count; i++) {
        ck_block *b = &doc->blocks[i];
        if (b->flags & BLOCK_DROP) {
            free(b->spans);
            continue;
        }
        if (kept != i)
            doc->blocks[kept] = *b;
        kept++;
    }
    doc->count = kept;
}

int ck_odt_read(ck_zip *zip, ck_document *doc, ck_error *err)
{
    ck_odt_styles styles;
    odt_reader r;
    size_t header_blocks = 0;
    int rc;

    memset(&styles, 0, sizeof styles);
    memset(&r, 0, sizeof r);
    r.doc = doc;
    r.styles = &styles;

    if ((rc = check_manifest(zip, err)) != 0)
        goto done;
    if (ck_zip_find(zip, "content.xml") < 0) {
        rc = ck_error_set(err, CK_EINPUT, "%s",
                          ck_tr("ODT 檔中沒有 content.xml（文件本文）；檔案不完整或已損毀，請用 LibreOffice 重新儲存",
                                "the ODT has no content.xml (the document body); the file is incomplete or damaged: "
                                "save it again in LibreOffice"));
        goto done;
    }
    if (ck_zip_find(zip, "styles.xml") >= 0) {
        if ((rc = read_part(&r, zip, "styles.xml", CK_ODT_SCOPE_STYLES_AUTO, err)) != 0)
            goto done;
        header_blocks = doc->count;
        drop_repeated_headers(doc, 0, header_blocks);
    }
    /* Outline numbering counts the body's headings only. */
    memset(r.outline_set, 0, sizeof r.outline_set);
    if ((rc = read_part(&r, zip, "content.xml", CK_ODT_SCOPE_CONTENT_AUTO, err)) != 0)
        goto done;
    move_to_end(doc, header_blocks);
    drop_empty(doc);
done:
    reader_free(&r);
    ck_odt_styles_free(&styles);
    return rc;
}
