/* What `{{欄位 | filter}}` does (template/filters.c). */
#include "template/template_support.h"

static void test_filters(void **state)
{
    (void)state;
    expect_html("{{簽署日期 | roc_date}}\n", "姓名: x\n簽署日期: 2026-11-23\n", "<p>中華民國115年11月23日</p>\n");
    expect_html("{{簽署日期 | roc_date}}\n", "姓名: x\n簽署日期: 115/11/23\n", "<p>中華民國115年11月23日</p>\n");
    expect_html("{{簽署日期 | roc_date | default: \"中華民國＿＿年＿＿月＿＿日\"}}\n", "姓名: x\n",
                "<p>中華民國＿＿年＿＿月＿＿日</p>\n");
    expect_html("{{身分證字號 | mask_id}}\n", "姓名: x\n身分證字號: A123456789\n", "<p>A12345****</p>\n");
    expect_html("{{金額 | chinese_amount}}\n", "姓名: x\n金額: 1200000\n", "<p>新臺幣壹佰貳拾萬元整</p>\n");
    expect_html("| a |\n|---|\n| {{金額 | chinese_amount}} |\n", "姓名: x\n金額: '1,200,000'\n",
                "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>新臺幣壹佰貳拾萬元整</td>\n"
                "</tr>\n</tbody>\n</table>\n");
    expect_html("{{職稱 | default: '無'}} {{職稱 | default: \"a|b\"}}\n", "姓名: x\n", "<p>無 a|b</p>\n");
    /* \| (as GFM tables escape a pipe) means | inside a placeholder */
    expect_html("| a |\n|---|\n| {{金額 \\| chinese_amount}} |\n", "姓名: x\n金額: '10050'\n",
                "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>新臺幣壹萬零伍拾元整</td>\n"
                "</tr>\n</tbody>\n</table>\n");
    expect_html("{{姓名 | upper}}\n", "姓名: abc王\n", "<p>ABC王</p>\n");
}

static void test_filter_errors(void **state)
{
    (void)state;
    expect_load_error("{{姓名 | roc_date}}\n", "t.md:13:1: ");
    expect_load_error("{{姓名 | roc_date}}\n", "roc_date");
    expect_load_error("x {{姓名 | nosuch}}\n", "t.md:13:3: ");
    expect_load_error("{{職稱 | mask_id}}\n", "mask_id");
    expect_load_error("{{姓名 | chinese_amount}}\n", "chinese_amount");
}

static void test_chinese_amount(void **state)
{
    static const struct { const char *in, *out; } cases[] = {
        { "0", "新臺幣零元整" },
        { "5", "新臺幣伍元整" },
        { "10", "新臺幣壹拾元整" },
        { "15", "新臺幣壹拾伍元整" },
        { "100", "新臺幣壹佰元整" },
        { "101", "新臺幣壹佰零壹元整" },
        { "110", "新臺幣壹佰壹拾元整" },
        { "1001", "新臺幣壹仟零壹元整" },
        { "10050", "新臺幣壹萬零伍拾元整" },
        { "10000", "新臺幣壹萬元整" },
        { "100000", "新臺幣壹拾萬元整" },
        { "1200000", "新臺幣壹佰貳拾萬元整" },
        { "1,200,000", "新臺幣壹佰貳拾萬元整" },
        { "1201000", "新臺幣壹佰貳拾萬壹仟元整" },
        { "1200300", "新臺幣壹佰貳拾萬零參佰元整" },
        { "10000000", "新臺幣壹仟萬元整" },
        { "100000000", "新臺幣壹億元整" },
        { "100010000", "新臺幣壹億零壹萬元整" },
        { "100000001", "新臺幣壹億零壹元整" },
        { "2030405060", "新臺幣貳拾億參仟零肆拾萬伍仟零陸拾元整" },
        { "999999999999", "新臺幣玖仟玖佰玖拾玖億玖仟玖佰玖拾玖萬玖仟玖佰玖拾玖元整" },
        { "007", "新臺幣柒元整" },
    };
    static const char *const bad[] = { "", "-5", "12.5", "1,20,000", ",100", "1000000000000", "NT$100", "１２", "12,34" };
    ck_error err;
    char *out;
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ck_error_clear(&err);
        assert_int_equal(ck_template_chinese_amount(cases[i].in, &out, &err), 0);
        if (strcmp(out, cases[i].out) != 0)
            print_error("%s -> %s, want %s\n", cases[i].in, out, cases[i].out);
        assert_string_equal(out, cases[i].out);
        free(out);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_error_clear(&err);
        out = NULL;
        assert_int_equal(ck_template_chinese_amount(bad[i], &out, &err), CK_EDATA);
        assert_null(out);
        assert_true(ck_error_is_set(&err));
    }
}

static void test_roc_date_filter(void **state)
{
    ck_error err;
    char *out = NULL;
    (void)state;
    ck_error_clear(&err);
    assert_int_equal(ck_template_apply_filter("roc_date", NULL, "2026-01-05", &out, &err), 0);
    assert_string_equal(out, "中華民國115年1月5日");
    free(out);
    assert_int_equal(ck_template_apply_filter("roc_date", NULL, "", &out, &err), 0);
    assert_string_equal(out, "");
    free(out);
    out = NULL;
    assert_int_equal(ck_template_apply_filter("roc_date", NULL, "115/02/30", &out, &err), CK_EDATA);
    assert_null(out);
}

/* A names value as clerks type it: any of 、 , ， ； ; between names. */
static void names_are_split_and_trimmed(void **state)
{
    (void)state;
    ck_value *list = ck_template_split_names(" 王小明、李大同 ,陳美玲，；林志明; ", 7);
    const char *const want[] = { "王小明", "李大同", "陳美玲", "林志明" };
    assert_int_equal(list->count, 4);
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(list->items[i]->string, want[i]);
        assert_int_equal(list->items[i]->line, 7);
    }
    ck_value_free(list);
    list = ck_template_split_names("", 1);
    assert_int_equal(list->count, 0);
    ck_value_free(list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_filters),
        cmocka_unit_test(test_filter_errors),
        cmocka_unit_test(test_chinese_amount),
        cmocka_unit_test(test_roc_date_filter),
        cmocka_unit_test(names_are_split_and_trimmed),
    };
    ck_lang_set_name("en");
    return cmocka_run_group_tests_name("template/filters", tests, NULL, NULL);
}
