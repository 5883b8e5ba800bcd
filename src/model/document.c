#include "model/document.h"

#include <stdlib.h>
#include <string.h>

#include "util/array.h"
#include "util/buf.h"
#include "util/lang.h"

ck_document *ck_document_new(const char *path, ck_format format)
{
    ck_document *doc = ck_calloc(1, sizeof *doc);
    doc->path = ck_strdup(path ? path : "");
    doc->format = format;
    return doc;
}

void ck_document_free(ck_document *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->count; i++) {
        ck_block *b = &doc->blocks[i];
        free(b->label);
        free(b->text);
        free(b->location);
        free(b->place);
        free(b->style);
        free(b->spans);
    }
    for (size_t i = 0; i < doc->part_count; i++)
        free(doc->parts[i]);
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
    b->kind = kind;
    b->text = ck_strndup(text ? text : "", text ? text_len : 0);
    b->text_len = text ? text_len : 0;
    b->label = label && *label ? ck_strdup(label) : NULL;
    b->style = style && *style ? ck_strdup(style) : NULL;
    b->article = -1;
    b->section = -1;
    return b;
}

void ck_block_add_span(ck_block *block, uint32_t start, uint32_t end, uint32_t flags)
{
    if (end <= start)
        return;
    if (block->span_count) {
        ck_span *last = &block->spans[block->span_count - 1];
        if (last->flags == flags && last->end == start) {
            last->end = end;
            return;
        }
    }
    block->spans = ck_realloc(block->spans, (block->span_count + 1) * sizeof *block->spans);
    block->spans[block->span_count++] = (ck_span){ start, end, flags };
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

void ck_block_set_location(ck_block *block, const char *location)
{
    free(block->location);
    block->location = location ? ck_strdup(location) : NULL;
}

void ck_block_set_place(ck_block *block, const char *place)
{
    free(block->place);
    block->place = place ? ck_strdup(place) : NULL;
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
