/* Loading templates and what they say of themselves (template/template.c). */
#include "template/template_support.h"

/* Templates stitched from fragments at random (fixed seed): each either
 * loads and renders, or is refused with a message naming a line — never a
 * crash, a leak (under ASan) or an error without a place. */
static void test_random_templates(void **state)
{
    static const char *const pieces[] = {
        "{{#each 稽核人員}}", "{{/each}}", "{{#if 職稱}}", "{{/if}}", "{{else}}", "{{this}}", "{{姓名}}",
        "{{@index}}", "{{職稱 | default: \"|\"}}", "| ", " |", "\n", "\n\n", "|---|---|\n", "- ", "1. ", "> ",
        "# ", "**", "*", "`", "```\n", "[", "](u)", "<b>", "文字", " ", "\\{{", "{{", "}}", "\t", "---\n",
    };
    const size_t n = sizeof pieces / sizeof pieces[0];
    ck_value *r = record("姓名: 王\n職稱: T\n稽核人員: 甲、乙\n");
    unsigned long seed = 12345;
    int loaded = 0;
    (void)state;
    for (int iter = 0; iter < 10000; iter++) {
        ck_buf body = CK_BUF_INIT;
        ck_template *t;
        ck_error err;
        int count = 1 + (int)(seed % 24);
        for (int i = 0; i < count; i++) {
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            ck_buf_puts(&body, pieces[(seed >> 33) % n]);
        }
        t = load(body.data, &err);
        if (t) {
            cmark_node *doc = NULL;
            loaded++;
            ck_error_clear(&err);
            assert_int_equal(ck_template_render(t, r, &doc, &err), 0);
            assert_non_null(doc);
            cmark_node_free(doc);
            ck_template_free(t);
        } else {
            assert_true(ck_error_is_set(&err));
            if (err.line <= 0) print_error("no line: %s\n--\n%s\n", err.message, body.data);
            assert_true(err.line > 0);
        }
        ck_buf_free(&body);
    }
    print_message("%d of 10000 random templates loaded\n", loaded);
    assert_true(loaded > 250);
    ck_value_free(r);
}

/* A template file is read whole (util/fs), then loaded as a string. */
static void templates_are_loaded_from_files(void **state)
{
    (void)state;
    ck_buf text = CK_BUF_INIT;
    ck_template *t = NULL;
    ck_error err;
    ck_buf_puts(&text, HEAD);
    ck_buf_puts(&text, "立書人 {{姓名}}\n");
    const char *path = ck_test_file("form.md", text.data, text.len);
    ck_error_clear(&err);
    assert_int_equal(ck_template_load(path, &t, &err), 0);
    assert_string_equal(ck_template_form(t), "T-1");
    assert_string_equal(ck_template_title(t), "測試表");
    assert_string_equal(ck_template_path(t), path);
    assert_int_equal(ck_template_field_count(t), 7);
    const ck_template_field *f = ck_template_find_field(t, "姓名");
    assert_non_null(f);
    assert_true(f->required);
    assert_int_equal(f->alias_count, 1);
    assert_string_equal(f->aliases[0], "立書人");
    assert_ptr_equal(ck_template_field_at(t, 0), f);
    assert_null(ck_template_find_field(t, "立書人")); /* an alias is no field name */
    ck_template_free(t);
    ck_buf_free(&text);
}

static void a_missing_or_oversized_file_is_refused(void **state)
{
    (void)state;
    ck_template *t = NULL;
    ck_error err;
    ck_error_clear(&err);
    assert_int_equal(ck_template_load(ck_test_path("absent.md"), &t, &err), CK_EIO);
    assert_null(t);
    assert_non_null(strstr(err.message, "cannot open the template: "));
    assert_string_equal(err.file, ck_test_path("absent.md"));

    /* More than 1 MiB: refused before it is parsed (the message now says
     * what to do, as the rosters' does). */
    size_t big = 1024 * 1024 + 1;
    char *text = malloc(big);
    memset(text, 'x', big);
    const char *path = ck_test_file("big.md", text, big);
    free(text);
    ck_error_clear(&err);
    assert_int_equal(ck_template_load(path, &t, &err), CK_ELIMIT);
    assert_null(t);
    assert_string_equal(err.message, "the template is larger than 1 MiB; split it");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_templates),
        cmocka_unit_test(templates_are_loaded_from_files),
        cmocka_unit_test(a_missing_or_oversized_file_is_refused),
    };
    ck_lang_set_name("en");
    return cmocka_run_group_tests_name("template/template", tests, NULL, NULL);
}
