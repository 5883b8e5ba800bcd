/* md.c — Markdown output: the filled template as CommonMark, documents
 * separated by a page-break comment (docs/templates.md). */
#include "writer/common.h"

#include <stdlib.h>

#define MD_PAGE_BREAK "\n<!-- pagebreak -->\n\n"

int ck_writer_md_render(cmark_node *const *docs, size_t n, const ck_writer_options *opt, ck_buf *out,
                        ck_error *err)
{
    (void)opt;
    if (n == 0)
        return ck_writer_no_documents("", err);
    for (size_t i = 0; i < n; i++) {
        /* width 0: keep the template's own line breaks. */
        char *md = cmark_render_commonmark(docs[i], CMARK_OPT_DEFAULT, 0);
        if (i > 0)
            ck_buf_puts(out, MD_PAGE_BREAK);
        ck_buf_puts(out, md);
        free(md);
    }
    return 0;
}

/* Each document made, rendered and spilled in turn, so memory does not
 * grow with the count. */
static int md_render_source(const ck_writer_source *src, const ck_writer_options *opt, ck_buf *out, FILE *spill,
                            ck_error *err)
{
    int rc = 0;

    for (size_t i = 0; i < src->count && rc == 0; i++) {
        cmark_node *doc;
        int owned;
        if ((rc = ck_writer_source_get(src, i, &doc, &owned, err)) != 0)
            break;
        rc = ck_writer_md_render(&doc, 1, opt, out, err);
        if (owned)
            cmark_node_free(doc);
        if (rc == 0 && i + 1 < src->count)
            ck_buf_puts(out, MD_PAGE_BREAK);
        if (rc == 0)
            rc = ck_writer_spill(out, spill, err);
    }
    return rc;
}

int ck_writer_md_write_stream(const ck_writer_source *src, const ck_writer_options *opt, const char *path,
                              ck_error *err)
{
    return ck_writer_plain_write_stream(md_render_source, src, opt, path, err);
}

int ck_writer_md_write_many(cmark_node *const *docs, size_t n, const ck_writer_options *opt,
                            const char *path, ck_error *err)
{
    return ck_writer_plain_write(ck_writer_md_render, docs, n, opt, path, err);
}

int ck_writer_md_write(cmark_node *doc, const ck_writer_options *opt, const char *path, ck_error *err)
{
    return ck_writer_md_write_many(&doc, 1, opt, path, err);
}
