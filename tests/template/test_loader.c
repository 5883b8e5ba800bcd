/* Front matter and placeholders read and checked (template/loader.c). */
#include "template/template_support.h"

static void test_placeholder_inside_markup(void **state)
{
    (void)state;
    /* cmark would split text around * _ [ ! : the marker survives */
    expect_html("**{{姓名}}** _{{職稱}}_ [{{姓名}}] x*{{姓名}}\n", "姓名: 甲\n職稱: 乙\n",
                "<p><strong>甲</strong> <em>乙</em> [甲] x*甲</p>\n");
    expect_html("`{{姓名}}`\n", "姓名: '*a*'\n", "<p><code>*a*</code></p>\n");
    expect_html("\\{{姓名}} 保留\n", "姓名: 甲\n", "<p>{{姓名}} 保留</p>\n");
}

static void test_unknown_placeholder(void **state)
{
    (void)state;
    expect_load_error("line one\n\n{{姓明}}\n", "t.md:15:1: ");
    expect_load_error("line one\n\n{{姓明}}\n", "姓名");
    expect_load_error("{{完全無關的欄位名稱甲乙丙}}\n", "t.md:13:1: ");
    expect_load_error("{{this}}\n", "#each");
    expect_load_error("{{姓名\n}}\n", "t.md:13:1: ");
}

/* A text that is only the opening of a front matter ("---", "---\r") ends
 * where the opening line's break would be: an error, nothing read past it. */
static void test_front_matter_cut_short(void **state)
{
    static const char *const texts[] = { "---", "---\r", "\xEF\xBB\xBF---", "---\r\n", "---\n" };
    (void)state;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        ck_template *t = NULL;
        ck_error err;
        ck_error_clear(&err);
        assert_int_equal(load_exact(texts[i], strlen(texts[i]), &t, &err), CK_EDATA);
        assert_null(t);
        assert_true(ck_error_is_set(&err));
    }
}

static void test_front_matter_errors(void **state)
{
    ck_template *t = NULL;
    ck_error err;
    char line[1024];
    (void)state;
    ck_error_clear(&err);
    assert_int_equal(ck_template_load_string("f.md", "no front matter\n", 16, &t, &err), CK_EDATA);
    ck_error_clear(&err);
    const char *bad = "---\nform: X\nfields:\n  - { name: a, kind: nosuch }\n---\nbody\n";
    assert_int_equal(ck_template_load_string("f.md", bad, strlen(bad), &t, &err), CK_EDATA);
    ck_error_format(&err, line, sizeof line);
    assert_non_null(strstr(line, "f.md:4:"));
    assert_non_null(strstr(line, "nosuch"));
    ck_error_clear(&err);
    const char *typo = "---\nform: X\nfeilds: []\n---\nbody\n";
    assert_int_equal(ck_template_load_string("f.md", typo, strlen(typo), &t, &err), CK_EDATA);
    ck_error_format(&err, line, sizeof line);
    assert_non_null(strstr(line, "f.md:3:"));
    ck_error_clear(&err);
    const char *ok = "---\nform: X\nfields:\n  - name: 甲\n    required: true\n    aliases: [乙, 丙]\n---\n{{甲}}\n";
    assert_int_equal(ck_template_load_string("f.md", ok, strlen(ok), &t, &err), 0);
    assert_int_equal(ck_template_field_count(t), 1);
    assert_int_equal(ck_template_field_at(t, 0)->required, 1);
    assert_int_equal(ck_template_field_at(t, 0)->alias_count, 2);
    assert_string_equal(ck_template_field_at(t, 0)->aliases[1], "丙");
    assert_string_equal(ck_template_form(t), "X");
    ck_template_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_placeholder_inside_markup),
        cmocka_unit_test(test_unknown_placeholder),
        cmocka_unit_test(test_front_matter_errors),
        cmocka_unit_test(test_front_matter_cut_short),
    };
    ck_lang_set_name("en");
    return cmocka_run_group_tests_name("template/loader", tests, NULL, NULL);
}
