#include "support.h"

#include "model/document.h"
#include "reader/odt_internal.h"
#include "reader/reader.h"
#include "util/buf.h"
#include "util/lang.h"

/* ---- building packages ------------------------------------------------------------ */

#define NAMESPACES                                                                                 \
    " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""                          \
    " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""                            \
    " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""                              \
    " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""                            \
    " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\""                           \
    " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""                   \
    " xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\""                     \
    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""                                              \
    " xmlns:loext=\"urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0\""     \
    " xmlns:form=\"urn:oasis:names:tc:opendocument:xmlns:form:1.0\""                             \
    " xmlns:xml=\"http://www.w3.org/XML/1998/namespace\""

static const char *const manifest =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
    "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
    "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
    "<manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>"
    "</manifest:manifest>";

static char *content_xml(const char *automatic_styles, const char *body)
{
    ck_buf b = CK_BUF_INIT;
    ck_buf_printf(&b,
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                  "<office:document-content" NAMESPACES " office:version=\"1.3\">"
                  "<office:automatic-styles>%s</office:automatic-styles>"
                  "<office:body><office:text>%s</office:text></office:body></office:document-content>",
                  automatic_styles ? automatic_styles : "", body);
    return ck_buf_detach(&b);
}

static char *styles_xml(const char *common, const char *master)
{
    ck_buf b = CK_BUF_INIT;
    ck_buf_printf(&b,
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                  "<office:document-styles" NAMESPACES " office:version=\"1.3\">"
                  "<office:styles>%s</office:styles><office:automatic-styles/>"
                  "<office:master-styles>%s</office:master-styles></office:document-styles>",
                  common ? common : "", master ? master : "");
    return ck_buf_detach(&b);
}

/* Reads an ODT built from the parts; fails the test on error. */
static ck_document *read_odt_full(const char *automatic_styles, const char *body, const char *common_styles,
                                  const char *master)
{
    char *content = content_xml(automatic_styles, body);
    char *styles = styles_xml(common_styles, master);
    const char *path = ck_test_package("t.odt", "mimetype", "application/vnd.oasis.opendocument.text",
                                       "META-INF/manifest.xml", manifest, "content.xml", content,
                                       "styles.xml", styles, NULL);
    ck_document *doc = NULL;
    ck_error err;
    ck_error_clear(&err);
    int rc = ck_reader_read(path, NULL, &doc, &err);
    if (rc != 0)
        ck_error_print(&err, stderr);
    assert_int_equal(rc, 0);
    free(content);
    free(styles);
    return doc;
}

static ck_document *read_odt(const char *automatic_styles, const char *body)
{
    return read_odt_full(automatic_styles, body, NULL, NULL);
}

/* One line per block: "kind|label|text" (text with \t and \n shown as such). */
static char *dump(const ck_document *doc)
{
    ck_buf b = CK_BUF_INIT;
    for (size_t i = 0; i < doc->count; i++) {
        const ck_block *blk = &doc->blocks[i];
        ck_buf_printf(&b, "%s|%s|", ck_block_kind_name(blk->kind), blk->label ? blk->label : "");
        for (size_t j = 0; j < blk->text_len; j++) {
            char c = blk->text[j];
            if (c == '\t')
                ck_buf_puts(&b, "\\t");
            else if (c == '\n')
                ck_buf_puts(&b, "\\n");
            else
                ck_buf_putc(&b, c);
        }
        ck_buf_putc(&b, '\n');
    }
    return ck_buf_detach(&b);
}

static void assert_dump(const ck_document *doc, const char *expected)
{
    char *got = dump(doc);
    assert_string_equal(got, expected);
    free(got);
}

/* ---- inline text -------------------------------------------------------------------- */

static void whitespace_collapses_as_odf_says(void **state)
{
    (void)state;
    ck_document *doc = read_odt(NULL,
                                "<text:p>  \n\t 甲方 \r\n  乙方<text:span>  丙方 </text:span> 丁方   \n</text:p>"
                                "<text:p><text:span> </text:span> 前導空白<text:span>與</text:span>  尾端  </text:p>");
    /* Like LibreOffice, one trailing space stays. */
    assert_dump(doc, "paragraph||甲方 乙方 丙方 丁方 \n"
                     "paragraph||前導空白與 尾端 \n");
    assert_int_equal(doc->format, CK_FORMAT_ODT);
    ck_document_free(doc);
}

static void spaces_tabs_and_breaks(void **state)
{
    (void)state;
    ck_document *doc = read_odt(NULL,
                                "<text:p>第<text:s text:c=\"3\"/>條<text:s/> 款</text:p>"
                                "<text:p><text:s text:c=\"2\"/>縮排</text:p>"
                                "<text:p>名稱<text:tab/>金額<text:line-break/> 第二行 <text:line-break/>第三行</text:p>"
                                "<text:p>分頁<text:soft-page-break/>之後</text:p>"
                                "<text:p>x<text:s text:c=\"99999999999999999999\"/>y<text:s text:c=\"-4\"/>z</text:p>");
    assert_int_equal(doc->count, 5);
    assert_string_equal(doc->blocks[0].text, "第   條  款");
    assert_string_equal(doc->blocks[1].text, "  縮排");
    /* As in LibreOffice, white space after a line break is not leading white space. */
    assert_string_equal(doc->blocks[2].text, "名稱\t金額\n 第二行 \n第三行");
    assert_string_equal(doc->blocks[3].text, "分頁之後");
    /* A huge count is capped; a negative one means one space. */
    assert_int_equal(doc->blocks[4].text_len, 1 + 1000 + 1 + 1 + 1);
    assert_int_equal(doc->blocks[4].text[1001], 'y');
    ck_document_free(doc);
}

static void expansion_is_bounded(void **state)
{
    (void)state;
    /* 20,000 text:s of 1,000 spaces would be 20 MB of text from 460 kB of
     * XML (in 20 paragraphs, each under the 1 MiB a paragraph may hold). */
    ck_buf body = CK_BUF_INIT;
    for (int k = 0; k < 20; k++) {
        ck_buf_puts(&body, "<text:p>");
        for (int i = 0; i < 1000; i++)
            ck_buf_puts(&body, "<text:s text:c=\"1000\"/>");
        ck_buf_puts(&body, "x</text:p>");
    }
    ck_document *doc = read_odt(NULL, body.data);
    assert_int_equal(doc->count, 20);
    size_t total = 0;
    for (size_t i = 0; i < doc->count; i++) {
        total += doc->blocks[i].text_len;
        assert_int_equal(doc->blocks[i].text[doc->blocks[i].text_len - 1], 'x');
    }
    assert_true(total <= (16u << 20) + 20000 + 20);
    assert_true(total >= (16u << 20));
    ck_buf_free(&body);
    ck_document_free(doc);

    /* One paragraph past 1 MiB of text is refused, not held. */
    ck_buf_puts(&body, "<text:p>");
    unsigned x = 1;
    for (int i = 0; i < 300; i++) {
        ck_buf_puts(&body, "<text:span>");
        for (int k = 0; k < 4000; k++) {
            x = x * 1103515245u + 12345u;
            ck_buf_putc(&body, (char)('a' + (x >> 16) % 26));
        }
        ck_buf_puts(&body, "</text:span>");
    }
    ck_buf_puts(&body, "</text:p>");
    ck_error err;
    ck_error_clear(&err);
    char *content = content_xml(NULL, body.data);
    char *styles = styles_xml(NULL, NULL);
    const char *path = ck_test_package("long.odt", "mimetype", "application/vnd.oasis.opendocument.text",
                                       "META-INF/manifest.xml", manifest, "content.xml", content,
                                       "styles.xml", styles, NULL);
    doc = NULL;
    assert_int_equal(ck_reader_read(path, NULL, &doc, &err), CK_ELIMIT);
    assert_null(doc);
    assert_non_null(strstr(err.message, "1 MB"));
    assert_string_equal(err.part, "content.xml");
    free(content);
    free(styles);
    ck_buf_free(&body);
}

/* A block numbers its table in 16 bits: 65,535 tables read, the one after
 * stops the reading (reader/common.h). */
static void tables_are_limited(void **state)
{
    (void)state;
    ck_buf body = CK_BUF_INIT;
    unsigned x = 1;
    for (int i = 1; i < CK_BLOCK_MAX_NUMBER; i++) { /* names, so that the part does not deflate like a bomb */
        ck_buf_puts(&body, "<table:table table:name=\"");
        for (int k = 0; k < 4; k++) {
            x = x * 1103515245u + 12345u;
            ck_buf_putc(&body, (char)('a' + (x >> 16) % 26));
        }
        ck_buf_puts(&body, "\"/>");
    }
    ck_buf_puts(&body, "<table:table><table:table-row><table:table-cell><text:p>末表</text:p>"
                       "</table:table-cell></table:table-row></table:table>");
    ck_document *doc = read_odt(NULL, body.data);
    assert_int_equal(doc->count, 1);
    assert_int_equal(doc->blocks[0].table, CK_BLOCK_MAX_NUMBER);
    ck_document_free(doc);

    ck_buf_puts(&body, "<table:table><table:table-row><table:table-cell><text:p>多一個</text:p>"
                       "</table:table-cell></table:table-row></table:table>");
    ck_error err;
    ck_error_clear(&err);
    char *content = content_xml(NULL, body.data);
    char *styles = styles_xml(NULL, NULL);
    const char *path = ck_test_package("tables.odt", "mimetype", "application/vnd.oasis.opendocument.text",
                                       "META-INF/manifest.xml", manifest, "content.xml", content,
                                       "styles.xml", styles, NULL);
    doc = NULL;
    assert_int_equal(ck_reader_read(path, NULL, &doc, &err), CK_ELIMIT);
    assert_null(doc);
    assert_non_null(strstr(err.message, "65535"));
    assert_string_equal(err.part, "content.xml");
    free(content);
    free(styles);
    ck_buf_free(&body);
}

static void spans_links_fields_and_ruby_give_their_text(void **state)
{
    (void)state;
    ck_document *doc = read_odt(
        NULL, "<text:p>見<text:a xlink:href=\"#x\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">附件一</text:a>"
              "<text:bookmark text:name=\"b\"/>，日期<text:date>115年1月1日</text:date>，第"
              "<text:page-number text:select-page=\"current\">3</text:page-number>頁，"
              "<text:ruby><text:ruby-base>契約</text:ruby-base><text:ruby-text>けいやく</text:ruby-text></text:ruby>"
              "</text:p>");
    assert_dump(doc, "paragraph||見附件一，日期115年1月1日，第3頁，契約\n");
    ck_document_free(doc);
}

/* ---- lists -------------------------------------------------------------------------- */

static const char *const article_list_style =
    "<text:list-style style:name=\"L1\">"
    "<text:list-level-style-number text:level=\"1\" style:num-prefix=\"第\" style:num-suffix=\"條\" "
    "style:num-format=\"一, 二, 三, ...\"/>"
    "<text:list-level-style-number text:level=\"2\" style:num-suffix=\"、\" style:num-format=\"一, 二, 三, ...\"/>"
    "<text:list-level-style-number text:level=\"3\" style:num-prefix=\"(\" style:num-suffix=\")\" "
    "style:num-format=\"一, 二, 三, ...\"/>"
    "<text:list-level-style-number text:level=\"4\" style:num-suffix=\".\" style:num-format=\"1\"/>"
    "</text:list-style>";

static void nested_lists_get_computed_labels(void **state)
{
    (void)state;
    ck_document *doc = read_odt(
        article_list_style,
        "<text:list text:style-name=\"L1\">"
        "<text:list-item><text:number>第九十九條</text:number><text:p>委託事項</text:p>"
        "<text:p>廠商應辦理下列事項：</text:p>"
        "<text:list><text:list-item><text:p>系統維護</text:p></text:list-item>"
        "<text:list-item><text:p>資料庫管理</text:p>"
        "<text:list><text:list-item><text:p>備份</text:p></text:list-item></text:list>"
        "</text:list-item></text:list></text:list-item>"
        "<text:list-item><text:p>保密</text:p>"
        "<text:list><text:list-item><text:p>重新編號</text:p></text:list-item></text:list></text:list-item>"
        "<text:list-header><text:p>清單標頭</text:p></text:list-header>"
        "<text:list-item><text:p>罰則</text:p></text:list-item>"
        "</text:list>");
    assert_dump(doc, "list_item|第一條|委託事項\n"
                     "paragraph||廠商應辦理下列事項：\n"
                     "list_item|一、|系統維護\n"
                     "list_item|二、|資料庫管理\n"
                     "list_item|(一)|備份\n"
                     "list_item|第二條|保密\n"
                     "list_item|一、|重新編號\n"
                     "paragraph||清單標頭\n"
                     "list_item|第三條|罰則\n");
    assert_int_equal(doc->blocks[0].level, 0);
    assert_int_equal(doc->blocks[2].level, 1);
    assert_int_equal(doc->blocks[4].level, 2);
    ck_document_free(doc);
}

static void article_numbers_past_ten(void **state)
{
    (void)state;
    ck_buf body = CK_BUF_INIT;
    ck_buf_puts(&body, "<text:list text:style-name=\"L1\">");
    for (int i = 1; i <= 21; i++)
        ck_buf_printf(&body, "<text:list-item><text:p>條文%d</text:p></text:list-item>", i);
    ck_buf_puts(&body, "</text:list>");
    ck_document *doc = read_odt(article_list_style, body.data);
    assert_int_equal(doc->count, 21);
    assert_string_equal(doc->blocks[9].label, "第十條");
    assert_string_equal(doc->blocks[10].label, "第十一條");
    assert_string_equal(doc->blocks[19].label, "第二十條");
    assert_string_equal(doc->blocks[20].label, "第二十一條");
    ck_buf_free(&body);
    ck_document_free(doc);
}

static void display_levels_show_the_parents(void **state)
{
    (void)state;
    ck_document *doc = read_odt(
        "<text:list-style style:name=\"L2\">"
        "<text:list-level-style-number text:level=\"1\" style:num-suffix=\".\" style:num-format=\"1\"/>"
        "<text:list-level-style-number text:level=\"2\" style:num-format=\"1\" text:display-levels=\"2\"/>"
        "<text:list-level-style-number text:level=\"3\" style:num-suffix=\")\" style:num-format=\"a\" "
        "text:display-levels=\"3\"/>"
        "</text:list-style>",
        "<text:list text:style-name=\"L2\">"
        "<text:list-item><text:p>A</text:p><text:list>"
        "<text:list-item><text:p>A1</text:p><text:list><text:list-item><text:p>A1a</text:p></text:list-item>"
        "</text:list></text:list-item>"
        "<text:list-item><text:p>A2</text:p></text:list-item></text:list></text:list-item>"
        "<text:list-item><text:p>B</text:p><text:list>"
        "<text:list-item><text:p>B1</text:p></text:list-item></text:list></text:list-item>"
        "</text:list>");
    assert_dump(doc, "list_item|1.|A\n"
                     "list_item|1.1|A1\n"
                     "list_item|1.1.a)|A1a\n"
                     "list_item|1.2|A2\n"
                     "list_item|2.|B\n"
                     "list_item|2.1|B1\n");
    ck_document_free(doc);
}

static void num_list_format_is_used_when_present(void **state)
{
    (void)state;
    ck_document *doc = read_odt(
        "<text:list-style style:name=\"L3\">"
        "<text:list-level-style-number text:level=\"1\" style:num-format=\"1\" style:num-suffix=\".\" "
        "loext:num-list-format=\"%1%.\"/>"
        "<text:list-level-style-number text:level=\"2\" style:num-format=\"i\" style:num-prefix=\"(\" "
        "style:num-suffix=\")\" loext:num-list-format=\"%1%-%2%\"/>"
        "</text:list-style>",
        "<text:list text:style-name=\"L3\"><text:list-item><text:p>x</text:p><text:list>"
        "<text:list-item><text:p>y</text:p></text:list-item><text:list-item><text:p>z</text:p></text:list-item>"
        "</text:list></text:list-item></text:list>");
    assert_dump(doc, "list_item|1.|x\nlist_item|1-i|y\nlist_item|1-ii|z\n");
    ck_document_free(doc);
}

static void continue_numbering_and_restarts(void **state)
{
    (void)state;
    ck_document *doc = read_odt(
        "<text:list-style style:name=\"L4\">"
        "<text:list-level-style-number text:level=\"1\" style:num-suffix=\"、\" style:num-format=\"一, 二, 三, ...\"/>"
        "</text:list-style>"
        "<text:list-style style:name=\"L5\">"
        "<text:list-level-style-number text:level=\"1\" style:num-prefix=\"(\" style:num-suffix=\")\" "
        "style:num-format=\"1\" text:start-value=\"5\"/>"
        "</text:list-style>",
        "<text:list xml:id=\"list1\" text:style-name=\"L4\">"
        "<text:list-item><text:p>甲</text:p></text:list-item><text:list-item><text:p>乙</text:p></text:list-item>"
        "</text:list>"
        "<text:p>中間段落</text:p>"
        "<text:list text:style-name=\"L4\" text:continue-numbering=\"true\">"
        "<text:list-item><text:p>丙</text:p></text:list-item></text:list>"
        "<text:list text:style-name=\"L4\"><text:list-item><text:p>重新</text:p></text:list-item></text:list>"
        "<text:list text:style-name=\"L4\" text:continue-list=\"list1\">"
        "<text:list-item><text:p>接續清單一</text:p></text:list-item></text:list>"
        "<text:list text:style-name=\"L5\"><text:list-item><text:p>五</text:p></text:list-item>"
        "<text:list-item text:start-value=\"9\"><text:p>九</text:p></text:list-item>"
        "<text:list-item><text:p>十</text:p></text:list-item>"
        "<text:list-item text:start-value=\"100000\"><text:p>過大的起始值不理會</text:p></text:list-item></text:list>");
    assert_dump(doc, "list_item|一、|甲\n"
                     "list_item|二、|乙\n"
                     "paragraph||中間段落\n"
                     "list_item|三、|丙\n"
                     "list_item|一、|重新\n"
                     "list_item|四、|接續清單一\n"
                     "list_item|(5)|五\n"
                     "list_item|(9)|九\n"
                     "list_item|(10)|十\n"
                     "list_item|(11)|過大的起始值不理會\n");
    ck_document_free(doc);
}

static void list_style_from_the_paragraph_style(void **state)
{
    (void)state;
    ck_document *doc = read_odt_full(
        "<style:style style:name=\"P1\" style:family=\"paragraph\" style:parent-style-name=\"Article\"/>",
        "<text:list><text:list-item><text:p text:style-name=\"P1\">總則</text:p></text:list-item>"
        "<text:list-item><text:p text:style-name=\"P1\">定義</text:p></text:list-item></text:list>",
        "<style:style style:name=\"Article\" style:family=\"paragraph\" style:list-style-name=\"Art\"/>"
        "<text:list-style style:name=\"Art\"><text:list-level-style-number text:level=\"1\" "
        "style:num-prefix=\"第\" style:num-suffix=\"章\" style:num-format=\"壹, 貳, 參, ...\"/></text:list-style>",
        NULL);
    assert_dump(doc, "list_item|第壹章|總則\nlist_item|第貳章|定義\n");
    assert_string_equal(doc->blocks[0].style, "Article");
    ck_document_free(doc);
}

static void bullets_and_phantom_items(void **state)
{
    (void)state;
    ck_document *doc = read_odt(
        "<text:list-style style:name=\"L6\">"
        "<text:list-level-style-bullet text:level=\"1\" text:bullet-char=\"●\"/>"
        "<text:list-level-style-number text:level=\"2\" style:num-suffix=\".\" style:num-format=\"1\" "
        "text:display-levels=\"1\"/>"
        "</text:list-style>"
        "<text:list-style style:name=\"L7\">"
        "<text:list-level-style-number text:level=\"1\" style:num-suffix=\".\" style:num-format=\"A\"/>"
        "<text:list-level-style-number text:level=\"2\" style:num-suffix=\".\" style:num-format=\"1\" "
        "text:display-levels=\"2\"/>"
        "</text:list-style>",
        "<text:list text:style-name=\"L6\"><text:list-item><text:p>要點</text:p>"
        "<text:list><text:list-item><text:p>細目</text:p></text:list-item></text:list></text:list-item></text:list>"
        "<text:list text:style-name=\"L7\"><text:list-item><text:list>"
        "<text:list-item><text:p>直接第二層</text:p></text:list-item></text:list></text:list-item>"
        "<text:list-item><text:p>第一層</text:p></text:list-item></text:list>");
    assert_dump(doc, "list_item|●|要點\n"
                     "list_item|1.|細目\n"
                     "list_item|A.1.|直接第二層\n"
                     "list_item|B.|第一層\n");
    ck_document_free(doc);
}

/* The structure below was opened in LibreOffice 7.4; the labels are the ones it shows. */
static void list_tree_as_libreoffice_numbers_it(void **state)
{
    (void)state;
    ck_document *doc = read_odt(
        "<text:list-style style:name=\"L2\">"
        "<text:list-level-style-number text:level=\"1\" style:num-suffix=\".\" style:num-format=\"A\"/>"
        "<text:list-level-style-number text:level=\"2\" style:num-suffix=\".\" style:num-format=\"1\" "
        "text:display-levels=\"2\"/>"
        "<text:list-level-style-number text:level=\"3\" style:num-suffix=\")\" style:num-format=\"i\" "
        "text:display-levels=\"3\"/></text:list-style>"
        "<text:list-style style:name=\"L1\"><text:list-level-style-number text:level=\"1\" style:num-prefix=\"第\" "
        "style:num-suffix=\"條\" style:num-format=\"一, 二, 三, ...\"/></text:list-style>",
        "<text:list text:style-name=\"L2\"><text:list-item><text:list><text:list-item><text:p>phantom-first</text:p>"
        "</text:list-item></text:list></text:list-item>"
        "<text:list-item><text:p>B</text:p><text:list><text:list-item><text:p>B1</text:p></text:list-item></text:list>"
        "<text:p>B-cont</text:p>"
        "<text:list><text:list-item><text:p>B-second-sublist</text:p></text:list-item></text:list></text:list-item>"
        "<text:list-header><text:p>header</text:p></text:list-header>"
        "<text:list-item><text:list><text:list-item><text:list><text:list-item><text:p>deep</text:p></text:list-item>"
        "</text:list></text:list-item></text:list></text:list-item>"
        "<text:list-item><text:p>after-deep</text:p></text:list-item>"
        "<text:list-item text:style-override=\"L1\"><text:p>override</text:p></text:list-item></text:list>"
        "<text:p>break</text:p>"
        "<text:list text:style-name=\"L2\" text:continue-numbering=\"true\"><text:list-item><text:p>continued</text:p>"
        "</text:list-item></text:list>"
        "<text:list text:style-name=\"L2\"><text:list-item><text:p>fresh</text:p></text:list-item></text:list>"
        "<text:list><text:list-item><text:p>nostyle</text:p></text:list-item></text:list>");
    assert_dump(doc, "list_item|A.1.|phantom-first\n"
                     "list_item|B.|B\n"
                     "list_item|B.1.|B1\n"
                     "paragraph||B-cont\n"
                     "list_item|B.1.|B-second-sublist\n"
                     "paragraph||header\n"
                     "list_item|B.1.i)|deep\n"
                     "list_item|C.|after-deep\n"
                     "list_item|第四條|override\n"
                     "paragraph||break\n"
                     "list_item|E.|continued\n"
                     "list_item|A.|fresh\n"
                     "list_item|•|nostyle\n");
    ck_document_free(doc);
}

static void number_formats(void **state)
{
    (void)state;
    static const struct {
        long value;
        const char *format;
        int sync;
        const char *text;
    } cases[] = {
        { 1, "一, 二, 三, ...", 0, "一" }, { 0, "一, 二, 三, ...", 0, "0" },{ 10, "一, 二, 三, ...", 0, "十" },
        { 12, "一, 二, 三, ...", 0, "十二" },   { 30, "一, 二, 三, ...", 0, "三十" },
        { 101, "一, 二, 三, ...", 0, "一百零一" }, { 110, "一, 二, 三, ...", 0, "一百一十" },
        { 10010, "一, 二, 三, ...", 0, "一万零一十" }, { 1010, "一, 二, 三, ...", 0, "一千零一十" },
        { 10010, "壹, 貳, 參, ...", 0, "壹萬零壹拾" }, { 101, "壹, 貳, 參, ...", 0, "壹佰零壹" },
        { 11, "壹, 貳, 參, ...", 0, "壹拾壹" },  { 4, "壹, 贰, 叁, ...", 0, "肆" },
        { 3, "壹, 贰, 叁, ...", 0, "叁" },      { 10, "甲, 乙, 丙, ...", 0, "癸" },
        { 11, "甲, 乙, 丙, ...", 0, "11" },   { 12, "子, 丑, 寅, ...", 0, "亥" }, { 13, "子, 丑, 寅, ...", 0, "13" },
        { 3, "①, ②, ③, ...", 0, "③" },        { 21, "①, ②, ③, ...", 0, "㉑" },
        { 50, "①, ②, ③, ...", 0, "㊿" },       { 51, "①, ②, ③, ...", 0, "51" },
        { 12, "１, ２, ３, ...", 0, "１２" },    { 4, "i", 0, "iv" },
        { 1994, "I", 0, "MCMXCIV" },            { 28, "a", 0, "ab" },
        { 28, "A", 1, "BB" },                   { 7, "1", 0, "7" },
        { 7, "", 0, "" },                       { 7, "unknown", 0, "7" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ck_buf b = CK_BUF_INIT;
        ck_odt_number_format(&b, cases[i].value, cases[i].format, cases[i].sync);
        assert_string_equal(b.data ? b.data : "", cases[i].text);
        ck_buf_free(&b);
    }
}

/* ---- headings ------------------------------------------------------------------------ */

static void headings_take_outline_numbering(void **state)
{
    (void)state;
    ck_document *doc = read_odt_full(
        "<style:style style:name=\"P1\" style:family=\"paragraph\" style:parent-style-name=\"Heading_20_2\"/>",
        "<text:h text:outline-level=\"1\"><text:number>舊標號</text:number>總則</text:h>"
        "<text:h text:style-name=\"P1\">目的</text:h>"
        "<text:h text:outline-level=\"2\">範圍</text:h>"
        "<text:h text:outline-level=\"1\">權利義務</text:h>"
        "<text:h text:outline-level=\"2\">廠商</text:h>"
        "<text:h text:outline-level=\"1\" text:is-list-header=\"true\">附則</text:h>"
        "<text:h text:outline-level=\"3\">未編號層</text:h>",
        "<style:style style:name=\"Heading_20_2\" style:family=\"paragraph\" style:default-outline-level=\"2\"/>"
        "<text:outline-style style:name=\"Outline\">"
        "<text:outline-level-style text:level=\"1\" style:num-prefix=\"第\" style:num-suffix=\"章\" "
        "style:num-format=\"一, 二, 三, ...\"/>"
        "<text:outline-level-style text:level=\"2\" style:num-format=\"1\" text:display-levels=\"2\"/>"
        "<text:outline-level-style text:level=\"3\" style:num-format=\"\"/>"
        "</text:outline-style>",
        NULL);
    /* Parent levels keep their own format, as LibreOffice shows them. */
    assert_dump(doc, "heading|第一章|總則\n"
                     "heading|一.1|目的\n"
                     "heading|一.2|範圍\n"
                     "heading|第二章|權利義務\n"
                     "heading|二.1|廠商\n"
                     "heading||附則\n"
                     "heading||未編號層\n");
    assert_int_equal(doc->blocks[0].level, 1);
    assert_int_equal(doc->blocks[1].level, 2);
    assert_int_equal(doc->blocks[6].level, 3);
    ck_document_free(doc);
}

static void headings_in_a_list_named_after_the_outline(void **state)
{
    (void)state;
    ck_document *doc = read_odt_full(
        NULL,
        "<text:list text:style-name=\"Outline\"><text:list-item><text:h text:outline-level=\"1\">總則</text:h>"
        "</text:list-item><text:list-item><text:h text:outline-level=\"1\">罰則</text:h></text:list-item></text:list>",
        "<text:outline-style style:name=\"Outline\"><text:outline-level-style text:level=\"1\" style:num-prefix=\"第\" "
        "style:num-suffix=\"章\" style:num-format=\"一, 二, 三, ...\"/></text:outline-style>",
        NULL);
    assert_dump(doc, "heading|第一章|總則\nheading|第二章|罰則\n");
    ck_document_free(doc);
}

/* ---- tables ---------------------------------------------------------------------------- */

static void tables_cells_repeats_and_nesting(void **state)
{
    (void)state;
    ck_document *doc = read_odt(
        NULL, "<text:p>前文</text:p>"
              "<table:table table:name=\"T1\"><table:table-column table:number-columns-repeated=\"3\"/>"
              "<table:table-header-rows><table:table-row>"
              "<table:table-cell><text:p>項目</text:p></table:table-cell>"
              "<table:table-cell table:number-columns-spanned=\"2\"><text:p>說明</text:p>"
              "<text:p>第二段</text:p></table:table-cell>"
              "<table:covered-table-cell><text:p>被覆蓋</text:p></table:covered-table-cell>"
              "</table:table-row></table:table-header-rows>"
              "<table:table-row table:number-rows-repeated=\"1000000000\">"
              "<table:table-cell table:number-columns-repeated=\"2147483647\"/></table:table-row>"
              "<table:table-row>"
              "<table:table-cell table:number-columns-repeated=\"2\"><text:p>同</text:p></table:table-cell>"
              "<table:table-cell><table:table><table:table-row><table:table-cell/>"
              "<table:table-cell><text:p>巢狀</text:p></table:table-cell></table:table-row></table:table>"
              "</table:table-cell></table:table-row></table:table>"
              "<text:p>後文</text:p>");
    assert_dump(doc, "paragraph||前文\n"
                     "table_cell||項目\n"
                     "table_cell||說明\n"
                     "table_cell||第二段\n"
                     "table_cell||同\n"
                     "table_cell||同\n"
                     "table_cell||巢狀\n"
                     "paragraph||後文\n");
    const ck_block *b = doc->blocks;
    assert_int_equal(b[0].table, 0);
    assert_false(b[0].flags & CK_BLOCK_IN_TABLE);
    assert_int_equal(b[1].table, 1);
    assert_int_equal(b[1].row, 1);
    assert_int_equal(b[1].column, 1);
    assert_true(b[1].flags & CK_BLOCK_IN_TABLE);
    assert_int_equal(b[2].column, 2);
    assert_int_equal(b[3].column, 2);
    /* The row after the 1000000000 repeated empty rows. */
    assert_int_equal(b[4].row, 1000002);
    assert_int_equal(b[4].column, 1);
    assert_int_equal(b[5].row, 1000002);
    assert_int_equal(b[5].column, 2);
    assert_int_equal(b[6].table, 2);
    assert_int_equal(b[6].row, 1);
    assert_int_equal(b[6].column, 2);
    assert_true(b[6].flags & CK_BLOCK_IN_TABLE);
    assert_int_equal(b[7].table, 0);
    ck_document_free(doc);
}

/* ---- notes, frames, comments, indexes ------------------------------------------------------ */

static void notes_are_their_own_blocks(void **state)
{
    (void)state;
    ck_document *doc = read_odt(
        NULL, "<text:p>價金每半年撥付一次<text:note text:id=\"ftn1\" text:note-class=\"footnote\">"
              "<text:note-citation>1</text:note-citation><text:note-body><text:p>應檢附發票。</text:p>"
              "</text:note-body></text:note>，並依約辦理<text:note text:note-class=\"endnote\">"
              "<text:note-citation>i</text:note-citation><text:note-body><text:p>章節附註內文</text:p>"
              "<text:p>第二段</text:p></text:note-body></text:note>。</text:p>"
              "<text:p><text:note><text:note-body><text:p>第二個註腳</text:p></text:note-body></text:note></text:p>");
    assert_dump(doc, "paragraph||價金每半年撥付一次，並依約辦理。\n"
                     "footnote||應檢附發票。\n"
                     "endnote||章節附註內文\n"
                     "endnote||第二段\n"
                     "footnote||第二個註腳\n");
    assert_int_equal(doc->blocks[0].note, 0);
    assert_int_equal(doc->blocks[1].note, 1);
    assert_int_equal(doc->blocks[2].note, 1);
    assert_int_equal(doc->blocks[3].note, 1);
    assert_int_equal(doc->blocks[4].note, 2);
    ck_document_free(doc);
}

static void note_numbers_follow_the_notes_configuration(void **state)
{
    (void)state;
    /* LibreOffice 7.4 shows these citations as 5, 6 and i. */
    ck_document *doc = read_odt_full(
        NULL,
        "<text:p>a<text:note text:note-class=\"footnote\"><text:note-citation>9</text:note-citation><text:note-body>"
        "<text:p>n1</text:p></text:note-body></text:note></text:p><text:p>b<text:note text:note-class=\"footnote\">"
        "<text:note-body><text:p>n2</text:p></text:note-body></text:note><text:note text:note-class=\"endnote\">"
        "<text:note-body><text:p>e1</text:p></text:note-body></text:note></text:p>",
        "<text:notes-configuration text:note-class=\"footnote\" style:num-format=\"1\" text:start-value=\"4\"/>"
        "<text:notes-configuration text:note-class=\"endnote\" style:num-format=\"i\" text:start-value=\"0\"/>",
        NULL);
    assert_dump(doc, "paragraph||a\nfootnote||n1\nparagraph||b\nfootnote||n2\nendnote||e1\n");
    assert_int_equal(doc->blocks[1].note, 5);
    assert_int_equal(doc->blocks[3].note, 6);
    assert_int_equal(doc->blocks[4].note, 1);
    ck_document_free(doc);
}

static void frames_become_text_boxes(void **state)
{
    (void)state;
    ck_document *doc = read_odt(
        NULL, "<text:p>本文<draw:frame draw:name=\"f1\" text:anchor-type=\"paragraph\"><svg:title>替代文字</svg:title>"
              "<draw:text-box><text:p>方塊內文字</text:p><table:table><table:table-row><table:table-cell>"
              "<text:p>方塊內表格</text:p></table:table-cell></table:table-row></table:table></draw:text-box>"
              "</draw:frame>繼續</text:p>"
              "<text:p><draw:frame><draw:image><office:binary-data>QUJD</office:binary-data>"
              "<text:p>圖片替代段落</text:p></draw:image>"
              "</draw:frame></text:p>"
              "<text:p><draw:custom-shape><text:p>圖形內文字</text:p></draw:custom-shape></text:p>");
    /* As in the DOCX reader, a table inside a text box gives text box blocks. */
    assert_dump(doc, "paragraph||本文繼續\n"
                     "text_box||方塊內文字\n"
                     "text_box||方塊內表格\n"
                     "text_box||圖形內文字\n");
    assert_false(doc->blocks[0].flags & CK_BLOCK_IN_TEXT_BOX);
    assert_int_equal(doc->blocks[0].text_box, 0);
    assert_true(doc->blocks[1].flags & CK_BLOCK_IN_TEXT_BOX);
    assert_true(doc->blocks[2].flags & CK_BLOCK_IN_TEXT_BOX);
    assert_true(doc->blocks[2].flags & CK_BLOCK_IN_TABLE);
    assert_int_equal(doc->blocks[2].table, 1);
    assert_int_equal(doc->blocks[1].text_box, 1);
    assert_int_equal(doc->blocks[2].text_box, 1);
    /* The frame holding only an image is no text box; the shape is the second. */
    assert_int_equal(doc->blocks[3].text_box, 2);
    ck_document_free(doc);
}

static void comments_do_not_leak(void **state)
{
    (void)state;
    ck_document *doc = read_odt(
        NULL, "<text:p>廠商<office:annotation office:name=\"c1\"><dc:creator>王專員</dc:creator>"
              "<dc:date>2026-10-15T10:00:00</dc:date><text:p>這段要改</text:p></office:annotation>不得"
              "<office:annotation-end office:name=\"c1\"/>轉包。</text:p><text:p>次段</text:p>");
    assert_dump(doc, "paragraph||廠商不得轉包。\nparagraph||次段\n");
    /* The comment's paragraph is counted: it is the second text:p of content.xml. */
    assert_int_equal(doc->blocks[0].source_index, 0);
    assert_int_equal(doc->blocks[1].source_index, 2);
    ck_document_free(doc);
}

static void table_of_contents_is_flagged(void **state)
{
    (void)state;
    ck_document *doc = read_odt(
        NULL, "<text:table-of-content text:name=\"目錄1\"><text:table-of-content-source text:outline-level=\"3\">"
              "<text:index-title-template>目錄</text:index-title-template>"
              "<text:table-of-content-entry-template text:outline-level=\"1\"><text:index-entry-text/>"
              "</text:table-of-content-entry-template></text:table-of-content-source>"
              "<text:index-body><text:index-title><text:p>目錄</text:p></text:index-title>"
              "<text:p>第一條 委託事項<text:tab/>1</text:p></text:index-body></text:table-of-content>"
              "<text:p>第一條 委託事項</text:p>");
    assert_dump(doc, "paragraph||目錄\nparagraph||第一條 委託事項\\t1\nparagraph||第一條 委託事項\n");
    assert_true(doc->blocks[0].flags & CK_BLOCK_TOC);
    assert_true(doc->blocks[1].flags & CK_BLOCK_TOC);
    assert_false(doc->blocks[2].flags & CK_BLOCK_TOC);
    ck_document_free(doc);
}

static void contents_styles_are_table_of_contents_lines(void **state)
{
    (void)state;
    ck_document *doc = read_odt_full(
        "<style:style style:name=\"P1\" style:family=\"paragraph\" style:parent-style-name=\"Contents_20_1\"/>",
        "<text:p text:style-name=\"P1\">第一條　契約標的<text:tab/>1</text:p>"
        "<text:p text:style-name=\"Text_20_body\">第一條　契約標的</text:p>",
        "<style:style style:name=\"Contents_20_1\" style:display-name=\"Contents 1\" style:family=\"paragraph\"/>"
        "<style:style style:name=\"Text_20_body\" style:display-name=\"Text body\" style:family=\"paragraph\"/>",
        NULL);
    assert_int_equal(doc->count, 2);
    assert_true(doc->blocks[0].flags & CK_BLOCK_TOC);
    assert_false(doc->blocks[1].flags & CK_BLOCK_TOC);
    /* Styles are named as users see them. */
    assert_string_equal(doc->blocks[0].style, "Contents 1");
    assert_string_equal(doc->blocks[1].style, "Text body");
    ck_document_free(doc);
}

static void blank_paragraphs_are_dropped(void **state)
{
    (void)state;
    ck_document *doc = read_odt(
        "<text:list-style style:name=\"B\"><text:list-level-style-bullet text:level=\"1\" text:bullet-char=\"•\"/>"
        "</text:list-style>"
        "<text:list-style style:name=\"N\"><text:list-level-style-number text:level=\"1\" style:num-suffix=\"、\" "
        "style:num-format=\"一, 二, 三, ...\"/></text:list-style>",
        "<text:p/><text:p> </text:p><text:p><text:s text:c=\"3\"/></text:p><text:p>\xe3\x80\x80<text:tab/></text:p>"
        "<text:p>\xc2\xa0</text:p>"
        "<text:list text:style-name=\"B\"><text:list-item><text:p><text:s/></text:p></text:list-item></text:list>"
        "<text:list text:style-name=\"N\"><text:list-item><text:p/></text:list-item>"
        "<text:list-item><text:p>有字</text:p></text:list-item></text:list>");
    /* A number on an empty paragraph still shows, and counts; a bullet alone does not. */
    assert_dump(doc, "list_item|一、|\nlist_item|二、|有字\n");
    ck_document_free(doc);
}

static void headers_and_footers_come_after_the_body(void **state)
{
    (void)state;
    ck_document *doc = read_odt_full(
        NULL, "<text:p>本文</text:p>", NULL,
        "<style:master-page style:name=\"Standard\" style:page-layout-name=\"pm1\">"
        "<style:header><text:p>海港市政府港務處</text:p></style:header>"
        "<style:header-left style:display=\"false\"><text:p>不顯示</text:p></style:header-left>"
        "<style:footer><text:p>第<text:page-number>1</text:page-number>頁</text:p></style:footer>"
        "</style:master-page>"
        "<style:master-page style:name=\"First_20_Page\" style:page-layout-name=\"pm1\">"
        "<style:header><text:p>海港市政府港務處</text:p></style:header></style:master-page>");
    assert_dump(doc, "paragraph||本文\nheader||海港市政府港務處\nfooter||第1頁\n");
    assert_string_equal(doc->blocks[0].part, "content.xml");
    assert_string_equal(doc->blocks[1].part, "styles.xml");
    assert_int_equal(doc->blocks[2].source_index, 2);
    ck_document_free(doc);
}

/* ---- tracked changes and hidden text -------------------------------------------------------- */

static void tracked_changes(void **state)
{
    (void)state;
    ck_document *doc = read_odt(
        NULL,
        "<text:tracked-changes><text:changed-region text:id=\"ct1\"><text:deletion><office:change-info>"
        "<dc:creator>王專員</dc:creator></office:change-info><text:p>機關保有查核之權利。</text:p></text:deletion>"
        "</text:changed-region><text:changed-region text:id=\"ct2\"><text:insertion><office:change-info>"
        "<dc:creator>王專員</dc:creator></office:change-info></text:insertion></text:changed-region>"
        "<text:changed-region text:id=\"ct3\"><text:insertion/></text:changed-region></text:tracked-changes>"
        "<text:p>查核<text:change text:change-id=\"ct1\"/></text:p>"
        "<text:p>廠商人員<text:change-start text:change-id=\"ct2\"/>應簽署保密切結書，並"
        "<text:change-end text:change-id=\"ct2\"/>負保密義務。</text:p>"
        "<text:change-start text:change-id=\"ct3\"/><text:p>新增條文</text:p><text:change-end text:change-id=\"ct3\"/>"
        "<text:p>原有</text:p>");
    assert_dump(doc, "paragraph||查核\n"
                     "paragraph||廠商人員應簽署保密切結書，並負保密義務。\n"
                     "paragraph||新增條文\n"
                     "paragraph||原有\n");
    const ck_block *b = &doc->blocks[1];
    assert_int_equal(b->span_count, 1);
    assert_int_equal(b->spans[0].start, strlen("廠商人員"));
    assert_int_equal(b->spans[0].end, strlen("廠商人員應簽署保密切結書，並"));
    assert_int_equal(b->spans[0].flags, CK_SPAN_INSERTED);
    assert_false(b->flags & CK_BLOCK_INSERTED);
    assert_true(doc->blocks[2].flags & CK_BLOCK_INSERTED);
    assert_false(doc->blocks[3].flags & CK_BLOCK_INSERTED);
    assert_int_equal(doc->blocks[3].span_count, 0);
    /* The deleted paragraph is counted as text:p number 0. */
    assert_int_equal(doc->blocks[0].source_index, 1);
    assert_int_equal(doc->blocks[3].source_index, 4);
    ck_document_free(doc);
}

static void hidden_text(void **state)
{
    (void)state;
    ck_document *doc = read_odt(
        "<style:style style:name=\"T1\" style:family=\"text\"><style:text-properties text:display=\"none\"/>"
        "</style:style>"
        "<style:style style:name=\"T2\" style:family=\"text\" style:parent-style-name=\"Hidden\"/>"
        "<style:style style:name=\"P9\" style:family=\"paragraph\"><style:text-properties text:display=\"none\"/>"
        "</style:style>",
        "<text:p>可見<text:span text:style-name=\"T1\">隱藏</text:span>文字</text:p>"
        "<text:p><text:hidden-paragraph text:condition=\"ooow:1\" text:is-hidden=\"true\"/>整段隱藏</text:p>"
        "<text:p text:style-name=\"P9\">樣式隱藏</text:p>"
        "<text:p>條件<text:hidden-text text:condition=\"ooow:1\" text:string-value=\"藏\" "
        "text:is-hidden=\"true\">藏</text:hidden-text></text:p>"
        "<text:section text:name=\"s\" text:display=\"none\"><text:p>隱藏區段</text:p></text:section>");
    assert_dump(doc, "paragraph||可見隱藏文字\n"
                     "paragraph||整段隱藏\n"
                     "paragraph||樣式隱藏\n"
                     "paragraph||條件藏\n"
                     "paragraph||隱藏區段\n");
    const ck_block *b = &doc->blocks[0];
    assert_int_equal(b->span_count, 1);
    assert_int_equal(b->spans[0].start, strlen("可見"));
    assert_int_equal(b->spans[0].end, strlen("可見隱藏"));
    assert_int_equal(b->spans[0].flags, CK_SPAN_HIDDEN);
    assert_false(b->flags & CK_BLOCK_HIDDEN);
    assert_true(doc->blocks[1].flags & CK_BLOCK_HIDDEN);
    assert_true(doc->blocks[2].flags & CK_BLOCK_HIDDEN);
    assert_false(doc->blocks[3].flags & CK_BLOCK_HIDDEN);
    assert_int_equal(doc->blocks[3].spans[0].start, strlen("條件"));
    assert_true(doc->blocks[4].flags & CK_BLOCK_HIDDEN);
    ck_document_free(doc);
}

static void hidden_text_style_from_common_styles(void **state)
{
    (void)state;
    ck_document *doc = read_odt_full(
        "<style:style style:name=\"T2\" style:family=\"text\" style:parent-style-name=\"Secret\"/>",
        "<text:p>甲<text:span text:style-name=\"T2\">乙</text:span></text:p>",
        "<style:style style:name=\"Secret\" style:family=\"text\"><style:text-properties text:display=\"none\"/>"
        "</style:style>",
        NULL);
    assert_int_equal(doc->blocks[0].span_count, 1);
    assert_int_equal(doc->blocks[0].spans[0].start, strlen("甲"));
    assert_int_equal(doc->blocks[0].spans[0].flags, CK_SPAN_HIDDEN);
    ck_document_free(doc);
}

/* ---- source index ---------------------------------------------------------------------------- */

static void source_index_counts_every_paragraph_element(void **state)
{
    (void)state;
    ck_document *doc = read_odt(
        NULL, "<text:p>零</text:p><text:p/><text:h>二</text:h>"
              "<table:table><table:table-row><table:table-cell><text:p>三</text:p></table:table-cell>"
              "</table:table-row></table:table>"
              "<text:p>四<text:note><text:note-body><text:p>五</text:p></text:note-body></text:note></text:p>");
    assert_int_equal(doc->count, 5);
    for (size_t i = 0; i < doc->count; i++)
        assert_string_equal(doc->blocks[i].part, "content.xml");
    assert_int_equal(doc->blocks[0].source_index, 0);
    assert_int_equal(doc->blocks[1].source_index, 2);
    assert_int_equal(doc->blocks[2].source_index, 3);
    assert_int_equal(doc->blocks[3].source_index, 4);
    assert_int_equal(doc->blocks[4].source_index, 5);
    ck_document_free(doc);
}

/* ---- the sample contract -------------------------------------------------------------------- */

static const ck_block *find_block(const ck_document *doc, const char *start)
{
    for (size_t i = 0; i < doc->count; i++)
        if (strncmp(doc->blocks[i].text, start, strlen(start)) == 0)
            return &doc->blocks[i];
    return NULL;
}

static void reads_the_sample_contract(void **state)
{
    (void)state;
    const char *path = "samples/service-contract.odt";
    if (access(path, R_OK) != 0)
        skip(); /* run from elsewhere than the checkout */
    ck_document *doc = NULL;
    ck_error err;
    ck_error_clear(&err);
    assert_int_equal(ck_reader_read(path, NULL, &doc, &err), 0);

    const ck_block *b = find_block(doc, "廠商人員管理");
    assert_non_null(b);
    assert_string_equal(b->label, "第十七條");
    assert_int_equal(b->article_number, 17);
    b = find_block(doc, "乙方人員於非上班時間");
    assert_non_null(b);
    assert_string_equal(b->label, "二、");
    /* The deleted 但緊急情形不在此限 is gone; the inserted words are marked. */
    assert_null(strstr(b->text, "緊急"));
    b = find_block(doc, "乙方應遵守甲方資通安全管理制度");
    assert_non_null(b);
    assert_int_equal(b->span_count, 1);
    assert_int_equal(b->spans[0].flags, CK_SPAN_INSERTED);
    assert_memory_equal(b->text + b->spans[0].start, "活動，並配合甲方之內部稽核", b->spans[0].end - b->spans[0].start);
    b = find_block(doc, "甲方得以書面審查");
    assert_non_null(b);
    assert_int_equal(b->kind, CK_BLOCK_FOOTNOTE);
    b = find_block(doc, "18元");
    assert_non_null(b);
    assert_int_equal(b->kind, CK_BLOCK_TABLE_CELL);
    assert_int_equal(b->row, 4);
    assert_int_equal(b->column, 3);
    b = find_block(doc, "客服專線");
    assert_non_null(b);
    assert_int_equal(b->kind, CK_BLOCK_TEXT_BOX);
    b = find_block(doc, "安全措施");
    assert_non_null(b);
    assert_non_null(strstr(b->text, "媒體、   通話")); /* text:c="3" */
    ck_document_free(doc);
}

/* ---- bad input ---------------------------------------------------------------------------------- */

static int read_error(const char *path, ck_error *err)
{
    ck_document *doc = NULL;
    ck_error_clear(err);
    int rc = ck_reader_read(path, NULL, &doc, err);
    assert_null(doc);
    return rc;
}

static void encrypted_package_is_refused(void **state)
{
    (void)state;
    const char *encrypted_manifest =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
        "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
        "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\" manifest:size=\"9\">"
        "<manifest:encryption-data manifest:checksum-type=\"SHA1/1K\" manifest:checksum=\"AAAA\">"
        "<manifest:algorithm manifest:algorithm-name=\"Blowfish CFB\" manifest:initialisation-vector=\"AAAA\"/>"
        "</manifest:encryption-data></manifest:file-entry></manifest:manifest>";
    const char *path = ck_test_package("locked.odt", "mimetype", "application/vnd.oasis.opendocument.text",
                                       "META-INF/manifest.xml", encrypted_manifest, "content.xml",
                                       "\x01\x02garbage", NULL);
    ck_error err;
    assert_int_equal(read_error(path, &err), CK_EINPUT);
    assert_non_null(strstr(err.message, "password-protected"));
    assert_non_null(strstr(err.file, "locked.odt"));

    ck_lang_set_name("zh-TW");
    assert_int_equal(read_error(path, &err), CK_EINPUT);
    assert_non_null(strstr(err.message, "密碼"));
    ck_lang_set_name("en");
}

static void missing_content_is_named(void **state)
{
    (void)state;
    char *styles = styles_xml(NULL, NULL);
    const char *path = ck_test_package("empty.odt", "mimetype", "application/vnd.oasis.opendocument.text",
                                       "META-INF/manifest.xml", manifest, "styles.xml", styles, NULL);
    ck_error err;
    assert_int_equal(read_error(path, &err), CK_EINPUT);
    assert_non_null(strstr(err.message, "content.xml"));
    free(styles);
}

static void malformed_content_names_file_part_and_line(void **state)
{
    (void)state;
    const char *path = ck_test_package("broken.odt", "mimetype", "application/vnd.oasis.opendocument.text",
                                       "META-INF/manifest.xml", manifest, "content.xml",
                                       "<?xml version=\"1.0\"?>\n<office:document-content" NAMESPACES ">\n"
                                       "<office:body><office:text><text:p>a</text:span></office:text>",
                                       NULL);
    ck_error err;
    assert_int_equal(read_error(path, &err), CK_EINPUT);
    assert_non_null(strstr(err.file, "broken.odt"));
    assert_string_equal(err.part, "content.xml");
    assert_int_equal(err.line, 3);

    path = ck_test_package("doctype.odt", "mimetype", "application/vnd.oasis.opendocument.text",
                           "META-INF/manifest.xml", manifest, "content.xml",
                           "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>", NULL);
    assert_int_equal(read_error(path, &err), CK_EINPUT);
    assert_string_equal(err.part, "content.xml");
    assert_non_null(strstr(err.message, "DOCTYPE"));

    char *content = content_xml(NULL, "<text:p>a</text:p>");
    path = ck_test_package("badstyles.odt", "mimetype", "application/vnd.oasis.opendocument.text",
                           "META-INF/manifest.xml", manifest, "content.xml", content, "styles.xml",
                           "<office:document-styles>", NULL);
    assert_int_equal(read_error(path, &err), CK_EINPUT);
    assert_string_equal(err.part, "styles.xml");
    assert_non_null(strstr(err.file, "badstyles.odt"));

    path = ck_test_package("badmanifest.odt", "mimetype", "application/vnd.oasis.opendocument.text",
                           "META-INF/manifest.xml", "<manifest:manifest", "content.xml", content, NULL);
    assert_int_equal(read_error(path, &err), CK_EINPUT);
    assert_string_equal(err.part, "META-INF/manifest.xml");
    free(content);
}

static void odd_input_does_not_crash(void **state)
{
    (void)state;
    /* Missing attributes, unknown styles, items outside lists, levels past
     * ten, elements in places the schema does not allow them. */
    ck_buf body = CK_BUF_INIT;
    for (int i = 0; i < 12; i++)
        ck_buf_puts(&body, "<text:list text:style-name=\"nope\"><text:list-item>");
    ck_buf_puts(&body, "<text:p>深層</text:p>");
    for (int i = 0; i < 12; i++)
        ck_buf_puts(&body, "</text:list-item></text:list>");
    ck_buf_puts(&body, "<text:list-item><text:p>孤兒</text:p></text:list-item>"
                       "<table:table-cell><text:p>無表格</text:p></table:table-cell>"
                       "<text:h text:outline-level=\"99\">層級</text:h><text:h text:outline-level=\"x\">壞</text:h>"
                       "<text:change-end text:change-id=\"none\"/><text:change-start/>"
                       "<text:p><text:span text:style-name=\"missing\">樣式</text:span><text:s text:c=\"\"/>!</text:p>"
                       "<text:list text:continue-list=\"nowhere\" text:continue-numbering=\"true\">"
                       "<text:list-item text:start-value=\"-3\"><text:p>續</text:p></text:list-item></text:list>");
    ck_document *doc = read_odt(
        "<text:list-style><text:list-level-style-number text:level=\"0\"/>"
        "<text:list-level-style-number text:level=\"11\"/><text:list-level-style-number/></text:list-style>"
        "<style:style style:family=\"paragraph\"/><style:style style:name=\"loop\" style:family=\"text\" "
        "style:parent-style-name=\"loop\"/>",
        body.data);
    assert_dump(doc, "list_item|•|深層\nparagraph||孤兒\nparagraph||無表格\nheading||層級\nheading||壞\n"
                     "paragraph||樣式 !\nlist_item|•|續\n");
    /* The model has nine levels. */
    assert_int_equal(doc->blocks[0].level, 8);
    assert_int_equal(doc->blocks[3].level, 9);
    ck_buf_free(&body);
    ck_document_free(doc);
}

static void lists_open_while_styles_are_declared(void **state)
{
    (void)state;
    /* Not what any program writes: a list among the automatic styles,
     * with more list styles declared while it is open. */
    ck_buf styles = CK_BUF_INIT;
    ck_buf_puts(&styles, "<text:list-style style:name=\"A\"><text:list-level-style-number text:level=\"1\" "
                         "style:num-suffix=\")\" style:num-format=\"1\"/></text:list-style>"
                         "<text:list text:style-name=\"A\"><text:list-item><text:p>一</text:p>");
    for (int i = 0; i < 100; i++)
        ck_buf_printf(&styles, "<text:list-style style:name=\"X%d\"><text:list-level-style-bullet text:level=\"1\"/>"
                               "<text:list-style style:name=\"Y%d\"/></text:list-style>", i, i);
    ck_buf_puts(&styles, "</text:list-item><text:list-item><text:p>二</text:p></text:list-item></text:list>");
    ck_document *doc = read_odt(styles.data, "<text:p>本文</text:p>");
    assert_dump(doc, "list_item|1)|一\nlist_item|2)|二\nparagraph||本文\n");
    ck_buf_free(&styles);
    ck_document_free(doc);
}

static void labels_and_style_names_stay_small(void **state)
{
    (void)state;
    ck_buf styles = CK_BUF_INIT, format = CK_BUF_INIT, name = CK_BUF_INIT;
    for (int i = 0; i < 80; i++)
        ck_buf_puts(&format, "%1%");
    for (int i = 0; i < 100; i++)
        ck_buf_puts(&name, "很長的樣式名稱");
    ck_buf_printf(&styles,
                  "<text:list-style style:name=\"L\"><text:list-level-style-number text:level=\"1\" "
                  "style:num-format=\"a\" style:num-letter-sync=\"true\" loext:num-list-format=\"%s\"/>"
                  "<text:list-level-style-number text:level=\"2\" style:num-format=\"一, 二, 三, ...\" "
                  "style:num-prefix=\"%s\"/></text:list-style>"
                  "<style:style style:name=\"P\" style:family=\"paragraph\" style:parent-style-name=\"Long\"/>",
                  format.data, name.data);
    ck_buf common = CK_BUF_INIT;
    ck_buf_printf(&common, "<style:style style:name=\"Long\" style:family=\"paragraph\" style:display-name=\"%s\"/>",
                  name.data);
    ck_document *doc = read_odt_full(styles.data,
                                     "<text:list text:style-name=\"L\"><text:list-item text:start-value=\"30000\">"
                                     "<text:p text:style-name=\"P\">長</text:p><text:list><text:list-item>"
                                     "<text:p>次</text:p></text:list-item></text:list></text:list-item></text:list>",
                                     common.data, NULL);
    ck_buf_free(&common);
    assert_int_equal(doc->count, 2);
    /* The level-1 label is cut to 256 bytes; the oversized prefix of level 2 is ignored. */
    assert_int_equal(strlen(doc->blocks[0].label), 256);
    assert_string_equal(doc->blocks[1].label, "一");
    assert_null(doc->blocks[0].style);
    ck_buf_free(&styles);
    ck_buf_free(&format);
    ck_buf_free(&name);
    ck_document_free(doc);
}


/* ---- check boxes -------------------------------------------------------------------- */

/* Form-control check boxes show their state as ☑/☐, whichever id the
 * draw:control names; LibreOffice's check-box content controls keep the
 * glyph they show. A ☐ option and what is under it are then not agreed. */
static void check_boxes_are_read_and_decide_agreed_text(void **state)
{
    (void)state;
    ck_document *doc = read_odt(NULL,
        "<office:forms><form:form form:name=\"F\">"
        "<form:checkbox form:name=\"a\" form:id=\"c1\" xml:id=\"c1\" form:current-state=\"checked\"/>"
        "<form:checkbox form:name=\"b\" xml:id=\"c2\" form:state=\"checked\" form:current-state=\"unchecked\"/>"
        "<form:checkbox form:name=\"c\" form:id=\"c3\" form:state=\"checked\"/>"
        "</form:form></office:forms>"
        "<text:h text:outline-level=\"2\">第一條 保險</text:h>"
        "<text:p>(一)廠商應投保下列保險：</text:p>"
        "<text:p><draw:control draw:control=\"c1\"/>專業責任險。</text:p>"
        "<text:p><draw:control draw:control=\"c2\"/>雇主意外責任險。</text:p>"
        "<text:p>1.每一事故：一百萬元。</text:p>"
        "<text:p><draw:control draw:control=\"c3\"/>公共意外責任險。</text:p>"
        "<text:p><loext:content-control loext:checkbox=\"true\" loext:checked=\"false\">☐</loext:content-control>其他。</text:p>"
        "<text:p>(二)保險單正本交機關。</text:p>");
    assert_dump(doc, "heading||第一條 保險\n"
                     "paragraph||(一)廠商應投保下列保險：\n"
                     "paragraph||☑專業責任險。\n"
                     "paragraph||☐雇主意外責任險。\n"
                     "paragraph||1.每一事故：一百萬元。\n"
                     "paragraph||☑公共意外責任險。\n"
                     "paragraph||☐其他。\n"
                     "paragraph||(二)保險單正本交機關。\n");
    static const int unagreed[] = { 0, 0, 0, 1, 1, 0, 1, 0 };
    for (size_t i = 0; i < doc->count; i++)
        assert_int_equal((doc->blocks[i].flags & CK_BLOCK_UNAGREED) != 0, unagreed[i]);
    ck_document_free(doc);
}

int main(void)
{
    ck_lang_set_name("en");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(whitespace_collapses_as_odf_says),
        cmocka_unit_test(spaces_tabs_and_breaks),
        cmocka_unit_test(expansion_is_bounded),
        cmocka_unit_test(tables_are_limited),
        cmocka_unit_test(spans_links_fields_and_ruby_give_their_text),
        cmocka_unit_test(nested_lists_get_computed_labels),
        cmocka_unit_test(article_numbers_past_ten),
        cmocka_unit_test(display_levels_show_the_parents),
        cmocka_unit_test(num_list_format_is_used_when_present),
        cmocka_unit_test(continue_numbering_and_restarts),
        cmocka_unit_test(list_style_from_the_paragraph_style),
        cmocka_unit_test(bullets_and_phantom_items),
        cmocka_unit_test(list_tree_as_libreoffice_numbers_it),
        cmocka_unit_test(number_formats),
        cmocka_unit_test(headings_take_outline_numbering),
        cmocka_unit_test(headings_in_a_list_named_after_the_outline),
        cmocka_unit_test(tables_cells_repeats_and_nesting),
        cmocka_unit_test(notes_are_their_own_blocks),
        cmocka_unit_test(note_numbers_follow_the_notes_configuration),
        cmocka_unit_test(frames_become_text_boxes),
        cmocka_unit_test(comments_do_not_leak),
        cmocka_unit_test(table_of_contents_is_flagged),
        cmocka_unit_test(contents_styles_are_table_of_contents_lines),
        cmocka_unit_test(blank_paragraphs_are_dropped),
        cmocka_unit_test(headers_and_footers_come_after_the_body),
        cmocka_unit_test(tracked_changes),
        cmocka_unit_test(hidden_text),
        cmocka_unit_test(hidden_text_style_from_common_styles),
        cmocka_unit_test(source_index_counts_every_paragraph_element),
        cmocka_unit_test(reads_the_sample_contract),
        cmocka_unit_test(encrypted_package_is_refused),
        cmocka_unit_test(missing_content_is_named),
        cmocka_unit_test(malformed_content_names_file_part_and_line),
        cmocka_unit_test(odd_input_does_not_crash),
        cmocka_unit_test(lists_open_while_styles_are_declared),
        cmocka_unit_test(labels_and_style_names_stay_small),
        cmocka_unit_test(check_boxes_are_read_and_decide_agreed_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
