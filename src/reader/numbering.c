/* numbering.c — Word's automatic numbering, rebuilt from numbering.xml.
 *
 * A paragraph names a list instance (w:num, by numId) and a level (ilvl);
 * the instance points at an abstract definition (w:abstractNum) whose
 * levels say where counting starts, the number format and the level text
 * ("第%1條", "(%2)", "%1.%2"). As in Word, the counters belong to the
 * abstract definition, so two instances of it continue one sequence, while
 * an instance with a w:startOverride restarts its level the first time it
 * is used. A level restarts when a higher level advances (or as
 * w:lvlRestart says). w:isLgl shows every %N of the level in Arabic digits.
 */
#include <stdlib.h>
#include <string.h>

#include "model/numerals.h"
#include "reader/docx_internal.h"
#include "xml/xml.h"

enum { LEVELS = 9 };

typedef struct list_level {
    int defined;
    long start;
    char *format;   /* ST_NumberFormat, "decimal" when absent */
    char *text;     /* lvlText, NULL when absent */
    int legal;      /* w:isLgl */
    int restart;    /* w:lvlRestart: -1 default, 0 never, n after level n */
    char *style;    /* w:pStyle: the paragraph style tied to this level */
} list_level;

typedef struct abstract_list {
    int id;
    list_level levels[LEVELS];
    char *num_style_link; /* the list is defined by a numbering style */
    long counters[LEVELS];
    int started[LEVELS];
} abstract_list;

typedef struct list_instance {
    int id;
    int abstract_id;
    abstract_list *abstract;    /* resolved after loading */
    int has_start[LEVELS];
    long start[LEVELS];
    int start_applied[LEVELS];
    list_level override[LEVELS]; /* a whole level redefined in w:lvlOverride */
} list_instance;

struct docx_numbering {
    abstract_list *abstracts;
    size_t abstract_count;
    list_instance *instances;
    size_t instance_count;
};

static void read_level(xmlNodePtr lvl, list_level *out)
{
    char *v;

    memset(out, 0, sizeof *out);
    out->defined = 1;
    out->restart = -1;
    v = ck_docx_dom_attr(ck_docx_dom_child(lvl, "start"), "val");
    out->start = v ? atol(v) : 0;
    free(v);
    out->format = ck_docx_dom_attr(ck_docx_dom_child(lvl, "numFmt"), "val");
    /* Word 2010 writes custom formats as mc:AlternateContent with a w14
     * numFmt carrying w:format; the plain w:numFmt is its fallback and is
     * what we read. */
    if (!out->format)
        out->format = ck_strdup("decimal");
    out->text = ck_docx_dom_attr(ck_docx_dom_child(lvl, "lvlText"), "val");
    xmlNodePtr legal = ck_docx_dom_child(lvl, "isLgl");
    if (legal) {
        v = ck_docx_dom_attr(legal, "val");
        out->legal = ck_docx_is_on(v);
        free(v);
    }
    v = ck_docx_dom_attr(ck_docx_dom_child(lvl, "lvlRestart"), "val");
    if (v)
        out->restart = atoi(v);
    free(v);
    out->style = ck_docx_dom_attr(ck_docx_dom_child(lvl, "pStyle"), "val");
}

static void free_level(list_level *l)
{
    free(l->format);
    free(l->text);
    free(l->style);
}

static int level_index(xmlNodePtr node)
{
    char *v = ck_docx_dom_attr(node, "ilvl");
    int i = v ? atoi(v) : 0;
    free(v);
    return i >= 0 && i < LEVELS ? i : -1;
}

static int compare_abstracts(const void *a, const void *b)
{
    int x = ((const abstract_list *)a)->id, y = ((const abstract_list *)b)->id;
    return x < y ? -1 : x > y;
}

/* Abstract definitions are kept sorted by id. */
static abstract_list *find_abstract(docx_numbering *n, int id)
{
    abstract_list key;
    key.id = id;
    return n->abstract_count ? bsearch(&key, n->abstracts, n->abstract_count, sizeof *n->abstracts, compare_abstracts)
                             : NULL;
}

static list_instance *find_instance(docx_numbering *n, int id)
{
    /* Instances are kept sorted by id. */
    size_t lo = 0, hi = n->instance_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (n->instances[mid].id == id)
            return &n->instances[mid];
        if (n->instances[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static int compare_instances(const void *a, const void *b)
{
    int x = ((const list_instance *)a)->id, y = ((const list_instance *)b)->id;
    return x < y ? -1 : x > y;
}

int ck_docx_numbering_load(ck_zip *zip, const char *part, const docx_styles *styles,
                           docx_numbering **out, ck_error *err)
{
    docx_numbering *n = ck_calloc(1, sizeof *n);
    xmlDocPtr dom = NULL;
    int rc;

    *out = n;
    if (!part)
        return 0;
    if ((rc = ck_xml_read_dom(zip, part, 0, &dom, err)) != 0)
        return rc;
    xmlNodePtr root = xmlDocGetRootElement(dom);
    for (xmlNodePtr node = root ? root->children : NULL; node; node = node->next) {
        if (ck_docx_dom_is(node, "abstractNum")) {
            n->abstracts = ck_realloc(n->abstracts, (n->abstract_count + 1) * sizeof *n->abstracts);
            abstract_list *a = &n->abstracts[n->abstract_count++];
            memset(a, 0, sizeof *a);
            char *id = ck_docx_dom_attr(node, "abstractNumId");
            a->id = id ? atoi(id) : -1;
            free(id);
            a->num_style_link = ck_docx_dom_attr(ck_docx_dom_child(node, "numStyleLink"), "val");
            for (xmlNodePtr lvl = node->children; lvl; lvl = lvl->next) {
                int i = ck_docx_dom_is(lvl, "lvl") ? level_index(lvl) : -1;
                if (i >= 0 && !a->levels[i].defined)
                    read_level(lvl, &a->levels[i]);
            }
        } else if (ck_docx_dom_is(node, "num")) {
            n->instances = ck_realloc(n->instances, (n->instance_count + 1) * sizeof *n->instances);
            list_instance *inst = &n->instances[n->instance_count++];
            memset(inst, 0, sizeof *inst);
            char *id = ck_docx_dom_attr(node, "numId");
            inst->id = id ? atoi(id) : -1;
            free(id);
            char *abs = ck_docx_dom_attr(ck_docx_dom_child(node, "abstractNumId"), "val");
            inst->abstract_id = abs ? atoi(abs) : -1;
            free(abs);
            for (xmlNodePtr o = node->children; o; o = o->next) {
                int i = ck_docx_dom_is(o, "lvlOverride") ? level_index(o) : -1;
                if (i < 0)
                    continue;
                xmlNodePtr start = ck_docx_dom_child(o, "startOverride");
                if (start) {
                    char *v = ck_docx_dom_attr(start, "val");
                    inst->has_start[i] = 1;
                    inst->start[i] = v ? atol(v) : 0;
                    free(v);
                }
                xmlNodePtr lvl = ck_docx_dom_child(o, "lvl");
                if (lvl && !inst->override[i].defined)
                    read_level(lvl, &inst->override[i]);
            }
        }
    }
    xmlFreeDoc(dom);
    if (n->abstract_count)
        qsort(n->abstracts, n->abstract_count, sizeof *n->abstracts, compare_abstracts);
    if (n->instance_count)
        qsort(n->instances, n->instance_count, sizeof *n->instances, compare_instances);
    for (size_t i = 0; i < n->instance_count; i++) {
        list_instance *inst = &n->instances[i];
        inst->abstract = find_abstract(n, inst->abstract_id);
        /* A list defined through a numbering style: the style's numPr names
         * the instance whose abstract definition holds the levels. */
        if (inst->abstract && inst->abstract->num_style_link && styles) {
            const docx_style *s = ck_docx_style_find(styles, inst->abstract->num_style_link);
            list_instance *target = s && s->has_num ? find_instance(n, s->num_id) : NULL;
            abstract_list *a = target ? find_abstract(n, target->abstract_id) : NULL;
            if (a && !a->num_style_link)
                inst->abstract = a;
        }
    }
    return 0;
}

void ck_docx_numbering_free(docx_numbering *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->abstract_count; i++) {
        for (int l = 0; l < LEVELS; l++)
            free_level(&n->abstracts[i].levels[l]);
        free(n->abstracts[i].num_style_link);
    }
    for (size_t i = 0; i < n->instance_count; i++)
        for (int l = 0; l < LEVELS; l++)
            free_level(&n->instances[i].override[l]);
    free(n->abstracts);
    free(n->instances);
    free(n);
}

static const list_level *effective_level(const list_instance *inst, int ilvl)
{
    if (inst->override[ilvl].defined)
        return &inst->override[ilvl];
    return &inst->abstract->levels[ilvl];
}

/* Bullets are often private-use characters of a symbol font. */
static void put_level_text_char(ck_buf *label, const char *p, size_t n)
{
    unsigned long code = 0;
    if (n == 3 && (unsigned char)p[0] == 0xEF) {
        code = ((unsigned long)(p[0] & 0x0F) << 12) | ((unsigned long)(p[1] & 0x3F) << 6) | (unsigned long)(p[2] & 0x3F);
        if (code >= 0xF000 && code <= 0xF0FF) {
            ck_docx_put_symbol(label, NULL, code);
            return;
        }
    }
    ck_buf_append(label, p, n);
}

int ck_docx_numbering_next(docx_numbering *n, int num_id, int ilvl, const char *style_id,
                           ck_buf *label, int *bullet)
{
    list_instance *inst = n && num_id > 0 ? find_instance(n, num_id) : NULL;

    ck_buf_clear(label);
    *bullet = 0;
    if (!inst || !inst->abstract)
        return -1;
    abstract_list *a = inst->abstract;
    if (ilvl < 0) {
        ilvl = 0;
        for (int i = 0; style_id && i < LEVELS; i++) {
            const list_level *l = effective_level(inst, i);
            if (l->style && strcmp(l->style, style_id) == 0) {
                ilvl = i;
                break;
            }
        }
    }
    if (ilvl >= LEVELS)
        ilvl = LEVELS - 1;
    const list_level *lvl = effective_level(inst, ilvl);
    if (!lvl->defined)
        return -1;

    if (inst->has_start[ilvl] && !inst->start_applied[ilvl]) {
        inst->start_applied[ilvl] = 1;
        a->counters[ilvl] = inst->start[ilvl];
    } else if (!a->started[ilvl]) {
        a->counters[ilvl] = lvl->start;
    } else {
        a->counters[ilvl]++;
    }
    a->started[ilvl] = 1;
    /* Deeper levels start again, unless their w:lvlRestart says they run on
     * past this level. */
    for (int k = ilvl + 1; k < LEVELS; k++) {
        int restart = effective_level(inst, k)->restart;
        if (restart < 0 || (restart > 0 && ilvl < restart))
            a->started[k] = 0;
    }

    *bullet = lvl->format && strcmp(lvl->format, "bullet") == 0;
    if (!lvl->text)
        return ilvl;
    for (const char *p = lvl->text; *p;) {
        if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
            int k = p[1] - '1';
            const list_level *kl = effective_level(inst, k);
            long value = a->started[k] ? a->counters[k] : (kl->defined ? kl->start : 1);
            const char *format = kl->defined ? kl->format : "decimal";
            if (lvl->legal && strcmp(format, "none") != 0)
                format = "decimal";
            if (strcmp(format, "bullet") != 0)
                ck_numeral_format(value, format, label);
            p += 2;
            continue;
        }
        size_t len = 1;
        unsigned char c = (unsigned char)*p;
        if (c >= 0xF0)
            len = 4;
        else if (c >= 0xE0)
            len = 3;
        else if (c >= 0xC0)
            len = 2;
        size_t avail = strnlen(p, len);
        put_level_text_char(label, p, avail);
        p += avail;
    }
    return ilvl;
}
