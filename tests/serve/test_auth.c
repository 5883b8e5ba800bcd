#include "support.h"

#include "serve/serve.h"
#include "util/lang.h"

static void a_hashed_password_is_accepted_and_others_are_not(void **state)
{
    char hash[256], line[400], message[600];
    ck_serve_auth *auth = NULL;
    (void)state;
    assert_int_equal(ck_serve_hash_password("correct horse", hash, sizeof hash), 0);
    assert_true(hash[0] == '$');
    snprintf(line, sizeof line, "# clerks\n\nclerk:%s\n", hash);
    assert_int_equal(ck_serve_auth_load(ck_test_file("users", line, strlen(line)), &auth, message, sizeof message), 0);
    assert_true(ck_serve_auth_check(auth, "clerk", "correct horse"));
    assert_false(ck_serve_auth_check(auth, "clerk", "correct horse "));
    assert_false(ck_serve_auth_check(auth, "other", "correct horse"));
    assert_false(ck_serve_auth_check(auth, NULL, NULL));
    ck_serve_auth_free(auth);
}

static void two_hashes_of_one_password_differ(void **state)
{
    char a[256], b[256];
    (void)state;
    assert_int_equal(ck_serve_hash_password("pw", a, sizeof a), 0);
    assert_int_equal(ck_serve_hash_password("pw", b, sizeof b), 0);
    assert_string_not_equal(a, b);
}

static void a_bad_line_is_named(void **state)
{
    ck_serve_auth *auth = NULL;
    char message[600];
    (void)state;
    const char *text = "clerk:$y$abc\nplainpassword\n";
    const char *path = ck_test_file("bad-users", text, strlen(text));
    assert_int_equal(ck_serve_auth_load(path, &auth, message, sizeof message), -1);
    assert_null(auth);
    assert_non_null(strstr(message, "bad-users:2:"));
    path = ck_test_file("no-users", "# nobody\n", 9);
    assert_int_equal(ck_serve_auth_load(path, &auth, message, sizeof message), -1);
    assert_non_null(strstr(message, "no users"));
    assert_int_equal(ck_serve_auth_load(ck_test_path("missing"), &auth, message, sizeof message), -1);
    assert_non_null(strstr(message, "missing"));
}

int main(void)
{
    ck_lang_set_name("en");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_hashed_password_is_accepted_and_others_are_not),
        cmocka_unit_test(two_hashes_of_one_password_differ),
        cmocka_unit_test(a_bad_line_is_named),
    };
    return cmocka_run_group_tests_name("serve/auth", tests, NULL, NULL);
}
