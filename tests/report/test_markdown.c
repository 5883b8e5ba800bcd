/* The Markdown report (report/markdown.c). */
#include "report/report_support.h"

static void test_markdown(void **state)
{
    fixture *fx = *state;
    char *md = render(fx, CK_REPORT_MARKDOWN);
    assert_non_null(strstr(md, "# 契約條款檢查報告：contract.docx"));
    assert_non_null(strstr(md, "|---|---|---|---|---|"));
    assert_non_null(strstr(md, "**稽核**"));
    /* Table pipes and emphasis in contract text are escaped. */
    assert_non_null(strstr(md, "\\| \\*注意\\*"));
    /* What to fix first, first: the required conflict, then the required
     * partial, then the recommended gap; the full table after them; the
     * hash last. */
    const char *required = strstr(md, "## 必須修改"), *recommended = strstr(md, "## 建議修改");
    const char *conflict = strstr(md, "### 3.4.1.7"), *partial = strstr(md, "### 3.4.1.5"),
               *notice = strstr(md, "### 3.5.2"), *table = strstr(md, "## 全部要求"),
               *hash = strstr(md, fx->in.sha256);
    assert_non_null(required);
    assert_true(required < conflict && conflict < partial && partial < recommended && recommended < notice &&
                notice < table && table < hash);
    /* Met and not applicable requirements have no section of their own. */
    assert_null(strstr(md, "### 3.4.1.3"));
    assert_null(strstr(md, "### 3.4.1.10"));
    /* A met requirement: its place and a short quote in the table. */
    assert_non_null(strstr(md, "| 第五條 第一項：「"));
    assert_non_null(strstr(md, "\\<script\\>"));
    assert_non_null(strstr(md, "部分符合 partial"));
    assert_non_null(strstr(md, "缺少的要素：期間"));
    /* zh-TW text uses full-width colons, the docs' terms. */
    assert_non_null(strstr(md, "- 必要項目待處理："));

    assert_null(strstr(md, "規則包"));
    assert_null(strstr(md, "present: "));
    assert_non_null(strstr(md, fx->in.sha256));
    free(md);
}

int main(void)
{
    ck_lang_set_name("zh-TW");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markdown),
    };
    return cmocka_run_group_tests_name("report/markdown", tests, setup, teardown);
}
