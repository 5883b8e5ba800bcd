/* odt.c — OpenDocument text from a cmark-gfm tree.
 *
 * content.xml is built in two buffers while an iterator walks the tree: the
 * body, and the automatic styles the body turns out to need (table column
 * widths, a paragraph that starts a new page or keeps with a signature).
 * styles.xml holds the named styles, the fonts and the A4 page layout.
 */
#include "writer/common.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/lang.h"

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define ODF_VERSION "1.3"
#define NAMESPACES                                                                                      \
    " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""                                \
    " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""                                  \
    " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""                                    \
    " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""                                  \
    " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""                         \
    " xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\""                           \
    " xmlns:xlink=\"http://www.w3.org/1999/xlink\""

enum { VARIANT_BREAK = 1, VARIANT_KEEP = 2, VARIANT_LEFT = 4 };
#define QUOTE_INDENT_MM 10 /* the margin of style Quotations, per level */

typedef struct odt_variant {
    const char *parent;
    int flags;
    int quote_depth; /* > 1: a quote inside a quote, indented further */
} odt_variant;

typedef struct odt_ctx {
    ck_buf *body;
    ck_buf *styles; /* automatic styles found on the way */
    const ck_writer_options *opt;
    odt_variant *variants;
    size_t n_variants, cap_variants;
    unsigned tables;
    int list_depth, quote_depth;
    ck_writer_marks marks;
    int page_break_pending;
    int wrote_block;
    int wrote_body;      /* some document put something into the body */
    int first_item; /* the next item is its list's first */
    int list_start;
    ck_writer_table table;
    int table_in_list; /* the table is written as paragraphs, see enter_table */
} odt_ctx;

/* ---- text ------------------------------------------------------------------ */

void ck_writer_odt_put_span(ck_buf *out, const char *text, size_t len, unsigned marks)
{
    static const struct {
        unsigned mark;
        const char *style;
    } spans[] = { { CK_WRITER_BOLD, "Strong_20_Emphasis" },
                  { CK_WRITER_ITALIC, "Emphasis" },
                  { CK_WRITER_STRIKE, "Strikethrough" },
                  { CK_WRITER_CODE, "Source_20_Text" } };
    size_t start = 0, i = 0;

    if (len == 0)
        return;
    for (size_t k = 0; k < 4; k++)
        if (marks & spans[k].mark)
            ck_buf_printf(out, "<text:span text:style-name=\"%s\">", spans[k].style);
    while (i < len) {
        char ch = text[i];
        size_t run = 1;
        if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') {
            i++;
            continue;
        }
        ck_writer_put_escaped(out, text + start, i - start, 0);
        if (ch == ' ') {
            /* ODF collapses white space: every space but a leading
             * one of a run written as text:s is kept as written. */
            while (i + run < len && text[i + run] == ' ')
                run++;
            size_t counted = run;
            if (i > 0) {
                ck_buf_putc(out, ' ');
                counted--;
            }
            if (counted == 1)
                ck_buf_puts(out, "<text:s/>");
            else if (counted > 1)
                ck_buf_printf(out, "<text:s text:c=\"%zu\"/>", counted);
        } else if (ch == '\t') {
            ck_buf_puts(out, "<text:tab/>");
        } else if (ch == '\n') {
            ck_buf_puts(out, "<text:line-break/>");
        }
        i += run;
        start = i;
    }
    ck_writer_put_escaped(out, text + start, len - start, 0);
    for (size_t k = 4; k-- > 0;)
        if (marks & spans[k].mark)
            ck_buf_puts(out, "</text:span>");
}

/* ---- paragraphs ---------------------------------------------------------------- */

/* The name of the automatic style that adds flags (and the indent of a
 * nested quote) to parent, declared on first use. The returned name is in
 * a static buffer. */
static const char *variant(odt_ctx *c, const char *parent, int flags, int quote_depth)
{
    static char name[32];
    char indent[64] = "";
    size_t i;

    for (i = 0; i < c->n_variants; i++)
        if (c->variants[i].flags == flags && c->variants[i].quote_depth == quote_depth &&
            strcmp(c->variants[i].parent, parent) == 0)
            break;
    if (i == c->n_variants) {
        if (c->n_variants == c->cap_variants) {
            c->cap_variants = c->cap_variants ? 2 * c->cap_variants : 16;
            c->variants = ck_realloc(c->variants, c->cap_variants * sizeof *c->variants);
        }
        c->variants[i].parent = parent;
        c->variants[i].flags = flags;
        c->variants[i].quote_depth = quote_depth;
        c->n_variants++;
        if (quote_depth > 1)
            snprintf(indent, sizeof indent, " fo:margin-left=\"%dmm\"", QUOTE_INDENT_MM * quote_depth);
        ck_buf_printf(c->styles,
                      "<style:style style:name=\"P%zu\" style:family=\"paragraph\" style:parent-style-name=\"%s\">"
                      "<style:paragraph-properties%s%s%s%s/></style:style>",
                      i + 1, parent, flags & VARIANT_BREAK ? " fo:break-before=\"page\"" : "",
                      flags & VARIANT_KEEP ? " fo:keep-with-next=\"always\" fo:keep-together=\"always\"" : "",
                      flags & VARIANT_LEFT ? " fo:text-align=\"start\"" : "", indent);
    }
    snprintf(name, sizeof name, "P%zu", i + 1);
    return name;
}

/* Opens <text:p> (or <text:h> for level > 0). The parent styles are the
 * static names of styles.xml, so variant() may keep the pointer. */
static void open_paragraph(odt_ctx *c, const char *style, cmark_node *node, int level)
{
    int flags = 0;
    int quote_depth = strcmp(style, "Quotations") == 0 ? c->quote_depth : 0;

    if (node && ck_writer_is_signature(node) && strcmp(style, "Text_20_body") == 0)
        style = ck_writer_signature_continues(node) ? "Signature" : "Signature_20_End";
    else if (node && ck_writer_keeps_with_signature(node))
        flags |= VARIANT_KEEP;
    if (c->page_break_pending)
        flags |= VARIANT_BREAK;
    if (node && ck_writer_has_hard_break(node))
        flags |= VARIANT_LEFT;
    if (flags || quote_depth > 1)
        style = variant(c, style, flags, quote_depth);
    if (level)
        ck_buf_printf(c->body, "<text:h text:style-name=\"%s\" text:outline-level=\"%d\">", style, level);
    else
        ck_buf_printf(c->body, "<text:p text:style-name=\"%s\">", style);
    c->page_break_pending = 0;
    c->wrote_block = 1;
}

static void literal_paragraph(odt_ctx *c, const char *style, const char *text)
{
    size_t len = ck_writer_literal_length(text);
    open_paragraph(c, style, NULL, 0);
    ck_writer_odt_put_span(c->body, text, len, 0);
    ck_buf_puts(c->body, "</text:p>");
}

static const char *body_style(const odt_ctx *c)
{
    return c->list_depth ? "List_20_Contents" : c->quote_depth ? "Quotations" : "Text_20_body";
}

/* ---- tables ------------------------------------------------------------------------ */

static void put_cell(void *ctx, int open);

static void enter_table(odt_ctx *c, cmark_node *table)
{
    const ck_writer_options *o = c->opt;
    double width = o->page_width_mm - o->margin_left_mm - o->margin_right_mm;
    double *share;

    ck_writer_table_start(&c->table, table, put_cell, c);
    /* A list item may hold only paragraphs and lists: a table there is
     * written as one paragraph per row. */
    c->table_in_list = c->list_depth > 0;
    if (c->table_in_list)
        return;
    c->tables++;
    share = ck_malloc(c->table.cols * sizeof *share);
    ck_writer_table_widths(table, c->table.cols, share);
    ck_buf_printf(c->styles,
                  "<style:style style:name=\"Table%u\" style:family=\"table\"><style:table-properties"
                  " style:width=\"%.2fmm\" table:align=\"margins\" fo:margin-bottom=\"2mm\"%s/></style:style>",
                  c->tables, width, c->page_break_pending ? " fo:break-before=\"page\"" : "");
    for (size_t i = 0; i < c->table.cols; i++)
        ck_buf_printf(c->styles,
                      "<style:style style:name=\"Table%u.C%zu\" style:family=\"table-column\">"
                      "<style:table-column-properties style:column-width=\"%.2fmm\""
                      " style:rel-column-width=\"%ld*\"/></style:style>",
                      c->tables, i + 1, share[i] * width, (long)(share[i] * 65535 + 0.5));
    free(share);
    c->page_break_pending = 0;
    c->wrote_block = 1;
    ck_buf_printf(c->body, "<table:table table:name=\"Table%u\" table:style-name=\"Table%u\">", c->tables,
                  c->tables);
    for (size_t i = 0; i < c->table.cols; i++)
        ck_buf_printf(c->body, "<table:table-column table:style-name=\"Table%u.C%zu\"/>", c->tables, i + 1);
}

/* Opens (open = 1) or closes the current cell; the table's put_cell. In
 * a list, cells are parts of one paragraph separated by " | ". */
static void put_cell(void *ctx, int open)
{
    odt_ctx *c = ctx;
    char align = ck_writer_table_alignment(c->table.node, c->table.cell);

    if (c->table_in_list) {
        if (open && c->table.cell > 0)
            ck_buf_puts(c->body, " | ");
        return;
    }
    if (!open) {
        ck_buf_puts(c->body, "</text:p></table:table-cell>");
        return;
    }
    ck_buf_printf(c->body,
                  "<table:table-cell table:style-name=\"Cell\" office:value-type=\"string\">"
                  "<text:p text:style-name=\"%s%c\">",
                  c->table.header ? "Heading" : "Contents", align ? align - 'a' + 'A' : 'L');
}

static void enter_row(odt_ctx *c, cmark_node *row)
{
    ck_writer_table_row(&c->table, row);
    if (c->table_in_list)
        open_paragraph(c, "List_20_Contents", NULL, 0);
    else
        ck_buf_puts(c->body, c->table.header ? "<table:table-header-rows><table:table-row>" : "<table:table-row>");
}

static void exit_row(odt_ctx *c)
{
    ck_writer_table_row_end(&c->table);
    if (c->table_in_list)
        ck_buf_puts(c->body, "</text:p>");
    else
        ck_buf_puts(c->body, c->table.header ? "</table:table-row></table:table-header-rows>" : "</table:table-row>");
}

/* ---- the walk -------------------------------------------------------------------------- */

static void render_node(void *ctx, cmark_node *node, cmark_event_type ev)
{
    odt_ctx *c = ctx;
    int enter = ev == CMARK_EVENT_ENTER;
    int kind = ck_writer_node_kind(node);

    if (ck_writer_table_skips(&c->table, kind))
        return;
    switch (kind) {
    case CMARK_NODE_BLOCK_QUOTE:
        c->quote_depth += enter ? 1 : -1;
        break;
    case CMARK_NODE_LIST:
        if (enter) {
            ck_buf_printf(c->body, "<text:list text:style-name=\"%s\">",
                          cmark_node_get_list_type(node) == CMARK_ORDERED_LIST ? "Numbering_20_1" : "List_20_1");
            c->first_item = 1;
            c->list_start = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST ? cmark_node_get_list_start(node) : 1;
            c->list_depth++;
        } else {
            ck_buf_puts(c->body, "</text:list>");
            c->list_depth--;
        }
        break;
    case CMARK_NODE_ITEM:
        if (enter && c->first_item && c->list_start != 1)
            ck_buf_printf(c->body, "<text:list-item text:start-value=\"%d\">", c->list_start);
        else
            ck_buf_puts(c->body, enter ? "<text:list-item>" : "</text:list-item>");
        c->first_item = 0;
        break;
    case CMARK_NODE_PARAGRAPH:
        if (enter)
            open_paragraph(c, body_style(c), node, 0);
        else
            ck_buf_puts(c->body, "</text:p>");
        break;
    case CMARK_NODE_HEADING:
        if (enter) {
            /* variant() keeps the parent name: hand it a static one. */
            static const char *const headings[] = { "Heading_20_1", "Heading_20_2", "Heading_20_3",
                                                    "Heading_20_4", "Heading_20_5", "Heading_20_6" };
            open_paragraph(c, headings[cmark_node_get_heading_level(node) - 1], node,
                           cmark_node_get_heading_level(node));
        } else {
            ck_buf_puts(c->body, "</text:h>");
        }
        break;
    case CMARK_NODE_CODE_BLOCK:
        literal_paragraph(c, "Preformatted_20_Text", cmark_node_get_literal(node));
        break;
    case CMARK_NODE_HTML_BLOCK:
        if (ck_writer_is_page_break(node))
            c->page_break_pending = c->wrote_block;
        else if (!ck_writer_is_comment(cmark_node_get_literal(node)))
            literal_paragraph(c, body_style(c), cmark_node_get_literal(node));
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        open_paragraph(c, "Horizontal_20_Line", NULL, 0);
        ck_buf_puts(c->body, "</text:p>");
        break;
    case CK_NODE_TABLE:
        if (enter)
            enter_table(c, node);
        else if (!c->table_in_list)
            ck_buf_puts(c->body, "</table:table>");
        break;
    case CK_NODE_TABLE_ROW:
        if (enter)
            enter_row(c, node);
        else
            exit_row(c);
        break;
    case CK_NODE_TABLE_CELL:
        ck_writer_table_cell(&c->table, enter);
        break;
    case CMARK_NODE_LINEBREAK:
        ck_buf_puts(c->body, "<text:line-break/>");
        break;
    case CMARK_NODE_LINK:
        if (ck_writer_url_is_safe(cmark_node_get_url(node))) {
            if (enter) {
                const char *url = cmark_node_get_url(node);
                ck_buf_puts(c->body, "<text:a xlink:type=\"simple\" xlink:href=\"");
                ck_writer_put_escaped(c->body, url, strlen(url), 0);
                ck_buf_puts(c->body, "\">");
            } else {
                ck_buf_puts(c->body, "</text:a>");
            }
        }
        break;
    default:
        /* Images keep their description (their children). */
        ck_writer_put_inline(&c->marks, node, enter, c->body, ck_writer_odt_put_span);
        break;
    }
}

/* ---- fonts, shared by styles.xml and content.xml --------------------------------- */

static void put_font_face(ck_buf *b, const char *name, const char *generic, const char *pitch)
{
    /* svg:font-family follows CSS: a name with spaces is quoted. */
    const char *quote = strchr(name, ' ') ? "&apos;" : "";

    ck_buf_puts(b, "<style:font-face style:name=\"");
    ck_writer_put_escaped(b, name, strlen(name), 0);
    ck_buf_printf(b, "\" svg:font-family=\"%s", quote);
    ck_writer_put_escaped(b, name, strlen(name), 0);
    ck_buf_printf(b, "%s\" style:font-family-generic=\"%s\" style:font-pitch=\"%s\"/>", quote, generic, pitch);
}

static void put_font_faces(ck_buf *b, const ck_writer_options *o)
{
    ck_buf_puts(b, "<office:font-face-decls>");
    /* "system" lets LibreOffice substitute a missing 標楷體 with another
     * kai face; "script" or a fixed pitch steer it to a Ming face instead. */
    put_font_face(b, o->east_asian_font, "system", "variable");
    if (strcmp(o->latin_font, o->east_asian_font) != 0)
        put_font_face(b, o->latin_font, "roman", "variable");
    if (strcmp(o->monospace_font, o->east_asian_font) != 0 && strcmp(o->monospace_font, o->latin_font) != 0)
        put_font_face(b, o->monospace_font, "modern", "fixed");
    ck_buf_puts(b, "</office:font-face-decls>");
}

/* Cell and table paragraph styles every content.xml declares. */
static const char static_automatic_styles[] =
    "<style:style style:name=\"Cell\" style:family=\"table-cell\"><style:table-cell-properties"
    " fo:border=\"0.5pt solid #000000\" fo:padding=\"1mm\"/></style:style>"
    "<style:style style:name=\"ContentsL\" style:family=\"paragraph\" style:parent-style-name=\"Table_20_Contents\">"
    "<style:paragraph-properties fo:text-align=\"start\"/></style:style>"
    "<style:style style:name=\"ContentsC\" style:family=\"paragraph\" style:parent-style-name=\"Table_20_Contents\">"
    "<style:paragraph-properties fo:text-align=\"center\"/></style:style>"
    "<style:style style:name=\"ContentsR\" style:family=\"paragraph\" style:parent-style-name=\"Table_20_Contents\">"
    "<style:paragraph-properties fo:text-align=\"end\"/></style:style>"
    "<style:style style:name=\"HeadingL\" style:family=\"paragraph\" style:parent-style-name=\"Table_20_Heading\">"
    "<style:paragraph-properties fo:text-align=\"start\"/></style:style>"
    "<style:style style:name=\"HeadingC\" style:family=\"paragraph\" style:parent-style-name=\"Table_20_Heading\">"
    "<style:paragraph-properties fo:text-align=\"center\"/></style:style>"
    "<style:style style:name=\"HeadingR\" style:family=\"paragraph\" style:parent-style-name=\"Table_20_Heading\">"
    "<style:paragraph-properties fo:text-align=\"end\"/></style:style>";

int ck_writer_odt_render(cmark_node *const *docs, size_t n, const ck_writer_options *opt, ck_buf *out,
                         ck_error *err)
{
    ck_writer_source src = { n, docs, NULL, NULL };
    return ck_writer_odt_render_source(&src, opt, out, NULL, err);
}

/* Copies the spilled body back after the styles it needed: the automatic
 * styles come first in content.xml but are known only at the end. */
static int copy_spilled(FILE *from, ck_buf *out, FILE *to, ck_error *err)
{
    char chunk[65536];
    size_t n;
    int rc = 0;

    rewind(from);
    while (rc == 0 && (n = fread(chunk, 1, sizeof chunk, from)) > 0) {
        ck_buf_append(out, chunk, n);
        rc = ck_writer_spill(out, to, err);
    }
    if (rc == 0 && ferror(from))
        rc = ck_error_set(err, CK_EIO, ck_tr("無法讀回暫存檔：%s", "cannot read a temporary file back: %s"),
                          ck_strerror(errno));
    return rc;
}

/* One document of a source; each after the first starts on a new page. */
static int render_document(void *ctx, cmark_node *doc, size_t i, ck_error *err)
{
    odt_ctx *c = ctx;
    (void)i, (void)err;
    c->page_break_pending = c->wrote_block;
    ck_writer_walk(doc, render_node, c);
    c->wrote_body |= c->body->len > 0;
    return 0;
}

int ck_writer_odt_render_source(const ck_writer_source *src, const ck_writer_options *opt, ck_buf *out,
                                FILE *spill, ck_error *err)
{
    ck_writer_options o;
    ck_buf body = CK_BUF_INIT, styles = CK_BUF_INIT;
    FILE *body_file = NULL;
    odt_ctx c;
    int rc = 0;

    if (src->count == 0)
        return ck_writer_no_documents("", err);
    ck_writer_resolve_options(opt, &o);
    memset(&c, 0, sizeof c);
    c.body = &body;
    c.styles = &styles;
    c.opt = &o;
    if (spill && !(body_file = tmpfile()))
        rc = ck_error_set(err, CK_EIO, ck_tr("無法建立暫存檔：%s", "cannot create a temporary file: %s"),
                          ck_strerror(errno));
    if (rc == 0)
        rc = ck_writer_source_each(src, render_document, &c, &body, body_file, err);
    if (rc != 0)
        goto done;
    ck_buf_puts(out, XML_DECL "<office:document-content" NAMESPACES " office:version=\"" ODF_VERSION "\">");
    put_font_faces(out, &o);
    ck_buf_puts(out, "<office:automatic-styles>");
    ck_buf_puts(out, static_automatic_styles);
    if (styles.len)
        ck_buf_append(out, styles.data, styles.len);
    ck_buf_puts(out, "</office:automatic-styles><office:body><office:text>");
    if (body_file) {
        if ((rc = ck_writer_spill(out, spill, err)) == 0)
            rc = copy_spilled(body_file, out, spill, err);
    } else if (body.len)
        ck_buf_append(out, body.data, body.len);
    if (rc == 0 && !c.wrote_body)
        ck_buf_puts(out, "<text:p text:style-name=\"Text_20_body\"/>");
    ck_buf_puts(out, "</office:text></office:body></office:document-content>");
    if (rc == 0)
        rc = ck_writer_spill(out, spill, err);
done:
    if (body_file)
        fclose(body_file);
    ck_buf_free(&body);
    ck_buf_free(&styles);
    free(c.variants);
    return rc;
}

/* ---- the fixed parts ------------------------------------------------------------ */

static const char manifest[] =
    XML_DECL
    "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\""
    " manifest:version=\"" ODF_VERSION "\">"
    "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"" ODF_VERSION "\""
    " manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
    "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
    "<manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>"
    "<manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>"
    "</manifest:manifest>";

static const char mimetype[] = "application/vnd.oasis.opendocument.text";

static void put_escaped(ck_buf *b, const char *s)
{
    ck_writer_put_escaped(b, s, strlen(s), 0);
}

/* The list styles: numbers "1." "(1)" "1)" by level, bullets ● ○ ■. */
static void put_list_styles(ck_buf *b)
{
    static const char *const bullets[] = { "\xE2\x97\x8F", "\xE2\x97\x8B", "\xE2\x96\xA0" };

    for (int numbered = 1; numbered >= 0; numbered--) {
        ck_buf_printf(b, "<text:list-style style:name=\"%s\" style:display-name=\"%s\">",
                      numbered ? "Numbering_20_1" : "List_20_1", numbered ? "Numbering 1" : "List 1");
        for (int level = 1; level <= 10; level++) {
            const char *element = numbered ? "text:list-level-style-number" : "text:list-level-style-bullet";
            ck_buf_printf(b, "<%s text:level=\"%d\"", element, level);
            if (!numbered)
                ck_buf_printf(b, " text:bullet-char=\"%s\"", bullets[(level - 1) % 3]);
            else if ((level - 1) % 3 == 1)
                ck_buf_puts(b, " style:num-prefix=\"(\" style:num-suffix=\")\" style:num-format=\"1\"");
            else
                ck_buf_printf(b, " style:num-suffix=\"%s\" style:num-format=\"1\"", (level - 1) % 3 ? ")" : ".");
            ck_buf_printf(b,
                          "><style:list-level-properties text:list-level-position-and-space-mode=\"label-alignment\">"
                          "<style:list-level-label-alignment text:label-followed-by=\"listtab\""
                          " text:list-tab-stop-position=\"%.2fcm\" fo:text-indent=\"-0.85cm\""
                          " fo:margin-left=\"%.2fcm\"/></style:list-level-properties></%s>",
                          0.85 * level, 0.85 * level, element);
        }
        ck_buf_puts(b, "</text:list-style>");
    }
}

static void put_styles(ck_buf *b, const ck_writer_options *o)
{
    char language[16], country[8];
    double size = o->font_size_pt;

    ck_writer_language_parts(o->language, language, sizeof language, country, sizeof country);
    ck_buf_puts(b, XML_DECL "<office:document-styles" NAMESPACES " office:version=\"" ODF_VERSION "\">");
    put_font_faces(b, o);
    ck_buf_puts(b, "<office:styles><style:default-style style:family=\"paragraph\">"
                   "<style:paragraph-properties style:writing-mode=\"lr-tb\" style:line-break=\"strict\""
                   " fo:orphans=\"2\" fo:widows=\"2\"/><style:text-properties style:font-name=\"");
    put_escaped(b, o->latin_font);
    ck_buf_puts(b, "\" style:font-name-asian=\"");
    put_escaped(b, o->east_asian_font);
    ck_buf_puts(b, "\" style:font-name-complex=\"");
    put_escaped(b, o->latin_font);
    ck_buf_printf(b, "\" fo:font-size=\"%gpt\" style:font-size-asian=\"%gpt\" style:font-size-complex=\"%gpt\"",
                  size, size, size);
    ck_buf_puts(b, " fo:language=\"");
    put_escaped(b, language);
    ck_buf_puts(b, "\" fo:country=\"");
    put_escaped(b, *country ? country : "none");
    ck_buf_puts(b, "\" style:language-asian=\"");
    put_escaped(b, language);
    ck_buf_puts(b, "\" style:country-asian=\"");
    put_escaped(b, *country ? country : "none");
    ck_buf_puts(b, "\"/></style:default-style>"
                   "<style:default-style style:family=\"table\"><style:table-properties table:border-model=\"collapsing\"/>"
                   "</style:default-style>"
                   "<style:style style:name=\"Standard\" style:family=\"paragraph\" style:class=\"text\"/>"
                   "<style:style style:name=\"Text_20_body\" style:display-name=\"Text body\" style:family=\"paragraph\""
                   " style:parent-style-name=\"Standard\" style:class=\"text\"><style:paragraph-properties"
                   " fo:margin-top=\"0mm\" fo:margin-bottom=\"2mm\" fo:line-height=\"130%\" fo:text-align=\"justify\"/>"
                   "</style:style>"
                   "<style:style style:name=\"Heading\" style:family=\"paragraph\" style:parent-style-name=\"Standard\""
                   " style:next-style-name=\"Text_20_body\" style:class=\"text\"><style:paragraph-properties"
                   " fo:margin-top=\"4mm\" fo:margin-bottom=\"2mm\" fo:keep-with-next=\"always\""
                   " fo:keep-together=\"always\"/><style:text-properties fo:font-weight=\"bold\""
                   " style:font-weight-asian=\"bold\" style:font-weight-complex=\"bold\"/></style:style>");
    for (int level = 1; level <= 6; level++) {
        double hsize = level == 1 ? size * 1.5 : level == 2 ? size + 2 : level == 3 ? size + 1 : size;
        ck_buf_printf(b,
                      "<style:style style:name=\"Heading_20_%d\" style:display-name=\"Heading %d\""
                      " style:family=\"paragraph\" style:parent-style-name=\"Heading\""
                      " style:next-style-name=\"Text_20_body\" style:default-outline-level=\"%d\" style:class=\"text\">"
                      "<style:paragraph-properties fo:text-align=\"%s\"%s/><style:text-properties fo:font-size=\"%gpt\""
                      " style:font-size-asian=\"%gpt\" style:font-size-complex=\"%gpt\"/></style:style>",
                      level, level, level, level == 1 ? "center" : "start",
                      level == 1 ? " fo:margin-top=\"0mm\" fo:margin-bottom=\"6mm\"" : "", hsize, hsize, hsize);
    }
    ck_buf_puts(b, "<style:style style:name=\"List_20_Contents\" style:display-name=\"List Contents\""
                   " style:family=\"paragraph\" style:parent-style-name=\"Text_20_body\" style:class=\"list\">"
                   "<style:paragraph-properties fo:margin-bottom=\"1mm\"/></style:style>"
                   "<style:style style:name=\"Quotations\" style:family=\"paragraph\" style:parent-style-name=\"Text_20_body\""
                   " style:class=\"html\"><style:paragraph-properties fo:margin-left=\"10mm\" fo:padding-left=\"3mm\""
                   " fo:border-left=\"1.5pt solid #808080\" fo:border-right=\"none\" fo:border-top=\"none\""
                   " fo:border-bottom=\"none\"/></style:style>"
                   "<style:style style:name=\"Signature\" style:family=\"paragraph\" style:parent-style-name=\"Text_20_body\""
                   " style:next-style-name=\"Signature\"><style:paragraph-properties fo:margin-top=\"4mm\""
                   " fo:text-align=\"start\" fo:keep-together=\"always\" fo:keep-with-next=\"always\"/></style:style>"
                   "<style:style style:name=\"Signature_20_End\" style:display-name=\"Signature End\""
                   " style:family=\"paragraph\" style:parent-style-name=\"Text_20_body\"><style:paragraph-properties"
                   " fo:margin-top=\"4mm\" fo:text-align=\"start\" fo:keep-together=\"always\"/></style:style>"
                   "<style:style style:name=\"Horizontal_20_Line\" style:display-name=\"Horizontal Line\""
                   " style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"html\">"
                   "<style:paragraph-properties fo:margin-bottom=\"4mm\" fo:padding=\"0mm\" fo:border-top=\"none\""
                   " fo:border-left=\"none\" fo:border-right=\"none\" fo:border-bottom=\"0.75pt solid #000000\"/>"
                   "<style:text-properties fo:font-size=\"4pt\" style:font-size-asian=\"4pt\"/></style:style>"
                   "<style:style style:name=\"Table_20_Contents\" style:display-name=\"Table Contents\""
                   " style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\"/>"
                   "<style:style style:name=\"Table_20_Heading\" style:display-name=\"Table Heading\""
                   " style:family=\"paragraph\" style:parent-style-name=\"Table_20_Contents\" style:class=\"extra\">"
                   "<style:text-properties fo:font-weight=\"bold\" style:font-weight-asian=\"bold\""
                   " style:font-weight-complex=\"bold\"/></style:style>"
                   "<style:style style:name=\"Preformatted_20_Text\" style:display-name=\"Preformatted Text\""
                   " style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"html\">"
                   "<style:paragraph-properties fo:margin-bottom=\"2mm\" fo:background-color=\"#f2f2f2\"/>"
                   "<style:text-properties style:font-name=\"");
    put_escaped(b, o->monospace_font);
    ck_buf_printf(b, "\" fo:font-size=\"%gpt\"/></style:style>", size - 1);
    ck_buf_puts(b, "<style:style style:name=\"Strong_20_Emphasis\" style:display-name=\"Strong Emphasis\""
                   " style:family=\"text\"><style:text-properties fo:font-weight=\"bold\" style:font-weight-asian=\"bold\""
                   " style:font-weight-complex=\"bold\"/></style:style>"
                   "<style:style style:name=\"Emphasis\" style:family=\"text\"><style:text-properties"
                   " fo:font-style=\"italic\" style:font-style-asian=\"italic\" style:font-style-complex=\"italic\"/>"
                   "</style:style>"
                   "<style:style style:name=\"Strikethrough\" style:family=\"text\"><style:text-properties"
                   " style:text-line-through-style=\"solid\" style:text-line-through-type=\"single\"/></style:style>"
                   "<style:style style:name=\"Source_20_Text\" style:display-name=\"Source Text\" style:family=\"text\">"
                   "<style:text-properties style:font-name=\"");
    put_escaped(b, o->monospace_font);
    ck_buf_puts(b, "\"/></style:style>");
    put_list_styles(b);
    ck_buf_printf(b,
                  "</office:styles><office:automatic-styles><style:page-layout style:name=\"A4\">"
                  "<style:page-layout-properties fo:page-width=\"%gmm\" fo:page-height=\"%gmm\""
                  " style:print-orientation=\"portrait\" fo:margin-top=\"%gmm\" fo:margin-bottom=\"%gmm\""
                  " fo:margin-left=\"%gmm\" fo:margin-right=\"%gmm\" style:writing-mode=\"lr-tb\"/>"
                  "</style:page-layout></office:automatic-styles><office:master-styles>"
                  "<style:master-page style:name=\"Standard\" style:page-layout-name=\"A4\"/>"
                  "</office:master-styles></office:document-styles>",
                  o->page_width_mm, o->page_height_mm, o->margin_top_mm, o->margin_bottom_mm, o->margin_left_mm,
                  o->margin_right_mm);
}

static void put_meta(ck_buf *b, const ck_writer_options *o)
{
    ck_buf_puts(b, XML_DECL "<office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                            " xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\""
                            " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"" ODF_VERSION "\">"
                            "<office:meta><meta:generator>clausekit</meta:generator>");
    ck_writer_put_element(b, "dc:title", o->title);
    ck_writer_put_element(b, "meta:initial-creator", o->author);
    ck_writer_put_element(b, "dc:creator", o->author);
    ck_writer_put_element(b, "dc:language", o->language);
    ck_buf_puts(b, "</office:meta></office:document-meta>");
}

int ck_writer_odt_add_fixed_parts(ck_zip_writer *w, const ck_writer_options *opt, ck_error *err)
{
    ck_writer_options o;
    ck_buf b = CK_BUF_INIT;
    int rc;

    ck_writer_resolve_options(opt, &o);
    if ((rc = ck_zip_writer_add(w, "mimetype", mimetype, sizeof mimetype - 1, 1, err)) ||
        (rc = ck_writer_zip_add_static(w, "META-INF/manifest.xml", manifest, sizeof manifest - 1, err)))
        goto done;
    put_styles(&b, &o);
    if ((rc = ck_writer_zip_add_buf(w, "styles.xml", &b, err)))
        goto done;
    put_meta(&b, &o);
    rc = ck_writer_zip_add_buf(w, "meta.xml", &b, err);
done:
    ck_buf_free(&b);
    return rc;
}

static int fill_odt(ck_zip_writer *w, cmark_node *const *docs, size_t n, const ck_writer_options *opt,
                    ck_error *err)
{
    ck_buf content = CK_BUF_INIT;
    int rc;

    /* mimetype must come first: the fixed parts before content.xml. */
    if (!(rc = ck_writer_odt_render(docs, n, opt, &content, err)) && !(rc = ck_writer_odt_add_fixed_parts(w, opt, err)))
        rc = ck_writer_zip_add_buf(w, "content.xml", &content, err);
    ck_buf_free(&content);
    return rc;
}

static int fill_odt_stream(ck_zip_writer *w, const ck_writer_source *src, const ck_writer_options *opt,
                           ck_error *err)
{
    ck_buf content = CK_BUF_INIT;
    FILE *part = tmpfile();
    int rc;

    if (!part)
        return ck_error_set(err, CK_EIO, ck_tr("無法建立暫存檔：%s", "cannot create a temporary file: %s"),
                            ck_strerror(errno));
    /* mimetype must come first: the fixed parts before content.xml. */
    if (!(rc = ck_writer_odt_render_source(src, opt, &content, part, err)) &&
        !(rc = ck_writer_odt_add_fixed_parts(w, opt, err))) {
        rc = ck_writer_zip_add_part(w, "content.xml", part, err);
        part = NULL;
    }
    if (part)
        fclose(part);
    ck_buf_free(&content);
    return rc;
}

int ck_writer_odt_write_stream(const ck_writer_source *src, const ck_writer_options *opt, const char *path,
                               ck_error *err)
{
    return ck_writer_package_write_stream(src, opt, path, fill_odt_stream, err);
}

int ck_writer_odt_write_bytes(cmark_node *const *docs, size_t n, const ck_writer_options *opt, ck_buf *out,
                           ck_error *err)
{
    return ck_writer_package_bytes(docs, n, opt, fill_odt, out, err);
}

int ck_writer_odt_write_many(cmark_node *const *docs, size_t n, const ck_writer_options *opt, const char *path,
                             ck_error *err)
{
    return ck_writer_package_write(docs, n, opt, path, fill_odt, err);
}

int ck_writer_odt_write(cmark_node *doc, const ck_writer_options *opt, const char *path, ck_error *err)
{
    return ck_writer_odt_write_many(&doc, 1, opt, path, err);
}
