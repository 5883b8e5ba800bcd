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
typedef struct md_source {
    const ck_writer_source *src;
    const ck_writer_options *opt;
    ck_buf *out;
} md_source;

static int render_document(void *ctx, cmark_node *doc, size_t i, ck_error *err)
{
    md_source *m = ctx;
    int rc = ck_writer_md_render(&doc, 1, m->opt, m->out, err);
    if (rc == 0 && i + 1 < m->src->count)
        ck_buf_puts(m->out, MD_PAGE_BREAK);
    return rc;
}

static int md_render_source(const ck_writer_source *src, const ck_writer_options *opt, ck_buf *out, FILE *spill,
                            ck_error *err)
{
    md_source m = { src, opt, out };
    return ck_writer_source_each(src, render_document, &m, out, spill, err);
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
