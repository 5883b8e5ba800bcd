#include "model/document.h"

#include <stdlib.h>
#include <string.h>

#include "util/array.h"
#include "util/buf.h"
#include "util/lang.h"

/* The block array is most of a large contract's model (document.h). */
_Static_assert(sizeof(void *) != 8 || sizeof(ck_block) == 96, "ck_block has grown: keep it at 96 bytes");

/* ---- string storage ------------------------------------------------------------ */

/* A document's strings (texts, labels, locations, places, styles) are laid
 * end to end in chunks: a malloc'd string costs 16 bytes or more beyond its
 * text, and a large contract has a quarter of a million of them. */
enum { CHUNK_BYTES = 256 * 1024 - 64, OWN_CHUNK_BYTES = CHUNK_BYTES / 8 };

typedef struct string_chunk {
    struct string_chunk *next;
    size_t used, size;
    char data[];
} string_chunk;

struct ck_document_strings {
    string_chunk *chunks;  /* the one being filled first */
    char **styles;         /* interned style names: open addressing, power-of-two size */
    size_t style_count, style_slots;
};

static string_chunk *chunk_new(size_t size, string_chunk *next)
{
    string_chunk *c = ck_malloc(sizeof *c + size);
    c->next = next;
    c->used = 0;
    c->size = size;
    return c;
}

char *ck_document_string(ck_document *doc, const char *s, size_t len)
{
    struct ck_document_strings *st = doc->strings;
    string_chunk *c = st->chunks;
    if (len + 1 > OWN_CHUNK_BYTES) {
        /* a long string gets a chunk of its own, behind the one being filled */
        string_chunk *own = chunk_new(len + 1, NULL);
        if (c) {
            own->next = c->next;
            c->next = own;
        } else {
            st->chunks = own;
        }
        c = own;
    } else if (!c || c->size - c->used < len + 1) {
        c = st->chunks = chunk_new(CHUNK_BYTES, c);
    }
    char *out = c->data + c->used;
    if (len)
        memcpy(out, s, len);
    out[len] = '\0';
    c->used += len + 1;
    return out;
}

static size_t hash_string(const char *s)
{
    size_t h = 5381;
    for (; *s; s++)
        h = h * 33 + (unsigned char)*s;
    return h;
}

/* The one copy of a style name: most blocks of a contract share a handful. */
static char *intern_style(ck_document *doc, const char *name)
{
    struct ck_document_strings *st = doc->strings;
    if (st->style_count * 2 >= st->style_slots) {
        size_t slots = st->style_slots ? st->style_slots * 2 : 64;
        char **table = ck_calloc(slots, sizeof *table);
        for (size_t i = 0; i < st->style_slots; i++) {
            if (!st->styles[i])
                continue;
            size_t k = hash_string(st->styles[i]) & (slots - 1);
            while (table[k])
                k = (k + 1) & (slots - 1);
            table[k] = st->styles[i];
        }
        free(st->styles);
        st->styles = table;
        st->style_slots = slots;
    }
    size_t k = hash_string(name) & (st->style_slots - 1);
    for (; st->styles[k]; k = (k + 1) & (st->style_slots - 1))
        if (strcmp(st->styles[k], name) == 0)
            return st->styles[k];
    st->styles[k] = ck_document_string(doc, name, strlen(name));
    st->style_count++;
    return st->styles[k];
}

static void strings_free(struct ck_document_strings *st)
{
    if (!st)
        return;
    for (string_chunk *c = st->chunks, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(st->styles);
    free(st);
}

/* ---- documents and blocks -------------------------------------------------------- */

ck_document *ck_document_new(const char *path, ck_format format)
{
    ck_document *doc = ck_calloc(1, sizeof *doc);
    doc->path = ck_strdup(path ? path : "");
    doc->format = format;
    doc->strings = ck_calloc(1, sizeof *doc->strings);
    return doc;
}

ck_document *ck_document_new_borrowing(ck_document *owner)
{
    ck_document *doc = ck_calloc(1, sizeof *doc);
    doc->path = ck_strdup(owner->path);
    doc->format = owner->format;
    doc->strings = owner->strings;
    doc->borrows_strings = 1;
    return doc;
}

int32_t ck_document_section(const ck_document *doc, size_t i)
{
    return doc->sections && i < doc->section_count ? doc->sections[i] : -1;
}

void ck_document_set_section(ck_document *doc, size_t i, int32_t section)
{
    if (i >= doc->section_count) {
        size_t n = doc->count > i ? doc->count : i + 1;
        doc->sections = ck_realloc(doc->sections, n * sizeof *doc->sections);
        for (size_t k = doc->section_count; k < n; k++)
            doc->sections[k] = -1;
        doc->section_count = n;
    }
    doc->sections[i] = section;
}

void ck_document_free(ck_document *doc)
{
    if (!doc)
        return;
    free(doc->sections);
    for (size_t i = 0; i < doc->count; i++)
        free(doc->blocks[i].spans);
    for (size_t i = 0; i < doc->part_count; i++)
        free(doc->parts[i]);
    if (!doc->borrows_strings)
        strings_free(doc->strings);
    free(doc->parts);
    free(doc->blocks);
    free(doc->path);
    free(doc);
}

ck_block *ck_document_add(ck_document *doc, ck_block_kind kind, const char *text, size_t text_len,
                          const char *label, const char *style)
{
    if (doc->count == doc->capacity) {
        doc->capacity = doc->capacity ? doc->capacity * 2 : 64;
        doc->blocks = ck_realloc(doc->blocks, doc->capacity * sizeof *doc->blocks);
    }
    ck_block *b = &doc->blocks[doc->count++];
    memset(b, 0, sizeof *b);
    b->kind = (uint8_t)kind;
    b->text = ck_document_string(doc, text ? text : "", text ? text_len : 0);
    b->text_len = text ? (uint32_t)text_len : 0;
    b->label = label && *label ? ck_document_string(doc, label, strlen(label)) : NULL;
    b->style = style && *style ? intern_style(doc, style) : NULL;
    b->article = -1;
    return b;
}

void ck_span_append(ck_span **spans, size_t *count, size_t *cap, uint32_t start, uint32_t end, uint32_t flags)
{
    if (end <= start || !flags)
        return;
    if (*count) {
        ck_span *last = &(*spans)[*count - 1];
        if (last->flags == flags && last->end == start) {
            last->end = end;
            return;
        }
    }
    if (!cap) {
        *spans = ck_realloc(*spans, (*count + 1) * sizeof **spans);
    } else if (*count == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        *spans = ck_realloc(*spans, *cap * sizeof **spans);
    }
    (*spans)[(*count)++] = (ck_span){ start, end, flags };
}

void ck_block_add_span(ck_block *block, uint32_t start, uint32_t end, uint32_t flags)
{
    size_t count = block->span_count;
    ck_span_append(&block->spans, &count, NULL, start, end, flags);
    block->span_count = (uint32_t)count;
}

const char *ck_document_part(ck_document *doc, const char *name)
{
    for (size_t i = 0; i < doc->part_count; i++)
        if (strcmp(doc->parts[i], name) == 0)
            return doc->parts[i];
    doc->parts = ck_realloc(doc->parts, (doc->part_count + 1) * sizeof *doc->parts);
    doc->parts[doc->part_count] = ck_strdup(name);
    return doc->parts[doc->part_count++];
}

void ck_block_set_text(ck_document *doc, ck_block *block, const char *text, size_t len)
{
    block->text = ck_document_string(doc, text ? text : "", text ? len : 0);
    block->text_len = text ? (uint32_t)len : 0;
}

void ck_block_set_location(ck_document *doc, ck_block *block, const char *location)
{
    block->location = location ? ck_document_string(doc, location, strlen(location)) : NULL;
}

void ck_block_set_place(ck_document *doc, ck_block *block, const char *place)
{
    block->place = place ? ck_document_string(doc, place, strlen(place)) : NULL;
}

static const char *const kind_names[][2] = {
    { "paragraph", "段落" },   { "heading", "標題" },   { "list_item", "清單項目" },
    { "table_cell", "表格儲存格" }, { "footnote", "註腳" }, { "endnote", "章節附註" },
    { "text_box", "文字方塊" }, { "header", "頁首" },    { "footer", "頁尾" },
    { "comment", "註解" },
};

const char *ck_block_kind_name(ck_block_kind kind)
{
    return (size_t)kind < CK_ARRAY_LEN(kind_names) ? kind_names[kind][0] : "block";
}

const char *ck_block_kind_label(ck_block_kind kind)
{
    if ((size_t)kind >= CK_ARRAY_LEN(kind_names))
        return ck_tr("區塊", "block");
    return ck_tr(kind_names[kind][1], kind_names[kind][0]);
}

/* The text a block starts with for recognising labels: its numbering label
 * and then its text. */
void ck_block_leading_text(const ck_block *b, ck_buf *out)
{
    ck_buf_clear(out);
    if (b->label) {
        ck_buf_puts(out, b->label);
        ck_buf_putc(out, ' ');
    }
    size_t n = b->text_len < 400 ? b->text_len : 400;
    /* do not cut a character in two */
    while (n < b->text_len && n > 0 && ((unsigned char)b->text[n] & 0xC0) == 0x80)
        n--;
    ck_buf_append(out, b->text, n);
}
