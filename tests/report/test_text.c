/* The text report (report/text.c). */
#include "report/report_support.h"

static void test_text(void **state)
{
    fixture *fx = *state;
    char *text = render(fx, CK_REPORT_TEXT);
    /* One line per requirement, the zh label beside the status word. */
    assert_non_null(strstr(text, "3.4.1.3"));
    assert_non_null(strstr(text, "符合 present"));
    assert_non_null(strstr(text, "不適用 not_applicable"));
    assert_non_null(strstr(text, "第五條 第一項"));
    /* The same words as the Markdown and HTML reports: 條文 for quoted
     * evidence, 建議條文 for the model clause, 規則套件 for the packs. */
    assert_non_null(strstr(text, "建議條文：保固期間二年。"));
    assert_non_null(strstr(text, "規則套件："));
    assert_null(strstr(text, "規則包"));
    assert_null(strstr(text, "依據："));
    assert_null(strstr(text, "缺口"));
    assert_null(strstr(text, "\033["));
    /* To review: required gaps (conflict before partial), then recommended;
     * rules that do not apply are not in that list. */
    const char *review = strstr(text, "需要處理或確認的項目："), *conflict = strstr(text, "\n- 3.4.1.7 "),
               *partial = strstr(text, "\n- 3.4.1.5 "), *recommended = strstr(text, "\n- 3.5.2 "),
               *all = strstr(text, "全部要求：");
    assert_non_null(review);
    assert_true(review < conflict && conflict < partial && partial < recommended && recommended < all);
    assert_null(strstr(text, "\n- 3.4.1.10 "));
    assert_non_null(strstr(text, "不適用：條件「system-development」"));
    free(text);

    fx->in.color = 1;
    text = render(fx, CK_REPORT_TEXT);
    assert_non_null(strstr(text, "\033[32m符合 present\033[0m"));
    free(text);
    fx->in.color = 0;

    ck_lang_set_name("en");
    text = render(fx, CK_REPORT_TEXT);
    assert_non_null(strstr(text, "present"));
    assert_null(strstr(text, "符合"));
    assert_non_null(strstr(text, "missing: period"));
    free(text);
    ck_lang_set_name("zh-TW");
}

int main(void)
{
    ck_lang_set_name("zh-TW");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text),
    };
    return cmocka_run_group_tests_name("report/text", tests, setup, teardown);
}
