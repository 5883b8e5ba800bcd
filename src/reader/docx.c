/* docx.c — reads a Word document (DOCX, transitional or Strict OOXML) into
 * the document model, as a person sees it in Word.
 *
 * The package is followed through its relationships: _rels/.rels names the
 * main part (never assumed to be word/document.xml), and the main part's own
 * relationships name styles, numbering, footnotes, endnotes, headers and
 * footers. Small parts are read as a DOM; the main part and the notes,
 * headers and footers are streamed through SAX2, one paragraph's text at a
 * time in a reused buffer.
 *
 * Reading order of the blocks:
 *   - the body, paragraph by paragraph (table cells row by row, one block
 *     per paragraph in a cell, nested tables in place);
 *   - text boxes right after the paragraph that anchors them;
 *   - each footnote and endnote right after the paragraph holding its first
 *     reference (notes never referenced come at the end of the body);
 *   - then headers and footers, each part once, in the order the sections
 *     refer to them.
 * Comments are not contract text and are not read.
 *
 * source_index: the ordinal (from 0) of the block's w:p element among all
 * w:p start tags of its part in document order, wherever they are: in
 * tables, text boxes (both the mc:Choice the reader takes and the
 * mc:Fallback copy it skips), content controls, notes, separators. A writer
 * that streams the part again and counts every w:p finds the same
 * paragraph. When a paragraph mark is a tracked deletion, the paragraph
 * merges with the next and the merged block keeps the source_index of the
 * first.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reader/common.h"
#include "reader/docx_internal.h"
#include "reader/reader.h"
#include "util/buf.h"
#include "util/lang.h"
#include "xml/paragraph.h"
#include "xml/xml.h"

#define URI_W14 "http://schemas.microsoft.com/office/word/2010/wordml"
#define URI_MATH "http://schemas.openxmlformats.org/officeDocument/2006/math"
#define REL_BASE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define REL_BASE_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships/"

enum { MAX_PARAGRAPHS = 16, MAX_FIELDS = 32, MAX_TABLES = 64, MAX_ALTERNATES = 32, MAX_SDTS = 64,
       MAX_TEXT_BOXES = 16, MAX_INSTRUCTION = 64,
       /* more header and footer parts than any real document has; bounds
        * the work a hostile package can ask for */
       MAX_HEADER_PARTS = 512 };

/* ---- relationships ------------------------------------------------------------ */

typedef struct relationship {
    char *id, *type, *target; /* type: the last segment ("footnotes"); target: part name */
} relationship;

typedef struct relationships {
    relationship *items;
    size_t count;
} relationships;

static void relationships_free(relationships *r)
{
    for (size_t i = 0; i < r->count; i++) {
        free(r->items[i].id);
        free(r->items[i].type);
        free(r->items[i].target);
    }
    free(r->items);
    memset(r, 0, sizeof *r);
}

/* Resolves a relationship target against the folder of the source part
 * (base: "word/" or "" for the package), removing "." and ".." segments
 * and %XX escapes. Absolute targets start at the package root. */
static char *resolve_target(const char *base, const char *target)
{
    ck_buf joined = CK_BUF_INIT, out = CK_BUF_INIT;

    if (target[0] == '/')
        ck_buf_puts(&joined, target + 1);
    else {
        ck_buf_puts(&joined, base);
        ck_buf_puts(&joined, target);
    }
    for (const char *p = joined.data; p && *p;) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n == 0 || (n == 1 && p[0] == '.')) {
            /* nothing */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            char *last = out.len ? strrchr(out.data, '/') : NULL;
            ck_buf_truncate(&out, last ? (size_t)(last - out.data) : 0);
        } else {
            if (out.len)
                ck_buf_putc(&out, '/');
            for (size_t i = 0; i < n; i++) {
                static const char hex[] = "0123456789abcdef0123456789ABCDEF";
                const char *h1, *h2;
                if (p[i] == '%' && i + 2 < n &&
                    (h1 = strchr(hex, p[i + 1])) && (h2 = strchr(hex, p[i + 2]))) {
                    int v = (int)((h1 - hex) % 16) * 16 + (int)((h2 - hex) % 16);
                    ck_buf_putc(&out, (char)v);
                    i += 2;
                } else {
                    ck_buf_putc(&out, p[i]);
                }
            }
        }
        p = slash ? slash + 1 : p + n;
    }
    ck_buf_free(&joined);
    return ck_buf_detach(&out);
}

/* Reads a .rels part. A missing part is no error (no relationships). */
static int relationships_load(ck_zip *zip, const char *rels_part, const char *base, relationships *out,
                              ck_error *err)
{
    xmlDocPtr dom = NULL;
    int rc;

    memset(out, 0, sizeof *out);
    if (ck_zip_find_nocase(zip, rels_part) < 0)
        return 0;
    if ((rc = ck_xml_read_dom(zip, rels_part, 0, &dom, err)) != 0)
        return rc;
    xmlNodePtr root = xmlDocGetRootElement(dom);
    for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "Relationship") != 0)
            continue;
        xmlChar *id = xmlGetProp(n, (const xmlChar *)"Id");
        xmlChar *type = xmlGetProp(n, (const xmlChar *)"Type");
        xmlChar *target = xmlGetProp(n, (const xmlChar *)"Target");
        xmlChar *mode = xmlGetProp(n, (const xmlChar *)"TargetMode");
        if (id && type && target && !(mode && strcmp((const char *)mode, "External") == 0)) {
            const char *t = (const char *)type;
            const char *kind = NULL;
            if (strncmp(t, REL_BASE, strlen(REL_BASE)) == 0)
                kind = t + strlen(REL_BASE);
            else if (strncmp(t, REL_BASE_STRICT, strlen(REL_BASE_STRICT)) == 0)
                kind = t + strlen(REL_BASE_STRICT);
            if (kind) {
                out->items = ck_realloc(out->items, (out->count + 1) * sizeof *out->items);
                relationship *r = &out->items[out->count++];
                r->id = ck_strdup((const char *)id);
                r->type = ck_strdup(kind);
                r->target = resolve_target(base, (const char *)target);
            }
        }
        xmlFree(id);
        xmlFree(type);
        xmlFree(target);
        xmlFree(mode);
    }
    xmlFreeDoc(dom);
    return 0;
}

static const relationship *relationship_of_type(const relationships *r, const char *type)
{
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->items[i].type, type) == 0)
            return &r->items[i];
    return NULL;
}

static const relationship *relationship_by_id(const relationships *r, const char *id)
{
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->items[i].id, id) == 0)
            return &r->items[i];
    return NULL;
}

/* The part's name as stored in the zip (OPC names ignore case), or NULL. */
static const char *existing_part(ck_zip *zip, const char *name)
{
    long i = name ? ck_zip_find_nocase(zip, name) : -1;
    return i >= 0 ? ck_zip_name(zip, (size_t)i) : NULL;
}

/* ---- streaming state ------------------------------------------------------------ */

typedef struct paragraph {
    ck_buf text;
    ck_span *spans;
    size_t span_count, span_cap;
    uint32_t source_index;
    int depth;
    char style[128];
    int style_vanish;
    int has_num, num_id, ilvl;
    int outline;
    int mark_deleted;
    int toc;
    size_t inserted_bytes, hidden_bytes;
    int table, row, column, in_table;
    int text_box;
    /* the run being read */
    int run_depth, rpr_depth, ppr_depth, ppr_rpr_depth, text_depth;
    int run_vanish, run_style_vanish;
    int inserted; /* open w:ins / w:moveTo containers */
} paragraph;

typedef struct field {
    int in_result;
    int toc;
    int checkbox; /* legacy FORMCHECKBOX: -1 none, else checked */
    char instruction[MAX_INSTRUCTION];
    size_t instruction_len;
} field;

typedef struct table_state {
    int number, row, next_column, column, span;
} table_state;

typedef struct alternate {
    int depth, choice_taken;
} alternate;

typedef struct content_control {
    int depth, checkbox, toc, in_properties;
} content_control;

typedef struct note_anchor {
    ck_block_kind kind;
    long id;
    size_t position; /* blocks of the document before which the note goes */
} note_anchor;

typedef struct note_range {
    ck_block_kind kind;
    long id;
    size_t first, count;
    int placed;
} note_range;

typedef struct header_ref {
    char *id;
    ck_block_kind kind;
} header_ref;

typedef struct docx_reader {
    ck_document *doc;
    ck_document *pending;    /* blocks of text boxes, until their anchor paragraph is out */
    docx_styles styles;
    docx_numbering *numbering;
    ck_buf label;
    int main_part;           /* reading the main part: check its root */
    int default_vanish;      /* the default paragraph style hides text */

    /* per part */
    const char *part;
    ck_block_kind part_kind; /* PARAGRAPH for the body, else FOOTNOTE... */
    int depth, skip_depth;
    uint32_t paragraph_count;
    paragraph paragraphs[MAX_PARAGRAPHS];
    int open_paragraphs;
    paragraph carry;         /* text of paragraphs whose mark was deleted */
    int carrying;
    field fields[MAX_FIELDS];
    int field_count, field_overflow, fields_hiding, toc_fields;
    table_state tables[MAX_TABLES];
    int table_count;
    alternate alternates[MAX_ALTERNATES];
    int alternate_count;
    content_control sdts[MAX_SDTS];
    int sdt_count, toc_sdts;
    int text_boxes[MAX_TEXT_BOXES];
    int text_box_count;
    int instruction_depth;
    long note_id;
    size_t note_first;
    int note_open;

    /* per document */
    int table_number, text_box_number;
    note_anchor *anchors;
    size_t anchor_count, anchors_unplaced;
    note_range *notes;
    size_t note_count;
    header_ref *header_refs;
    size_t header_ref_count;

    /* namespace pointers seen (libxml2 interns them, so one compare will do) */
    const xmlChar *uri_w[4];
} docx_reader;

/* ---- small helpers ------------------------------------------------------------------ */

enum { NS_OTHER, NS_W, NS_MC, NS_W14, NS_MATH_ML };

static int classify(docx_reader *r, const xmlChar *uri)
{
    if (!uri)
        return NS_OTHER;
    if (uri == r->uri_w[0] || uri == r->uri_w[1])
        return NS_W;
    if (ck_docx_is_w(uri)) {
        r->uri_w[r->uri_w[0] ? 1 : 0] = uri;
        return NS_W;
    }
    if (strcmp((const char *)uri, CK_NS_MC) == 0)
        return NS_MC;
    if (strcmp((const char *)uri, URI_W14) == 0)
        return NS_W14;
    if (strcmp((const char *)uri, URI_MATH) == 0)
        return NS_MATH_ML;
    return NS_OTHER;
}

/* Copies the value of the attribute named local (any namespace) into buf;
 * returns buf, or NULL when absent. No allocation. */
static const char *attr(int nb, const xmlChar **attrs, const char *local, char *buf, size_t size)
{
    for (int i = 0; i < nb; i++) {
        const xmlChar **a = attrs + i * 5;
        if (strcmp((const char *)a[0], local) != 0)
            continue;
        size_t n = (size_t)(a[4] - a[3]);
        if (n >= size)
            n = size - 1;
        memcpy(buf, a[3], n);
        buf[n] = '\0';
        return buf;
    }
    return NULL;
}

static paragraph *current(docx_reader *r)
{
    return r->open_paragraphs ? &r->paragraphs[r->open_paragraphs - 1] : NULL;
}

static void add_span(paragraph *p, uint32_t start, uint32_t end, uint32_t flags)
{
    ck_span_append(&p->spans, &p->span_count, &p->span_cap, start, end, flags);
}

static int run_hidden(const paragraph *p)
{
    if (p->run_vanish >= 0)
        return p->run_vanish;
    if (p->run_style_vanish >= 0)
        return p->run_style_vanish;
    return p->style_vanish > 0;
}

/* Appends text seen in the current paragraph, unless a field instruction
 * is being read; marks it inserted or hidden. */
static void put_text(docx_reader *r, const char *s, size_t len)
{
    paragraph *p = current(r);
    if (!p || r->fields_hiding || !len)
        return;
    uint32_t start = (uint32_t)p->text.len;
    ck_buf_append(&p->text, s, len);
    uint32_t flags = (p->inserted > 0 ? CK_SPAN_INSERTED : 0) | (run_hidden(p) ? CK_SPAN_HIDDEN : 0);
    if (flags) {
        add_span(p, start, (uint32_t)p->text.len, flags);
        if (flags & CK_SPAN_INSERTED)
            p->inserted_bytes += len;
        if (flags & CK_SPAN_HIDDEN)
            p->hidden_bytes += len;
    }
}

/* Moves every block of from to the end of to (ownership moves too). */
static void move_blocks(ck_document *to, ck_document *from)
{
    if (!from->count)
        return;
    if (to->count + from->count > to->capacity) {
        to->capacity = (to->count + from->count) * 2;
        to->blocks = ck_realloc(to->blocks, to->capacity * sizeof *to->blocks);
    }
    memcpy(to->blocks + to->count, from->blocks, from->count * sizeof *from->blocks);
    to->count += from->count;
    from->count = 0;
}

/* ---- paragraphs ------------------------------------------------------------------ */

static void paragraph_reset(paragraph *p)
{
    ck_buf_clear(&p->text);
    p->span_count = 0;
    p->style[0] = '\0';
    p->style_vanish = -1;
    p->has_num = 0;
    p->num_id = 0;
    p->ilvl = -1;
    p->outline = -1;
    p->mark_deleted = 0;
    p->toc = 0;
    p->inserted_bytes = p->hidden_bytes = 0;
    p->table = p->row = p->column = p->in_table = 0;
    p->text_box = 0;
    p->run_depth = p->rpr_depth = p->ppr_depth = p->ppr_rpr_depth = p->text_depth = 0;
    p->run_vanish = p->run_style_vanish = -1;
    p->inserted = 0;
}

static void paragraph_free(paragraph *p)
{
    ck_buf_free(&p->text);
    free(p->spans);
}

/* Appends the text and spans of from to to (a deleted paragraph mark). */
static void paragraph_append(paragraph *to, const paragraph *from)
{
    uint32_t offset = (uint32_t)to->text.len;
    if (from->text.len)
        ck_buf_append(&to->text, from->text.data, from->text.len);
    for (size_t i = 0; i < from->span_count; i++)
        add_span(to, from->spans[i].start + offset, from->spans[i].end + offset, from->spans[i].flags);
    to->inserted_bytes += from->inserted_bytes;
    to->hidden_bytes += from->hidden_bytes;
}

static void paragraph_start(docx_reader *r)
{
    paragraph *p = &r->paragraphs[r->open_paragraphs++];

    paragraph_reset(p);
    p->depth = r->depth;
    p->source_index = r->paragraph_count++;
    p->style_vanish = r->default_vanish;
    if (r->table_count) {
        table_state *t = &r->tables[r->table_count - 1];
        p->in_table = 1;
        p->table = t->number;
        p->row = t->row;
        p->column = t->column;
    }
    if (r->text_box_count)
        p->text_box = r->text_boxes[r->text_box_count - 1];
    p->toc = r->toc_fields > 0 || r->toc_sdts > 0;
    if (r->open_paragraphs == 1 && r->carrying) {
        paragraph_append(p, &r->carry);
        p->source_index = r->carry.source_index;
        r->carrying = 0;
        ck_buf_clear(&r->carry.text);
        r->carry.span_count = 0;
        r->carry.inserted_bytes = r->carry.hidden_bytes = 0;
    }
}

/* Turns a finished paragraph into a block of target (the document, or the
 * pending list for text boxes). */
static void paragraph_emit(docx_reader *r, paragraph *p, ck_document *target)
{
    docx_style_info info;
    int num_id = 0, ilvl = -1, level = -1, bullet = 0;
    ck_block_kind kind;
    uint32_t flags = 0;

    ck_docx_style_resolve(&r->styles, p->style[0] ? p->style : NULL, &info);
    if (p->has_num) {
        num_id = p->num_id;
        ilvl = p->ilvl >= 0 ? p->ilvl : info.ilvl;
    } else if (info.has_num) {
        num_id = info.num_id;
        ilvl = info.ilvl;
    }
    ck_buf_clear(&r->label);
    if (num_id > 0)
        level = ck_docx_numbering_next(r->numbering, num_id, ilvl, p->style[0] ? p->style : NULL, &r->label,
                                       &bullet);
    int heading = info.heading;
    if (p->outline >= 0)
        heading = p->outline <= 8 ? p->outline + 1 : 0;
    int toc = info.toc || p->toc;
    if (toc)
        heading = 0;

    int has_label = r->label.len && !bullet;
    if (ck_reader_blank(p->text.data ? p->text.data : "", p->text.len) && !has_label)
        return;

    kind = ck_reader_block_kind(r->part_kind, p->text_box, p->in_table, heading, level >= 0);
    if (p->in_table)
        flags |= CK_BLOCK_IN_TABLE;
    if (p->text_box)
        flags |= CK_BLOCK_IN_TEXT_BOX;
    if (toc)
        flags |= CK_BLOCK_TOC;
    if (p->text.len && p->inserted_bytes >= p->text.len)
        flags |= CK_BLOCK_INSERTED;
    if (p->text.len && p->hidden_bytes >= p->text.len)
        flags |= CK_BLOCK_HIDDEN;

    ck_block *b = ck_document_add(target, kind, p->text.data, p->text.len, r->label.len ? r->label.data : NULL,
                                  info.name);
    b->flags = flags;
    b->level = kind == CK_BLOCK_HEADING ? heading : (level >= 0 ? level : 0);
    b->table = p->table;
    b->row = p->row;
    b->column = p->column;
    b->text_box = p->text_box;
    b->part = r->part;
    b->source_index = p->source_index;
    for (size_t i = 0; i < p->span_count; i++)
        ck_block_add_span(b, p->spans[i].start, p->spans[i].end, p->spans[i].flags);
}

static void paragraph_end(docx_reader *r)
{
    paragraph *p = current(r);
    int outermost = r->open_paragraphs == 1;

    if (p->mark_deleted && outermost) {
        if (!r->carrying) {
            paragraph_reset(&r->carry);
            r->carry.source_index = p->source_index;
            memcpy(r->carry.style, p->style, sizeof p->style);
            r->carrying = 1;
        }
        paragraph_append(&r->carry, p);
    } else {
        paragraph_emit(r, p, outermost ? r->doc : r->pending);
    }
    r->open_paragraphs--;
    if (outermost) {
        /* A field instruction never runs past its paragraph in what Word
         * writes; one still open here lost its separator (a damaged file or
         * a half-deleted field): show what follows rather than hide the rest
         * of the part. */
        for (int i = 0; i < r->field_count; i++) {
            if (!r->fields[i].in_result) {
                r->fields[i].in_result = 1;
                r->fields_hiding--;
            }
        }
        move_blocks(r->doc, r->pending);
        for (size_t i = r->anchor_count - r->anchors_unplaced; i < r->anchor_count; i++)
            r->anchors[i].position = r->doc->count;
        r->anchors_unplaced = 0;
    }
}

/* ---- fields ----------------------------------------------------------------------- */

static void put_checkbox(docx_reader *r, int checked)
{
    const char *glyph = checked ? "☑" : "☐";
    put_text(r, glyph, strlen(glyph));
}

static void field_char(docx_reader *r, const char *type)
{
    if (!type)
        return;
    if (strcmp(type, "begin") == 0) {
        r->fields_hiding++;
        if (r->field_count == MAX_FIELDS) {
            r->field_overflow++;
            return;
        }
        field *f = &r->fields[r->field_count++];
        memset(f, 0, sizeof *f);
        f->checkbox = -1;
    } else if (strcmp(type, "separate") == 0) {
        if (r->field_overflow || !r->field_count)
            return;
        field *f = &r->fields[r->field_count - 1];
        if (f->in_result)
            return;
        f->in_result = 1;
        r->fields_hiding--;
        const char *s = f->instruction;
        while (*s == ' ')
            s++;
        if (strncmp(s, "TOC", 3) == 0 && (s[3] == ' ' || s[3] == '\0')) {
            f->toc = 1;
            r->toc_fields++;
            if (current(r))
                current(r)->toc = 1;
        }
    } else if (strcmp(type, "end") == 0) {
        if (r->field_overflow) {
            r->field_overflow--;
            r->fields_hiding--;
            return;
        }
        if (!r->field_count)
            return;
        field *f = &r->fields[--r->field_count];
        if (!f->in_result)
            r->fields_hiding--;
        if (f->toc)
            r->toc_fields--;
        if (f->checkbox >= 0)
            put_checkbox(r, f->checkbox);
    }
}

/* ---- SAX handlers ------------------------------------------------------------------ */

static void skip_subtree(docx_reader *r)
{
    r->skip_depth = r->depth;
}

/* Revision records keep the properties an element had before a tracked
 * change (w:pPrChange, w:rPrChange, w:tblGridChange, w:numberingChange…):
 * every W element whose name ends in "Change". Ruby text (w:rt) is read
 * over the base text, not as part of it. */
static int is_revision_record(const char *name)
{
    if (name[0] == 'r' && name[1] == 't' && name[2] == '\0')
        return 1;
    size_t n = strlen(name);
    return n > 6 && name[n - 1] == 'e' && memcmp(name + n - 6, "Change", 6) == 0;
}

/* w:headerReference, w:footerReference: a header or footer part to read
 * after the body, each part once. */
static void add_header_reference(docx_reader *r, const char *name, int nb, const xmlChar **attrs)
{
    char value[128];
    const char *id = attr(nb, attrs, "id", value, sizeof value);
    if (id && r->part_kind == CK_BLOCK_PARAGRAPH && r->header_ref_count < MAX_HEADER_PARTS) {
        for (size_t i = 0; i < r->header_ref_count; i++)
            if (strcmp(r->header_refs[i].id, id) == 0)
                return;
        r->header_refs = ck_realloc(r->header_refs, (r->header_ref_count + 1) * sizeof *r->header_refs);
        r->header_refs[r->header_ref_count++] =
            (header_ref){ ck_strdup(id), name[0] == 'h' ? CK_BLOCK_HEADER : CK_BLOCK_FOOTER };
    }
}

/* w:p, w:pPr, w:pStyle: a paragraph and the properties it takes numbering
 * and hidden text from. */
static void start_paragraph_element(docx_reader *r, paragraph *p, const char *name, int nb, const xmlChar **attrs)
{
    if (ck_xml_is_paragraph(CK_PARAGRAPHS_DOCX, CK_NS_W, name)) { /* start_w sees W elements only */
        if (r->open_paragraphs == MAX_PARAGRAPHS) {
            r->paragraph_count++;
            skip_subtree(r);
            return;
        }
        paragraph_start(r);
        return;
    }
    if (p && strcmp(name, "pPr") == 0 && !p->ppr_depth) {
        p->ppr_depth = r->depth;
        return;
    }
    if (p && p->ppr_depth && strcmp(name, "pStyle") == 0) {
        if (attr(nb, attrs, "val", p->style, sizeof p->style)) {
            docx_style_info info;
            ck_docx_style_resolve(&r->styles, p->style, &info);
            p->style_vanish = info.vanish;
        }
        return;
    }
    if (strcmp(name, "pPrChange") == 0)
        skip_subtree(r);
}

/* w:r, w:rPr, w:rStyle; revision records and ruby text are skipped. */
static void start_run_element(docx_reader *r, paragraph *p, const char *name, int nb, const xmlChar **attrs)
{
    char value[128];

    if (is_revision_record(name)) {
        skip_subtree(r); /* rPrChange, and ruby text (w:rt) over the base text */
        return;
    }
    if (!p)
        return;
    if (strcmp(name, "r") == 0) {
        p->run_depth = r->depth;
        p->run_vanish = p->run_style_vanish = -1;
        return;
    }
    if (strcmp(name, "rPr") == 0) {
        if (p->run_depth && r->depth == p->run_depth + 1)
            p->rpr_depth = r->depth;
        else if (p->ppr_depth && r->depth == p->ppr_depth + 1)
            p->ppr_rpr_depth = r->depth;
        return;
    }
    if (strcmp(name, "rStyle") == 0 && p->rpr_depth) {
        if (attr(nb, attrs, "val", value, sizeof value))
            p->run_style_vanish = ck_docx_char_style_vanish(&r->styles, value);
        return;
    }
}

/* w:t, w:tab, and the tables (w:tbl, w:tr, w:tc) and text boxes that
 * number the blocks inside them. */
static void start_text_or_table(docx_reader *r, paragraph *p, const char *name)
{
    if (strcmp(name, "t") == 0) {
        if (p)
            p->text_depth = r->depth;
        return;
    }
    if (strcmp(name, "tab") == 0) {
        if (p && p->run_depth && r->depth == p->run_depth + 1)
            put_text(r, "\t", 1);
        return;
    }
    if (strcmp(name, "tbl") == 0) {
        if (r->table_count == MAX_TABLES) {
            skip_subtree(r);
            return;
        }
        r->tables[r->table_count++] = (table_state){ ++r->table_number, 0, 1, 0, 1 };
        return;
    }
    if (strcmp(name, "tr") == 0 && r->table_count) {
        table_state *t = &r->tables[r->table_count - 1];
        t->row++;
        t->next_column = 1;
        return;
    }
    if (strcmp(name, "tc") == 0 && r->table_count) {
        table_state *t = &r->tables[r->table_count - 1];
        t->column = t->next_column;
        t->span = 1;
        return;
    }
    if (strcmp(name, "txbxContent") == 0) {
        if (r->text_box_count == MAX_TEXT_BOXES) {
            skip_subtree(r);
            return;
        }
        r->text_boxes[r->text_box_count++] = ++r->text_box_number;
        return;
    }
    if (is_revision_record(name))
        skip_subtree(r);
}

/* w:sym, w:softHyphen, and content controls (w:sdt) with their check boxes. */
static void start_symbol_or_control(docx_reader *r, paragraph *p, const char *name, int nb, const xmlChar **attrs)
{
    char value[128];

    if (strcmp(name, "sym") == 0) {
        char font[64];
        const char *code = attr(nb, attrs, "char", value, sizeof value);
        if (p && code) {
            ck_buf tmp = CK_BUF_INIT;
            ck_docx_put_symbol(&tmp, attr(nb, attrs, "font", font, sizeof font), strtoul(code, NULL, 16));
            put_text(r, tmp.data ? tmp.data : "", tmp.len);
            ck_buf_free(&tmp);
        }
    } else if (strcmp(name, "sdt") == 0) {
        if (r->sdt_count == MAX_SDTS) {
            skip_subtree(r);
            return;
        }
        r->sdts[r->sdt_count++] = (content_control){ r->depth, -1, 0, 0 };
    } else if (strcmp(name, "sdtContent") == 0 && r->sdt_count) {
        content_control *c = &r->sdts[r->sdt_count - 1];
        if (c->checkbox >= 0 && p) {
            put_checkbox(r, c->checkbox);
            skip_subtree(r); /* the glyph Word put there, in its own font */
        }
    } else if (strcmp(name, "softHyphen") == 0) {
        /* shown only at a line end */
    } else if (is_revision_record(name)) {
        skip_subtree(r);
    }
}

/* Fields (w:fldChar, w:fldSimple), notes and references to them, and
 * references to footers. */
static void start_field_or_note(docx_reader *r, paragraph *p, const char *name, int nb, const xmlChar **attrs)
{
    char value[128];

    if (strcmp(name, "fldChar") == 0) {
        field_char(r, attr(nb, attrs, "fldCharType", value, sizeof value));
    } else if (strcmp(name, "fldSimple") == 0) {
        const char *instr = attr(nb, attrs, "instr", value, sizeof value);
        while (instr && *instr == ' ')
            instr++;
        if (instr && p && strncmp(instr, "TOC", 3) == 0 && (instr[3] == ' ' || instr[3] == '\0'))
            p->toc = 1;
    } else if (strcmp(name, "footnoteReference") == 0 || strcmp(name, "endnoteReference") == 0) {
        const char *id = attr(nb, attrs, "id", value, sizeof value);
        if (id && r->part_kind == CK_BLOCK_PARAGRAPH) {
            r->anchors = ck_realloc(r->anchors, (r->anchor_count + 1) * sizeof *r->anchors);
            r->anchors[r->anchor_count++] =
                (note_anchor){ name[0] == 'f' ? CK_BLOCK_FOOTNOTE : CK_BLOCK_ENDNOTE, atol(id), r->doc->count };
            if (p)
                r->anchors_unplaced++;
        }
    } else if (strcmp(name, "footerReference") == 0) {
        add_header_reference(r, name, nb, attrs);
    } else if ((strcmp(name, "footnote") == 0 || strcmp(name, "endnote") == 0) && r->depth == 2) {
        const char *type = attr(nb, attrs, "type", value, sizeof value);
        if (type && strcmp(type, "normal") != 0) {
            skip_subtree(r); /* separators and continuation notices */
            return;
        }
        r->note_id = atol(attr(nb, attrs, "id", value, sizeof value) ? value : "0");
        r->note_first = r->doc->count;
        r->note_open = 1;
    }
}

/* An element of the WordprocessingML namespace starts. */
static void start_w(docx_reader *r, const char *name, int nb, const xmlChar **attrs)
{
    paragraph *p = current(r);
    char value[128];

    switch (name[0]) {
    case 'p':
        start_paragraph_element(r, p, name, nb, attrs);
        return;
    case 'r':
        start_run_element(r, p, name, nb, attrs);
        return;
    case 't':
        start_text_or_table(r, p, name);
        return;
    case 'g':
        if (strcmp(name, "gridSpan") == 0 && r->table_count && attr(nb, attrs, "val", value, sizeof value)) {
            int span = atoi(value);
            r->tables[r->table_count - 1].span = span > 0 && span < 1000 ? span : 1;
        }
        return;
    case 'n':
        if (p && p->ppr_depth && strcmp(name, "numId") == 0 && attr(nb, attrs, "val", value, sizeof value)) {
            p->has_num = 1;
            p->num_id = atoi(value);
        } else if (strcmp(name, "noBreakHyphen") == 0) {
            put_text(r, "-", 1);
        } else if (is_revision_record(name)) {
            skip_subtree(r);
        }
        return;
    case 'i':
        if (strcmp(name, "ins") == 0) {
            if (p && !p->ppr_rpr_depth && ck_reader_is_suggestion(attr(nb, attrs, "author", value, sizeof value)))
                skip_subtree(r);
            else if (p && !p->ppr_rpr_depth)
                p->inserted++;
        } else if (strcmp(name, "ilvl") == 0) {
            if (p && p->ppr_depth && attr(nb, attrs, "val", value, sizeof value)) {
                int l = atoi(value);
                p->ilvl = l >= 0 && l < 9 ? l : 0;
            }
        } else if (strcmp(name, "instrText") == 0) {
            r->instruction_depth = r->depth;
        }
        return;
    case 'm':
        if (strcmp(name, "moveTo") == 0) {
            if (p && !p->ppr_rpr_depth)
                p->inserted++;
        } else if (strcmp(name, "moveFrom") == 0) {
            if (p && p->ppr_rpr_depth)
                p->mark_deleted = 1;
            else
                skip_subtree(r);
        }
        return;
    case 'd':
        if (strcmp(name, "del") == 0) {
            if (p && p->ppr_rpr_depth)
                p->mark_deleted = 1;
            else
                skip_subtree(r);
        } else if (strcmp(name, "docPartGallery") == 0 && r->sdt_count &&
                   attr(nb, attrs, "val", value, sizeof value) && strcmp(value, "Table of Contents") == 0) {
            content_control *c = &r->sdts[r->sdt_count - 1];
            if (!c->toc) {
                c->toc = 1;
                r->toc_sdts++;
            }
        } else if (strcmp(name, "default") == 0 && r->field_count &&
                   attr(nb, attrs, "val", value, sizeof value)) {
            field *f = &r->fields[r->field_count - 1];
            if (f->checkbox >= 0)
                f->checkbox = ck_docx_is_on(value);
        }
        return;
    case 'b':
        if (strcmp(name, "br") == 0 && p && p->run_depth) {
            const char *type = attr(nb, attrs, "type", value, sizeof value);
            if (!type || strcmp(type, "textWrapping") == 0)
                put_text(r, "\n", 1);
        }
        return;
    case 'c':
        if (strcmp(name, "cr") == 0 && p && p->run_depth) {
            put_text(r, "\n", 1);
        } else if (strcmp(name, "checkBox") == 0 && r->field_count) {
            r->fields[r->field_count - 1].checkbox = 0;
        } else if (strcmp(name, "checked") == 0 && r->field_count) {
            field *f = &r->fields[r->field_count - 1];
            if (f->checkbox >= 0)
                f->checkbox = ck_docx_is_on(attr(nb, attrs, "val", value, sizeof value));
        }
        return;
    case 's':
        start_symbol_or_control(r, p, name, nb, attrs);
        return;
    case 'o':
        if (strcmp(name, "outlineLvl") == 0 && p && p->ppr_depth && attr(nb, attrs, "val", value, sizeof value))
            p->outline = atoi(value);
        return;
    case 'v':
        if (strcmp(name, "vanish") == 0 && p && p->rpr_depth)
            p->run_vanish = ck_docx_is_on(attr(nb, attrs, "val", value, sizeof value));
        return;
    case 'e': /* endnote, endnoteReference: read as their footnote twins */
    case 'f':
        start_field_or_note(r, p, name, nb, attrs);
        return;
    case 'h':
        if (strcmp(name, "headerReference") == 0)
            add_header_reference(r, name, nb, attrs);
        return;
    default:
        break;
    }
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri, int nb_ns,
                     const xmlChar **ns, int nb_attr, int nb_def, const xmlChar **attrs)
{
    docx_reader *r = CK_XML_STATE(ctx);
    const char *name = (const char *)local;
    (void)prefix, (void)nb_ns, (void)ns, (void)nb_def;

    r->depth++;
    if (r->skip_depth) {
        /* every w:p counts for source_index, read or not */
        if (ck_xml_is_paragraph(CK_PARAGRAPHS_DOCX, (const char *)uri, name))
            r->paragraph_count++;
        return;
    }
    int space = classify(r, uri);
    if (r->depth == 1 && r->main_part && !(space == NS_W && strcmp(name, "document") == 0)) {
        char message[512];
        snprintf(message, sizeof message,
                 ck_tr("主文件不是 Word 文件（根元素為 <%s>）；請提供 .docx 契約",
                       "the main part is not a Word document (its root is <%s>); give a .docx contract"),
                 name);
        ck_xml_abort(ctx, CK_EINPUT, message);
        return;
    }
    switch (space) {
    case NS_W:
        start_w(r, name, nb_attr, attrs);
        ck_reader_count_over_limit(ctx, r->table_number, r->text_box_number);
        break;
    case NS_MC:
        if (strcmp(name, "AlternateContent") == 0) {
            if (r->alternate_count == MAX_ALTERNATES) {
                skip_subtree(r);
                return;
            }
            r->alternates[r->alternate_count++] = (alternate){ r->depth, 0 };
        } else if (r->alternate_count && r->alternates[r->alternate_count - 1].depth == r->depth - 1) {
            alternate *a = &r->alternates[r->alternate_count - 1];
            if (a->choice_taken)
                skip_subtree(r);
            else if (strcmp(name, "Choice") == 0 || strcmp(name, "Fallback") == 0)
                a->choice_taken = 1;
        }
        break;
    case NS_W14:
        if (r->sdt_count && strcmp(name, "checkbox") == 0) {
            r->sdts[r->sdt_count - 1].checkbox = 0;
        } else if (r->sdt_count && strcmp(name, "checked") == 0) {
            char value[16];
            content_control *c = &r->sdts[r->sdt_count - 1];
            if (c->checkbox >= 0)
                c->checkbox = ck_docx_is_on(attr(nb_attr, attrs, "val", value, sizeof value));
        }
        break;
    case NS_MATH_ML:
        if (strcmp(name, "t") == 0 && current(r))
            current(r)->text_depth = r->depth;
        break;
    default:
        break;
    }
}

static void end_w(docx_reader *r, const char *name)
{
    paragraph *p = current(r);

    if (p && r->depth == p->depth && name[0] == 'p' && name[1] == '\0') {
        paragraph_end(r);
        return;
    }
    if (p) {
        if (r->depth == p->text_depth)
            p->text_depth = 0;
        else if (r->depth == p->rpr_depth)
            p->rpr_depth = 0;
        else if (r->depth == p->run_depth) {
            p->run_depth = 0;
            p->run_vanish = p->run_style_vanish = -1;
        }
        else if (r->depth == p->ppr_rpr_depth)
            p->ppr_rpr_depth = 0;
        else if (r->depth == p->ppr_depth)
            p->ppr_depth = 0;
        else if (p->inserted && !p->ppr_rpr_depth && (strcmp(name, "ins") == 0 || strcmp(name, "moveTo") == 0))
            p->inserted--;
    }
    if (r->depth == r->instruction_depth) {
        r->instruction_depth = 0;
        return;
    }
    switch (name[0]) {
    case 't':
        if (strcmp(name, "tc") == 0 && r->table_count) {
            table_state *t = &r->tables[r->table_count - 1];
            t->next_column += t->span;
        } else if (strcmp(name, "tbl") == 0 && r->table_count) {
            r->table_count--;
        } else if (strcmp(name, "txbxContent") == 0 && r->text_box_count) {
            r->text_box_count--;
        }
        break;
    case 's':
        if (strcmp(name, "sdt") == 0 && r->sdt_count && r->sdts[r->sdt_count - 1].depth == r->depth) {
            if (r->sdts[r->sdt_count - 1].toc)
                r->toc_sdts--;
            r->sdt_count--;
        }
        break;
    case 'f':
    case 'e':
        if (r->note_open && r->depth == 2 && (strcmp(name, "footnote") == 0 || strcmp(name, "endnote") == 0)) {
            r->notes = ck_realloc(r->notes, (r->note_count + 1) * sizeof *r->notes);
            r->notes[r->note_count++] = (note_range){ r->part_kind, r->note_id, r->note_first,
                                                      r->doc->count - r->note_first, 0 };
            r->note_open = 0;
        }
        break;
    default:
        break;
    }
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    docx_reader *r = CK_XML_STATE(ctx);
    (void)prefix;

    if (r->skip_depth) {
        if (r->depth == r->skip_depth)
            r->skip_depth = 0;
        r->depth--;
        return;
    }
    switch (classify(r, uri)) {
    case NS_W:
        end_w(r, (const char *)local);
        break;
    case NS_MC:
        if (r->alternate_count && r->alternates[r->alternate_count - 1].depth == r->depth)
            r->alternate_count--;
        break;
    case NS_MATH_ML:
        if (current(r) && current(r)->text_depth == r->depth)
            current(r)->text_depth = 0;
        break;
    default:
        break;
    }
    r->depth--;
}

static void on_characters(void *ctx, const xmlChar *ch, int len)
{
    docx_reader *r = CK_XML_STATE(ctx);
    paragraph *p;

    if (r->skip_depth)
        return;
    if (r->instruction_depth) {
        if (r->field_count && !r->field_overflow) {
            field *f = &r->fields[r->field_count - 1];
            size_t room = sizeof f->instruction - 1 - f->instruction_len;
            size_t n = (size_t)len < room ? (size_t)len : room;
            memcpy(f->instruction + f->instruction_len, ch, n);
            f->instruction_len += n;
            f->instruction[f->instruction_len] = '\0';
        }
        return;
    }
    p = current(r);
    if (p && p->text_depth && !ck_reader_text_over_limit(ctx, p->text.len, (size_t)len))
        put_text(r, (const char *)ch, (size_t)len);
}

/* ---- parts ---------------------------------------------------------------------------- */

static void reset_part_state(docx_reader *r, const char *part, ck_block_kind kind)
{
    r->part = ck_document_part(r->doc, part);
    r->part_kind = kind;
    r->depth = r->skip_depth = 0;
    r->paragraph_count = 0;
    r->open_paragraphs = 0;
    r->carrying = 0;
    r->field_count = r->field_overflow = r->fields_hiding = r->toc_fields = 0;
    r->table_count = r->alternate_count = r->sdt_count = r->toc_sdts = r->text_box_count = 0;
    r->instruction_depth = 0;
    r->note_open = 0;
}

static int stream_part(docx_reader *r, ck_zip *zip, const char *part, ck_block_kind kind, ck_error *err)
{
    xmlSAXHandler sax;
    int rc;

    memset(&sax, 0, sizeof sax);
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_characters;
    sax.cdataBlock = on_characters;
    reset_part_state(r, part, kind);
    rc = ck_xml_parse_part(zip, part, &sax, r, err);
    if (rc == 0 && r->carrying) {
        /* the last paragraph's mark was deleted: nothing to merge with */
        r->carrying = 0;
        paragraph_emit(r, &r->carry, r->doc);
    }
    r->main_part = 0;
    return rc;
}

static int compare_notes(const void *a, const void *b)
{
    const note_range *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* The order notes were read in (their parts, then the notes in a part). */
static int compare_note_order(const void *a, const void *b)
{
    const note_range *x = a, *y = b;
    return x->first < y->first ? -1 : x->first > y->first;
}

/* Appends a note's blocks to the reading order (order: the block that goes
 * to each position), numbered as Word shows the note. */
static void place_note(note_range *note, ck_block *blocks, uint32_t *order, size_t *n, int *numbers,
                       unsigned char *taken, size_t body_end)
{
    if (note->placed)
        return; /* a second reference to the same note */
    note->placed = 1;
    int number = ++numbers[note->kind == CK_BLOCK_FOOTNOTE ? 0 : 1];
    for (size_t i = 0; i < note->count; i++) {
        blocks[note->first + i].note = number;
        order[(*n)++] = (uint32_t)(note->first + i);
        taken[note->first + i - body_end] = 1;
    }
}

/* Moves every block to its position in order (a permutation), in place:
 * each cycle of the permutation is walked with one spare block. */
static void reorder_blocks(ck_block *blocks, const uint32_t *order, size_t count)
{
    unsigned char *done = ck_calloc(count ? count : 1, 1);
    for (size_t k = 0; k < count; k++) {
        if (done[k] || order[k] == k)
            continue;
        ck_block spare = blocks[k];
        size_t j = k;
        while (order[j] != k) {
            blocks[j] = blocks[order[j]];
            done[j] = 1;
            j = order[j];
        }
        blocks[j] = spare;
        done[j] = 1;
    }
    free(done);
}

/* Puts each note's blocks (read after the body, at [body_end, count)) right
 * after the paragraph holding its first reference; unreferenced notes go
 * after the body. The blocks move in place: a second block array would
 * double the memory of a large contract. */
static void place_notes(docx_reader *r, size_t body_end)
{
    ck_document *doc = r->doc;
    size_t total = doc->count, n = 0, a = 0;
    int numbers[2] = { 0, 0 };

    if (total == body_end)
        return;
    qsort(r->notes, r->note_count, sizeof *r->notes, compare_notes);
    uint32_t *order = ck_malloc(total * sizeof *order);
    unsigned char *taken = ck_calloc(total - body_end, 1);
    for (size_t i = 0; i <= body_end; i++) {
        for (; a < r->anchor_count && r->anchors[a].position <= i; a++) {
            note_range key = { r->anchors[a].kind, r->anchors[a].id, 0, 0, 0 };
            note_range *note = r->note_count ? bsearch(&key, r->notes, r->note_count, sizeof *r->notes, compare_notes) : NULL;
            if (note)
                place_note(note, doc->blocks, order, &n, numbers, taken, body_end);
        }
        if (i < body_end)
            order[n++] = (uint32_t)i;
    }
    /* Notes never referenced, in the order of their parts. */
    qsort(r->notes, r->note_count, sizeof *r->notes, compare_note_order);
    for (size_t k = 0; k < r->note_count; k++)
        place_note(&r->notes[k], doc->blocks, order, &n, numbers, taken, body_end);
    /* Paragraphs of a notes part outside any note (a damaged part). */
    for (size_t i = body_end; i < total; i++)
        if (!taken[i - body_end])
            order[n++] = (uint32_t)i;
    assert(n == total); /* every block once: note ranges do not overlap */
    reorder_blocks(doc->blocks, order, total);
    free(taken);
    free(order);
}

static int package_error(ck_error *err, const char *zh, const char *en, const char *detail)
{
    return ck_error_set(err, CK_EINPUT, ck_tr(zh, en), detail);
}

int ck_docx_read(ck_zip *zip, ck_document *doc, ck_error *err)
{
    docx_reader *r = ck_calloc(1, sizeof *r);
    relationships package = { 0 }, document = { 0 };
    char *main_name = NULL;
    const char *main_part;
    int rc;

    r->doc = doc;
    r->pending = ck_document_new_borrowing(doc);

    if (ck_zip_find_nocase(zip, "_rels/.rels") < 0) {
        rc = ck_error_set(err, CK_EINPUT, "%s",
                          ck_tr("文件套件中缺少 _rels/.rels，找不到主文件；這不是完整的 Word 檔，請在 Word 重新儲存為 .docx",
                                "the package has no _rels/.rels, so its main document cannot be found; "
                                "this is not a complete Word file: save it again as .docx in Word"));
        goto done;
    }
    if ((rc = relationships_load(zip, "_rels/.rels", "", &package, err)) != 0)
        goto done;
    const relationship *office = relationship_of_type(&package, "officeDocument");
    if (!office) {
        rc = ck_error_set(err, CK_EINPUT, "%s",
                          ck_tr("_rels/.rels 沒有指出主文件（officeDocument）；請在 Word 重新儲存為 .docx",
                                "_rels/.rels names no main document (officeDocument relationship); "
                                "save the file again as .docx in Word"));
        goto done;
    }
    main_part = existing_part(zip, office->target);
    if (!main_part) {
        rc = package_error(err, "_rels/.rels 指向的主文件「%s」不在檔案中；檔案不完整，請重新儲存",
                           "the main document '%s' named in _rels/.rels is not in the package; the file is incomplete: save it again",
                           office->target);
        goto done;
    }
    main_name = ck_strdup(main_part);

    /* The main part's relationships: word/_rels/document.xml.rels. */
    {
        const char *slash = strrchr(main_name, '/');
        size_t folder = slash ? (size_t)(slash - main_name + 1) : 0;
        ck_buf rels_name = CK_BUF_INIT, base = CK_BUF_INIT;
        ck_buf_append(&rels_name, main_name, folder);
        ck_buf_puts(&rels_name, "_rels/");
        ck_buf_puts(&rels_name, main_name + folder);
        ck_buf_puts(&rels_name, ".rels");
        ck_buf_append(&base, main_name, folder);
        rc = relationships_load(zip, rels_name.data, base.data ? base.data : "", &document, err);
        ck_buf_free(&rels_name);
        ck_buf_free(&base);
        if (rc != 0)
            goto done;
    }
    const relationship *rel = relationship_of_type(&document, "styles");
    if ((rc = ck_docx_styles_load(zip, rel ? existing_part(zip, rel->target) : NULL, &r->styles, err)) != 0)
        goto done;
    rel = relationship_of_type(&document, "numbering");
    if ((rc = ck_docx_numbering_load(zip, rel ? existing_part(zip, rel->target) : NULL, &r->styles, &r->numbering,
                                     err)) != 0)
        goto done;

    {
        docx_style_info info;
        ck_docx_style_resolve(&r->styles, NULL, &info);
        r->default_vanish = info.vanish;
    }
    r->main_part = 1;
    if ((rc = stream_part(r, zip, main_name, CK_BLOCK_PARAGRAPH, err)) != 0)
        goto done;
    size_t body_end = doc->count;

    static const struct { const char *type; ck_block_kind kind; } notes[] = {
        { "footnotes", CK_BLOCK_FOOTNOTE }, { "endnotes", CK_BLOCK_ENDNOTE },
    };
    for (size_t i = 0; i < 2; i++) {
        rel = relationship_of_type(&document, notes[i].type);
        const char *part = rel ? existing_part(zip, rel->target) : NULL;
        if (part && (rc = stream_part(r, zip, part, notes[i].kind, err)) != 0)
            goto done;
    }
    place_notes(r, body_end);

    /* Headers and footers: those the sections name, then any others. */
    {
        const char **done_parts = ck_calloc(r->header_ref_count + document.count + 1, sizeof *done_parts);
        size_t done_count = 0;
        for (size_t i = 0; i < r->header_ref_count + document.count && rc == 0 && done_count < MAX_HEADER_PARTS; i++) {
            const relationship *hr;
            ck_block_kind kind;
            if (i < r->header_ref_count) {
                hr = relationship_by_id(&document, r->header_refs[i].id);
                kind = r->header_refs[i].kind;
            } else {
                hr = &document.items[i - r->header_ref_count];
                if (strcmp(hr->type, "header") != 0 && strcmp(hr->type, "footer") != 0)
                    continue;
                kind = hr->type[0] == 'h' ? CK_BLOCK_HEADER : CK_BLOCK_FOOTER;
            }
            const char *part = hr ? existing_part(zip, hr->target) : NULL;
            int seen = 0;
            for (size_t k = 0; part && k < done_count; k++)
                seen |= strcmp(done_parts[k], part) == 0;
            if (!part || seen)
                continue;
            done_parts[done_count++] = part;
            rc = stream_part(r, zip, part, kind, err);
        }
        free(done_parts);
        if (rc != 0)
            goto done;
    }

done:
    if (rc != 0)
        ck_error_set_file(err, ck_zip_path(zip));
    relationships_free(&package);
    relationships_free(&document);
    free(main_name);
    for (int i = 0; i < MAX_PARAGRAPHS; i++)
        paragraph_free(&r->paragraphs[i]);
    paragraph_free(&r->carry);
    ck_buf_free(&r->label);
    ck_docx_styles_free(&r->styles);
    ck_docx_numbering_free(r->numbering);
    ck_document_free(r->pending);
    for (size_t i = 0; i < r->header_ref_count; i++)
        free(r->header_refs[i].id);
    free(r->header_refs);
    free(r->anchors);
    free(r->notes);
    free(r);
    return rc;
}
