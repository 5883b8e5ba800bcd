/* `clausekit extract` (cli/extract.c), run in this process. */
#include "cli/cli_support.h"
#include "reader/docx_support.h"

#define extract(...) ck_cli_run(ck_cmd_extract, "extract", __VA_ARGS__)

static const char *contract(void)
{
    static const docx_spec spec = {
        .body = "<w:p><w:r><w:t>第一條 契約標的</w:t></w:r></w:p>"
                "<w:p><w:r><w:t>乙方應依本契約提供資訊服務。</w:t></w:r></w:p>"
                "<w:p><w:r><w:t>第二條 保密</w:t></w:r></w:p>"
                "<w:p><w:r><w:t>乙方應負保密義務。</w:t></w:r></w:p>",
    };
    static char path[512];
    if (!path[0])
        snprintf(path, sizeof path, "%s", docx_build("extract.docx", &spec));
    return path;
}

static void blocks_are_listed_one_a_line_with_their_place(void **state)
{
    (void)state;
    assert_int_equal(extract(contract(), NULL), CK_EXIT_OK);
    assert_non_null(strstr(out_text, "乙方應依本契約提供資訊服務。"));
    assert_non_null(strstr(out_text, "[第一條"));
    assert_non_null(strstr(out_text, "[第二條"));
    assert_string_equal(err_text, "");
}

static void at_picks_the_blocks_of_one_place(void **state)
{
    (void)state;
    assert_int_equal(extract("--at", "第2條", contract(), NULL), CK_EXIT_OK);
    assert_non_null(strstr(out_text, "乙方應負保密義務。"));
    assert_null(strstr(out_text, "提供資訊服務"));
}

static void json_is_for_programs(void **state)
{
    (void)state;
    assert_int_equal(extract("--format", "json", contract(), NULL), CK_EXIT_OK);
    assert_non_null(strstr(out_text, "\"text\":\"乙方應依本契約提供資訊服務。\""));
}

static void bad_use_is_one_line_and_status_2(void **state)
{
    (void)state;
    assert_int_equal(extract(NULL), CK_EXIT_ERROR);
    assert_string_equal(err_text, "clausekit: name a contract file to read (see clausekit extract --help)\n");
    assert_int_equal(extract("--format", "xml", contract(), NULL), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "unknown format 'xml': use text or json"));
    assert_int_equal(extract("--format", NULL), CK_EXIT_ERROR);
    assert_string_equal(err_text, "clausekit: option '--format' needs a value (see clausekit extract --help)\n");
    char absent[512];
    snprintf(absent, sizeof absent, "%s", ck_test_path("absent.docx"));
    assert_int_equal(extract(absent, NULL), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "absent.docx"));
    assert_string_equal(out_text, "");
}

int main(void)
{
    ck_lang_set_name("en");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(blocks_are_listed_one_a_line_with_their_place),
        cmocka_unit_test(at_picks_the_blocks_of_one_place),
        cmocka_unit_test(json_is_for_programs),
        cmocka_unit_test(bad_use_is_one_line_and_status_2),
    };
    return cmocka_run_group_tests_name("cli/extract", tests, NULL, NULL);
}
