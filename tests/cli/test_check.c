#include "cli/cli_support.h"
#include "reader/docx_support.h"

/* `clausekit check ARGS...` in this process. */
#define check(...) ck_cli_run(ck_cmd_check, "check", __VA_ARGS__)

static const char *contract(const char *name)
{
    static const docx_spec spec = {
        .body = "<w:p><w:r><w:t>第一條 契約標的</w:t></w:r></w:p>"
                "<w:p><w:r><w:t>乙方應依本契約提供資訊服務。</w:t></w:r></w:p>",
    };
    static char path[512];
    snprintf(path, sizeof path, "%s", docx_build(name, &spec));
    return path;
}

static void help_goes_to_stdout(void **state)
{
    (void)state;
    assert_int_equal(check("--help", NULL), CK_EXIT_OK);
    assert_non_null(strstr(out_text, "usage: clausekit check FILE..."));
    assert_string_equal(err_text, "");
}

static void usage_errors_are_one_line_and_status_2(void **state)
{
    (void)state;
    assert_int_equal(check(NULL), CK_EXIT_ERROR);
    assert_string_equal(err_text, "clausekit: name the contract files to check (see clausekit check --help)\n");
    assert_int_equal(check("--format", "pdf", "a.docx", NULL), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "unknown format 'pdf'"));
    assert_int_equal(check("--annotate-all", "a.docx", NULL), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "--annotate-all goes with --annotate COPY"));
    assert_int_equal(check("--annotate", "copy.docx", "a.docx", "b.docx", NULL), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "one contract at a time"));
    assert_int_equal(check("--format", "docx", contract("c.docx"), NULL), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "--format docx needs -o"));
    assert_int_equal(check("--lang", "fr", "a.docx", NULL), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "unknown language 'fr'"));
    assert_string_equal(out_text, "");
}

static void assumptions_and_explanations_are_checked_against_the_packs(void **state)
{
    (void)state;
    const char *path = contract("assume.docx");
    assert_int_equal(check("--assume", "bogus", path, NULL), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "--assume bogus: no condition named 'bogus' (known: "));
    assert_non_null(strstr(err_text, "personal-data"));
    /* no-NAME takes NAME as not holding: the name is what must exist */
    assert_int_equal(check("--assume", "no-bogus", path, NULL), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "--assume no-bogus: no condition named 'bogus'"));
    assert_int_equal(check("--explain", "NO-SUCH-RULE", path, NULL), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "--explain NO-SUCH-RULE: no such rule in the packs"));
    assert_string_equal(out_text, "");
}

static void a_report_names_what_it_is(void **state)
{
    (void)state;
    const char *path = contract("named.docx");
    char report[512];
    snprintf(report, sizeof report, "%s", ck_test_path("report.md"));
    /* a name that says another format */
    assert_int_equal(check("--format", "json", "-o", report, path, NULL), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "the report is JSON but the name ends in .md"));
    assert_int_equal(access(report, F_OK), -1);
    /* the contract itself is never the report */
    assert_int_equal(check("-o", path, path, NULL), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "this is a contract being checked"));
    /* .md chooses Markdown; the contract has required gaps: status 1 */
    assert_int_equal(check("-o", report, path, NULL), CK_EXIT_GAPS);
    assert_int_equal(access(report, F_OK), 0);
    assert_non_null(strstr(out_text, "named.docx"));
    /* kept without --force */
    assert_int_equal(check("-o", report, path, NULL), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "the file exists; add --force"));
    assert_int_equal(check("--force", "-o", report, path, NULL), CK_EXIT_GAPS);
}

static void several_contracts_go_into_a_folder_with_an_index(void **state)
{
    (void)state;
    char a[512], b[512], dir[512], probe[600];
    snprintf(a, sizeof a, "%s", contract("one.docx"));
    snprintf(b, sizeof b, "%s", contract("two.docx"));
    snprintf(dir, sizeof dir, "%s", ck_test_path("reports.html"));
    /* a file name for several reports is a mistake */
    assert_int_equal(check("-o", dir, a, b, NULL), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "with several contracts -o must be a folder"));
    snprintf(dir, sizeof dir, "%s", ck_test_path("reports/"));
    assert_int_equal(check("--format", "html", "-o", dir, a, b, NULL), CK_EXIT_GAPS);
    const char *const names[] = { "one.html", "two.html", "index.html", "index.csv" };
    for (size_t i = 0; i < 4; i++) {
        snprintf(probe, sizeof probe, "%s%s", dir, names[i]);
        assert_int_equal(access(probe, F_OK), 0);
    }
    /* one summary line a contract, after all were placed */
    assert_non_null(strstr(out_text, "one.docx: "));
    assert_non_null(strstr(out_text, "two.docx: "));
}

static void an_unreadable_contract_fails_the_run_and_leaves_nothing(void **state)
{
    (void)state;
    char dir[512], missing[512], probe[600];
    snprintf(dir, sizeof dir, "%s", ck_test_path("partial/"));
    snprintf(missing, sizeof missing, "%s", ck_test_path("missing.docx"));
    assert_int_equal(check("-o", dir, contract("good.docx"), missing, NULL), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "missing.docx"));
    snprintf(probe, sizeof probe, "%sgood.txt", dir);
    assert_int_equal(access(probe, F_OK), -1);
    /* the folder this run made, empty, is gone */
    assert_int_equal(access(dir, F_OK), -1);
}

int main(void)
{
    ck_cli_use_checkout_data();
    ck_lang_set_name("en");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(help_goes_to_stdout),
        cmocka_unit_test(usage_errors_are_one_line_and_status_2),
        cmocka_unit_test(assumptions_and_explanations_are_checked_against_the_packs),
        cmocka_unit_test(a_report_names_what_it_is),
        cmocka_unit_test(several_contracts_go_into_a_folder_with_an_index),
        cmocka_unit_test(an_unreadable_contract_fails_the_run_and_leaves_nothing),
    };
    return cmocka_run_group_tests_name("cli/check", tests, NULL, NULL);
}
