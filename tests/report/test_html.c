/* The HTML report (report/html.c). */
#include "report/report_support.h"

static void test_html(void **state)
{
    fixture *fx = *state;
    char *html = render(fx, CK_REPORT_HTML);
    assert_true(strncmp(html, "<!DOCTYPE html>", 15) == 0);
    assert_non_null(strstr(html, "@page{size:A4"));
    assert_non_null(strstr(html, "page-break-inside:avoid"));
    /* Self-contained: nothing fetched from elsewhere. */
    assert_null(strstr(html, "src="));
    assert_null(strstr(html, "href=\"http"));
    assert_null(strstr(html, "url("));
    assert_null(strstr(html, "<script>"));
    assert_non_null(strstr(html, "&lt;script&gt;"));
    assert_non_null(strstr(html, "<mark>稽核</mark>"));
    assert_non_null(strstr(html, "<mark>免除乙方之一切責任</mark>"));
    assert_non_null(strstr(html, fx->in.sha256));
    /* In the table a place does not break inside ("第五條 第一項"). */
    assert_non_null(strstr(html, "<span class=\"places\">第五條&nbsp;第一項"));
    assert_non_null(strstr(html, "report-test 2.3"));
    assert_non_null(strstr(html, fx->in.generated));
    assert_non_null(strstr(html, "第五條 第一項"));
    assert_non_null(strstr(html, "保固期間二年。")); /* the model clause of a gap */
    assert_non_null(strstr(html, "13 "));          /* file size */
    assert_non_null(strstr(html, "衝突 conflict"));
    assert_non_null(strstr(html, "</html>"));
    /* Gaps first, in the order they are to be fixed; hash and packs last. */
    const char *conflict = strstr(html, "<section class=\"gap f-conflict\""),
               *partial = strstr(html, "<section class=\"gap f-partial\""),
               *recommended = strstr(html, "<section class=\"gap f-missing\""),
               *table = strstr(html, "<table class=\"all\">"), *trace = strstr(html, "<table class=\"trace\">");
    assert_non_null(conflict);
    assert_true(conflict < partial && partial < recommended && recommended < table && table < trace);
    assert_true(strstr(html, fx->in.sha256) > trace);
    assert_true(strstr(html, "report-test 2.3") > trace);
    /* A met requirement keeps its evidence folded on screen and shows a
     * short quote on paper. */
    assert_non_null(strstr(html, "<details><summary>條文</summary>"));
    assert_non_null(strstr(html, "@media print{"));
    assert_non_null(strstr(html, "details{display:none}.print-quote{display:block}"));
    /* Printed pages: the contract's name and the page number in the margin. */
    assert_non_null(strstr(html, "@bottom-left{content:\"contract.docx · 中華民國"));
    assert_non_null(strstr(html, "counter(page)"));
    assert_non_null(strstr(html, "counter(pages)"));
    free(html);
}

int main(void)
{
    ck_lang_set_name("zh-TW");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html),
    };
    return cmocka_run_group_tests_name("report/html", tests, setup, teardown);
}
