#include "support.h"

#include "data/data.h"
#include "util/lang.h"

static const char *const agency_aliases[] = { "機關", "委託機關", NULL };
static const char *const company_aliases[] = { "廠商名稱", "廠商", "受託廠商", NULL };
static const char *const name_aliases[] = { "執行人員", "立書人", NULL };
static const char *const id_aliases[] = { "身分證統一編號", "統一證號", "居留證號", NULL };
static const char *const email_aliases[] = { "Email", "E-mail", NULL };

static const ck_field_def fields[] = {
    { "機關名稱", agency_aliases },
    { "公司名稱", company_aliases },
    { "姓名", name_aliases },
    { "身分證字號", id_aliases },
    { "電子郵件", email_aliases },
    { "職稱", NULL },
};
#define FIELD_COUNT (sizeof fields / sizeof fields[0])

static void names_and_aliases_match_after_trimming(void **state)
{
    (void)state;
    const char *names[] = { " 機關名稱", "廠商名稱\xE3\x80\x80", "", "立書人", "EMAIL", "職稱", "統一證號" };
    int field_of[7];
    ck_error err;
    ck_error_clear(&err);
    assert_int_equal(ck_header_match(names, 7, fields, FIELD_COUNT, NULL, field_of, &err), 0);
    assert_int_equal(field_of[0], 0);
    assert_int_equal(field_of[1], 1);
    assert_int_equal(field_of[2], -1);
    assert_int_equal(field_of[3], 2);
    assert_int_equal(field_of[4], 4);
    assert_int_equal(field_of[5], 5);
    assert_int_equal(field_of[6], 3);
    /* Full-width letters as an IME types them. */
    const char *wide[] = { "\xEF\xBC\xA5\xEF\xBD\x8D\xEF\xBD\x81\xEF\xBD\x89\xEF\xBD\x8C" }; /* Ｅｍａｉｌ */
    assert_int_equal(ck_header_match(wide, 1, fields, FIELD_COUNT, NULL, field_of, &err), 0);
    assert_int_equal(field_of[0], 4);
}

static void unknown_column_names_itself_and_the_closest_field(void **state)
{
    (void)state;
    const char *names[] = { "姓名", "身分証字號" };
    int field_of[2];
    ck_error err;
    ck_lang_set_name("zh-TW");
    ck_error_clear(&err);
    assert_int_equal(ck_header_match(names, 2, fields, FIELD_COUNT, NULL, field_of, &err), CK_EDATA);
    assert_string_equal(err.message, "欄位「身分証字號」不是此表單的欄位；是否要用「身分證字號」？");
    ck_lang_set_name("en");
    ck_error_clear(&err);
    const char *far[] = { "住址" };
    assert_int_equal(ck_header_match(far, 1, fields, FIELD_COUNT, NULL, field_of, &err), CK_EDATA);
    assert_non_null(strstr(err.message, "'住址' is not a field"));
    assert_null(strstr(err.message, "did you mean"));
}

static void suggestions_use_aliases_and_code_points(void **state)
{
    (void)state;
    assert_string_equal(ck_header_suggest("身份證字號", fields, FIELD_COUNT), "身分證字號");
    assert_string_equal(ck_header_suggest("E-mial", fields, FIELD_COUNT), "電子郵件");
    assert_string_equal(ck_header_suggest("廠商名", fields, FIELD_COUNT), "公司名稱");
    assert_string_equal(ck_header_suggest("職務稱", fields, FIELD_COUNT), "職稱");
    assert_null(ck_header_suggest("備註", fields, FIELD_COUNT));
}

static void two_columns_for_one_field_is_an_error(void **state)
{
    (void)state;
    const char *names[] = { "姓名", "職稱", "立書人" };
    int field_of[3];
    ck_error err;
    ck_lang_set_name("en");
    ck_error_clear(&err);
    assert_int_equal(ck_header_match(names, 3, fields, FIELD_COUNT, NULL, field_of, &err), CK_EDATA);
    assert_string_equal(err.message, "columns '姓名' and '立書人' are both '姓名'; keep only one of them");
}


static void bookkeeping_columns_are_ignored_not_refused(void **state)
{
    (void)state;
    const char *names[] = { "序號", "姓名", "備註", "部門", "單位編碼", "身分證字號" };
    static const char *const extra[] = { "單位編碼", NULL };
    int field_of[6];
    ck_error err;
    ck_error_clear(&err);
    assert_int_equal(ck_header_match(names, 6, fields, FIELD_COUNT, extra, field_of, &err), 0);
    assert_int_equal(field_of[0], CK_HEADER_IGNORED);
    assert_int_equal(field_of[1], 2);
    assert_int_equal(field_of[2], CK_HEADER_IGNORED);
    assert_int_equal(field_of[3], CK_HEADER_IGNORED);
    assert_int_equal(field_of[4], CK_HEADER_IGNORED);
    assert_int_equal(field_of[5], 3);
    /* Without the template's own list, 單位編碼 is an unknown column. */
    assert_int_equal(ck_header_match(names, 6, fields, FIELD_COUNT, NULL, field_of, &err), CK_EDATA);
}

static void a_parenthesised_note_is_not_part_of_the_name(void **state)
{
    (void)state;
    const char *names[] = { "姓名（必填）", "身分證字號 (外籍人士填居留證號)", "(備註)" };
    int field_of[3];
    ck_error err;
    ck_lang_set_name("zh-TW");
    ck_error_clear(&err);
    assert_int_equal(ck_header_match(names, 2, fields, FIELD_COUNT, NULL, field_of, &err), 0);
    assert_int_equal(field_of[0], 2);
    assert_int_equal(field_of[1], 3);
    /* A name that is only a note stays whole, and is unknown. */
    assert_int_equal(ck_header_match(names + 2, 1, fields, FIELD_COUNT, NULL, field_of, &err), CK_EDATA);
    assert_non_null(strstr(err.message, "(備註)"));
}

static void every_unknown_column_in_one_message(void **state)
{
    (void)state;
    const char *names[] = { "住址", "姓名", "電子郵箱", "血型" };
    int field_of[4];
    ck_error err;
    ck_lang_set_name("zh-TW");
    ck_error_clear(&err);
    assert_int_equal(ck_header_match(names, 4, fields, FIELD_COUNT, NULL, field_of, &err), CK_EDATA);
    assert_string_equal(err.message, "3 個欄位不是此表單的欄位：「住址」、「電子郵箱」（是否要用「電子郵件」？）、"
                                     "「血型」；請改用表單的欄位名稱或刪除這些欄");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names_and_aliases_match_after_trimming),
        cmocka_unit_test(unknown_column_names_itself_and_the_closest_field),
        cmocka_unit_test(bookkeeping_columns_are_ignored_not_refused),
        cmocka_unit_test(a_parenthesised_note_is_not_part_of_the_name),
        cmocka_unit_test(every_unknown_column_in_one_message),
        cmocka_unit_test(suggestions_use_aliases_and_code_points),
        cmocka_unit_test(two_columns_for_one_field_is_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
