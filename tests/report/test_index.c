#include "support.h"

#include "report/report.h"
#include "util/lang.h"

/* A result with the given statuses, one rule each; severities likewise. */
typedef struct fake {
    ck_rule rules[4];
    ck_finding findings[4];
    ck_match_result result;
} fake;

static void fake_make(fake *f, const ck_status *status, const ck_rule_severity *severity, size_t n)
{
    static const char *const ids[] = { "R.1", "R.2", "R.3", "R.4" };
    memset(f, 0, sizeof *f);
    for (size_t i = 0; i < n; i++) {
        f->rules[i].id = (char *)ids[i];
        f->rules[i].title.zh = (char *)"標題";
        f->rules[i].title.en = (char *)"Title";
        f->rules[i].severity = severity[i];
        f->findings[i].rule = &f->rules[i];
        f->findings[i].status = status[i];
        f->result.status_counts[status[i]]++;
        if (severity[i] == CK_SEVERITY_REQUIRED && status[i] != CK_STATUS_PRESENT &&
            status[i] != CK_STATUS_NOT_APPLICABLE)
            f->result.required_gaps++;
    }
    f->result.findings = f->findings;
    f->result.count = n;
}

static const ck_rule_severity all_required[] = { CK_SEVERITY_REQUIRED, CK_SEVERITY_REQUIRED, CK_SEVERITY_REQUIRED,
                                                 CK_SEVERITY_RECOMMENDED };

/* Most required gaps first; among equals, conflicts, then recommended gaps,
 * then the name. The gaps of a row are in the order to fix them. */
static void rows_sorted_by_work(void **state)
{
    (void)state;
    static const ck_status clean[] = { CK_STATUS_PRESENT, CK_STATUS_PRESENT, CK_STATUS_PRESENT, CK_STATUS_PRESENT };
    static const ck_status two[] = { CK_STATUS_PARTIAL, CK_STATUS_CONFLICT, CK_STATUS_PRESENT, CK_STATUS_PRESENT };
    static const ck_status two_missing[] = { CK_STATUS_MISSING, CK_STATUS_PARTIAL, CK_STATUS_PRESENT,
                                             CK_STATUS_MISSING };
    fake a, b, c;
    ck_report_index ix;

    memset(&ix, 0, sizeof ix);
    fake_make(&a, clean, all_required, 4);
    fake_make(&b, two, all_required, 4);
    fake_make(&c, two_missing, all_required, 4);
    ck_report_index_add(&ix, "in/a.docx", "a.html", &a.result);
    ck_report_index_add(&ix, "in/c.docx", "c.html", &c.result);
    ck_report_index_add(&ix, "in/b.docx", "b.html", &b.result);
    ck_report_index_sort(&ix);
    assert_string_equal(ix.rows[0].file, "in/b.docx"); /* 2 required gaps, one a conflict */
    assert_string_equal(ix.rows[1].file, "in/c.docx"); /* 2 required gaps, no conflict */
    assert_string_equal(ix.rows[2].file, "in/a.docx");
    assert_int_equal(ix.rows[0].gap_count, 2);
    assert_string_equal(ix.rows[0].gaps[0].id, "R.2"); /* the conflict before the partial */
    assert_int_equal(ix.rows[0].gaps[0].status, CK_STATUS_CONFLICT);
    assert_int_equal(ix.rows[1].recommended_gaps, 1);
    ck_report_index_free(&ix);
}

/* CSV for Excel: BOM, CRLF, quoting, and a name that would be a formula
 * stays text. */
static void csv_for_excel(void **state)
{
    (void)state;
    static const ck_status two[] = { CK_STATUS_PARTIAL, CK_STATUS_CONFLICT, CK_STATUS_PRESENT, CK_STATUS_PRESENT };
    fake a;
    ck_report_index ix;
    ck_buf out = CK_BUF_INIT;

    memset(&ix, 0, sizeof ix);
    fake_make(&a, two, all_required, 4);
    ck_report_index_add(&ix, "=HYPERLINK(\"x\"),b.docx", "b.html", &a.result);
    ck_report_index_csv(&ix, &out);
    assert_memory_equal(out.data, "\xEF\xBB\xBF契約,報告,必要項目待處理,", strlen("\xEF\xBB\xBF契約,報告,必要項目待處理,"));
    assert_non_null(strstr(out.data, "待處理的必要項目\r\n\"'=HYPERLINK(\"\"x\"\"),b.docx\",b.html,2,1,0,1,2,0,0,"));
    assert_non_null(strstr(out.data, "R.2 標題（衝突 conflict）；R.1 標題（部分符合 partial）\r\n"));
    ck_buf_free(&out);
    ck_report_index_free(&ix);
}

/* HTML: names escaped, links percent-encoded and relative. */
static void html_links_and_escapes(void **state)
{
    (void)state;
    static const ck_status one[] = { CK_STATUS_MISSING, CK_STATUS_PRESENT, CK_STATUS_PRESENT, CK_STATUS_PRESENT };
    fake a;
    ck_report_index ix;
    ck_buf out = CK_BUF_INIT;

    memset(&ix, 0, sizeof ix);
    fake_make(&a, one, all_required, 4);
    ck_report_index_add(&ix, "dir/<契約> #1.docx", "<契約> #1.html", &a.result);
    ck_report_index_html(&ix, &out);
    assert_non_null(strstr(out.data, "<a href=\"%3C%E5%A5%91%E7%B4%84%3E%20%231.html\">&lt;契約&gt; #1.docx</a>"));
    assert_non_null(strstr(out.data, "R.1 標題 <span class=\"status st-missing\">缺漏</span>"));
    assert_non_null(strstr(out.data, "共 1 份契約，其中 1 份有必要項目待處理"));
    assert_null(strstr(out.data, "<script"));
    assert_null(strstr(out.data, "http"));
    ck_buf_free(&out);
    ck_report_index_free(&ix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rows_sorted_by_work),
        cmocka_unit_test(csv_for_excel),
        cmocka_unit_test(html_links_and_escapes),
    };
    ck_lang_set_name("zh-TW");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
