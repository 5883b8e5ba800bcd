#include "support.h"

#include "data/data.h"
#include "util/lang.h"

static ck_value *read_text(const char *text, const char *name, ck_error *err)
{
    ck_value *v = NULL;
    ck_error_clear(err);
    ck_record_read_memory(text, strlen(text), name, NULL, &v, err);
    return v;
}

static const char audit_yaml[] =
    "# 4-018\n"
    "機關名稱: 範例市政府資訊中心\n"
    "公司名稱: \"甲乙資訊股份有限公司\"\n"
    "稽核日期: 115/11/23\n"
    "稽核人員:\n"
    "  - 王小明\n"
    "  - 陳美玲\n"
    "備註: ~\n"
    "項目:\n"
    "  - { 編號: 1, 結果: 符合 }\n"
    "  - 編號: 2\n"
    "    結果: \"  不符合　\"\n";

static void one_yaml_record_with_nested_lists(void **state)
{
    (void)state;
    ck_error err;
    ck_value *list = read_text(audit_yaml, "audit.yaml", &err);
    if (!list)
        fail_msg("%s", err.message);
    assert_int_equal(list->kind, CK_VALUE_LIST);
    assert_int_equal(list->count, 1);
    const ck_value *rec = list->items[0];
    assert_int_equal(rec->kind, CK_VALUE_MAP);
    assert_int_equal(rec->line, 2);
    assert_string_equal(rec->keys[0], "機關名稱");
    assert_string_equal(ck_value_get(rec, "公司名稱")->string, "甲乙資訊股份有限公司");
    assert_string_equal(ck_value_get(rec, "稽核日期")->string, "115/11/23");
    const ck_value *auditors = ck_value_get(rec, "稽核人員");
    assert_int_equal(auditors->kind, CK_VALUE_LIST);
    assert_int_equal(auditors->count, 2);
    assert_string_equal(auditors->items[1]->string, "陳美玲");
    assert_int_equal(auditors->items[1]->line, 7);
    assert_string_equal(ck_value_get(rec, "備註")->string, "");
    const ck_value *items = ck_value_get(rec, "項目");
    assert_string_equal(ck_value_get(items->items[0], "編號")->string, "1");
    assert_string_equal(ck_value_get(items->items[1], "結果")->string, "不符合");
    assert_null(ck_value_get(rec, "不存在"));
    ck_value_free(list);
}

static void json_records_read_through_libyaml(void **state)
{
    (void)state;
    ck_error err;
    /* Compact JSON, as a program writes it: no spaces after ':' or ','. */
    ck_value *list = read_text("[{\"姓名\":\"王小明\",\"職稱\":null,\"年資\":3,\"在職\":true},"
                               "{\"姓名\":\"陳\\u7f8e\\u73b2\",\"聯絡\":{\"電話\":\"02-2345-6789\",\"手機\":[\"0912\",\"0987\"]}}]",
                               "staff.json", &err);
    if (!list)
        fail_msg("%s", err.message);
    assert_int_equal(list->count, 2);
    assert_string_equal(ck_value_get(list->items[0], "職稱")->string, "");
    assert_string_equal(ck_value_get(list->items[0], "年資")->string, "3");
    assert_string_equal(ck_value_get(list->items[0], "在職")->string, "true");
    assert_string_equal(ck_value_get(list->items[1], "姓名")->string, "陳美玲");
    const ck_value *contact = ck_value_get(list->items[1], "聯絡");
    assert_string_equal(ck_value_get(contact, "電話")->string, "02-2345-6789");
    assert_int_equal(ck_value_get(contact, "手機")->count, 2);
    ck_value_free(list);

    /* Characters outside the BMP as JSON escapes them (surrogate pairs),
     * which libyaml alone refuses; an escaped backslash stays text. */
    list = read_text("{\"姓名\":\"\\uD840\\uDC00\\u5c0f\\u660e\",\"備註\":\"\\\\ud83d\\\\ude00 \\\"q\\\"\"}",
                     "ext-b.json", &err);
    if (!list)
        fail_msg("%s", err.message);
    assert_string_equal(ck_value_get(list->items[0], "姓名")->string, "\xF0\xA0\x80\x80小明");
    assert_string_equal(ck_value_get(list->items[0], "備註")->string, "\\ud83d\\ude00 \"q\"");
    ck_value_free(list);
    assert_null(read_text("{\"a\":\"\\ud83d\"}", "lone.json", &err));

    /* Pretty-printed JSON with tab indentation and a BOM. */
    list = read_text("\xEF\xBB\xBF{\n\t\"姓名\": \"林志豪\",\n\t\"身分證字號\": \"A123456789\"\n}\n", "signer.json", &err);
    if (!list)
        fail_msg("%s", err.message);
    assert_string_equal(ck_value_get(list->items[0], "身分證字號")->string, "A123456789");
    assert_int_equal(list->items[0]->line, 1);
    ck_value_free(list);
}

static void malformed_records_are_refused_with_place(void **state)
{
    (void)state;
    ck_error err;
    char msg[1200];
    ck_lang_set_name("en");
    assert_null(read_text("姓名: 王小明\n職稱: [工程師\n", "bad.yaml", &err));
    assert_non_null(strstr(ck_error_format(&err, msg, sizeof msg), "bad.yaml:"));
    assert_true(err.line >= 2);
    assert_null(read_text("姓名: 王小明\n姓名: 陳美玲\n", "dup.yaml", &err));
    assert_string_equal(ck_error_format(&err, msg, sizeof msg),
                        "dup.yaml:2: key '姓名' appears twice; write each field once");
    assert_null(read_text("a: &x 1\nb: *x\n", "alias.yaml", &err));
    assert_non_null(strstr(err.message, "aliases"));
    assert_null(read_text("just text\n", "scalar.yaml", &err));
    assert_non_null(strstr(err.message, "must hold a record"));
    assert_null(read_text("- a: 1\n- plain\n", "mixed.yaml", &err));
    assert_int_equal(err.line, 2);
    assert_null(read_text("", "empty.yaml", &err));
    assert_non_null(strstr(err.message, "empty"));
    assert_null(read_text("a: 1\n---\nb: 2\n", "two.yaml", &err));
    assert_non_null(strstr(err.message, "several YAML documents"));
    assert_null(read_text("? [a, b]\n: 1\n", "key.yaml", &err));
    assert_non_null(strstr(err.message, "a key must be text"));
}

static void deep_nesting_is_bounded(void **state)
{
    (void)state;
    ck_error err;
    char deep[4096];
    size_t n = 0;
    for (int i = 0; i < 1000; i++)
        deep[n++] = '[';
    deep[n] = '\0';
    assert_null(read_text(deep, "deep.json", &err));
    assert_non_null(strstr(err.message, "nested too deeply"));
}

static void files_are_read_from_disk(void **state)
{
    (void)state;
    ck_error err;
    ck_value *v = NULL;
    const char *path = ck_test_file("record.yaml", audit_yaml, strlen(audit_yaml));
    ck_error_clear(&err);
    assert_int_equal(ck_record_read(path, NULL, &v, &err), 0);
    assert_int_equal(v->count, 1);
    ck_value_free(v);
    ck_error_clear(&err);
    assert_int_equal(ck_record_read(ck_test_path("none.yaml"), NULL, &v, &err), CK_EIO);
    assert_null(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_yaml_record_with_nested_lists),
        cmocka_unit_test(json_records_read_through_libyaml),
        cmocka_unit_test(malformed_records_are_refused_with_place),
        cmocka_unit_test(deep_nesting_is_bounded),
        cmocka_unit_test(files_are_read_from_disk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
