#include "support.h"

#include <fcntl.h>

#include "cli/commands.h"
#include "util/lang.h"

/* Runs f with stderr going into a file; returns what it wrote (static). */
static const char *stderr_of(int (*f)(void), int *status)
{
    static char text[1024];
    const char *path = ck_test_path("stderr.txt");
    int saved = dup(STDERR_FILENO), fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(saved >= 0 && fd >= 0);
    fflush(stderr);
    dup2(fd, STDERR_FILENO);
    close(fd);
    *status = f();
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    FILE *in = fopen(path, "r");
    size_t n = fread(text, 1, sizeof text - 1, in);
    fclose(in);
    text[n] = '\0';
    return text;
}

static int unknown_language(void)
{
    return ck_cli_set_lang("check", "fr");
}

static int known_language(void)
{
    return ck_cli_set_lang("check", "en");
}

static int missing_value(void)
{
    return ck_cli_option_error("extract", ':', "-f");
}

static int unknown_option(void)
{
    return ck_cli_option_error(NULL, '?', "--bogus");
}

static void languages_are_set_or_refused_in_one_line(void **state)
{
    (void)state;
    int status;
    ck_lang_set_name("en");
    assert_string_equal(stderr_of(unknown_language, &status),
                        "clausekit: unknown language 'fr': use zh-TW or en (see clausekit check --help)\n");
    assert_int_equal(status, CK_EXIT_ERROR);
    assert_int_equal(ck_lang_current(), CK_LANG_EN);
    ck_lang_set_name("zh-TW");
    assert_string_equal(stderr_of(known_language, &status), "");
    assert_int_equal(status, CK_EXIT_OK);
    assert_int_equal(ck_lang_current(), CK_LANG_EN);
}

static void option_errors_say_which_and_where_to_look(void **state)
{
    (void)state;
    int status;
    ck_lang_set_name("en");
    assert_string_equal(stderr_of(missing_value, &status),
                        "clausekit: option '-f' needs a value (see clausekit extract --help)\n");
    assert_int_equal(status, CK_EXIT_ERROR);
    assert_string_equal(stderr_of(unknown_option, &status), "clausekit: unknown option '--bogus' (see clausekit --help)\n");
    ck_lang_set_name("zh-TW");
    assert_string_equal(stderr_of(unknown_option, &status), "clausekit: 不明的選項「--bogus」（請執行 clausekit --help）\n");
}

static void every_command_is_in_the_table(void **state)
{
    (void)state;
    const char *const names[] = { "check", "extract", "rules", "forms", "serve" };
    size_t count = 0;
    for (const ck_command *c = ck_commands; c->name; c++, count++) {
        assert_string_equal(c->name, names[count]);
        assert_non_null(c->run);
        assert_non_null(c->summary_zh);
        assert_non_null(c->summary_en);
    }
    assert_int_equal(count, 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(languages_are_set_or_refused_in_one_line),
        cmocka_unit_test(option_errors_say_which_and_where_to_look),
        cmocka_unit_test(every_command_is_in_the_table),
    };
    return cmocka_run_group_tests_name("cli/commands", tests, NULL, NULL);
}
