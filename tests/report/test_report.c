/* What the report writers share (report/report.c): the input's digest and
 * time, numbers, excerpts, saving. */
#include "report/report_support.h"

static void test_input_stat(void **state)
{
    fixture *fx = *state;
    char hex[65];
    ck_sha256_hex("PK fake bytes", 13, hex);
    assert_string_equal(fx->in.sha256, hex);
    assert_int_equal(fx->in.file_size, 13);
    assert_int_equal(strlen(fx->in.generated), 20);
    ck_report_input in;
    ck_error err;
    ck_error_clear(&err);
    assert_int_equal(ck_report_input_stat(&in, ck_test_path("absent.docx"), &err), CK_EIO);
    assert_non_null(strstr(err.file, "absent.docx"));
}

/* The time people read is local and, in zh-TW, in the 民國 calendar. */
static void local_time_in_minguo_years(void **state)
{
    fixture *fx = *state;
    ck_buf b = CK_BUF_INIT;
    long long saved = fx->in.generated_at;
    char *tz = getenv("TZ") ? ck_strdup(getenv("TZ")) : NULL;

    setenv("TZ", "Asia/Taipei", 1);
    tzset();
    fx->in.generated_at = 1796639040; /* 2026-12-07T10:24:00Z */
    ck_report_local_time(&fx->in, &b);
    assert_string_equal(b.data, "中華民國115年12月7日 18:24");
    ck_buf_clear(&b);
    ck_lang_set_name("en");
    ck_report_local_time(&fx->in, &b);
    assert_string_equal(b.data, "2026-12-07 18:24");
    ck_lang_set_name("zh-TW");
    ck_buf_free(&b);
    if (tz)
        setenv("TZ", tz, 1);
    else
        unsetenv("TZ");
    tzset();
    free(tz);
    fx->in.generated_at = saved;
}

static void numbers_grouped_by_thousands(void **state)
{
    (void)state;
    const long long n[] = { 0, 999, 1000, 11190, 2400000, -1234567 };
    const char *want[] = { "0", "999", "1,000", "11,190", "2,400,000", "-1,234,567" };
    for (size_t i = 0; i < sizeof n / sizeof n[0]; i++) {
        ck_buf b = CK_BUF_INIT;
        ck_buf_puts(&b, "");
        ck_report_put_number(&b, n[i]);
        assert_string_equal(b.data, want[i]);
        ck_buf_free(&b);
    }
}

static void test_save_atomic(void **state)
{
    (void)state;
    ck_error err;
    ck_error_clear(&err);
    const char *path = ck_test_path("report.html");
    assert_int_equal(ck_report_save(path, "new", 3, &err), 0);
    FILE *f = fopen(path, "rb");
    char buf[8] = { 0 };
    assert_non_null(f);
    assert_int_equal(fread(buf, 1, sizeof buf, f), 3);
    fclose(f);
    assert_string_equal(buf, "new");
    /* A folder that does not exist: an error naming the path, no file left. */
    char bad[600];
    snprintf(bad, sizeof bad, "%s/no/such/dir/r.html", ck_test_dir());
    assert_int_equal(ck_report_save(bad, "x", 1, &err), CK_EIO);
    assert_non_null(strstr(err.file, "r.html"));
    /* No temporary file remains beside the report. */
    DIR *d = opendir(ck_test_dir());
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        assert_null(strstr(e->d_name, ".tmp"));
    closedir(d);
}

/* An excerpt as the writers show it: ellipses where text is cut, the
 * match between the marks, every piece through the writer's escaping. */
static void test_put_excerpt(void **state)
{
    (void)state;
    const char *text = "甲乙丙丁戊己<稽核>庚辛壬癸子丑寅卯";
    size_t start = strlen("甲乙丙丁戊己"), end = start + strlen("<稽核>");
    ck_range m = { start, end };
    ck_evidence ev = { 0, NULL, text, &m, 1, 0 };
    ck_buf b = CK_BUF_INIT;

    ck_report_put_excerpt(&b, &ev, 6, ck_buf_put_html, "<mark>", "</mark>");
    assert_string_equal(b.data, "…戊己<mark>&lt;稽核&gt;</mark>庚辛…");
    ck_buf_clear(&b);
    ck_report_put_excerpt(&b, &ev, 100, ck_buf_put_html, "[", "]");
    assert_string_equal(b.data, "甲乙丙丁戊己[&lt;稽核&gt;]庚辛壬癸子丑寅卯");
    ck_buf_free(&b);
}

static void test_excerpt(void **state)
{
    (void)state;
    /* 200 CJK characters with a match in the middle, cut at character boundaries. */
    ck_buf text = CK_BUF_INIT;
    for (int i = 0; i < 100; i++)
        ck_buf_puts(&text, "甲");
    ck_buf_puts(&text, "稽核");
    for (int i = 0; i < 100; i++)
        ck_buf_puts(&text, "乙");
    ck_range m = { 300, 306 };
    ck_evidence ev = { 0, NULL, text.data, &m, 1, 0 };
    ck_report_excerpt ex;
    ck_report_excerpt_make(&ev, 31, &ex);
    assert_true(ex.cut_before);
    assert_true(ex.cut_after);
    assert_int_equal(ex.count, 3);
    assert_int_equal(ex.pieces[0].start % 3, 0);
    assert_int_equal(ex.pieces[2].end % 3, 0);
    assert_true(ex.pieces[1].marked);
    assert_int_equal(ex.pieces[1].start, 300);
    ck_report_excerpt_free(&ex);
    ck_buf_free(&text);

    ck_report_format f;
    assert_int_equal(ck_report_format_parse("md", &f), 0);
    assert_int_equal(f, CK_REPORT_MARKDOWN);
    assert_int_equal(ck_report_format_parse("pdf", &f), -1);
    assert_string_equal(ck_report_extension(CK_REPORT_HTML), "html");
}

/* The HTML and Markdown reports head their gaps alike. */
static void gap_headings_are_said_once(void **state)
{
    (void)state;
    assert_string_equal(ck_report_gap_heading(CK_SEVERITY_REQUIRED), "必須修改：必要項目");
    assert_string_equal(ck_report_no_gaps(CK_SEVERITY_RECOMMENDED), "建議項目均已符合。");
    ck_lang_set_name("en");
    assert_string_equal(ck_report_gap_heading(CK_SEVERITY_RECOMMENDED), "Should change: recommended");
    assert_string_equal(ck_report_no_gaps(CK_SEVERITY_REQUIRED), "Every required clause is there.");
    ck_lang_set_name("zh-TW");
}

int main(void)
{
    ck_lang_set_name("zh-TW");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_input_stat),
        cmocka_unit_test(gap_headings_are_said_once),
        cmocka_unit_test(numbers_grouped_by_thousands),
        cmocka_unit_test(local_time_in_minguo_years),
        cmocka_unit_test(test_save_atomic),
        cmocka_unit_test(test_excerpt),
        cmocka_unit_test(test_put_excerpt),
    };
    return cmocka_run_group_tests_name("report", tests, setup, teardown);
}
