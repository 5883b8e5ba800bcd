#include "support.h"

#include "data/ids.h"
#include "util/lang.h"

static void national_ids_with_check_digits_pass(void **state)
{
    (void)state;
    ck_id_result r;
    assert_int_equal(ck_id_check_person("A123456789", &r), CK_ID_VALID);
    assert_int_equal(r.kind, CK_ID_KIND_NATIONAL);
    assert_string_equal(r.message, "");
    assert_int_equal(ck_id_check_person("B200000004", &r), CK_ID_VALID);
    /* Letters out of sequence in the table: I=34, O=35, W=32, Z=33. */
    assert_int_equal(ck_id_check_person("I100000003", NULL), CK_ID_VALID);
    assert_int_equal(ck_id_check_person("W100000001", NULL), CK_ID_VALID);
    assert_int_equal(ck_id_check_person("Z100000002", NULL), CK_ID_VALID);
    assert_int_equal(ck_id_check_person("O100000004", NULL), CK_ID_VALID);
    /* With I read as the next code in sequence (18), this would pass instead. */
    assert_int_equal(ck_id_check_person("I100000009", NULL), CK_ID_CHECKSUM);
}

static void letter_codes_follow_the_table(void **state)
{
    (void)state;
    assert_int_equal(ck_id_letter_code('A'), 10);
    assert_int_equal(ck_id_letter_code('H'), 17);
    assert_int_equal(ck_id_letter_code('I'), 34);
    assert_int_equal(ck_id_letter_code('J'), 18);
    assert_int_equal(ck_id_letter_code('O'), 35);
    assert_int_equal(ck_id_letter_code('V'), 29);
    assert_int_equal(ck_id_letter_code('W'), 32);
    assert_int_equal(ck_id_letter_code('X'), 30);
    assert_int_equal(ck_id_letter_code('Y'), 31);
    assert_int_equal(ck_id_letter_code('Z'), 33);
    assert_int_equal(ck_id_letter_code('a'), -1);
}

static void resident_certificates_new_and_old(void **state)
{
    (void)state;
    ck_id_result r;
    assert_int_equal(ck_id_check_person("A800000014", &r), CK_ID_VALID);
    assert_int_equal(r.kind, CK_ID_KIND_RESIDENT_NEW);
    assert_int_equal(ck_id_check_person("A900000007", NULL), CK_ID_VALID);
    assert_int_equal(ck_id_check_person("A800000015", &r), CK_ID_CHECKSUM);
    assert_int_equal(ck_id_check_person("AC01234567", &r), CK_ID_VALID);
    assert_int_equal(r.kind, CK_ID_KIND_RESIDENT_OLD);
    assert_int_equal(ck_id_check_person("FA12345689", NULL), CK_ID_VALID);
    assert_int_equal(ck_id_check_person("AC01234568", NULL), CK_ID_CHECKSUM);
    /* E is not a second letter any format uses. */
    assert_int_equal(ck_id_check_person("AE01234567", NULL), CK_ID_SECOND_CHAR);
}

static void lowercase_is_refused_not_corrected(void **state)
{
    (void)state;
    ck_id_result r;
    ck_lang_set_name("en");
    assert_int_equal(ck_id_check_person("a123456789", &r), CK_ID_LOWERCASE);
    assert_non_null(strstr(r.message, "lowercase"));
    assert_int_equal(ck_id_check_person("Ac01234567", &r), CK_ID_LOWERCASE);
    assert_int_equal(ck_id_check_person("ac01234567", NULL), CK_ID_LOWERCASE);
}

static void each_fault_has_its_reason_and_message(void **state)
{
    (void)state;
    ck_id_result r;
    ck_lang_set_name("en");
    assert_int_equal(ck_id_check_person("A12345678", &r), CK_ID_LENGTH);
    assert_string_equal(r.message, "has 9 characters, needs 10");
    assert_string_equal(r.masked, "A1234****");
    assert_int_equal(ck_id_check_person("A323456789", &r), CK_ID_SECOND_CHAR);
    assert_non_null(strstr(r.message, "1/2 (national ID), 8/9 or A–D (resident certificate)"));
    assert_int_equal(ck_id_check_person("1123456789", &r), CK_ID_FIRST_LETTER);
    assert_int_equal(ck_id_check_person("A12345678X", &r), CK_ID_NOT_DIGITS);
    assert_string_equal(r.message, "has a non-digit at character 10");
    assert_int_equal(ck_id_check_person("A123456788", &r), CK_ID_CHECKSUM);
    assert_non_null(strstr(r.message, "check digit that does not match"));
    assert_null(strstr(r.message, "A123456788"));
    assert_int_equal(ck_id_check_person("", &r), CK_ID_EMPTY);
    assert_int_equal(ck_id_check_person("\xEF\xBC\xA1" "123456789", &r), CK_ID_FULL_WIDTH); /* Ａ */
    assert_int_equal(ck_id_check_person("A12345 789", &r), CK_ID_SPACE);
    ck_lang_set_name("zh-TW");
    assert_int_equal(ck_id_check_person("A12345678", &r), CK_ID_LENGTH);
    assert_string_equal(r.message, "有 9 個字元，應為 10 個");
}

static void masking_keeps_six_or_all_but_four(void **state)
{
    (void)state;
    char out[64];
    assert_string_equal(ck_id_mask("A123456789", out, sizeof out), "A12345****");
    assert_string_equal(ck_id_mask("A12345678", out, sizeof out), "A1234****");
    assert_string_equal(ck_id_mask("A1234567890", out, sizeof out), "A12345*****");
    assert_string_equal(ck_id_mask("ABC", out, sizeof out), "***");
    assert_string_equal(ck_id_mask("", out, sizeof out), "");
    /* Counted in code points, cut on whole characters. */
    assert_string_equal(ck_id_mask("甲乙丙丁戊己庚辛壬癸", out, sizeof out), "甲乙丙丁戊己****");
    assert_string_equal(ck_id_mask("A123456789", out, 4), "A12");
}

static void describe_names_the_masked_value(void **state)
{
    (void)state;
    ck_id_result r;
    char line[512];
    ck_lang_set_name("en");
    ck_id_check_person("A12345678", &r);
    assert_string_equal(ck_id_describe(&r, "身分證字號", line, sizeof line),
                        "身分證字號 'A1234****' has 9 characters, needs 10");
    ck_lang_set_name("zh-TW");
    ck_id_check_person("A123456788", &r);
    ck_id_describe(&r, "身分證字號", line, sizeof line);
    assert_non_null(strstr(line, "身分證字號「A12345****」"));
    assert_null(strstr(line, "A123456788"));
}

static void business_numbers(void **state)
{
    (void)state;
    ck_id_result r;
    ck_lang_set_name("en");
    assert_int_equal(ck_id_check_business("04595257", &r), CK_ID_VALID);
    assert_int_equal(r.kind, CK_ID_KIND_BUSINESS);
    /* Divisible by 5 but not by 10: valid since 2023. */
    assert_int_equal(ck_id_check_business("04595252", NULL), CK_ID_VALID);
    assert_int_equal(ck_id_check_business("04595256", &r), CK_ID_CHECKSUM);
    assert_string_equal(r.masked, "04595256");
    /* 7th digit 7: 28 -> 10 counts as 0 (first) or 1 (second). */
    assert_int_equal(ck_id_check_business("10458575", NULL), CK_ID_VALID);
    assert_int_equal(ck_id_check_business("10458574", NULL), CK_ID_VALID);
    assert_int_equal(ck_id_check_business("10458573", NULL), CK_ID_CHECKSUM);
    /* The same sums without a 7 in 7th place do not get the second chance. */
    assert_int_equal(ck_id_check_business("10458565", NULL), CK_ID_CHECKSUM);
    assert_int_equal(ck_id_check_business("1234567", &r), CK_ID_LENGTH);
    assert_string_equal(r.message, "has 7 characters, needs 8 digits (Excel may have dropped a leading 0; format the column as text and type it again)");
    assert_int_equal(ck_id_check_business("1234567x9", &r), CK_ID_LENGTH);
    assert_string_equal(r.message, "has 9 characters, needs 8 digits");
    assert_int_equal(ck_id_check_business("1234567a", NULL), CK_ID_NOT_DIGITS);
    assert_int_equal(ck_id_check_business("０４５９５２５７", NULL), CK_ID_FULL_WIDTH);
    assert_int_equal(ck_id_check_business("", NULL), CK_ID_EMPTY);
}

static void numbers_inside_text_are_masked_in_place(void **state)
{
    (void)state;
    char text[] = "聯絡人A123456789，居留證AC00000003與Ｂ２０００００００４；案號A12345678、統編24681353、"
                  "A123456788（檢查碼不符）、XA123456789Y";
    size_t len = strlen(text);
    assert_int_equal(ck_id_mask_in_text(text, len), 4);
    assert_int_equal(strlen(text), len); /* byte ranges into the text stay valid */
    assert_string_equal(text, "聯絡人A12345****，居留證AC0000****與Ｂ２００００＊＊＊＊；案號A12345678、統編24681353、"
                              "A123456788（檢查碼不符）、XA12345****Y");
    char *copy = ck_id_masked_copy("甲B200000004乙");
    assert_string_equal(copy, "甲B20000****乙");
    free(copy);
    assert_null(ck_id_masked_copy(NULL));
    char none[] = "no number here: A1 B2";
    assert_int_equal(ck_id_mask_in_text(none, strlen(none)), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(national_ids_with_check_digits_pass),
        cmocka_unit_test(letter_codes_follow_the_table),
        cmocka_unit_test(resident_certificates_new_and_old),
        cmocka_unit_test(lowercase_is_refused_not_corrected),
        cmocka_unit_test(each_fault_has_its_reason_and_message),
        cmocka_unit_test(masking_keeps_six_or_all_but_four),
        cmocka_unit_test(describe_names_the_masked_value),
        cmocka_unit_test(business_numbers),
        cmocka_unit_test(numbers_inside_text_are_masked_in_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
