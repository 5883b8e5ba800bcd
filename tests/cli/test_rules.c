/* `clausekit rules` (cli/rules.c), run in this process. */
#include "cli/cli_support.h"

#define rules(...) ck_cli_run(ck_cmd_rules, "rules", __VA_ARGS__)

static void list_names_every_rule_of_the_default_packs(void **state)
{
    (void)state;
    assert_int_equal(rules("list", NULL), CK_EXIT_OK);
    assert_non_null(strstr(out_text, "3.4.1.3"));
    assert_non_null(strstr(out_text, "[wratb-outsourcing]"));
    assert_non_null(strstr(out_text, "[personal-data]"));
}

static void show_gives_one_rule_whole(void **state)
{
    (void)state;
    assert_int_equal(rules("show", "3.4.1.3", NULL), CK_EXIT_OK);
    assert_non_null(strstr(out_text, "3.4.1.3  稽核權 (Right to audit the vendor)"));
    assert_non_null(strstr(out_text, "severity: required"));
    assert_int_equal(rules("show", "9.9.9", NULL), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "9.9.9"));
}

static void lint_lists_every_problem_with_its_place(void **state)
{
    (void)state;
    const char yaml[] = "pack:\n  id: t\n  sevrity: x\n";
    const char *path = ck_test_file("bad.yaml", yaml, sizeof yaml - 1);
    assert_int_equal(rules("lint", path, NULL), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "bad.yaml:3:3: unknown key 'sevrity'"));
    assert_non_null(strstr(err_text, "bad.yaml:2:3: pack: missing required key 'version'"));
    assert_int_equal(rules("lint", "rules/wratb-outsourcing.yaml", NULL), CK_EXIT_OK);
}

static void bad_use_is_one_line_and_status_2(void **state)
{
    (void)state;
    assert_int_equal(rules("list", "--format", "xml", NULL), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "unknown format 'xml': use text or json"));
    assert_int_equal(rules("--lang", "fr", "list", NULL), CK_EXIT_ERROR);
    assert_string_equal(err_text, "clausekit: unknown language 'fr': use zh-TW or en (see clausekit rules --help)\n");
    assert_int_equal(rules("--bogus", NULL), CK_EXIT_ERROR);
    assert_string_equal(err_text, "clausekit: unknown option '--bogus' (see clausekit rules --help)\n");
}

int main(void)
{
    ck_cli_use_checkout_data();
    ck_lang_set_name("en");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(list_names_every_rule_of_the_default_packs),
        cmocka_unit_test(show_gives_one_rule_whole),
        cmocka_unit_test(lint_lists_every_problem_with_its_place),
        cmocka_unit_test(bad_use_is_one_line_and_status_2),
    };
    return cmocka_run_group_tests_name("cli/rules", tests, NULL, NULL);
}
