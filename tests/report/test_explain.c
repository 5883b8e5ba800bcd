/* `check --explain ID` (report/explain.c): the trace of one rule's finding. */
#include "report/report_support.h"

static char *explain(fixture *fx, const char *id, int *rc)
{
    ck_buf b = CK_BUF_INIT;
    *rc = ck_report_explain(&fx->in, id, &b);
    return b.data ? ck_buf_detach(&b) : ck_strdup("");
}

static void a_found_element_shows_its_sentence_and_words(void **state)
{
    fixture *fx = *state;
    int rc;
    char *text = explain(fx, "3.4.1.3", &rc);
    assert_int_equal(rc, 0);
    assert_memory_equal(text, "3.4.1.3 稽核權：", strlen("3.4.1.3 稽核權："));
    assert_non_null(strstr(text, "  範圍：paragraph\n"));
    assert_non_null(strstr(text, "  要素 稽核（主題）：找到\n"));
    /* where, the whole sentence as written, then the words and the pattern */
    assert_non_null(strstr(text, "    第五條 第一項「乙方應接受甲方之 | *注意* 稽核 <script>alert(1)</script>」\n"));
    assert_non_null(strstr(text, "    符合的文字「稽核」，樣式 稽核\n"));
    free(text);
}

static void a_rule_that_does_not_apply_says_why_and_no_more(void **state)
{
    fixture *fx = *state;
    int rc;
    char *text = explain(fx, "3.4.1.10", &rc);
    assert_int_equal(rc, 0);
    assert_memory_equal(text, "3.4.1.10 系統開發規範：", strlen("3.4.1.10 系統開發規範："));
    assert_non_null(strstr(text, "system-development"));
    assert_null(strstr(text, "要素"));
    free(text);
}

static void an_unknown_rule_is_refused(void **state)
{
    fixture *fx = *state;
    int rc;
    char *text = explain(fx, "9.9.9", &rc);
    assert_int_equal(rc, -1);
    assert_string_equal(text, "");
    free(text);
}

static void english_too(void **state)
{
    fixture *fx = *state;
    int rc;
    ck_lang_set_name("en");
    char *text = explain(fx, "3.4.1.3", &rc);
    ck_lang_set_name("zh-TW");
    assert_int_equal(rc, 0);
    assert_memory_equal(text, "3.4.1.3 Audit right: ", strlen("3.4.1.3 Audit right: "));
    assert_non_null(strstr(text, "  scope: paragraph\n"));
    assert_non_null(strstr(text, "    words \"稽核\""));
    free(text);
}

int main(void)
{
    ck_lang_set_name("zh-TW");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_found_element_shows_its_sentence_and_words),
        cmocka_unit_test(a_rule_that_does_not_apply_says_why_and_no_more),
        cmocka_unit_test(an_unknown_rule_is_refused),
        cmocka_unit_test(english_too),
    };
    return cmocka_run_group_tests_name("report/explain", tests, setup, teardown);
}
