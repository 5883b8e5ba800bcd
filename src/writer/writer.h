/* writer.h — documents written from a cmark-gfm tree: DOCX, ODT, HTML, Markdown.
 *
 * The forms and the reports build a cmark-gfm document (parsed with the
 * `table` extension, `strikethrough` optional) and hand it here. Everything
 * written comes from the tree alone: a text node is data and is escaped for
 * the format, never read again as markup, so a value such as
 * `*Star* <b>&amp; | [x](y)` appears literally in every output.
 *
 * Each package is built as a stream of appends (no DOM): the main part
 * (word/document.xml, content.xml, the HTML file) is rendered into a ck_buf,
 * the fixed parts come from static text with the options filled in, and the
 * zip is written through ck_zip_writer, so the file appears at its path only
 * when complete (temporary file + rename). Plain files (HTML, Markdown) are
 * written the same way: nothing half-written is ever left at the path.
 *
 * Conventions a template author uses (see docs/writers.md):
 *
 *  - Page break: an HTML block that is exactly the comment
 *    `<!-- pagebreak -->` (spaces inside the comment and letter case are
 *    free), on its own line. The next block starts a page: DOCX
 *    w:pageBreakBefore on its paragraph (a table's: its first cell's), ODT
 *    fo:break-before="page" in its paragraph or table style, HTML a
 *    `break-after: page` marker. Ignored at a document's start or end;
 *    merged documents are separated by a page break without it.
 *  - Signature lines: a paragraph whose text holds a run of three or more
 *    underscores (`___`) or full-width low lines (`＿＿＿`), e.g.
 *    `立書人（簽章）：＿＿＿＿＿＿`. Consecutive signature paragraphs form
 *    one block that is kept together on one page and kept with the
 *    paragraph before it (DOCX w:keepNext + w:keepLines, ODT
 *    fo:keep-with-next + fo:keep-together, HTML break-inside: avoid).
 *  - Other HTML in the template (blocks or inline): a comment is a note
 *    for the template's author and is left out; anything else is written
 *    as literal text, never interpreted.
 *
 * Rendering: A4 with the margins of the options, headings (level 1 centred
 * and larger: the form's title), emphasis, strong, strikethrough, hard and
 * soft line breaks (a soft break becomes a space, or nothing between two
 * CJK characters), ordered lists with real automatic numbering that
 * honours the start number, bullet lists, nesting, block quotes, code in a
 * monospace font, thematic breaks as a bottom border, GFM tables with
 * borders, a repeated header row, widths in proportion to their content
 * and the column alignments. Links keep their text and, when it is http,
 * https or mailto, their target (HTML and ODT as a link, DOCX printed in
 * parentheses after the text); images are replaced by their description.
 */
#ifndef CK_WRITER_H
#define CK_WRITER_H

#include <stddef.h>

#include <cmark-gfm.h>

#include "util/buf.h"
#include "util/error.h"
#include "zip/container.h"

typedef enum ck_writer_format {
    CK_WRITER_DOCX,
    CK_WRITER_ODT,
    CK_WRITER_HTML,
    CK_WRITER_MD
} ck_writer_format;

/* Every writer takes these; a zero or NULL field (or a number out of any
 * sensible range) takes the default noted beside it, so callers may start
 * from a zeroed struct or from ck_writer_options_default(). Strings are
 * borrowed for the call, not kept. */
typedef struct ck_writer_options {
    const char *title;            /* document title (metadata, HTML <title>); NULL: the
                                     text of the first level-1 heading */
    const char *author;           /* metadata author; NULL: none */
    const char *language;         /* BCP 47 tag, "zh-TW" */
    double page_width_mm;         /* 210 (A4) */
    double page_height_mm;        /* 297 (A4) */
    double margin_top_mm;         /* 25 */
    double margin_bottom_mm;      /* 25 */
    double margin_left_mm;        /* 20 */
    double margin_right_mm;       /* 20 */
    const char *east_asian_font;  /* "標楷體" */
    const char *east_asian_fallbacks; /* comma-separated, most wanted first:
                                     "DFKai-SB, AR PL UKai TW, Noto Serif CJK TC" */
    const char *latin_font;       /* "Times New Roman" */
    const char *monospace_font;   /* "Courier New" */
    double font_size_pt;          /* body text, 12 */
} ck_writer_options;

/* Fills opt with the defaults noted above (strings are static). */
void ck_writer_options_default(ck_writer_options *opt);

/* "docx", "odt", "html" (or "htm"), "md" (or "markdown"), ASCII case
 * ignored. Returns 0 and sets *out, or -1 for an unknown name. */
int ck_writer_format_from_name(const char *name, ck_writer_format *out);
/* The file name extension of a format, without the dot ("docx"). */
const char *ck_writer_format_extension(ck_writer_format format);

/* ---- whole files ------------------------------------------------------------
 * doc is a CMARK_NODE_DOCUMENT; the caller keeps owning it. opt may be NULL
 * for the defaults. On failure nothing appears at path and err names the
 * file; the return is 0 or a negative CK_E* code. */
int ck_writer_docx_write(cmark_node *doc, const ck_writer_options *opt, const char *path, ck_error *err);
int ck_writer_odt_write(cmark_node *doc, const ck_writer_options *opt, const char *path, ck_error *err);
int ck_writer_html_write(cmark_node *doc, const ck_writer_options *opt, const char *path, ck_error *err);
/* Markdown through cmark_render_commonmark (with the GFM extensions the
 * tree carries); opt is accepted for symmetry and unused. */
int ck_writer_md_write(cmark_node *doc, const ck_writer_options *opt, const char *path, ck_error *err);

/* Several documents merged into one file, in order, a page break between
 * each (Markdown: a `<!-- pagebreak -->` line). Numbered lists restart in
 * each document. n must be at least 1. */
int ck_writer_docx_write_many(cmark_node *const *docs, size_t n, const ck_writer_options *opt,
                              const char *path, ck_error *err);
int ck_writer_odt_write_many(cmark_node *const *docs, size_t n, const ck_writer_options *opt,
                             const char *path, ck_error *err);
int ck_writer_html_write_many(cmark_node *const *docs, size_t n, const ck_writer_options *opt,
                              const char *path, ck_error *err);
int ck_writer_md_write_many(cmark_node *const *docs, size_t n, const ck_writer_options *opt,
                            const char *path, ck_error *err);

/* Dispatch on format, for commands taking --format. */
int ck_writer_write_many(ck_writer_format format, cmark_node *const *docs, size_t n,
                         const ck_writer_options *opt, const char *path, ck_error *err);

/* Makes document i (0-based) of a merged file into *doc, which the writer
 * frees once it is written; returns 0, or an error code with err set. */
typedef int (*ck_writer_next_fn)(void *ctx, size_t i, cmark_node **doc, ck_error *err);

/* The same as ck_writer_write_many for count documents made one at a time
 * by next: each is written out as it comes (the main part goes through an
 * anonymous temporary file), so memory holds one document, not a roster's
 * worth. Without opt->title, document 0 is made twice (once for the title). */
int ck_writer_write_stream(ck_writer_format format, size_t count, ck_writer_next_fn next, void *ctx,
                           const ck_writer_options *opt, const char *path, ck_error *err);

/* ---- whole files in memory ----------------------------------------------------
 * The bytes of the file write_many would write, appended to out (the
 * caller owns it). */
int ck_writer_docx_write_bytes(cmark_node *const *docs, size_t n, const ck_writer_options *opt, ck_buf *out,
                               ck_error *err);
int ck_writer_odt_write_bytes(cmark_node *const *docs, size_t n, const ck_writer_options *opt, ck_buf *out,
                              ck_error *err);
int ck_writer_write_bytes(ck_writer_format format, cmark_node *const *docs, size_t n,
                          const ck_writer_options *opt, ck_buf *out, ck_error *err);

/* Many DOCX files with the same options (a roster's forms): the parts all
 * of them share (styles, settings, fonts, and the numbering while the
 * documents' lists are the same) are generated and compressed once and
 * their compressed bytes reused; only word/document.xml is compressed for
 * each. The bytes are the same DOCX as ck_writer_docx_write_bytes's, its
 * zip written by zip/build.h. opt's strings must outlive the kit. */
typedef struct ck_writer_docx_kit ck_writer_docx_kit;
ck_writer_docx_kit *ck_writer_docx_kit_new(const ck_writer_options *opt);
/* The package of docs (merged as write_many does), appended to out. */
int ck_writer_docx_kit_write(ck_writer_docx_kit *kit, cmark_node *const *docs, size_t n, ck_buf *out,
                             ck_error *err);
void ck_writer_docx_kit_free(ck_writer_docx_kit *kit);

/* Parts shorter than this are stored rather than deflated: a deflate
 * stream costs more to set up than it saves on a kilobyte. */
#define CK_WRITER_STORE_BELOW 2048

/* ---- in memory ---------------------------------------------------------------
 * The main part appended to out (the caller owns out and frees it with
 * ck_buf_free): DOCX word/document.xml, ODT content.xml, the whole HTML
 * file, the Markdown text. For DOCX, numbering (may be NULL) receives the
 * word/numbering.xml that goes with the document: one numbering instance
 * per ordered list, so each restarts at its own start number. */
int ck_writer_docx_render(cmark_node *const *docs, size_t n, const ck_writer_options *opt, ck_buf *out,
                          ck_buf *numbering, ck_error *err);
int ck_writer_odt_render(cmark_node *const *docs, size_t n, const ck_writer_options *opt, ck_buf *out,
                         ck_error *err);
int ck_writer_html_render(cmark_node *const *docs, size_t n, const ck_writer_options *opt, ck_buf *out,
                          ck_error *err);
int ck_writer_md_render(cmark_node *const *docs, size_t n, const ck_writer_options *opt, ck_buf *out,
                        ck_error *err);

/* ---- building blocks, for writers that add to these packages ---------------- */

/* Character formatting of a run or span. */
enum {
    CK_WRITER_BOLD = 1,
    CK_WRITER_ITALIC = 2,
    CK_WRITER_STRIKE = 4,
    CK_WRITER_CODE = 8
};

/* Appends text (UTF-8, len bytes) as one DOCX run <w:r> with the
 * formatting bits above: escaped (bytes that are not UTF-8 become U+FFFD),
 * tabs as <w:tab/>, newlines as <w:br/>, spaces preserved. With marks 0
 * the run has no properties and fits any document; CK_WRITER_CODE names
 * the character style "VerbatimChar" of this module's styles.xml. */
void ck_writer_docx_put_run(ck_buf *out, const char *text, size_t len, unsigned marks);

/* Appends text as ODT paragraph content: escaped as above, runs of spaces as
 * <text:s text:c="n"/>, tabs as <text:tab/>, newlines as <text:line-break/>,
 * wrapped in nested <text:span>s of the common text styles styles.xml of
 * ck_writer_odt_add_fixed_parts declares ("Strong_20_Emphasis",
 * "Emphasis", "Strikethrough", "Source_20_Text"). With marks 0 no span is
 * written, so the text fits any document (an office:annotation, say). */
void ck_writer_odt_put_span(ck_buf *out, const char *text, size_t len, unsigned marks);

/* Adds every part of a DOCX package except word/document.xml to w:
 * [Content_Types].xml, _rels/.rels, word/_rels/document.xml.rels,
 * word/styles.xml, word/settings.xml, word/fontTable.xml,
 * word/numbering.xml and docProps/core.xml. numbering is the numbering.xml
 * ck_writer_docx_render produced along with the document (NULL: bullets
 * and one decimal list only, enough for documents without ordered lists).
 * w stays the caller's to commit or abort. */
int ck_writer_docx_add_fixed_parts(ck_zip_writer *w, const ck_writer_options *opt, const ck_buf *numbering,
                                   ck_error *err);

/* Adds every part of an ODT package except content.xml, with mimetype
 * stored first: mimetype, META-INF/manifest.xml (listing content.xml,
 * styles.xml, meta.xml), styles.xml (A4 page layout, fonts, named styles,
 * list styles), meta.xml. Call it before adding content.xml. w stays the
 * caller's to commit or abort. */
int ck_writer_odt_add_fixed_parts(ck_zip_writer *w, const ck_writer_options *opt, ck_error *err);

#endif
