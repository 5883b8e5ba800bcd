/* The HTML writer (writer/html.c). */
#include "writer/writer_support.h"

static void html_is_a_printable_a4_page(void **state)
{
    (void)state;
    cmark_node *doc = parse(sample_form);
    char *html = render_html(&doc, 1);

    assert_non_null(strstr(html, "<html lang=\"zh-Hant-TW\">"));
    assert_non_null(strstr(html, "<title>保密切結書</title>"));
    assert_non_null(strstr(html, "@page { size: 210mm 297mm; margin: 25mm 20mm 25mm 20mm; }"));
    assert_non_null(strstr(html, "font-family: \"Times New Roman\", \"標楷體\", \"DFKai-SB\", \"AR PL UKai TW\","
                                 " \"Noto Serif CJK TC\", serif"));
    assert_non_null(strstr(html, "border-collapse: collapse"));
    assert_non_null(strstr(html, "<thead>\n<tr><th style=\"text-align: left\">項目</th>"));
    assert_non_null(strstr(html, "<td style=\"text-align: center\">筆記型電腦"));
    assert_non_null(strstr(html, "<ol start=\"3\">"));
    assert_non_null(strstr(html, "<div class=\"page-break\"></div>\n<h2>附件</h2>"));
    assert_non_null(strstr(html, "<div class=\"keep\">\n<p>此致</p>\n<p class=\"signature\">立書人"));
    assert_non_null(strstr(html, "中華民國 ____ 年 ____ 月 ____ 日</p>\n</div>"));
    assert_non_null(strstr(html, "<strong>王小明</strong>"));
    assert_non_null(strstr(html, "<del>刪除</del>"));
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<link"));
    free(html);
    cmark_node_free(doc);
}

static void html_text_values_stay_literal(void **state)
{
    (void)state;
    cmark_node *doc = document_with_value();
    char *html = render_html(&doc, 1);

    assert_int_equal(count(html, "*Star* &lt;b&gt;&amp;amp; | [x](y)"), 2);
    assert_null(strstr(html, "<b>"));
    free(html);
    cmark_node_free(doc);
}

static void template_html_is_literal_and_comments_are_dropped(void **state)
{
    (void)state;
    cmark_node *doc = parse("<div>區塊</div>\n\n文字 <b>粗</b> <!-- 給範本作者的說明 --> 完\n\n<!-- 註解 -->\n\n"
                            "[連結](javascript:alert(1)) [網站](https://example.org/) <https://e.org/>\n");
    char *html = render_html(&doc, 1);
    const char *path = write_docx("raw.docx", doc);
    char *document = ck_test_read_part(path, "word/document.xml");

    assert_non_null(strstr(html, "&lt;div&gt;區塊&lt;/div&gt;"));
    assert_non_null(strstr(html, "文字 &lt;b&gt;粗&lt;/b&gt;"));
    assert_null(strstr(html, "給範本作者"));
    assert_null(strstr(html, "註解"));
    assert_null(strstr(html, "javascript"));
    assert_non_null(strstr(html, "<a href=\"https://example.org/\">網站</a>"));
    assert_non_null(strstr(html, "<a href=\"https://e.org/\">https://e.org/</a>"));
    assert_non_null(strstr(document, "&lt;div&gt;區塊&lt;/div&gt;"));
    assert_null(strstr(document, "註解"));
    /* DOCX has no hyperlink parts: a safe target follows the text. */
    assert_non_null(strstr(document, ">網站</w:t></w:r><w:r><w:t xml:space=\"preserve\"> (</w:t></w:r>"
                                     "<w:r><w:t xml:space=\"preserve\">https://example.org/</w:t>"));
    assert_null(strstr(document, "javascript"));
    assert_int_equal(count(document, "https://e.org/"), 1);
    free(document);
    free(html);
    cmark_node_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(html_is_a_printable_a4_page),
        cmocka_unit_test(html_text_values_stay_literal),
        cmocka_unit_test(template_html_is_literal_and_comments_are_dropped),
    };
    ck_xml_init();
    return cmocka_run_group_tests_name("writer/html", tests, NULL, NULL);
}
