#include "support.h"

#include "util/error.h"

static void the_first_error_wins(void **state)
{
    (void)state;
    ck_error err;
    ck_error_clear(&err);
    assert_false(ck_error_is_set(&err));
    assert_int_equal(ck_error_set(&err, CK_EINPUT, "第 %d 個", 1), CK_EINPUT);
    assert_true(ck_error_is_set(&err));
    /* a later one neither replaces it nor changes the code returned */
    assert_int_equal(ck_error_set(&err, CK_EIO, "second"), CK_EINPUT);
    assert_string_equal(err.message, "第 1 個");
    assert_int_equal(err.code, CK_EINPUT);
}

static void the_lower_layers_place_is_kept(void **state)
{
    (void)state;
    ck_error err;
    ck_error_clear(&err);
    ck_error_set_part(&err, "word/document.xml");
    ck_error_set_line(&err, 14, 7);
    ck_error_set_file(&err, "contract.docx");
    /* upper layers add what they know, never overwrite */
    ck_error_set_part(&err, "other.xml");
    ck_error_set_line(&err, 1, 1);
    ck_error_set_file(&err, "other.docx");
    assert_string_equal(err.file, "contract.docx");
    assert_string_equal(err.part, "word/document.xml");
    assert_int_equal(err.line, 14);
    assert_int_equal(err.column, 7);
}

static void null_is_safe(void **state)
{
    (void)state;
    char buf[16];
    ck_error_clear(NULL);
    ck_error_set_file(NULL, "x");
    assert_int_equal(ck_error_set(NULL, CK_EDATA, "x"), CK_EDATA);
    assert_false(ck_error_is_set(NULL));
    assert_string_equal(ck_error_format(NULL, buf, sizeof buf), "");
}

static void one_line_carries_the_place(void **state)
{
    (void)state;
    ck_error err;
    char buf[256];
    ck_error_clear(&err);
    ck_error_set(&err, CK_EDATA, "unknown key 'sevrity'\n(did you mean 'severity'?)");
    ck_error_set_file(&err, "rules/custom.yaml");
    ck_error_set_line(&err, 14, 7);
    assert_string_equal(ck_error_format(&err, buf, sizeof buf),
                        "rules/custom.yaml:14:7: unknown key 'sevrity' (did you mean 'severity'?)");
    ck_error_clear(&err);
    ck_error_set_part(&err, "content.xml");
    assert_string_equal(ck_error_format(&err, buf, sizeof buf), "content.xml: error");
    ck_error_clear(&err);
    ck_error_set(&err, CK_EIO, "message only");
    assert_string_equal(ck_error_format(&err, buf, sizeof buf), "message only");
    /* a small buffer is cut, still terminated */
    ck_error_set_file(&err, "a-long-file-name.docx");
    assert_string_equal(ck_error_format(&err, buf, 8), "a-long-");
}

static void print_writes_the_line_with_the_program_name(void **state)
{
    (void)state;
    ck_error err;
    char line[256] = "";
    FILE *f = tmpfile();
    assert_non_null(f);
    ck_error_clear(&err);
    ck_error_set(&err, CK_EINPUT, "the file is empty");
    ck_error_set_file(&err, "a.docx");
    ck_error_print(&err, f);
    rewind(f);
    assert_non_null(fgets(line, sizeof line, f));
    fclose(f);
    assert_string_equal(line, "clausekit: a.docx: the file is empty\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_first_error_wins),
        cmocka_unit_test(the_lower_layers_place_is_kept),
        cmocka_unit_test(null_is_safe),
        cmocka_unit_test(one_line_carries_the_place),
        cmocka_unit_test(print_writes_the_line_with_the_program_name),
    };
    return cmocka_run_group_tests_name("util/error", tests, NULL, NULL);
}
