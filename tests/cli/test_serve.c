/* `clausekit serve`'s command line (cli/serve.c), run in this process: its
 * options and --hash-password; the server itself is tests/serve's and
 * tests/e2e/serve.sh's. */
#include "cli/cli_support.h"

#include "serve/serve.h"

#define serve(...) ck_cli_run(ck_cmd_serve, "serve", __VA_ARGS__)

static void help_goes_to_stdout(void **state)
{
    (void)state;
    assert_int_equal(serve("--help", NULL), CK_EXIT_OK);
    assert_non_null(strstr(out_text, "usage: clausekit serve"));
    assert_string_equal(err_text, "");
}

static void options_out_of_range_are_refused(void **state)
{
    (void)state;
    assert_int_equal(serve("--jobs", "0", NULL), CK_EXIT_ERROR);
    assert_string_equal(err_text, "clausekit: --jobs must be a number from 1 to 64 (see clausekit serve --help)\n");
    assert_int_equal(serve("--queue", "1001", NULL), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "--queue must be a number from 0 to 1000"));
    assert_int_equal(serve("--timeout", "soon", NULL), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "--timeout must be 1 to 3600 seconds"));
    assert_int_equal(serve("--max-upload", "lots", NULL), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "--max-upload lots: give a size such as 50M"));
    assert_int_equal(serve("--auth", "users", "--no-auth", NULL), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "use either --auth or --no-auth, not both"));
    assert_int_equal(serve("--listen", NULL), CK_EXIT_ERROR);
    assert_string_equal(err_text, "clausekit: option '--listen' needs a value (see clausekit serve --help)\n");
    assert_int_equal(serve("--lang", "fr", NULL), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "unknown language 'fr'"));
    assert_string_equal(out_text, "");
}

/* Runs serve --hash-password with stdin from text. */
static int hash_from(const char *text)
{
    char path[512];
    int saved = dup(STDIN_FILENO), status;
    snprintf(path, sizeof path, "%s", ck_test_file("password.txt", text, strlen(text)));
    FILE *in = freopen(path, "r", stdin);
    assert_non_null(in);
    status = serve("--hash-password", NULL);
    dup2(saved, STDIN_FILENO);
    close(saved);
    clearerr(stdin);
    return status;
}

static void a_password_on_stdin_gives_a_hash_that_checks(void **state)
{
    (void)state;
    char line[sizeof out_text + 16], message[600];
    ck_serve_auth *auth = NULL;
    assert_int_equal(hash_from("s3cret-密碼\n"), CK_EXIT_OK);
    assert_true(out_text[0] == '$');
    snprintf(line, sizeof line, "clerk:%s", out_text);
    const char *path = ck_test_file("users", line, strlen(line));
    assert_int_equal(ck_serve_auth_load(path, &auth, message, sizeof message), 0);
    assert_true(ck_serve_auth_check(auth, "clerk", "s3cret-密碼"));
    assert_false(ck_serve_auth_check(auth, "clerk", "s3cret"));
    ck_serve_auth_free(auth);

    assert_int_equal(hash_from("\n"), CK_EXIT_ERROR);
    assert_non_null(strstr(err_text, "give a password on stdin"));
}

int main(void)
{
    ck_lang_set_name("en");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(help_goes_to_stdout),
        cmocka_unit_test(options_out_of_range_are_refused),
        cmocka_unit_test(a_password_on_stdin_gives_a_hash_that_checks),
    };
    return cmocka_run_group_tests_name("cli/serve", tests, NULL, NULL);
}
