/* docx.c — the reviewer's report as a Word document: the Markdown report
 * parsed by cmark-gfm (with tables) and written by the DOCX writer, in a
 * plain sans-serif face at report size, so the Word file says exactly what
 * the Markdown report says and reviewers can edit it into a letter. */
#include "report/report.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <string.h>

#include "util/lang.h"
#include "writer/writer.h"

int ck_report_docx_write(const ck_report_input *in, const char *path, ck_error *err)
{
    ck_buf md = CK_BUF_INIT, title = CK_BUF_INIT;
    const char *name = strrchr(in->file, '/');
    cmark_parser *parser;
    cmark_node *doc;
    ck_writer_options opt;
    int rc;

    ck_report_markdown(in, &md);
    cmark_gfm_core_extensions_ensure_registered();
    parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension("table"));
    cmark_parser_feed(parser, md.data ? md.data : "", md.len);
    doc = cmark_parser_finish(parser);
    cmark_parser_free(parser);

    ck_buf_printf(&title, "%s%s", ck_tr("契約條款檢查報告：", "Contract clause check: "), name ? name + 1 : in->file);
    ck_writer_options_default(&opt);
    opt.title = title.data;
    opt.author = "clausekit";
    opt.language = ck_lang_current() == CK_LANG_EN ? "en" : "zh-TW";
    opt.east_asian_font = "Microsoft JhengHei";
    opt.east_asian_fallbacks = "微軟正黑體, Noto Sans CJK TC, PingFang TC";
    opt.latin_font = "Calibri";
    opt.font_size_pt = 10.5;
    opt.margin_top_mm = opt.margin_bottom_mm = 18;
    opt.margin_left_mm = opt.margin_right_mm = 18;
    rc = ck_writer_docx_write(doc, &opt, path, err);
    cmark_node_free(doc);
    ck_buf_free(&md);
    ck_buf_free(&title);
    return rc;
}
