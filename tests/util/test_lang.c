#include "support.h"

#include <errno.h>

#include "util/lang.h"

static void clear_environment(void)
{
    unsetenv("CLAUSEKIT_LANG");
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    unsetenv("LANG");
}

static void names_choose_the_language(void **state)
{
    (void)state;
    assert_int_equal(ck_lang_set_name("en"), 0);
    assert_int_equal(ck_lang_current(), CK_LANG_EN);
    assert_string_equal(ck_tr("找不到檔案", "file not found"), "file not found");
    assert_int_equal(ck_lang_set_name("zh-TW"), 0);
    assert_int_equal(ck_lang_current(), CK_LANG_ZH_TW);
    assert_string_equal(ck_tr("找不到檔案", "file not found"), "找不到檔案");
    assert_int_equal(ck_lang_set_name("en_US.UTF-8"), 0);
    assert_int_equal(ck_lang_current(), CK_LANG_EN);
    /* an unknown name changes nothing */
    assert_int_equal(ck_lang_set_name("fr"), -1);
    assert_int_equal(ck_lang_set_name(NULL), -1);
    assert_int_equal(ck_lang_current(), CK_LANG_EN);
}

static void the_environment_chooses_in_order(void **state)
{
    (void)state;
    clear_environment();
    ck_lang_init();
    assert_int_equal(ck_lang_current(), CK_LANG_ZH_TW); /* nothing set: zh-TW */
    setenv("LANG", "en_GB.UTF-8", 1);
    ck_lang_init();
    assert_int_equal(ck_lang_current(), CK_LANG_EN);
    setenv("LC_ALL", "zh_TW.UTF-8", 1); /* LC_ALL before LANG */
    ck_lang_init();
    assert_int_equal(ck_lang_current(), CK_LANG_ZH_TW);
    setenv("LC_ALL", "C.UTF-8", 1); /* the C locale says nothing: LANG decides */
    ck_lang_init();
    assert_int_equal(ck_lang_current(), CK_LANG_EN);
    setenv("CLAUSEKIT_LANG", "zh", 1); /* ours before all */
    ck_lang_init();
    assert_int_equal(ck_lang_current(), CK_LANG_ZH_TW);
    setenv("CLAUSEKIT_LANG", "klingon", 1); /* not a language: the locale decides */
    ck_lang_init();
    assert_int_equal(ck_lang_current(), CK_LANG_EN);
    clear_environment();
}

static void system_errors_read_in_the_language(void **state)
{
    (void)state;
    ck_lang_set_name("zh-TW");
    assert_string_equal(ck_strerror(ENOENT), "找不到檔案或資料夾");
    assert_string_equal(ck_strerror(EACCES), ck_strerror(EPERM));
    assert_string_equal(ck_strerror(ENOSPC), "磁碟空間不足");
    assert_string_equal(ck_strerror(EISDIR), "這是資料夾，不是檔案");
    /* one clerks rarely meet: the C library's words */
    assert_string_equal(ck_strerror(EPIPE), strerror(EPIPE));
    ck_lang_set_name("en");
    assert_string_equal(ck_strerror(ENOENT), strerror(ENOENT));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names_choose_the_language),
        cmocka_unit_test(the_environment_chooses_in_order),
        cmocka_unit_test(system_errors_read_in_the_language),
    };
    return cmocka_run_group_tests_name("util/lang", tests, NULL, NULL);
}
