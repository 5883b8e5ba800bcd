/* html.c — one self-contained HTML file from a cmark-gfm tree, styled for
 * printing on A4: inline CSS, no script, no external resource. */
#include "writer/common.h"

#include <stdlib.h>
#include <string.h>

typedef struct html_ctx {
    ck_buf *out;
    int wrote_block;
    int in_tbody;
    ck_writer_table table;
} html_ctx;

/* A font name made safe inside a quoted CSS string in a <style> element,
 * where HTML escaping does not apply. */
static void put_css_font(ck_buf *b, const char *name, size_t len)
{
    while (len && (*name == ' ' || *name == '\t')) {
        name++;
        len--;
    }
    while (len && (name[len - 1] == ' ' || name[len - 1] == '\t'))
        len--;
    if (!len)
        return;
    ck_buf_puts(b, "\"");
    for (size_t i = 0; i < len; i++) {
        if (!strchr("\"\\<>{};\n\r", name[i]))
            ck_buf_putc(b, name[i]);
    }
    ck_buf_puts(b, "\", ");
}

static void put_font_list(ck_buf *b, const ck_writer_options *o, int mono)
{
    const char *f = o->east_asian_fallbacks;

    put_css_font(b, mono ? o->monospace_font : o->latin_font, strlen(mono ? o->monospace_font : o->latin_font));
    put_css_font(b, o->east_asian_font, strlen(o->east_asian_font));
    while (f && *f) {
        const char *comma = strchr(f, ',');
        size_t len = comma ? (size_t)(comma - f) : strlen(f);
        put_css_font(b, f, len);
        f = comma ? comma + 1 : NULL;
    }
    ck_buf_puts(b, mono ? "monospace" : "serif");
}

/* The language of <html lang>: Taiwan's Chinese is written in traditional
 * characters, which "zh-Hant-TW" says outright. */
static void put_language(ck_buf *b, const char *tag)
{
    char language[16], country[8];

    ck_writer_language_parts(tag, language, sizeof language, country, sizeof country);
    if (strcmp(language, "zh") == 0 && (strcmp(country, "TW") == 0 || strcmp(country, "HK") == 0 ||
                                         strcmp(country, "MO") == 0) && !strstr(tag, "Han"))
        ck_buf_printf(b, "zh-Hant-%s", country);
    else
        ck_writer_put_escaped(b, tag, strlen(tag), 1);
}

static void put_head(ck_buf *b, const ck_writer_options *o)
{
    ck_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"");
    put_language(b, o->language);
    ck_buf_puts(b, "\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    ck_writer_put_escaped(b, o->title ? o->title : "", o->title ? strlen(o->title) : 0, 1);
    ck_buf_puts(b, "</title>\n");
    if (o->author && *o->author) {
        ck_buf_puts(b, "<meta name=\"author\" content=\"");
        ck_writer_put_escaped(b, o->author, strlen(o->author), 1);
        ck_buf_puts(b, "\">\n");
    }
    ck_buf_printf(b,
                  "<style>\n"
                  "@page { size: %gmm %gmm; margin: %gmm %gmm %gmm %gmm; }\n"
                  "html { background: #fff; color: #000; }\n"
                  "body { margin: 0 auto; max-width: %gmm; font-size: %gpt; line-height: 1.6;"
                  " text-align: justify; font-family: ",
                  o->page_width_mm, o->page_height_mm, o->margin_top_mm, o->margin_right_mm, o->margin_bottom_mm,
                  o->margin_left_mm, o->page_width_mm - o->margin_left_mm - o->margin_right_mm, o->font_size_pt);
    put_font_list(b, o, 0);
    ck_buf_printf(b, "; }\n"
                     "@media screen { body { padding: %gmm %gmm; } }\n"
                     "h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; text-align: left; }\n"
                     "h1 { font-size: %gpt; text-align: center; margin: 0 0 1em; }\n"
                     "h2 { font-size: %gpt; } h3 { font-size: %gpt; } h4, h5, h6 { font-size: %gpt; }\n"
                     "p { margin: 0 0 0.5em; }\n"
                     "p.signature { text-align: left; margin-top: 1em; }\n"
                     ".keep { break-inside: avoid; page-break-inside: avoid; }\n"
                     ".page-break { break-after: page; page-break-after: always; height: 0; }\n"
                     "section.document + section.document { break-before: page; page-break-before: always; }\n"
                     "ol ol > li::marker { content: \"(\" counter(list-item) \") \"; }\n"
                     "ol ol ol > li::marker { content: counter(list-item) \") \"; }\n"
                     "blockquote { margin: 0 0 0.5em 1cm; padding-left: 0.3cm; border-left: 1.5pt solid #808080; }\n"
                     "pre, code { font-size: 0.9em; font-family: ",
                  o->margin_top_mm / 2, o->margin_left_mm / 2, o->font_size_pt * 1.5, o->font_size_pt + 4,
                  o->font_size_pt + 2, o->font_size_pt);
    put_font_list(b, o, 1);
    ck_buf_puts(b, "; }\n"
                   "pre { background: #f2f2f2; padding: 0.5em; white-space: pre-wrap; }\n"
                   ".literal { white-space: pre-wrap; }\n"
                   "hr { border: 0; border-top: 0.75pt solid #000; margin: 0.5em 0 1em; }\n"
                   "table { border-collapse: collapse; width: 100%; margin: 0 0 0.8em; table-layout: fixed; }\n"
                   "thead { display: table-header-group; }\n"
                   "tr { break-inside: avoid; page-break-inside: avoid; }\n"
                   "th, td { border: 0.5pt solid #000; padding: 1mm 1.5mm; vertical-align: top;"
                   " text-align: left; }\n"
                   "th { font-weight: bold; }\n"
                   "</style>\n</head>\n<body>\n");
}

/* ---- the walk ---------------------------------------------------------------- */

static int in_tight_list(cmark_node *paragraph)
{
    cmark_node *item = cmark_node_parent(paragraph);
    cmark_node *list = item ? cmark_node_parent(item) : NULL;
    return item && list && cmark_node_get_type(item) == CMARK_NODE_ITEM && cmark_node_get_list_tight(list);
}

/* True when anything comes after node in its document. */
static int has_following(cmark_node *node)
{
    for (; node; node = cmark_node_parent(node))
        if (cmark_node_next(node))
            return 1;
    return 0;
}

static void put_literal(html_ctx *c, const char *s)
{
    if (s)
        ck_writer_put_escaped(c->out, s, strlen(s), 1);
}

static void put_cell(void *ctx, int open)
{
    html_ctx *c = ctx;
    const char *tag = c->table.header ? "th" : "td";
    if (open) {
        char align = ck_writer_table_alignment(c->table.node, c->table.cell);
        if (align)
            ck_buf_printf(c->out, "<%s style=\"text-align: %s\">", tag,
                          align == 'c' ? "center" : align == 'r' ? "right" : "left");
        else
            ck_buf_printf(c->out, "<%s>", tag);
    } else {
        ck_buf_printf(c->out, "</%s>", tag);
    }
}

static void enter_table(html_ctx *c, cmark_node *table)
{
    double *share;

    ck_writer_table_start(&c->table, table, put_cell, c);
    c->in_tbody = 0;
    share = ck_malloc(c->table.cols * sizeof *share);
    ck_writer_table_widths(table, c->table.cols, share);
    ck_buf_puts(c->out, "<table>\n<colgroup>");
    for (size_t i = 0; i < c->table.cols; i++)
        ck_buf_printf(c->out, "<col style=\"width: %.1f%%\">", share[i] * 100);
    ck_buf_puts(c->out, "</colgroup>\n");
    free(share);
}

static void render_paragraph(html_ctx *c, cmark_node *node, int enter)
{
    cmark_node *prev = cmark_node_previous(node);
    int signature = ck_writer_is_signature(node);

    if (enter) {
        /* The signature block and the paragraph before it share a box
         * that is not split across pages. */
        if (ck_writer_keeps_with_signature(node) ||
            (signature && !(prev && (ck_writer_is_signature(prev) || ck_writer_keeps_with_signature(prev)))))
            ck_buf_puts(c->out, "<div class=\"keep\">\n");
        if (cmark_node_get_type(node) == CMARK_NODE_HEADING)
            ck_buf_printf(c->out, "<h%d>", cmark_node_get_heading_level(node));
        else if (signature)
            ck_buf_puts(c->out, "<p class=\"signature\">");
        else if (!in_tight_list(node))
            ck_buf_puts(c->out, "<p>");
        c->wrote_block = 1;
        return;
    }
    if (cmark_node_get_type(node) == CMARK_NODE_HEADING)
        ck_buf_printf(c->out, "</h%d>\n", cmark_node_get_heading_level(node));
    else if (signature || !in_tight_list(node))
        ck_buf_puts(c->out, "</p>\n");
    if (signature && !ck_writer_signature_continues(node))
        ck_buf_puts(c->out, "</div>\n");
}

static void render_node(void *ctx, cmark_node *node, cmark_event_type ev)
{
    html_ctx *c = ctx;
    int enter = ev == CMARK_EVENT_ENTER;
    int kind = ck_writer_node_kind(node);
    const char *text;
    unsigned extra;

    if (ck_writer_table_skips(&c->table, kind))
        return;
    switch (kind) {
    case CMARK_NODE_BLOCK_QUOTE:
        ck_buf_puts(c->out, enter ? "<blockquote>\n" : "</blockquote>\n");
        break;
    case CMARK_NODE_LIST:
        if (!enter)
            ck_buf_puts(c->out, cmark_node_get_list_type(node) == CMARK_ORDERED_LIST ? "</ol>\n" : "</ul>\n");
        else if (cmark_node_get_list_type(node) != CMARK_ORDERED_LIST)
            ck_buf_puts(c->out, "<ul>\n");
        else if (cmark_node_get_list_start(node) != 1)
            ck_buf_printf(c->out, "<ol start=\"%d\">\n", cmark_node_get_list_start(node));
        else
            ck_buf_puts(c->out, "<ol>\n");
        break;
    case CMARK_NODE_ITEM:
        ck_buf_puts(c->out, enter ? "<li>" : "</li>\n");
        break;
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
        render_paragraph(c, node, enter);
        break;
    case CMARK_NODE_CODE_BLOCK:
        ck_buf_puts(c->out, "<pre><code>");
        put_literal(c, cmark_node_get_literal(node));
        ck_buf_puts(c->out, "</code></pre>\n");
        c->wrote_block = 1;
        break;
    case CMARK_NODE_HTML_BLOCK:
        if (ck_writer_is_page_break(node)) {
            /* At either end of a document it would only add a blank page. */
            if (c->wrote_block && has_following(node))
                ck_buf_puts(c->out, "<div class=\"page-break\"></div>\n");
        } else if (!ck_writer_is_comment(cmark_node_get_literal(node))) {
            ck_buf_puts(c->out, "<p class=\"literal\">");
            put_literal(c, cmark_node_get_literal(node));
            ck_buf_puts(c->out, "</p>\n");
            c->wrote_block = 1;
        }
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        ck_buf_puts(c->out, "<hr>\n");
        break;
    case CK_NODE_TABLE:
        if (enter) {
            enter_table(c, node);
        } else {
            ck_buf_puts(c->out, c->in_tbody ? "</tbody>\n</table>\n" : "</table>\n");
            c->wrote_block = 1;
        }
        break;
    case CK_NODE_TABLE_ROW:
        if (enter) {
            ck_writer_table_row(&c->table, node);
            if (c->table.header)
                ck_buf_puts(c->out, "<thead>\n");
            else if (!c->in_tbody)
                ck_buf_puts(c->out, "<tbody>\n");
            c->in_tbody |= !c->table.header;
            ck_buf_puts(c->out, "<tr>");
        } else {
            ck_writer_table_row_end(&c->table);
            ck_buf_puts(c->out, c->table.header ? "</tr>\n</thead>\n" : "</tr>\n");
        }
        break;
    case CK_NODE_TABLE_CELL:
        ck_writer_table_cell(&c->table, enter);
        break;
    case CMARK_NODE_LINEBREAK:
        ck_buf_puts(c->out, "<br>\n");
        break;
    case CMARK_NODE_EMPH:
        ck_buf_puts(c->out, enter ? "<em>" : "</em>");
        break;
    case CMARK_NODE_STRONG:
        ck_buf_puts(c->out, enter ? "<strong>" : "</strong>");
        break;
    case CK_NODE_STRIKETHROUGH:
        ck_buf_puts(c->out, enter ? "<del>" : "</del>");
        break;
    case CMARK_NODE_LINK:
        if (ck_writer_url_is_safe(cmark_node_get_url(node))) {
            if (enter) {
                ck_buf_puts(c->out, "<a href=\"");
                put_literal(c, cmark_node_get_url(node));
                ck_buf_puts(c->out, "\">");
            } else {
                ck_buf_puts(c->out, "</a>");
            }
        }
        break;
    default:
        /* Text, code spans, soft breaks, inline HTML as literal text;
         * images keep their description (their children). */
        if ((text = ck_writer_inline_text(node, &extra)) != NULL) {
            ck_buf_puts(c->out, extra ? "<code>" : "");
            put_literal(c, text);
            ck_buf_puts(c->out, extra ? "</code>" : "");
        }
        break;
    }
}

int ck_writer_html_render(cmark_node *const *docs, size_t n, const ck_writer_options *opt, ck_buf *out,
                          ck_error *err)
{
    ck_writer_source src = { n, docs, NULL, NULL };
    return ck_writer_html_render_source(&src, opt, out, NULL, err);
}

/* One document of a source, as a section of its own. */
static int render_section(void *ctx, cmark_node *doc, size_t i, ck_error *err)
{
    html_ctx *c = ctx;
    (void)i, (void)err;
    ck_buf_puts(c->out, "<section class=\"document\">\n");
    c->wrote_block = 0;
    ck_writer_walk(doc, render_node, c);
    ck_buf_puts(c->out, "</section>\n");
    return 0;
}

int ck_writer_html_render_source(const ck_writer_source *src, const ck_writer_options *opt, ck_buf *out,
                                 FILE *spill, ck_error *err)
{
    ck_writer_options o;
    ck_buf title = CK_BUF_INIT;
    html_ctx c;
    int rc = 0;

    if (src->count == 0)
        return ck_writer_no_documents("", err);
    ck_writer_resolve_options(opt, &o);
    if (!o.title && src->docs)
        ck_writer_title(src->docs, src->count, &o, &title);
    o.title = title.data ? title.data : o.title ? o.title : "";
    put_head(out, &o);
    memset(&c, 0, sizeof c);
    c.out = out;
    rc = ck_writer_source_each(src, render_section, &c, out, spill, err);
    if (rc == 0) {
        ck_buf_puts(out, "</body>\n</html>\n");
        rc = ck_writer_spill(out, spill, err);
    }
    ck_buf_free(&title);
    return rc;
}

int ck_writer_html_write_stream(const ck_writer_source *src, const ck_writer_options *opt, const char *path,
                                ck_error *err)
{
    return ck_writer_plain_write_stream(ck_writer_html_render_source, src, opt, path, err);
}

int ck_writer_html_write_many(cmark_node *const *docs, size_t n, const ck_writer_options *opt,
                              const char *path, ck_error *err)
{
    return ck_writer_plain_write(ck_writer_html_render, docs, n, opt, path, err);
}

int ck_writer_html_write(cmark_node *doc, const ck_writer_options *opt, const char *path, ck_error *err)
{
    return ck_writer_html_write_many(&doc, 1, opt, path, err);
}
