/* docx.c — WordprocessingML from a cmark-gfm tree.
 *
 * word/document.xml is appended to a ck_buf while an iterator walks the
 * tree; the other parts are static text with the options filled in. Word is
 * strict about the order of child elements in w:pPr, w:rPr and w:tblPr, so
 * each is written in the schema's order. Numbering: abstract numbering 0
 * holds the bullets, 1 the decimal levels; each ordered list gets its own
 * w:num with a start override, which is what makes Word restart it.
 */
#include "writer/common.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/lang.h"
#include "zip/build.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define LIST_INDENT 480  /* twips per list level: two CJK characters at 12 pt */
#define QUOTE_INDENT 567 /* twips per quote level: 1 cm */
#define BULLET_NUM_ID 1

typedef struct docx_list {
    unsigned num_id;
    int level;        /* w:ilvl, 0..8 */
    int item_pending; /* the current item's number is not written yet */
} docx_list;

typedef struct docx_ctx {
    ck_buf *out;
    ck_buf nums; /* <w:num> elements for numbering.xml */
    const ck_writer_options *opt;
    unsigned next_num_id;
    docx_list *lists;
    size_t list_depth, list_cap;
    int quote_depth;
    ck_writer_marks marks;
    int page_break_pending;
    int last_was_table; /* Word would join two touching tables into one */
    int wrote_block;
    ck_writer_table table;
    long *col_twips; /* the table's column widths */
    int in_cell;     /* cell paragraphs take no list or quote indent */
} docx_ctx;

static long twips(double mm)
{
    return (long)(mm * 1440.0 / 25.4 + 0.5);
}

/* ---- runs ----------------------------------------------------------------------- */

void ck_writer_docx_put_run(ck_buf *out, const char *text, size_t len, unsigned marks)
{
    size_t start = 0;

    if (len == 0)
        return;
    ck_buf_puts(out, "<w:r>");
    if (marks) {
        ck_buf_puts(out, "<w:rPr>");
        if (marks & CK_WRITER_CODE)
            ck_buf_puts(out, "<w:rStyle w:val=\"VerbatimChar\"/>");
        if (marks & CK_WRITER_BOLD)
            ck_buf_puts(out, "<w:b/><w:bCs/>");
        if (marks & CK_WRITER_ITALIC)
            ck_buf_puts(out, "<w:i/><w:iCs/>");
        if (marks & CK_WRITER_STRIKE)
            ck_buf_puts(out, "<w:strike/>");
        ck_buf_puts(out, "</w:rPr>");
    }
    for (size_t i = 0; i <= len; i++) {
        if (i < len && text[i] != '\t' && text[i] != '\n')
            continue;
        if (i > start) {
            ck_buf_puts(out, "<w:t xml:space=\"preserve\">");
            ck_writer_put_escaped(out, text + start, i - start, 0);
            ck_buf_puts(out, "</w:t>");
        }
        if (i < len)
            ck_buf_puts(out, text[i] == '\t' ? "<w:tab/>" : "<w:br/>");
        start = i + 1;
    }
    ck_buf_puts(out, "</w:r>");
}

/* ---- paragraphs ----------------------------------------------------------------------- */

static docx_list *top_list(docx_ctx *c)
{
    return c->list_depth ? &c->lists[c->list_depth - 1] : NULL;
}

/* Opens <w:p> with its properties. node (may be NULL) decides the keep
 * flags of signature lines; jc is an alignment letter or 0. */
static void open_paragraph(docx_ctx *c, const char *style, cmark_node *node, char jc)
{
    docx_list *list = c->in_cell ? NULL : top_list(c);
    int numbered = list && list->item_pending;
    int signature = node && ck_writer_is_signature(node);
    int keep_next = node && (ck_writer_keeps_with_signature(node) || ck_writer_signature_continues(node));
    long indent = c->in_cell ? 0 : (long)c->quote_depth * QUOTE_INDENT;

    if (signature && strcmp(style, "Normal") == 0)
        style = "Signature";
    if (!jc && ck_writer_has_hard_break(node))
        jc = 'l';
    if (list)
        indent += (long)LIST_INDENT * (list->level + 1);
    ck_buf_printf(c->out, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>", style);
    if (keep_next)
        ck_buf_puts(c->out, "<w:keepNext/>");
    if (signature || keep_next)
        ck_buf_puts(c->out, "<w:keepLines/>");
    if (c->page_break_pending)
        ck_buf_puts(c->out, "<w:pageBreakBefore/>");
    if (numbered) {
        ck_buf_printf(c->out, "<w:numPr><w:ilvl w:val=\"%d\"/><w:numId w:val=\"%u\"/></w:numPr>", list->level,
                      list->num_id);
        list->item_pending = 0;
    }
    if (numbered && c->quote_depth)
        ck_buf_printf(c->out, "<w:ind w:left=\"%ld\" w:hanging=\"%d\"/>", indent, LIST_INDENT);
    else if (!numbered && indent)
        ck_buf_printf(c->out, "<w:ind w:left=\"%ld\"/>", indent);
    if (jc)
        ck_buf_printf(c->out, "<w:jc w:val=\"%s\"/>", jc == 'c' ? "center" : jc == 'r' ? "right" : "left");
    ck_buf_puts(c->out, "</w:pPr>");
    c->page_break_pending = 0;
    c->last_was_table = 0;
    c->wrote_block = 1;
}

static void close_paragraph(docx_ctx *c)
{
    ck_buf_puts(c->out, "</w:p>");
}

/* An item whose first block is not a paragraph (a nested list, a table)
 * still shows its number, on a paragraph of its own. */
static void flush_pending_item(docx_ctx *c)
{
    docx_list *list = top_list(c);
    if (list && list->item_pending) {
        open_paragraph(c, "ListParagraph", NULL, 0);
        close_paragraph(c);
    }
}

static void literal_paragraph(docx_ctx *c, const char *style, const char *text)
{
    size_t len = ck_writer_literal_length(text);
    open_paragraph(c, style, NULL, 0);
    ck_writer_docx_put_run(c->out, text, len, 0);
    close_paragraph(c);
}

/* ---- lists ------------------------------------------------------------------------- */

static void enter_list(docx_ctx *c, cmark_node *node)
{
    docx_list *list;
    int ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;

    flush_pending_item(c);
    if (c->list_depth == c->list_cap) {
        c->list_cap = c->list_cap ? 2 * c->list_cap : 8;
        c->lists = ck_realloc(c->lists, c->list_cap * sizeof *c->lists);
    }
    list = &c->lists[c->list_depth];
    list->level = c->list_depth < 8 ? (int)c->list_depth : 8;
    list->item_pending = 0;
    if (ordered) {
        int start = cmark_node_get_list_start(node);
        list->num_id = c->next_num_id++;
        ck_buf_printf(&c->nums,
                      "<w:num w:numId=\"%u\"><w:abstractNumId w:val=\"1\"/>"
                      "<w:lvlOverride w:ilvl=\"%d\"><w:startOverride w:val=\"%d\"/></w:lvlOverride></w:num>",
                      list->num_id, list->level, start >= 0 ? start : 1);
    } else {
        list->num_id = BULLET_NUM_ID;
    }
    c->list_depth++;
}

/* ---- tables -------------------------------------------------------------------------- */

static void put_cell(void *ctx, int open);

static void enter_table(docx_ctx *c, cmark_node *table)
{
    const ck_writer_options *o = c->opt;
    long width = twips(o->page_width_mm - o->margin_left_mm - o->margin_right_mm) -
                 (long)c->quote_depth * QUOTE_INDENT;
    double *share;
    long used = 0;

    flush_pending_item(c);
    if (c->last_was_table) {
        open_paragraph(c, "Normal", NULL, 0);
        close_paragraph(c);
    }
    if (c->list_depth)
        width -= (long)LIST_INDENT * (top_list(c)->level + 1);
    if (width < 1440)
        width = 1440;
    ck_writer_table_start(&c->table, table, put_cell, c);
    share = ck_malloc(c->table.cols * sizeof *share);
    free(c->col_twips);
    c->col_twips = ck_malloc(c->table.cols * sizeof *c->col_twips);
    ck_writer_table_widths(table, c->table.cols, share);
    for (size_t i = 0; i < c->table.cols; i++) {
        c->col_twips[i] = i + 1 < c->table.cols ? (long)(share[i] * (double)width) : width - used;
        used += c->col_twips[i];
    }
    free(share);
    ck_buf_printf(c->out,
                  "<w:tbl><w:tblPr><w:tblW w:w=\"%ld\" w:type=\"dxa\"/>", width);
    if (c->quote_depth || c->list_depth)
        ck_buf_printf(c->out, "<w:tblInd w:w=\"%ld\" w:type=\"dxa\"/>",
                      (long)c->quote_depth * QUOTE_INDENT +
                          (c->list_depth ? (long)LIST_INDENT * (top_list(c)->level + 1) : 0));
    ck_buf_puts(c->out,
                "<w:tblBorders>"
                "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                "</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
                "<w:tblCellMar><w:top w:w=\"57\" w:type=\"dxa\"/><w:left w:w=\"85\" w:type=\"dxa\"/>"
                "<w:bottom w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar>"
                "<w:tblLook w:val=\"0020\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\""
                " w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
    for (size_t i = 0; i < c->table.cols; i++)
        ck_buf_printf(c->out, "<w:gridCol w:w=\"%ld\"/>", c->col_twips[i]);
    ck_buf_puts(c->out, "</w:tblGrid>");
}

/* Opens (open = 1) or closes the current cell; the table's put_cell. */
static void put_cell(void *ctx, int open)
{
    docx_ctx *c = ctx;

    if (!open) {
        close_paragraph(c);
        c->in_cell = 0;
        ck_buf_puts(c->out, "</w:tc>");
        return;
    }
    ck_buf_printf(c->out, "<w:tc><w:tcPr><w:tcW w:w=\"%ld\" w:type=\"dxa\"/></w:tcPr>",
                  c->col_twips[c->table.cell]);
    c->in_cell = 1;
    open_paragraph(c, c->table.header ? "TableHeading" : "TableContents", NULL,
                   ck_writer_table_alignment(c->table.node, c->table.cell));
}

/* ---- the walk --------------------------------------------------------------------------- */

static void render_node(void *ctx, cmark_node *node, cmark_event_type ev)
{
    docx_ctx *c = ctx;
    int enter = ev == CMARK_EVENT_ENTER;
    int kind = ck_writer_node_kind(node);
    char style[16];

    if (ck_writer_table_skips(&c->table, kind))
        return;
    switch (kind) {
    case CMARK_NODE_BLOCK_QUOTE:
        c->quote_depth += enter ? 1 : -1;
        break;
    case CMARK_NODE_LIST:
        if (enter)
            enter_list(c, node);
        else
            c->list_depth--;
        break;
    case CMARK_NODE_ITEM:
        if (enter)
            top_list(c)->item_pending = 1;
        else
            flush_pending_item(c);
        break;
    case CMARK_NODE_PARAGRAPH:
        if (enter)
            open_paragraph(c, c->list_depth ? "ListParagraph" : c->quote_depth ? "Quote" : "Normal", node, 0);
        else
            close_paragraph(c);
        break;
    case CMARK_NODE_HEADING:
        if (enter) {
            snprintf(style, sizeof style, "Heading%d", cmark_node_get_heading_level(node));
            open_paragraph(c, style, node, 0);
        } else {
            close_paragraph(c);
        }
        break;
    case CMARK_NODE_CODE_BLOCK:
        literal_paragraph(c, "SourceCode", cmark_node_get_literal(node));
        break;
    case CMARK_NODE_HTML_BLOCK:
        if (ck_writer_is_page_break(node))
            c->page_break_pending = c->wrote_block;
        else if (!ck_writer_is_comment(cmark_node_get_literal(node)))
            literal_paragraph(c, "Normal", cmark_node_get_literal(node));
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        open_paragraph(c, "HorizontalLine", NULL, 0);
        close_paragraph(c);
        break;
    case CK_NODE_TABLE:
        if (enter) {
            enter_table(c, node);
        } else {
            ck_buf_puts(c->out, "</w:tbl>");
            c->last_was_table = 1;
        }
        break;
    case CK_NODE_TABLE_ROW:
        if (enter) {
            ck_writer_table_row(&c->table, node);
            ck_buf_puts(c->out, c->table.header ? "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
                                                : "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        } else {
            /* Every row needs one cell per grid column. */
            ck_writer_table_row_end(&c->table);
            ck_buf_puts(c->out, "</w:tr>");
        }
        break;
    case CK_NODE_TABLE_CELL:
        ck_writer_table_cell(&c->table, enter);
        break;
    case CMARK_NODE_LINEBREAK:
        ck_buf_puts(c->out, "<w:r><w:br/></w:r>");
        break;
    case CMARK_NODE_LINK:
        /* Without a hyperlink relationship the target would be lost, on
         * paper too: it follows the text unless the text is the target. */
        if (!enter && ck_writer_url_is_safe(cmark_node_get_url(node))) {
            const char *url = cmark_node_get_url(node);
            ck_buf shown = CK_BUF_INIT;
            ck_writer_plain_text(node, &shown);
            if (!shown.data || (strcmp(shown.data, url) != 0 &&
                                !(strncmp(url, "mailto:", 7) == 0 && strcmp(shown.data, url + 7) == 0))) {
                ck_writer_docx_put_run(c->out, " (", 2, ck_writer_marks_bits(&c->marks));
                ck_writer_docx_put_run(c->out, url, strlen(url), ck_writer_marks_bits(&c->marks));
                ck_writer_docx_put_run(c->out, ")", 1, ck_writer_marks_bits(&c->marks));
            }
            ck_buf_free(&shown);
        }
        break;
    default:
        /* Images keep their description (their children). */
        ck_writer_put_inline(&c->marks, node, enter, c->out, ck_writer_docx_put_run);
        break;
    }
}

/* numbering.xml: the two abstract numberings, the bullet instance and the
 * instances of the ordered lists (nums). */
static void put_numbering(ck_buf *numbering, const ck_buf *nums)
{
    static const char *const bullets[] = { "\xE2\x97\x8F", "\xE2\x97\x8B", "\xE2\x96\xA0" }; /* ● ○ ■ */

    ck_buf_puts(numbering, XML_DECL "<w:numbering xmlns:w=\"" NS_W "\">");
    for (int a = 0; a < 2; a++) {
        ck_buf_printf(numbering, "<w:abstractNum w:abstractNumId=\"%d\"><w:multiLevelType w:val=\"multilevel\"/>",
                      a);
        for (int l = 0; l < 9; l++) {
            char text[16];
            /* 1.  (1)  1)  and again, each level counting on its own. */
            if (!a)
                snprintf(text, sizeof text, "%s", bullets[l % 3]);
            else if (l % 3 == 0)
                snprintf(text, sizeof text, "%%%d.", l + 1);
            else if (l % 3 == 1)
                snprintf(text, sizeof text, "(%%%d)", l + 1);
            else
                snprintf(text, sizeof text, "%%%d)", l + 1);
            ck_buf_printf(numbering,
                          "<w:lvl w:ilvl=\"%d\"><w:start w:val=\"1\"/><w:numFmt w:val=\"%s\"/>"
                          "<w:lvlText w:val=\"%s\"/><w:lvlJc w:val=\"left\"/>"
                          "<w:pPr><w:ind w:left=\"%d\" w:hanging=\"%d\"/></w:pPr></w:lvl>",
                          l, a ? "decimal" : "bullet", text, LIST_INDENT * (l + 1), LIST_INDENT);
        }
        ck_buf_puts(numbering, "</w:abstractNum>");
    }
    ck_buf_printf(numbering, "<w:num w:numId=\"%d\"><w:abstractNumId w:val=\"0\"/></w:num>", BULLET_NUM_ID);
    if (nums && nums->len)
        ck_buf_append(numbering, nums->data, nums->len);
    ck_buf_puts(numbering, "</w:numbering>");
}

int ck_writer_docx_render(cmark_node *const *docs, size_t n, const ck_writer_options *opt, ck_buf *out,
                          ck_buf *numbering, ck_error *err)
{
    ck_writer_source src = { n, docs, NULL, NULL };
    return ck_writer_docx_render_source(&src, opt, out, numbering, NULL, err);
}

/* One document of a source; each after the first starts on a new page. */
static int render_document(void *ctx, cmark_node *doc, size_t i, ck_error *err)
{
    docx_ctx *c = ctx;
    (void)i, (void)err;
    c->page_break_pending = c->wrote_block;
    ck_writer_walk(doc, render_node, c);
    return 0;
}

int ck_writer_docx_render_source(const ck_writer_source *src, const ck_writer_options *opt, ck_buf *out,
                                 ck_buf *numbering, FILE *spill, ck_error *err)
{
    ck_writer_options o;
    docx_ctx c;
    int rc = 0;

    if (src->count == 0)
        return ck_writer_no_documents("", err);
    ck_writer_resolve_options(opt, &o);
    memset(&c, 0, sizeof c);
    c.out = out;
    c.opt = &o;
    c.next_num_id = BULLET_NUM_ID + 1;
    ck_buf_puts(out, XML_DECL "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"http://schemas.openxmlformats.org/"
                     "officeDocument/2006/relationships\"><w:body>");
    if ((rc = ck_writer_source_each(src, render_document, &c, out, spill, err)) != 0)
        goto done;
    if (c.last_was_table || !c.wrote_block)
        ck_buf_puts(out, "<w:p/>");
    ck_buf_printf(out,
                  "<w:sectPr><w:pgSz w:w=\"%ld\" w:h=\"%ld\"/><w:pgMar w:top=\"%ld\" w:right=\"%ld\""
                  " w:bottom=\"%ld\" w:left=\"%ld\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/>"
                  "<w:cols w:space=\"425\"/><w:docGrid w:linePitch=\"360\"/></w:sectPr></w:body></w:document>",
                  twips(o.page_width_mm), twips(o.page_height_mm), twips(o.margin_top_mm),
                  twips(o.margin_right_mm), twips(o.margin_bottom_mm), twips(o.margin_left_mm));
    if (numbering)
        put_numbering(numbering, &c.nums);
    rc = ck_writer_spill(out, spill, err);
done:
    ck_buf_free(&c.nums);
    free(c.lists);
    free(c.col_twips);
    return rc;
}

/* ---- the fixed parts ------------------------------------------------------------------- */

static const char content_types[] =
    XML_DECL
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
    "wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
    "wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
    "wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
    "wordprocessingml.fontTable+xml\"/>"
    "<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
    "wordprocessingml.numbering+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package."
    "core-properties+xml\"/>"
    "</Types>";

static const char package_rels[] =
    XML_DECL
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
    "core-properties\" Target=\"docProps/core.xml\"/>"
    "</Relationships>";

static const char document_rels[] =
    XML_DECL
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "settings\" Target=\"settings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "fontTable\" Target=\"fontTable.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "numbering\" Target=\"numbering.xml\"/>"
    "</Relationships>";

/* An attribute value, escaped. */
static void put_attr(ck_buf *b, const char *s)
{
    ck_writer_put_escaped(b, s, strlen(s), 0);
}

/* <w:rFonts> naming the Latin and East Asian fonts. */
static void put_fonts(ck_buf *b, const char *latin, const char *east_asian)
{
    ck_buf_puts(b, "<w:rFonts w:ascii=\"");
    put_attr(b, latin);
    ck_buf_puts(b, "\" w:eastAsia=\"");
    put_attr(b, east_asian);
    ck_buf_puts(b, "\" w:hAnsi=\"");
    put_attr(b, latin);
    ck_buf_puts(b, "\" w:cs=\"");
    put_attr(b, latin);
    ck_buf_puts(b, "\"/>");
}

static void put_styles(ck_buf *b, const ck_writer_options *o)
{
    int size = (int)(o->font_size_pt * 2 + 0.5); /* half-points */
    static const int heading_extra[] = { 0, 12, 4, 2, 0, 0, 0 }; /* points added to the body size */

    ck_buf_puts(b, XML_DECL "<w:styles xmlns:w=\"" NS_W "\"><w:docDefaults><w:rPrDefault><w:rPr>");
    put_fonts(b, o->latin_font, o->east_asian_font);
    ck_buf_printf(b, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/><w:lang w:val=\"", size, size);
    put_attr(b, o->language);
    ck_buf_puts(b, "\" w:eastAsia=\"");
    put_attr(b, o->language);
    ck_buf_puts(b, "\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
                   "<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"312\" w:lineRule=\"auto\"/>"
                   "</w:pPr></w:pPrDefault></w:docDefaults>"
                   "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
                   "<w:qFormat/><w:pPr><w:widowControl/><w:jc w:val=\"both\"/></w:pPr></w:style>"
                   "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
                   "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>"
                   "<w:unhideWhenUsed/></w:style>"
                   "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
                   "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\""
                   " w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\""
                   " w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
                   "</w:tblCellMar></w:tblPr></w:style>"
                   "<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/>"
                   "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>");
    for (int level = 1; level <= 6; level++) {
        int hsize = size + 2 * heading_extra[level];
        ck_buf_printf(b,
                      "<w:style w:type=\"paragraph\" w:styleId=\"Heading%d\"><w:name w:val=\"heading %d\"/>"
                      "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/>"
                      "<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"%d\" w:after=\"%d\"/>"
                      "<w:jc w:val=\"%s\"/><w:outlineLvl w:val=\"%d\"/></w:pPr>"
                      "<w:rPr><w:b/><w:bCs/><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr></w:style>",
                      level, level, level == 1 ? 120 : 240, level == 1 ? 360 : 120, level == 1 ? "center" : "left",
                      level - 1, hsize, hsize);
    }
    ck_buf_printf(b,
                  "<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/>"
                  "<w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"34\"/><w:qFormat/>"
                  "<w:pPr><w:spacing w:after=\"60\"/></w:pPr></w:style>"
                  "<w:style w:type=\"paragraph\" w:styleId=\"Quote\"><w:name w:val=\"Quote\"/>"
                  "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"29\"/><w:qFormat/>"
                  "<w:pPr><w:pBdr><w:left w:val=\"single\" w:sz=\"12\" w:space=\"8\" w:color=\"808080\"/></w:pBdr>"
                  "<w:ind w:left=\"%d\"/></w:pPr></w:style>"
                  "<w:style w:type=\"paragraph\" w:styleId=\"Signature\"><w:name w:val=\"Signature\"/>"
                  "<w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"99\"/>"
                  "<w:pPr><w:keepLines/><w:spacing w:before=\"240\" w:after=\"120\"/><w:jc w:val=\"left\"/></w:pPr>"
                  "</w:style>"
                  "<w:style w:type=\"paragraph\" w:styleId=\"HorizontalLine\"><w:name w:val=\"Horizontal Line\"/>"
                  "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>"
                  "<w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>"
                  "<w:spacing w:after=\"240\" w:line=\"120\" w:lineRule=\"exact\"/></w:pPr></w:style>"
                  "<w:style w:type=\"paragraph\" w:styleId=\"TableContents\"><w:name w:val=\"Table Contents\"/>"
                  "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"0\"/><w:jc w:val=\"left\"/></w:pPr>"
                  "</w:style>"
                  "<w:style w:type=\"paragraph\" w:styleId=\"TableHeading\"><w:name w:val=\"Table Heading\"/>"
                  "<w:basedOn w:val=\"TableContents\"/><w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr>"
                  "</w:style>"
                  "<w:style w:type=\"paragraph\" w:styleId=\"SourceCode\"><w:name w:val=\"Source Code\"/>"
                  "<w:basedOn w:val=\"Normal\"/><w:pPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F2F2F2\"/>"
                  "<w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/></w:pPr><w:rPr>",
                  QUOTE_INDENT);
    put_fonts(b, o->monospace_font, o->east_asian_font);
    ck_buf_printf(b, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr></w:style>"
                     "<w:style w:type=\"character\" w:styleId=\"VerbatimChar\"><w:name w:val=\"Verbatim Char\"/>"
                     "<w:basedOn w:val=\"DefaultParagraphFont\"/><w:rPr>",
                  size - 2, size - 2);
    put_fonts(b, o->monospace_font, o->east_asian_font);
    ck_buf_puts(b, "</w:rPr></w:style></w:styles>");
}

static void put_font_table(ck_buf *b, const ck_writer_options *o)
{
    ck_buf_puts(b, XML_DECL "<w:fonts xmlns:w=\"" NS_W "\"><w:font w:name=\"");
    put_attr(b, o->east_asian_font);
    ck_buf_puts(b, "\">");
    /* Word offers w:altName as the one substitute for a missing font:
     * the first fallback (DFKai-SB is 標楷體's English name). */
    if (o->east_asian_fallbacks && *o->east_asian_fallbacks) {
        const char *f = o->east_asian_fallbacks, *comma = strchr(f, ',');
        ck_buf_puts(b, "<w:altName w:val=\"");
        ck_writer_put_escaped(b, f, comma ? (size_t)(comma - f) : strlen(f), 0);
        ck_buf_puts(b, "\"/>");
    }
    ck_buf_puts(b, "<w:charset w:val=\"88\"/><w:family w:val=\"script\"/><w:pitch w:val=\"fixed\"/></w:font>"
                   "<w:font w:name=\"");
    put_attr(b, o->latin_font);
    ck_buf_puts(b, "\"><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font>"
                   "<w:font w:name=\"");
    put_attr(b, o->monospace_font);
    ck_buf_puts(b, "\"><w:charset w:val=\"00\"/><w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/></w:font>"
                   "</w:fonts>");
}

static void put_settings(ck_buf *b, const ck_writer_options *o)
{
    ck_buf_puts(b, XML_DECL "<w:settings xmlns:w=\"" NS_W "\"><w:zoom w:percent=\"100\"/>"
                   "<w:defaultTabStop w:val=\"480\"/><w:characterSpacingControl w:val=\"compressPunctuation\"/>"
                   "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/"
                   "office/word\" w:val=\"15\"/></w:compat><w:themeFontLang w:val=\"");
    put_attr(b, o->language);
    ck_buf_puts(b, "\" w:eastAsia=\"");
    put_attr(b, o->language);
    ck_buf_puts(b, "\"/></w:settings>");
}

static void put_core(ck_buf *b, const ck_writer_options *o)
{
    ck_buf_puts(b, XML_DECL "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
                   "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
                   " xmlns:dcterms=\"http://purl.org/dc/terms/\">");
    ck_writer_put_element(b, "dc:title", o->title);
    ck_writer_put_element(b, "dc:creator", o->author);
    ck_writer_put_element(b, "dc:language", o->language);
    ck_buf_puts(b, "</cp:coreProperties>");
}

/* Each part of a DOCX package but word/document.xml, in package order,
 * handed to emit (which empties b). */
typedef int (*part_fn)(void *ctx, const char *name, ck_buf *b, ck_error *err);

static int fixed_parts(const ck_writer_options *o, const ck_buf *numbering, part_fn emit, void *ctx, ck_error *err)
{
    ck_buf b = CK_BUF_INIT;
    int rc;

    ck_buf_append(&b, content_types, sizeof content_types - 1);
    if ((rc = emit(ctx, "[Content_Types].xml", &b, err)))
        goto done;
    ck_buf_append(&b, package_rels, sizeof package_rels - 1);
    if ((rc = emit(ctx, "_rels/.rels", &b, err)))
        goto done;
    ck_buf_append(&b, document_rels, sizeof document_rels - 1);
    if ((rc = emit(ctx, "word/_rels/document.xml.rels", &b, err)))
        goto done;
    put_core(&b, o);
    if ((rc = emit(ctx, "docProps/core.xml", &b, err)))
        goto done;
    put_styles(&b, o);
    if ((rc = emit(ctx, "word/styles.xml", &b, err)))
        goto done;
    put_settings(&b, o);
    if ((rc = emit(ctx, "word/settings.xml", &b, err)))
        goto done;
    put_font_table(&b, o);
    if ((rc = emit(ctx, "word/fontTable.xml", &b, err)))
        goto done;
    if (numbering && numbering->len)
        ck_buf_append(&b, numbering->data, numbering->len);
    else
        put_numbering(&b, NULL);
    rc = emit(ctx, "word/numbering.xml", &b, err);
done:
    ck_buf_free(&b);
    return rc;
}

static int emit_to_zip(void *ctx, const char *name, ck_buf *b, ck_error *err)
{
    return ck_writer_zip_add_buf(ctx, name, b, err);
}

int ck_writer_docx_add_fixed_parts(ck_zip_writer *w, const ck_writer_options *opt, const ck_buf *numbering,
                                   ck_error *err)
{
    ck_writer_options o;

    ck_writer_resolve_options(opt, &o);
    return fixed_parts(&o, numbering, emit_to_zip, w, err);
}

/* ---- many packages with the same options --------------------------------------
 * Every part but word/document.xml is the same in each form of a run (the
 * numbering too, as long as the documents' lists are): each is compressed
 * once, kept with its uncompressed bytes, and compressed again only when a
 * package's part differs from the one kept. */

#define KIT_PARTS 8

struct ck_writer_docx_kit {
    ck_writer_options opt;     /* resolved; strings borrowed from the caller */
    char *names[KIT_PARTS];
    ck_buf plain[KIT_PARTS];   /* the part's bytes, to compare */
    ck_zip_entry packed[KIT_PARTS];
    size_t count;              /* parts so far in the package being built */
    ck_zip_build *zip;         /* the package being built */
};

/* A part of the package being built: reused when its bytes are the kept ones. */
static int emit_to_kit(void *ctx, const char *name, ck_buf *b, ck_error *err)
{
    ck_writer_docx_kit *kit = ctx;
    size_t i = kit->count++;
    int rc = 0;

    if (i >= KIT_PARTS)
        return ck_error_set(err, CK_EIO, "too many DOCX parts");
    if (!kit->names[i] || strcmp(kit->names[i], name) != 0 || kit->plain[i].len != b->len ||
        memcmp(kit->plain[i].data, b->data, b->len) != 0) {
        free(kit->names[i]);
        kit->names[i] = ck_strdup(name);
        ck_buf_clear(&kit->plain[i]);
        ck_buf_append(&kit->plain[i], b->data ? b->data : "", b->len);
        ck_zip_entry_free(&kit->packed[i]);
        rc = ck_zip_entry_make(&kit->packed[i], b->data ? b->data : "", b->len, b->len < CK_WRITER_STORE_BELOW, err);
    }
    ck_buf_clear(b);
    if (rc == 0)
        rc = ck_zip_build_add(kit->zip, name, &kit->packed[i], err);
    return rc;
}

ck_writer_docx_kit *ck_writer_docx_kit_new(const ck_writer_options *opt)
{
    ck_writer_docx_kit *kit = ck_calloc(1, sizeof *kit);
    ck_writer_resolve_options(opt, &kit->opt);
    return kit;
}

int ck_writer_docx_kit_write(ck_writer_docx_kit *kit, cmark_node *const *docs, size_t n, ck_buf *out, ck_error *err)
{
    ck_buf document = CK_BUF_INIT, numbering = CK_BUF_INIT, title = CK_BUF_INIT;
    ck_writer_options o = kit->opt;
    ck_zip_build zip;
    int rc;

    if (n == 0)
        return ck_writer_no_documents("", err);
    ck_writer_title(docs, n, &o, &title);
    o.title = title.data ? title.data : "";
    ck_zip_build_init(&zip, ck_zip_sink_buf, out);
    kit->zip = &zip;
    kit->count = 0;
    if (!(rc = ck_writer_docx_render(docs, n, &o, &document, &numbering, err)) &&
        !(rc = fixed_parts(&o, &numbering, emit_to_kit, kit, err)) &&
        !(rc = ck_zip_build_add_data(&zip, "word/document.xml", document.data ? document.data : "", document.len,
                                     document.len < CK_WRITER_STORE_BELOW, err)))
        rc = ck_zip_build_finish(&zip, err);
    kit->zip = NULL;
    ck_zip_build_free(&zip);
    ck_buf_free(&document);
    ck_buf_free(&numbering);
    ck_buf_free(&title);
    return rc;
}

void ck_writer_docx_kit_free(ck_writer_docx_kit *kit)
{
    if (!kit)
        return;
    for (size_t i = 0; i < KIT_PARTS; i++) {
        free(kit->names[i]);
        ck_buf_free(&kit->plain[i]);
        ck_zip_entry_free(&kit->packed[i]);
    }
    free(kit);
}

static int fill_docx(ck_zip_writer *w, cmark_node *const *docs, size_t n, const ck_writer_options *opt,
                     ck_error *err)
{
    ck_buf document = CK_BUF_INIT, numbering = CK_BUF_INIT;
    int rc;

    if (!(rc = ck_writer_docx_render(docs, n, opt, &document, &numbering, err)) &&
        !(rc = ck_writer_docx_add_fixed_parts(w, opt, &numbering, err)))
        rc = ck_writer_zip_add_buf(w, "word/document.xml", &document, err);
    ck_buf_free(&document);
    ck_buf_free(&numbering);
    return rc;
}

/* The streamed package: word/document.xml goes through an anonymous
 * temporary file, which libzip reads when the package is written. */
static int fill_docx_stream(ck_zip_writer *w, const ck_writer_source *src, const ck_writer_options *opt,
                            ck_error *err)
{
    ck_buf document = CK_BUF_INIT, numbering = CK_BUF_INIT;
    FILE *part = tmpfile();
    int rc;

    if (!part)
        return ck_error_set(err, CK_EIO, ck_tr("無法建立暫存檔：%s", "cannot create a temporary file: %s"),
                            ck_strerror(errno));
    if (!(rc = ck_writer_docx_render_source(src, opt, &document, &numbering, part, err)) &&
        !(rc = ck_writer_docx_add_fixed_parts(w, opt, &numbering, err))) {
        rc = ck_writer_zip_add_part(w, "word/document.xml", part, err);
        part = NULL;
    }
    if (part)
        fclose(part);
    ck_buf_free(&document);
    ck_buf_free(&numbering);
    return rc;
}

int ck_writer_docx_write_stream(const ck_writer_source *src, const ck_writer_options *opt, const char *path,
                                ck_error *err)
{
    return ck_writer_package_write_stream(src, opt, path, fill_docx_stream, err);
}

int ck_writer_docx_write_bytes(cmark_node *const *docs, size_t n, const ck_writer_options *opt, ck_buf *out,
                           ck_error *err)
{
    return ck_writer_package_bytes(docs, n, opt, fill_docx, out, err);
}

int ck_writer_docx_write_many(cmark_node *const *docs, size_t n, const ck_writer_options *opt,
                              const char *path, ck_error *err)
{
    return ck_writer_package_write(docs, n, opt, path, fill_docx, err);
}

int ck_writer_docx_write(cmark_node *doc, const ck_writer_options *opt, const char *path, ck_error *err)
{
    return ck_writer_docx_write_many(&doc, 1, opt, path, err);
}
