#include "support.h"

#include "serve/serve.h"
#include "util/lang.h"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    static char text[200000];
    size_t n;
    assert_non_null(f);
    n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    return text;
}

static int run(ck_serve_work *w, const char *errors)
{
    ck_serve_jobs *j = ck_serve_jobs_new(1, 0);
    int status = -1;
    assert_int_equal(ck_serve_jobs_run(j, ck_serve_work_run, w, errors, ck_serve_now_ms() + 60000, &status), CK_SERVE_DONE);
    ck_serve_jobs_free(j);
    return status;
}

static void a_check_names_the_file_as_the_client_did(void **state)
{
    ck_serve_work w;
    (void)state;
    memset(&w, 0, sizeof w);
    w.task = CK_SERVE_CHECK;
    w.lang = "en";
    w.input = "samples/maintenance-contract.docx";
    w.display = "契約草案.docx";
    w.output = ck_test_path("answer.json");
    w.report_format = "json";
    assert_int_equal(run(&w, ck_test_path("errors.txt")), 1); /* the sample has gaps */
    char *json = slurp(w.output);
    assert_non_null(strstr(json, "\"file\": \"契約草案.docx\""));
    assert_null(strstr(json, "samples/"));
}

static void an_error_names_the_client_name_not_the_upload(void **state)
{
    ck_serve_work w;
    const char *input = ck_test_file("file.docx", "", 0);
    (void)state;
    memset(&w, 0, sizeof w);
    w.task = CK_SERVE_CHECK;
    w.lang = "en";
    w.input = input;
    w.display = "草案.docx";
    w.output = ck_test_path("answer2.json");
    assert_int_equal(run(&w, ck_test_path("errors2.txt")), 2);
    char *text = slurp(ck_test_path("errors2.txt"));
    assert_true(strncmp(text, "clausekit: 草案.docx: ", strlen("clausekit: 草案.docx: ")) == 0);
    assert_null(strstr(text, ck_test_dir()));
}

static void an_unknown_assumption_is_refused_with_the_known_ones(void **state)
{
    ck_serve_work w;
    const char *assume[] = { "no-such-thing" };
    (void)state;
    memset(&w, 0, sizeof w);
    w.task = CK_SERVE_CHECK;
    w.lang = "en";
    w.input = "samples/maintenance-contract.docx";
    w.display = "a.docx";
    w.output = ck_test_path("answer3.json");
    w.assume = assume;
    w.assume_count = 1;
    assert_int_equal(run(&w, ck_test_path("errors3.txt")), 2);
    char *text = slurp(ck_test_path("errors3.txt"));
    assert_non_null(strstr(text, "no condition named 'such-thing'"));
    assert_non_null(strstr(text, "system-development"));
}

static void forms_refuse_a_template_path(void **state)
{
    ck_serve_work w;
    (void)state;
    memset(&w, 0, sizeof w);
    w.task = CK_SERVE_FORMS;
    w.lang = "en";
    w.input = "samples/roster.csv";
    w.display = "roster.csv";
    w.output = ck_test_path("answer.zip");
    w.form = "/etc/passwd.md";
    w.writer_format = "docx";
    assert_int_equal(run(&w, ck_test_path("errors4.txt")), 2);
    assert_non_null(strstr(slurp(ck_test_path("errors4.txt")), "no form '/etc/passwd.md'"));
}

static void download_names(void **state)
{
    ck_serve_work w;
    ck_buf b = CK_BUF_INIT;
    (void)state;
    memset(&w, 0, sizeof w);
    w.lang = "zh-TW";
    w.task = CK_SERVE_ANNOTATE;
    w.display = "契約草案.docx";
    ck_serve_work_download_name(&w, &b);
    assert_string_equal(b.data, "契約草案-審查.docx");
    ck_buf_clear(&b);
    w.task = CK_SERVE_FORMS;
    w.form = "4-016";
    w.writer_format = "odt";
    ck_serve_work_download_name(&w, &b);
    assert_string_equal(b.data, "4-016.zip");
    ck_buf_clear(&b);
    w.merge = 1;
    ck_serve_work_download_name(&w, &b);
    assert_string_equal(b.data, "4-016.odt");
    ck_buf_clear(&b);
    w.task = CK_SERVE_ANNOTATE;
    w.lang = "en";
    ck_serve_work_download_name(&w, &b);
    assert_string_equal(b.data, "契約草案-reviewed.docx");
    ck_buf_free(&b);
}

int main(void)
{
    char cwd[4096];
    /* The rule packs of this checkout (the tests run from its top). */
    if (getcwd(cwd, sizeof cwd))
        setenv("CLAUSEKIT_DATA", cwd, 1);
    ck_lang_set_name("en");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_check_names_the_file_as_the_client_did),
        cmocka_unit_test(an_error_names_the_client_name_not_the_upload),
        cmocka_unit_test(an_unknown_assumption_is_refused_with_the_known_ones),
        cmocka_unit_test(forms_refuse_a_template_path),
        cmocka_unit_test(download_names),
    };
    return cmocka_run_group_tests_name("serve/work", tests, NULL, NULL);
}
