/* writer_support.h — what the writer tests share: a sample form, parsing
 * Markdown with cmark-gfm, and reading what was written back through the
 * project's own zip and XML layers. */
#ifndef CK_TEST_WRITER_SUPPORT_H
#define CK_TEST_WRITER_SUPPORT_H

#include "support.h"

#include <sys/stat.h>
#include <zip.h>

#include <cmark-gfm-core-extensions.h>
#include <libxml/tree.h>

#include "writer/common.h"
#include "writer/writer.h"
#include "xml/xml.h"

#define VALUE "*Star* <b>&amp; | [x](y)"

static __attribute__((unused)) const char sample_form[] =
    "# 保密切結書\n"
    "\n"
    "立書人 **王小明** 受 *臺北市政府* 委託辦理「資訊系統維運」專案，茲切結下列事項：\n"
    "\n"
    "3. 對於執行業務所知悉之機密資料，負保密義務。\n"
    "4. 不得將資料攜出或提供第三人。\n"
    "   1. 包括電子檔案\n"
    "   2. 包括紙本\n"
    "5. 契約終止後，仍負保密責任。\n"
    "\n"
    "- 第一項說明\n"
    "- 第二項說明\n"
    "\n"
    "1. 第一款\n"
    "2. 第二款\n"
    "\n"
    "> 依據委外作業程序 3.5.1 辦理。\n"
    "\n"
    "| 項目 | 說明 | 數量 |\n"
    "|:---|:---:|---:|\n"
    "| 電腦 | 筆記型電腦，借用期間須妥善保管並於契約終止時歸還 | 2 |\n"
    "| 門禁卡 | 機房 | 1 |\n"
    "\n"
    "`code` 與 ~~刪除~~\n"
    "\n"
    "---\n"
    "\n"
    "此致\n"
    "\n"
    "立書人（簽章）：＿＿＿＿＿＿＿＿\n"
    "\n"
    "身分證字號：____________\n"
    "\n"
    "中華民國 ____ 年 ____ 月 ____ 日\n"
    "\n"
    "<!-- pagebreak -->\n"
    "\n"
    "## 附件\n"
    "\n"
    "第二頁內容。\n";

/* ---- helpers ------------------------------------------------------------------ */

static __attribute__((unused)) cmark_node *parse(const char *markdown)
{
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    cmark_node *doc;

    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension("table"));
    cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension("strikethrough"));
    cmark_parser_feed(parser, markdown, strlen(markdown));
    doc = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    assert_non_null(doc);
    return doc;
}

/* A document whose second paragraph holds VALUE as a text node, the way
 * the template engine hands over a filled field; a table cell gets it too. */
static __attribute__((unused)) cmark_node *document_with_value(void)
{
    cmark_node *doc = parse("# 標題\n\n欄位：\n\n| 欄位 | 值 |\n|---|---|\n| 姓名 | |\n");
    cmark_node *para = cmark_node_next(cmark_node_first_child(doc));
    cmark_node *table = cmark_node_next(para);
    cmark_node *row = cmark_node_next(cmark_node_first_child(table));
    cmark_node *cell = cmark_node_last_child(row);
    cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node *text2 = cmark_node_new(CMARK_NODE_TEXT);

    assert_int_equal(cmark_node_get_type(para), CMARK_NODE_PARAGRAPH);
    assert_string_equal(cmark_node_get_type_string(cell), "table_cell");
    cmark_node_set_literal(text, VALUE);
    cmark_node_append_child(para, text);
    cmark_node_set_literal(text2, VALUE);
    cmark_node_append_child(cell, text2);
    return doc;
}

/* Counts the occurrences of needle in haystack. */
static __attribute__((unused)) int count(const char *haystack, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(haystack, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* The concatenated text of every element named local (any namespace). */
static __attribute__((unused)) void collect_text(xmlNodePtr node, const char *local, ck_buf *out)
{
    /* Test documents are shallow; recursion is fine here. */
    for (xmlNodePtr n = node; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0) {
            xmlChar *t = xmlNodeGetContent(n);
            ck_buf_puts(out, (const char *)t);
            xmlFree(t);
        } else if (n->children) {
            collect_text(n->children, local, out);
        }
    }
}

static __attribute__((unused)) const char *write_docx(const char *name, cmark_node *doc)
{
    ck_error err;
    const char *path = ck_test_path(name);

    ck_error_clear(&err);
    if (ck_writer_docx_write(doc, NULL, path, &err) != 0)
        fail_msg("docx: %s", err.message);
    return path;
}

/* The paragraph element <w:p>...</w:p> of document.xml holding needle. */
static __attribute__((unused)) char *paragraph_with(const char *xml, const char *needle)
{
    const char *hit = strstr(xml, needle), *start, *end;
    assert_non_null(hit);
    for (start = hit; start > xml && strncmp(start, "<w:p>", 5) != 0; start--)
        ;
    end = strstr(hit, "</w:p>");
    assert_non_null(end);
    return ck_strndup(start, (size_t)(end - start));
}

/* True when the paragraph holding needle also holds what. */
static __attribute__((unused)) int paragraph_has(const char *xml, const char *needle, const char *what)
{
    char *p = paragraph_with(xml, needle);
    int found = strstr(p, what) != NULL;
    free(p);
    return found;
}

/* ---- ODT -------------------------------------------------------------------------- */

static __attribute__((unused)) const char *write_odt(const char *name, cmark_node *doc)
{
    ck_error err;
    const char *path = ck_test_path(name);

    ck_error_clear(&err);
    if (ck_writer_odt_write(doc, NULL, path, &err) != 0)
        fail_msg("odt: %s", err.message);
    return path;
}

/* ---- HTML --------------------------------------------------------------- */

static __attribute__((unused)) char *render_html(cmark_node *const *docs, size_t n)
{
    ck_buf out = CK_BUF_INIT;
    ck_error err;

    ck_error_clear(&err);
    assert_int_equal(ck_writer_html_render(docs, n, NULL, &out, &err), 0);
    return ck_buf_detach(&out);
}

#endif
