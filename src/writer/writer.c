/* writer.c — what the writers share: options, the template conventions
 * (page break, signature lines, comments), table widths, soft breaks,
 * atomic plain files and the dispatch on format. The formats are in
 * docx.c, odt.c, html.c and md.c. */
#include "writer/common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmark-gfm-core-extensions.h>

#include "util/array.h"
#include "util/file.h"
#include "util/lang.h"
#include "util/text.h"

void ck_writer_options_default(ck_writer_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->language = "zh-TW";
    opt->page_width_mm = 210;
    opt->page_height_mm = 297;
    opt->margin_top_mm = 25;
    opt->margin_bottom_mm = 25;
    opt->margin_left_mm = 20;
    opt->margin_right_mm = 20;
    opt->east_asian_font = "標楷體";
    opt->east_asian_fallbacks = "DFKai-SB, AR PL UKai TW, Noto Serif CJK TC";
    opt->latin_font = "Times New Roman";
    opt->monospace_font = "Courier New";
    opt->font_size_pt = 12;
}

void ck_writer_resolve_options(const ck_writer_options *opt, ck_writer_options *out)
{
    ck_writer_options d;

    ck_writer_options_default(&d);
    if (!opt) {
        *out = d;
        return;
    }
    *out = *opt;
#define CK_DEFAULT(field) \
    if (!out->field) \
        out->field = d.field;
    CK_DEFAULT(language)
    CK_DEFAULT(east_asian_font)
    CK_DEFAULT(east_asian_fallbacks)
    CK_DEFAULT(latin_font)
    CK_DEFAULT(monospace_font)
#undef CK_DEFAULT
    /* Zero or nonsense numbers take the default rather than producing a
     * page Word refuses to lay out. */
#define CK_DEFAULT_NUM(field, lo, hi) \
    if (!(out->field >= lo && out->field <= hi)) \
        out->field = d.field;
    CK_DEFAULT_NUM(page_width_mm, 50, 2000)
    CK_DEFAULT_NUM(page_height_mm, 50, 2000)
    CK_DEFAULT_NUM(margin_top_mm, 0, 200)
    CK_DEFAULT_NUM(margin_bottom_mm, 0, 200)
    CK_DEFAULT_NUM(margin_left_mm, 0, 200)
    CK_DEFAULT_NUM(margin_right_mm, 0, 200)
    CK_DEFAULT_NUM(font_size_pt, 4, 96)
#undef CK_DEFAULT_NUM
    if (out->margin_left_mm + out->margin_right_mm > out->page_width_mm - 20) {
        out->margin_left_mm = d.margin_left_mm;
        out->margin_right_mm = d.margin_right_mm;
    }
    if (out->margin_top_mm + out->margin_bottom_mm > out->page_height_mm - 20) {
        out->margin_top_mm = d.margin_top_mm;
        out->margin_bottom_mm = d.margin_bottom_mm;
    }
}

void ck_writer_language_parts(const char *tag, char *language, size_t lsize, char *country, size_t csize)
{
    size_t i = 0, j = 0;
    const char *p = tag;

    while (*p && *p != '-' && *p != '_' && i + 1 < lsize)
        language[i++] = *p++;
    language[i] = '\0';
    /* Skip a script subtag ("Hant") to reach the region. */
    while (*p == '-' || *p == '_') {
        const char *s = ++p;
        while (*p && *p != '-' && *p != '_')
            p++;
        if (p - s == 2 || (p - s == 3 && s[0] >= '0' && s[0] <= '9')) {
            while (s < p && j + 1 < csize)
                country[j++] = *s++;
            break;
        }
    }
    country[j] = '\0';
}

int ck_writer_format_from_name(const char *name, ck_writer_format *out)
{
    static const struct {
        const char *name;
        ck_writer_format format;
    } names[] = { { "docx", CK_WRITER_DOCX }, { "odt", CK_WRITER_ODT },   { "html", CK_WRITER_HTML },
                  { "htm", CK_WRITER_HTML },  { "md", CK_WRITER_MD },     { "markdown", CK_WRITER_MD } };

    for (size_t i = 0; name && i < CK_ARRAY_LEN(names); i++) {
        if (strcasecmp(name, names[i].name) == 0) {
            *out = names[i].format;
            return 0;
        }
    }
    return -1;
}

const char *ck_writer_format_extension(ck_writer_format format)
{
    switch (format) {
    case CK_WRITER_DOCX: return "docx";
    case CK_WRITER_ODT: return "odt";
    case CK_WRITER_HTML: return "html";
    case CK_WRITER_MD: return "md";
    }
    return "";
}

int ck_writer_node_kind(cmark_node *node)
{
    int type = (int)cmark_node_get_type(node);
    const char *name;

    switch (type) {
    case CMARK_NODE_DOCUMENT: case CMARK_NODE_BLOCK_QUOTE: case CMARK_NODE_LIST: case CMARK_NODE_ITEM:
    case CMARK_NODE_CODE_BLOCK: case CMARK_NODE_HTML_BLOCK: case CMARK_NODE_CUSTOM_BLOCK:
    case CMARK_NODE_PARAGRAPH: case CMARK_NODE_HEADING: case CMARK_NODE_THEMATIC_BREAK:
    case CMARK_NODE_FOOTNOTE_DEFINITION: case CMARK_NODE_TEXT: case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK: case CMARK_NODE_CODE: case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_CUSTOM_INLINE: case CMARK_NODE_EMPH: case CMARK_NODE_STRONG: case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE: case CMARK_NODE_FOOTNOTE_REFERENCE:
        return type;
    default:
        break;
    }
    name = cmark_node_get_type_string(node);
    if (strcmp(name, "table") == 0)
        return CK_NODE_TABLE;
    if (strcmp(name, "table_row") == 0 || strcmp(name, "table_header") == 0)
        return CK_NODE_TABLE_ROW;
    if (strcmp(name, "table_cell") == 0)
        return CK_NODE_TABLE_CELL;
    if (strcmp(name, "strikethrough") == 0)
        return CK_NODE_STRIKETHROUGH;
    return CK_NODE_OTHER;
}

/* ---- text ------------------------------------------------------------------ */

/* The code point starting at s (len bytes available), or 0 when there is
 * none or it is not valid UTF-8. */
static uint32_t first_code_point(const unsigned char *s, size_t len)
{
    int32_t c;
    return ck_text_utf8_next((const char *)s, len, &c) ? (uint32_t)c : 0;
}

static uint32_t last_code_point(const unsigned char *s, size_t len)
{
    size_t i = len;
    while (i > 0 && (s[i - 1] & 0xC0) == 0x80 && len - i < 3)
        i--;
    return i > 0 ? first_code_point(s + i - 1, len - i + 1) : 0;
}

/* Characters set in a square em box: CJK ideographs, kana, hangul,
 * CJK punctuation and full-width forms. */
static int is_wide(uint32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

/* Display width in half-width cells: CJK counts 2, continuation bytes 0. */
static size_t display_width(const char *s, size_t len)
{
    size_t width = 0;
    const unsigned char *u = (const unsigned char *)s;

    for (size_t i = 0; i < len; i++) {
        if ((u[i] & 0xC0) == 0x80)
            continue;
        width += is_wide(first_code_point(u + i, len - i)) ? 2 : 1;
    }
    return width;
}

/* The text node at the edge of node: its last (or first) leaf. */
static const char *edge_literal(cmark_node *node, int last)
{
    while (node && cmark_node_first_child(node))
        node = last ? cmark_node_last_child(node) : cmark_node_first_child(node);
    if (!node)
        return NULL;
    int kind = ck_writer_node_kind(node);
    if (kind != CMARK_NODE_TEXT && kind != CMARK_NODE_CODE)
        return NULL;
    return cmark_node_get_literal(node);
}

const char *ck_writer_soft_break(cmark_node *softbreak)
{
    const char *before = edge_literal(cmark_node_previous(softbreak), 1);
    const char *after = edge_literal(cmark_node_next(softbreak), 0);

    if (before && after &&
        is_wide(last_code_point((const unsigned char *)before, strlen(before))) &&
        is_wide(first_code_point((const unsigned char *)after, strlen(after))))
        return "";
    return " ";
}

void ck_writer_plain_text(cmark_node *node, ck_buf *out)
{
    cmark_iter *it = cmark_iter_new(node);
    cmark_event_type ev;

    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *cur = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        switch (ck_writer_node_kind(cur)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            ck_buf_puts(out, cmark_node_get_literal(cur));
            break;
        case CMARK_NODE_SOFTBREAK:
            ck_buf_puts(out, ck_writer_soft_break(cur));
            break;
        case CMARK_NODE_LINEBREAK:
            ck_buf_putc(out, ' ');
            break;
        default:
            break;
        }
    }
    cmark_iter_free(it);
}

void ck_writer_title(cmark_node *const *docs, size_t n, const ck_writer_options *opt, ck_buf *out)
{
    if (opt && opt->title) {
        ck_buf_puts(out, opt->title);
        return;
    }
    if (!n || !docs[0])
        return;
    for (cmark_node *b = cmark_node_first_child(docs[0]); b; b = cmark_node_next(b)) {
        if (cmark_node_get_type(b) == CMARK_NODE_HEADING && cmark_node_get_heading_level(b) == 1) {
            ck_writer_plain_text(b, out);
            return;
        }
    }
}

/* ---- conventions --------------------------------------------------------------- */

static const char *skip_space(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    return s;
}

int ck_writer_is_comment(const char *text)
{
    const char *p = skip_space(text ? text : "");

    if (!*p)
        return 0;
    while (*p) {
        const char *end;
        if (strncmp(p, "<!--", 4) != 0 || !(end = strstr(p + 4, "-->")))
            return 0;
        p = skip_space(end + 3);
    }
    return 1;
}

int ck_writer_is_page_break(cmark_node *node)
{
    const char *p, *word = "pagebreak";

    if (cmark_node_get_type(node) != CMARK_NODE_HTML_BLOCK)
        return 0;
    p = skip_space(cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "");
    if (strncmp(p, "<!--", 4) != 0)
        return 0;
    p = skip_space(p + 4);
    if (strncasecmp(p, word, strlen(word)) != 0)
        return 0;
    p = skip_space(p + strlen(word));
    if (strncmp(p, "-->", 3) != 0)
        return 0;
    return *skip_space(p + 3) == '\0';
}

int ck_writer_is_signature(cmark_node *node)
{
    cmark_iter *it;
    cmark_event_type ev;
    int found = 0;
    size_t run = 0;

    if (!node || cmark_node_get_type(node) != CMARK_NODE_PARAGRAPH)
        return 0;
    /* cmark leaves unmatched `_` delimiters as text nodes of their own, so
     * the run is counted across neighbouring text nodes. */
    it = cmark_iter_new(node);
    while (!found && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *cur = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        if (ck_writer_node_kind(cur) != CMARK_NODE_TEXT) {
            if (cur != node)
                run = 0;
            continue;
        }
        for (const char *s = cmark_node_get_literal(cur); *s && !found;) {
            if (*s == '_') {
                run++;
                s++;
            } else if (strncmp(s, "\xEF\xBC\xBF", 3) == 0) { /* U+FF3F FULLWIDTH LOW LINE */
                run++;
                s += 3;
            } else {
                run = 0;
                s++;
            }
            found = run >= 3;
        }
    }
    cmark_iter_free(it);
    return found;
}

int ck_writer_keeps_with_signature(cmark_node *node)
{
    cmark_node_type type = cmark_node_get_type(node);

    if (type != CMARK_NODE_PARAGRAPH && type != CMARK_NODE_HEADING)
        return 0;
    return !ck_writer_is_signature(node) && ck_writer_is_signature(cmark_node_next(node));
}

int ck_writer_signature_continues(cmark_node *node)
{
    return ck_writer_is_signature(node) && ck_writer_is_signature(cmark_node_next(node));
}

int ck_writer_has_hard_break(cmark_node *node)
{
    cmark_iter *it;
    cmark_event_type ev;
    int found = 0;

    if (!node || cmark_node_get_type(node) != CMARK_NODE_PARAGRAPH)
        return 0;
    it = cmark_iter_new(node);
    while (!found && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
        found = ev == CMARK_EVENT_ENTER && cmark_node_get_type(cmark_iter_get_node(it)) == CMARK_NODE_LINEBREAK;
    cmark_iter_free(it);
    return found;
}

int ck_writer_url_is_safe(const char *url)
{
    return url && (strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0 ||
                   strncasecmp(url, "mailto:", 7) == 0);
}

/* ---- tables --------------------------------------------------------------------- */

size_t ck_writer_table_columns(cmark_node *table)
{
    size_t n = cmark_gfm_extensions_get_table_columns(table);
    return n ? n : 1;
}

char ck_writer_table_alignment(cmark_node *table, size_t i)
{
    uint8_t *align = cmark_gfm_extensions_get_table_alignments(table);
    if (!align || i >= ck_writer_table_columns(table))
        return 0;
    return (align[i] == 'l' || align[i] == 'c' || align[i] == 'r') ? (char)align[i] : 0;
}

void ck_writer_table_widths(cmark_node *table, size_t ncols, double *share)
{
    /* PAD stands for the cell's own margins, so that a short heading such as
     * 不符合 over a column of check marks fits on one line instead of standing
     * a character or two a line; a SHORT column has nothing to wrap into and
     * gets the margins twice. */
    enum { FLOOR = 4, CAP = 40, PAD = 3, SHORT = 8 };
    double total = 0;
    ck_buf text = CK_BUF_INIT;

    for (size_t i = 0; i < ncols; i++)
        share[i] = FLOOR;
    for (cmark_node *row = cmark_node_first_child(table); row; row = cmark_node_next(row)) {
        size_t i = 0;
        for (cmark_node *cell = cmark_node_first_child(row); cell && i < ncols; cell = cmark_node_next(cell), i++) {
            size_t w;
            ck_buf_clear(&text);
            ck_writer_plain_text(cell, &text);
            w = display_width(text.data ? text.data : "", text.len);
            if ((double)w > share[i])
                share[i] = (double)(w > CAP ? CAP : w);
        }
    }
    for (size_t i = 0; i < ncols; i++)
        share[i] += share[i] <= SHORT ? 2 * PAD : PAD;
    ck_buf_free(&text);
    for (size_t i = 0; i < ncols; i++)
        total += share[i];
    for (size_t i = 0; i < ncols; i++)
        share[i] /= total;
}

void ck_writer_table_start(ck_writer_table *t, cmark_node *table, ck_writer_cell_fn put_cell, void *ctx)
{
    memset(t, 0, sizeof *t);
    t->node = table;
    t->cols = ck_writer_table_columns(table);
    t->put_cell = put_cell;
    t->ctx = ctx;
}

void ck_writer_table_row(ck_writer_table *t, cmark_node *row)
{
    t->header = cmark_gfm_extensions_get_table_row_is_header(row);
    t->cell = 0;
}

void ck_writer_table_cell(ck_writer_table *t, int enter)
{
    if (enter) {
        t->skipping = t->cell >= t->cols;
        if (!t->skipping)
            t->put_cell(t->ctx, 1);
        return;
    }
    if (t->skipping) {
        t->skipping = 0;
        return;
    }
    t->put_cell(t->ctx, 0);
    t->cell++;
}

void ck_writer_table_row_end(ck_writer_table *t)
{
    while (t->cell < t->cols) {
        t->put_cell(t->ctx, 1);
        t->put_cell(t->ctx, 0);
        t->cell++;
    }
}

int ck_writer_table_skips(const ck_writer_table *t, int kind)
{
    return t->skipping && kind != CK_NODE_TABLE_CELL;
}

/* ---- walking ---------------------------------------------------------------------- */

void ck_writer_walk(cmark_node *doc, ck_writer_visit_fn visit, void *ctx)
{
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;

    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
        visit(ctx, cmark_iter_get_node(it), ev);
    cmark_iter_free(it);
}

/* ---- inline text ------------------------------------------------------------------ */

int ck_writer_marks_track(ck_writer_marks *m, cmark_node *node, int enter)
{
    int delta = enter ? 1 : -1;

    switch (ck_writer_node_kind(node)) {
    case CMARK_NODE_EMPH: m->emph += delta; return 1;
    case CMARK_NODE_STRONG: m->strong += delta; return 1;
    case CK_NODE_STRIKETHROUGH: m->strike += delta; return 1;
    default: return 0;
    }
}

unsigned ck_writer_marks_bits(const ck_writer_marks *m)
{
    return (m->strong ? (unsigned)CK_WRITER_BOLD : 0u) | (m->emph ? (unsigned)CK_WRITER_ITALIC : 0u) |
           (m->strike ? (unsigned)CK_WRITER_STRIKE : 0u);
}

const char *ck_writer_inline_text(cmark_node *node, unsigned *extra)
{
    *extra = 0;
    switch (ck_writer_node_kind(node)) {
    case CMARK_NODE_TEXT:
        return cmark_node_get_literal(node);
    case CMARK_NODE_CODE:
        *extra = CK_WRITER_CODE;
        return cmark_node_get_literal(node);
    case CMARK_NODE_HTML_INLINE:
        return ck_writer_is_comment(cmark_node_get_literal(node)) ? NULL : cmark_node_get_literal(node);
    case CMARK_NODE_SOFTBREAK:
        return ck_writer_soft_break(node);
    default:
        return NULL;
    }
}

void ck_writer_put_inline(ck_writer_marks *m, cmark_node *node, int enter, ck_buf *out, ck_writer_run_fn put_run)
{
    const char *text;
    unsigned extra;

    if (!ck_writer_marks_track(m, node, enter) && (text = ck_writer_inline_text(node, &extra)))
        put_run(out, text, strlen(text), ck_writer_marks_bits(m) | extra);
}

/* ---- packages and files --------------------------------------------------------------------- */

#define STORE_BELOW CK_WRITER_STORE_BELOW

void ck_writer_put_escaped(ck_buf *b, const char *text, size_t len, int html)
{
    size_t start = 0, i = 0;

    while (i < len) {
        int32_t c;
        size_t n = ck_text_utf8_next(text + i, len - i, &c);
        if (n && c != 0xFFFE && c != 0xFFFF) { /* the two XML does not allow */
            i += n;
            continue;
        }
        (html ? ck_buf_put_html : ck_buf_put_xml)(b, text + start, i - start);
        ck_buf_puts(b, "\xEF\xBF\xBD"); /* U+FFFD REPLACEMENT CHARACTER */
        i += n ? n : 1;
        start = i;
    }
    (html ? ck_buf_put_html : ck_buf_put_xml)(b, text + start, len - start);
}

void ck_writer_put_element(ck_buf *b, const char *tag, const char *text)
{
    if (!text || !*text)
        return;
    ck_buf_printf(b, "<%s>", tag);
    ck_writer_put_escaped(b, text, strlen(text), 0);
    ck_buf_printf(b, "</%s>", tag);
}

int ck_writer_zip_add_buf(ck_zip_writer *w, const char *name, ck_buf *b, ck_error *err)
{
    size_t len = b->len;
    char *data = ck_buf_detach(b);
    return ck_zip_writer_add_owned(w, name, data, len, len < STORE_BELOW, err);
}

int ck_writer_zip_add_part(ck_zip_writer *w, const char *name, FILE *part, ck_error *err)
{
    long len = (fflush(part) == 0 && fseek(part, 0, SEEK_END) == 0) ? ftell(part) : -1;
    return ck_zip_writer_add_stream(w, name, part, len >= 0 && len < STORE_BELOW, err);
}

int ck_writer_zip_add_static(ck_zip_writer *w, const char *name, const char *data, size_t len, ck_error *err)
{
    return ck_zip_writer_add(w, name, data, len, len < STORE_BELOW, err);
}

/* What fills a package: documents in memory (fill) or from a source
 * (fill_stream), with the options resolved. */
typedef struct package_content {
    cmark_node *const *docs;
    size_t n;
    ck_writer_package_fill fill;
    const ck_writer_source *src;
    ck_writer_package_fill_stream fill_stream;
    const ck_writer_options *opt;
} package_content;

/* Opens the package at path, fills it and commits it: whole or not at all.
 * An error names path. */
static int write_package(const char *path, const package_content *p, ck_error *err)
{
    ck_zip_writer *w = NULL;
    int rc = ck_zip_writer_open(&w, path, err);

    if (rc == 0)
        rc = p->fill ? p->fill(w, p->docs, p->n, p->opt, err) : p->fill_stream(w, p->src, p->opt, err);
    if (rc == 0) {
        rc = ck_zip_writer_commit(w, err);
        w = NULL;
    }
    ck_zip_writer_abort(w);
    if (rc != 0)
        ck_error_set_file(err, path);
    return rc;
}

int ck_writer_package_write(cmark_node *const *docs, size_t n, const ck_writer_options *opt, const char *path,
                            ck_writer_package_fill fill, ck_error *err)
{
    ck_writer_options o;
    ck_buf title = CK_BUF_INIT;
    int rc;

    if (n == 0)
        return ck_writer_no_documents(path, err);
    ck_writer_resolve_options(opt, &o);
    ck_writer_title(docs, n, &o, &title);
    o.title = title.data ? title.data : "";
    rc = write_package(path, &(package_content){ .docs = docs, .n = n, .fill = fill, .opt = &o }, err);
    ck_buf_free(&title);
    return rc;
}

int ck_writer_package_bytes(cmark_node *const *docs, size_t n, const ck_writer_options *opt,
                            ck_writer_package_fill fill, ck_buf *out, ck_error *err)
{
    ck_writer_options o;
    ck_buf title = CK_BUF_INIT;
    ck_zip_writer *w = NULL;
    int rc;

    if (n == 0)
        return ck_writer_no_documents("", err);
    ck_writer_resolve_options(opt, &o);
    ck_writer_title(docs, n, &o, &title);
    o.title = title.data ? title.data : "";
    if ((rc = ck_zip_writer_open_memory(&w, err)) == 0 && (rc = fill(w, docs, n, &o, err)) == 0) {
        rc = ck_zip_writer_commit_memory(w, out, err);
        w = NULL;
    }
    ck_zip_writer_abort(w);
    ck_buf_free(&title);
    return rc;
}

int ck_writer_write_bytes(ck_writer_format format, cmark_node *const *docs, size_t n,
                          const ck_writer_options *opt, ck_buf *out, ck_error *err)
{
    switch (format) {
    case CK_WRITER_DOCX: return ck_writer_docx_write_bytes(docs, n, opt, out, err);
    case CK_WRITER_ODT: return ck_writer_odt_write_bytes(docs, n, opt, out, err);
    case CK_WRITER_HTML: return ck_writer_html_render(docs, n, opt, out, err);
    case CK_WRITER_MD: return ck_writer_md_render(docs, n, opt, out, err);
    }
    return ck_error_set(err, CK_EUSAGE, "unknown output format");
}

/* ---- documents one at a time -------------------------------------------------- */

int ck_writer_source_get(const ck_writer_source *src, size_t i, cmark_node **doc, int *owned, ck_error *err)
{
    *doc = NULL;
    *owned = src->docs == NULL;
    if (src->docs) {
        *doc = src->docs[i];
        return 0;
    }
    return src->next(src->ctx, i, doc, err);
}

size_t ck_writer_literal_length(const char *text)
{
    size_t len = text ? strlen(text) : 0;
    while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
        len--;
    return len;
}

int ck_writer_source_each(const ck_writer_source *src, ck_writer_each_fn each, void *ctx, ck_buf *out, FILE *spill,
                          ck_error *err)
{
    int rc = 0;

    for (size_t i = 0; i < src->count && rc == 0; i++) {
        cmark_node *doc;
        int owned;
        if ((rc = ck_writer_source_get(src, i, &doc, &owned, err)) != 0)
            break;
        rc = each(ctx, doc, i, err);
        if (owned)
            cmark_node_free(doc);
        if (rc == 0)
            rc = ck_writer_spill(out, spill, err);
    }
    return rc;
}

int ck_writer_spill(ck_buf *out, FILE *spill, ck_error *err)
{
    if (!spill || out->len == 0)
        return 0;
    if (fwrite(out->data, 1, out->len, spill) != out->len)
        return ck_error_set(err, CK_EIO, ck_tr("無法寫入暫存檔（%s）；請確認暫存資料夾有空間",
                                               "cannot write a temporary file (%s); check that the temporary "
                                               "folder has space"),
                            ck_strerror(errno));
    ck_buf_clear(out);
    return 0;
}

int ck_writer_package_write_stream(const ck_writer_source *src, const ck_writer_options *opt, const char *path,
                                   ck_writer_package_fill_stream fill, ck_error *err)
{
    ck_writer_options o;

    if (src->count == 0)
        return ck_writer_no_documents(path, err);
    ck_writer_resolve_options(opt, &o);
    if (!o.title)
        o.title = "";
    return write_package(path, &(package_content){ .src = src, .fill_stream = fill, .opt = &o }, err);
}

int ck_writer_plain_write_stream(ck_writer_render_source_fn render, const ck_writer_source *src,
                                 const ck_writer_options *opt, const char *path, ck_error *err)
{
    FILE *tmp = tmpfile();
    ck_buf out = CK_BUF_INIT;
    ck_file_out file;
    char chunk[65536];
    size_t n;
    int rc = 0, opened = 0;

    if (!tmp)
        return ck_error_set(err, CK_EIO, ck_tr("無法建立暫存檔：%s", "cannot create a temporary file: %s"),
                            ck_strerror(errno));
    rc = render(src, opt, &out, tmp, err);
    if (rc == 0 && fflush(tmp) != 0)
        rc = ck_error_set(err, CK_EIO, ck_tr("無法寫入暫存檔（%s）；請確認暫存資料夾有空間",
                                             "cannot write a temporary file (%s); check that the temporary "
                                             "folder has space"),
                          ck_strerror(errno));
    if (rc == 0 && (rc = ck_file_out_open(&file, path, err)) == 0) {
        opened = 1;
        rewind(tmp);
        while (rc == 0 && (n = fread(chunk, 1, sizeof chunk, tmp)) > 0)
            rc = ck_file_out_write(&file, chunk, n, err);
    }
    if (opened)
        rc = rc == 0 ? ck_file_out_commit(&file, err) : (ck_file_out_abort(&file), rc);
    if (rc != 0)
        ck_error_set_file(err, path);
    fclose(tmp);
    ck_buf_free(&out);
    return rc;
}

int ck_writer_write_stream(ck_writer_format format, size_t count, ck_writer_next_fn next, void *ctx,
                           const ck_writer_options *opt, const char *path, ck_error *err)
{
    ck_writer_source src = { count, NULL, next, ctx };
    ck_writer_options o = *opt;
    ck_buf title = CK_BUF_INIT;
    int rc;

    if (count == 0)
        return ck_writer_no_documents(path, err);
    if (!o.title) {
        cmark_node *first = NULL;
        if ((rc = next(ctx, 0, &first, err)) != 0)
            return rc;
        ck_writer_title(&first, 1, NULL, &title);
        cmark_node_free(first);
        o.title = title.data ? title.data : "";
    }
    switch (format) {
    case CK_WRITER_DOCX: rc = ck_writer_docx_write_stream(&src, &o, path, err); break;
    case CK_WRITER_ODT: rc = ck_writer_odt_write_stream(&src, &o, path, err); break;
    case CK_WRITER_HTML: rc = ck_writer_html_write_stream(&src, &o, path, err); break;
    case CK_WRITER_MD: rc = ck_writer_md_write_stream(&src, &o, path, err); break;
    default: rc = ck_error_set(err, CK_EUSAGE, "unknown output format"); break;
    }
    ck_buf_free(&title);
    return rc;
}

int ck_writer_file_write(const char *path, const char *data, size_t len, ck_error *err)
{
    return ck_file_write(path, data, len, err);
}

int ck_writer_no_documents(const char *path, ck_error *err)
{
    ck_error_set(err, CK_EUSAGE, "%s", ck_tr("沒有可寫出的文件", "there is no document to write"));
    ck_error_set_file(err, path);
    return CK_EUSAGE;
}

/* The body of the HTML and Markdown write_many: one plain file, written
 * atomically. */
int ck_writer_plain_write(ck_writer_render_fn render, cmark_node *const *docs, size_t n,
                          const ck_writer_options *opt, const char *path, ck_error *err)
{
    ck_buf out = CK_BUF_INIT;
    int rc = render(docs, n, opt, &out, err);

    if (rc == 0)
        rc = ck_writer_file_write(path, out.data ? out.data : "", out.len, err);
    if (rc != 0)
        ck_error_set_file(err, path);
    ck_buf_free(&out);
    return rc;
}

int ck_writer_write_many(ck_writer_format format, cmark_node *const *docs, size_t n,
                         const ck_writer_options *opt, const char *path, ck_error *err)
{
    switch (format) {
    case CK_WRITER_DOCX: return ck_writer_docx_write_many(docs, n, opt, path, err);
    case CK_WRITER_ODT: return ck_writer_odt_write_many(docs, n, opt, path, err);
    case CK_WRITER_HTML: return ck_writer_html_write_many(docs, n, opt, path, err);
    case CK_WRITER_MD: return ck_writer_md_write_many(docs, n, opt, path, err);
    }
    return ck_error_set(err, CK_EUSAGE, "unknown output format");
}
