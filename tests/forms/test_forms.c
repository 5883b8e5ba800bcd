#include "support.h"

#include <sys/stat.h>

#include "forms/forms.h"
#include "util/buf.h"
#include "util/lang.h"

/* ---- file names ---------------------------------------------------------- */

static void expect_safe(const char *in, const char *want)
{
    ck_buf b = CK_BUF_INIT;
    ck_forms_safe_name(in, "fallback", &b);
    if (strcmp(b.data, want) != 0)
        print_error("'%s' -> '%s', want '%s'\n", in, b.data, want);
    assert_string_equal(b.data, want);
    ck_buf_free(&b);
}

static void test_safe_name_characters(void **state)
{
    (void)state;
    expect_safe("4-016-王小明", "4-016-王小明");
    expect_safe("a/b\\c:d*e?f\"g<h>i|j", "a_b_c_d_e_f_g_h_i_j");
    expect_safe("tab\there\nnew\x7f" "line\x01", "tabherenewline");
    expect_safe("c1\xc2\x85" "x", "c1x");             /* U+0085, a C1 control */
    expect_safe("bad\xff\xfe utf8", "bad utf8");     /* invalid bytes dropped */
    expect_safe("half\xe7\x8e", "half");             /* cut sequence dropped */
}

static void test_safe_name_dots_and_traversal(void **state)
{
    (void)state;
    expect_safe("../../etc/passwd", "_._etc_passwd");
    expect_safe("..", "fallback");
    expect_safe(".", "fallback");
    expect_safe("...hidden", "hidden");
    expect_safe("a..b", "a.b");
    expect_safe("  name. . ", "name");
    expect_safe("　全形空白　", "全形空白");
    expect_safe("trailing.", "trailing");
    expect_safe("", "fallback");
    expect_safe("///", "___");
}

static void test_safe_name_windows_devices(void **state)
{
    (void)state;
    expect_safe("CON", "_CON");
    expect_safe("con", "_con");
    expect_safe("Prn.txt", "_Prn.txt");
    expect_safe("AUX.tar.gz", "_AUX.tar.gz");
    expect_safe("nul", "_nul");
    expect_safe("COM1", "_COM1");
    expect_safe("lpt9.docx", "_lpt9.docx");
    expect_safe("COM0", "COM0");
    expect_safe("COM10", "COM10");
    expect_safe("CONSOLE", "CONSOLE");
    expect_safe("王CON", "王CON");
}

static void test_safe_name_length(void **state)
{
    ck_buf in = CK_BUF_INIT, out = CK_BUF_INIT;
    (void)state;
    /* 100 CJK characters = 300 bytes: cut to 200 bytes on a character boundary */
    for (int i = 0; i < 100; i++)
        ck_buf_puts(&in, "測");
    ck_forms_safe_name(in.data, "x", &out);
    assert_true(out.len <= CK_FORMS_NAME_MAX);
    assert_int_equal(out.len, 198);
    assert_int_equal(out.len % 3, 0);
    ck_buf_clear(&in);
    ck_buf_clear(&out);
    for (int i = 0; i < 250; i++)
        ck_buf_putc(&in, 'a');
    ck_forms_safe_name(in.data, "x", &out);
    assert_int_equal(out.len, CK_FORMS_NAME_MAX);
    /* a cut that leaves a trailing dot or space drops it too */
    ck_buf_clear(&in);
    ck_buf_clear(&out);
    for (int i = 0; i < 199; i++)
        ck_buf_putc(&in, 'a');
    ck_buf_puts(&in, ".bcd");
    ck_forms_safe_name(in.data, "x", &out);
    assert_int_equal(out.len, 199);
    ck_buf_free(&in);
    ck_buf_free(&out);
}

static void test_unique_names(void **state)
{
    const char *names[] = { "王小明", "陳美玲", "王小明", "abc", "ABC", "王小明", "王小明-2" };
    char **u;
    (void)state;
    u = ck_forms_unique_names(names, 7);
    assert_string_equal(u[0], "王小明");
    assert_string_equal(u[1], "陳美玲");
    /* "王小明-2" is taken by a later row, so the second 王小明 gets -3 */
    assert_string_equal(u[2], "王小明-3");
    assert_string_equal(u[3], "abc");
    assert_string_equal(u[4], "ABC-2");
    assert_string_equal(u[5], "王小明-4");
    assert_string_equal(u[6], "王小明-2");
    ck_forms_names_free(u, 7);
}

/* ---- mapping data to fields ------------------------------------------------ */

static const char *template_text =
    "---\n"
    "form: X-1\n"
    "fields:\n"
    "  - { name: 姓名, required: true, aliases: [立書人] }\n"
    "  - { name: 身分證字號, required: true, kind: id, aliases: [身分證統一編號] }\n"
    "  - { name: 統一編號, kind: ubn, aliases: [統編] }\n"
    "  - { name: 簽署日期, kind: date, aliases: [日期] }\n"
    "  - { name: 金額, kind: amount }\n"
    "  - { name: 稽核人員, kind: names }\n"
    "---\n"
    "{{姓名}}\n";

static ck_template *load_template(void)
{
    ck_template *t = NULL;
    ck_error err;
    ck_error_clear(&err);
    assert_int_equal(ck_template_load_string("x.md", template_text, strlen(template_text), &t, &err), 0);
    return t;
}

static const char *write_file(const char *name, const char *content)
{
    const char *path = ck_test_path(name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
    return path;
}

static void test_map_roster_aliases(void **state)
{
    ck_template *t = load_template();
    ck_forms_data *d = NULL;
    ck_error err;
    ck_forms_problems problems = { 0 };
    const char *path = write_file("r.csv", " 立書人 ,\xe3\x80\x80身分證統一編號,統編,日期,稽核人員\n"
                                           "王小明,A100000001,24681353,115/11/23,甲、乙，丙\n"
                                           ",,,,\n"
                                           "陳美玲,B200000004,,,\n");
    (void)state;
    ck_error_clear(&err);
    assert_int_equal(ck_forms_data_read(t, path, NULL, &d, &err), 0);
    assert_int_equal(d->count, 2); /* the empty row is skipped */
    assert_string_equal(ck_value_get(d->records[0].value, "姓名")->string, "王小明");
    assert_string_equal(ck_value_get(d->records[0].value, "身分證字號")->string, "A100000001");
    assert_string_equal(ck_value_get(d->records[0].value, "統一編號")->string, "24681353");
    {
        const ck_value *names = ck_value_get(d->records[0].value, "稽核人員");
        assert_int_equal(names->kind, CK_VALUE_LIST);
        assert_int_equal(names->count, 3);
        assert_string_equal(names->items[2]->string, "丙");
    }
    assert_int_equal(d->records[1].line, 4);
    assert_int_equal(ck_forms_data_validate(t, d, &problems), 0);
    assert_int_equal(problems.count, 0);
    ck_forms_problems_free(&problems);
    ck_forms_data_free(d);
    ck_template_free(t);
}

static void test_map_unknown_column(void **state)
{
    ck_template *t = load_template();
    ck_forms_data *d = NULL;
    ck_error err;
    char line[1024];
    const char *path = write_file("u.csv", "姓名,身份證字號\n王小明,A100000001\n");
    (void)state;
    ck_error_clear(&err);
    assert_int_not_equal(ck_forms_data_read(t, path, NULL, &d, &err), 0);
    assert_null(d);
    ck_error_format(&err, line, sizeof line);
    assert_non_null(strstr(line, "u.csv:1:"));
    assert_non_null(strstr(line, "身份證字號"));
    assert_non_null(strstr(line, "身分證字號"));
    ck_template_free(t);
}

static void test_validate_reports_masked(void **state)
{
    ck_template *t = load_template();
    ck_forms_data *d = NULL;
    ck_error err;
    ck_forms_problems found = { 0 };
    ck_buf problems = CK_BUF_INIT;
    const char *path = write_file("v.csv", "姓名,身分證字號,統一編號,簽署日期,金額\n"
                                           "王小明,A123456788,24681353,2026-11-23,1000\n"
                                           ",A100000001,12345678,115/13/01,12.5\n"
                                           "陳美玲,B200000004,,,\n");
    (void)state;
    ck_error_clear(&err);
    assert_int_equal(ck_forms_data_read(t, path, NULL, &d, &err), 0);
    assert_int_equal(ck_forms_data_validate(t, d, &found), 2);
    /* one problem per wrong field, each with its row */
    assert_int_equal(found.count, 5);
    assert_int_equal(found.items[0].line, 2);
    assert_int_equal(found.items[4].line, 3);
    for (size_t i = 0; i < found.count; i++)
        ck_forms_problem_format(d, &found.items[i], &problems);
    assert_int_equal(d->records[0].valid, 0);
    assert_int_equal(d->records[1].valid, 0);
    assert_int_equal(d->records[2].valid, 1);
    /* the full number never appears; the masked one does, with the row */
    assert_null(strstr(problems.data, "A123456788"));
    assert_non_null(strstr(problems.data, "v.csv:2: 身分證字號 'A12345****'"));
    assert_non_null(strstr(problems.data, "v.csv:3: "));
    assert_non_null(strstr(problems.data, "'姓名'"));
    assert_non_null(strstr(problems.data, "統一編號 '12345678'"));
    assert_non_null(strstr(problems.data, "115/13/01"));
    assert_non_null(strstr(problems.data, "金額 '12.5'"));
    /* one line per problem: five problems */
    {
        int lines = 0;
        for (const char *p = problems.data; *p; p++)
            lines += *p == '\n';
        assert_int_equal(lines, 5);
    }
    assert_true(strncmp(problems.data, "clausekit: ", 11) == 0);
    ck_buf_free(&problems);
    ck_forms_problems_free(&found);
    ck_forms_data_free(d);
    ck_template_free(t);
}

static void test_map_record_yaml(void **state)
{
    ck_template *t = load_template();
    ck_forms_data *d = NULL;
    ck_error err;
    char line[1024];
    char ok[512], bad[512];
    snprintf(ok, sizeof ok, "%s", write_file("r.yaml", "立書人: 王小明\n身分證字號: A100000001\n稽核人員: [甲, 乙]\n"));
    snprintf(bad, sizeof bad, "%s", write_file("b.yaml", "姓名: 王小明\n身分證號碼: A100000001\n"));
    (void)state;
    ck_error_clear(&err);
    assert_int_equal(ck_forms_data_read(t, ok, NULL, &d, &err), 0);
    assert_int_equal(d->count, 1);
    assert_string_equal(ck_value_get(d->records[0].value, "姓名")->string, "王小明");
    assert_int_equal(ck_value_get(d->records[0].value, "稽核人員")->count, 2);
    ck_forms_data_free(d);
    d = NULL;
    ck_error_clear(&err);
    assert_int_not_equal(ck_forms_data_read(t, bad, NULL, &d, &err), 0);
    ck_error_format(&err, line, sizeof line);
    assert_non_null(strstr(line, "身分證號碼"));
    ck_template_free(t);
}

/* ---- running: a result to tell, nothing printed ---------------------------- */

static void test_run_result_invalid_rows(void **state)
{
    char tpl[512], data[512], out[512];
    ck_forms_options opt;
    ck_forms_result res;
    struct stat st;
    (void)state;
    snprintf(tpl, sizeof tpl, "%s", write_file("t.md", template_text));
    snprintf(data, sizeof data, "%s", write_file("run.csv", "姓名,身分證字號\n王小明,A100000001\n,A123456788\n"));
    snprintf(out, sizeof out, "%s", ck_test_path("run-out"));
    memset(&opt, 0, sizeof opt);
    opt.form = tpl;
    opt.data = data;
    opt.format = CK_WRITER_MD;
    opt.output = out;
    assert_int_equal(ck_forms_run(&opt, &res), CK_EDATA);
    assert_int_equal(res.outcome, CK_FORMS_INVALID);
    assert_int_equal(res.invalid, 1);
    assert_int_equal(res.valid, 1);
    assert_int_equal(res.problems.count, 2); /* 姓名 empty, the number's check digit */
    assert_int_equal(res.problems.items[0].line, 3);
    assert_null(strstr(res.problems.items[1].message, "A123456788"));
    assert_int_equal(res.output_count, 0);
    assert_int_not_equal(stat(out, &st), 0); /* nothing written */
    ck_forms_result_free(&res);

    opt.skip_invalid = 1;
    assert_int_equal(ck_forms_run(&opt, &res), 0);
    assert_int_equal(res.outcome, CK_FORMS_WRITTEN);
    assert_int_equal(res.invalid, 1);
    assert_int_equal(res.output_count, 1);
    assert_non_null(strstr(res.outputs[0], "run-out/X-1-王小明.md"));
    assert_int_equal(stat(res.outputs[0], &st), 0);
    ck_forms_result_free(&res);

    /* a second run would overwrite: the error is in the result */
    assert_int_not_equal(ck_forms_run(&opt, &res), 0);
    assert_int_equal(res.outcome, CK_FORMS_FAILED);
    assert_non_null(strstr(res.error.message, "--force"));
    assert_int_equal(res.output_count, 0);
    ck_forms_result_free(&res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_safe_name_characters),
        cmocka_unit_test(test_safe_name_dots_and_traversal),
        cmocka_unit_test(test_safe_name_windows_devices),
        cmocka_unit_test(test_safe_name_length),
        cmocka_unit_test(test_unique_names),
        cmocka_unit_test(test_map_roster_aliases),
        cmocka_unit_test(test_map_unknown_column),
        cmocka_unit_test(test_validate_reports_masked),
        cmocka_unit_test(test_run_result_invalid_rows),
        cmocka_unit_test(test_map_record_yaml),
    };
    ck_lang_set_name("en");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
