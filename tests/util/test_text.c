#include "support.h"

#include "util/text.h"

static void ends_with_compares_the_last_bytes(void **state)
{
    (void)state;
    const char s[] = "附件一切結書";
    assert_true(ck_text_ends_with(s, strlen(s), "切結書"));
    assert_false(ck_text_ends_with(s, strlen(s), "同意書"));
    /* only the first len bytes count */
    assert_true(ck_text_ends_with(s, strlen("附件一"), "件一"));
    assert_true(ck_text_ends_with("rules.yaml", 10, ".yaml"));
    assert_false(ck_text_ends_with("rules.YAML", 10, ".yaml"));
    assert_false(ck_text_ends_with("ml", 2, ".yaml"));
    assert_true(ck_text_ends_with("", 0, ""));
}

static void utf8_sequences_are_checked_strictly(void **state)
{
    (void)state;
    int32_t c = -1;
    assert_int_equal(ck_text_utf8_next("a", 1, &c), 1);
    assert_int_equal(c, 'a');
    assert_int_equal(ck_text_utf8_next("條款", 6, &c), 3);
    assert_int_equal(c, 0x689D);
    assert_int_equal(ck_text_utf8_next("\xF0\x9F\x98\x80", 4, &c), 4);
    assert_int_equal(c, 0x1F600);
    /* cut short, a stray continuation, overlong, a surrogate, past U+10FFFF */
    assert_int_equal(ck_text_utf8_next("條", 2, &c), 0);
    assert_int_equal(ck_text_utf8_next("\x80", 1, &c), 0);
    assert_int_equal(ck_text_utf8_next("\xC0\xAF", 2, &c), 0);
    assert_int_equal(ck_text_utf8_next("\xE0\x80\xAF", 3, &c), 0);
    assert_int_equal(ck_text_utf8_next("\xED\xA0\x80", 3, &c), 0);
    assert_int_equal(ck_text_utf8_next("\xF4\x90\x80\x80", 4, &c), 0);
    assert_int_equal(ck_text_utf8_next("\xE6\x41\x9D", 3, &c), 0);
    assert_int_equal(ck_text_utf8_next("", 0, &c), 0);
}

static void code_points_are_counted_and_cut(void **state)
{
    (void)state;
    int32_t points[4];
    assert_int_equal(ck_text_code_points("姓名a", points, 4), 3);
    assert_int_equal(points[0], 0x59D3);
    assert_int_equal(points[2], 'a');
    assert_int_equal(ck_text_code_points("電子郵件地址", points, 4), 4);
    /* an invalid byte is one code point of its own */
    assert_int_equal(ck_text_code_points("a\xff" "b", points, 4), 3);
    assert_int_equal(points[1], 0xff);
}

static void edit_distance_counts_code_points(void **state)
{
    (void)state;
    assert_int_equal(ck_text_edit_distance("", ""), 0);
    assert_int_equal(ck_text_edit_distance("severity", "sevrity"), 1);
    assert_int_equal(ck_text_edit_distance("kitten", "sitting"), 3);
    assert_int_equal(ck_text_edit_distance("電話", "電活"), 1);
    assert_int_equal(ck_text_edit_distance("電子郵件", "郵件"), 2);
    assert_int_equal(ck_text_edit_distance("", "身分證"), 3);
}

static void edit_distance_ignores_ascii_case_only(void **state)
{
    (void)state;
    assert_int_equal(ck_text_edit_distance("Severity", "sEVERITY"), 0);
    /* full-width letters are other characters */
    assert_int_equal(ck_text_edit_distance("Ｅmail", "email"), 1);
}

static void edit_distance_cuts_long_names(void **state)
{
    (void)state;
    char a[200], b[200];
    memset(a, 'x', sizeof a - 1);
    a[sizeof a - 1] = '\0';
    memcpy(b, a, sizeof b);
    b[150] = 'y'; /* beyond the cut: not seen */
    assert_int_equal(ck_text_edit_distance(a, b), 0);
    b[10] = 'y';
    assert_int_equal(ck_text_edit_distance(a, b), 1);
    assert_int_equal(ck_text_edit_distance(a, "x"), CK_TEXT_MAX_POINTS - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ends_with_compares_the_last_bytes),
        cmocka_unit_test(utf8_sequences_are_checked_strictly),
        cmocka_unit_test(code_points_are_counted_and_cut),
        cmocka_unit_test(edit_distance_counts_code_points),
        cmocka_unit_test(edit_distance_ignores_ascii_case_only),
        cmocka_unit_test(edit_distance_cuts_long_names),
    };
    return cmocka_run_group_tests_name("util/text", tests, NULL, NULL);
}
