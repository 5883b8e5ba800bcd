/* forms/templates.c: the installed forms, found in the data folder's
 * templates/ (CLAUSEKIT_DATA points at a folder made here). */
#include "support.h"

#include <sys/stat.h>

#include "forms/forms.h"
#include "util/lang.h"

static const char *template_text =
    "---\n"
    "form: %s\n"
    "title: 表單 %s\n"
    "fields:\n"
    "  - { name: 姓名, required: true }\n"
    "---\n"
    "{{姓名}}\n";

static char data_dir[600];

static void write_template(const char *name, const char *form, int broken)
{
    char path[700];
    FILE *f;
    snprintf(path, sizeof path, "%s/templates/%s", data_dir, name);
    f = fopen(path, "wb");
    assert_non_null(f);
    if (broken)
        fputs("---\nform: [\n", f);
    else
        fprintf(f, template_text, form, form);
    fclose(f);
}

static int set_up(void **state)
{
    char dir[700];
    (void)state;
    snprintf(data_dir, sizeof data_dir, "%s/data", ck_test_dir());
    snprintf(dir, sizeof dir, "%s/templates", data_dir);
    if (mkdir(data_dir, 0777) != 0 || mkdir(dir, 0777) != 0)
        return -1;
    write_template("B-2.md", "B-2", 0);
    write_template("A-1.md", "A-1", 0);
    write_template("broken.md", "", 1);
    write_template("notes.txt", "X", 0); /* not a template: no .md */
    setenv("CLAUSEKIT_DATA", data_dir, 1);
    return 0;
}

static void the_list_is_sorted_and_names_what_cannot_load(void **state)
{
    size_t count = 0;
    ck_forms_installed *list = ck_forms_list(&count);
    (void)state;

    assert_int_equal(count, 3);
    assert_string_equal(list[0].form, "A-1");
    assert_string_equal(list[0].title, "表單 A-1");
    assert_non_null(strstr(list[0].path, "/templates/A-1.md"));
    assert_string_equal(list[1].form, "B-2");
    assert_null(list[2].form);
    assert_int_not_equal(list[2].error.code, 0);
    ck_forms_installed_free(list, count);
}

static void an_unknown_form_names_the_installed_ones(void **state)
{
    ck_template *t = NULL;
    ck_error err;
    (void)state;

    ck_error_clear(&err);
    assert_int_equal(ck_forms_template_load("Z-9", &t, &err), CK_EUSAGE);
    assert_null(t);
    assert_non_null(strstr(err.message, "'Z-9'"));
    assert_non_null(strstr(err.message, "A-1, B-2, broken"));
    ck_error_clear(&err);
    assert_int_equal(ck_forms_template_load("B-2", &t, &err), 0);
    assert_non_null(t);
    ck_template_free(t);
}

static void a_path_is_taken_as_it_is(void **state)
{
    char *p;
    (void)state;

    p = ck_forms_template_path("mine/form.md");
    assert_string_equal(p, "mine/form.md");
    free(p);
    p = ck_forms_template_path("own.md");
    assert_string_equal(p, "own.md");
    free(p);
    p = ck_forms_template_path("A-1");
    assert_non_null(strstr(p, "/templates/A-1.md"));
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_list_is_sorted_and_names_what_cannot_load),
        cmocka_unit_test(an_unknown_form_names_the_installed_ones),
        cmocka_unit_test(a_path_is_taken_as_it_is),
    };
    ck_lang_set_name("en");
    return cmocka_run_group_tests(tests, set_up, NULL);
}
