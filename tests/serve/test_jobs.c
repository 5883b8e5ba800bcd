#include "support.h"

#include <signal.h>

#include "serve/serve.h"
#include "util/lang.h"

static int exits_with(void *arg)
{
    fputs("a message\n", stderr);
    return *(int *)arg;
}

static int never_ends(void *arg)
{
    (void)arg;
    for (;;)
        pause();
    return 0;
}

static int dies(void *arg)
{
    (void)arg;
    kill(getpid(), SIGKILL);
    return 0;
}

static void places_in_flight_are_bounded(void **state)
{
    ck_serve_jobs *j = ck_serve_jobs_new(2, 1);
    (void)state;
    assert_int_equal(ck_serve_jobs_admit(j), 0);
    assert_int_equal(ck_serve_jobs_admit(j), 0);
    assert_int_equal(ck_serve_jobs_admit(j), 0);
    assert_int_equal(ck_serve_jobs_admit(j), -1);
    ck_serve_jobs_leave(j);
    assert_int_equal(ck_serve_jobs_admit(j), 0);
    assert_int_equal(ck_serve_jobs_admit(j), -1);
    ck_serve_jobs_free(j);
}

static void a_job_runs_in_a_child_with_its_stderr_kept(void **state)
{
    ck_serve_jobs *j = ck_serve_jobs_new(1, 0);
    const char *err = ck_test_path("stderr.txt");
    int code = 2, status = -1;
    char text[64] = { 0 };
    FILE *f;
    (void)state;
    assert_int_equal(ck_serve_jobs_run(j, exits_with, &code, err, ck_serve_now_ms() + 10000, &status), CK_SERVE_DONE);
    assert_int_equal(status, 2);
    f = fopen(err, "r");
    assert_non_null(f);
    assert_non_null(fgets(text, sizeof text, f));
    fclose(f);
    assert_string_equal(text, "a message\n");
    code = 0;
    assert_int_equal(ck_serve_jobs_run(j, exits_with, &code, err, ck_serve_now_ms() + 10000, &status), CK_SERVE_DONE);
    assert_int_equal(status, 0);
    ck_serve_jobs_free(j);
}

static void a_job_past_its_deadline_is_stopped(void **state)
{
    ck_serve_jobs *j = ck_serve_jobs_new(1, 0);
    int status = 0;
    (void)state;
    assert_int_equal(ck_serve_jobs_run(j, never_ends, NULL, ck_test_path("e2"), ck_serve_now_ms() + 200, &status),
                     CK_SERVE_TIMED_OUT);
    /* the slot is free again */
    int code = 1;
    assert_int_equal(ck_serve_jobs_run(j, exits_with, &code, ck_test_path("e3"), ck_serve_now_ms() + 10000, &status),
                     CK_SERVE_DONE);
    assert_int_equal(status, 1);
    ck_serve_jobs_free(j);
}

static void a_crash_is_told_apart(void **state)
{
    ck_serve_jobs *j = ck_serve_jobs_new(1, 0);
    int status = 0;
    (void)state;
    assert_int_equal(ck_serve_jobs_run(j, dies, NULL, ck_test_path("e4"), ck_serve_now_ms() + 10000, &status),
                     CK_SERVE_CRASHED);
    ck_serve_jobs_free(j);
}

int main(void)
{
    ck_lang_set_name("en");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(places_in_flight_are_bounded),
        cmocka_unit_test(a_job_runs_in_a_child_with_its_stderr_kept),
        cmocka_unit_test(a_job_past_its_deadline_is_stopped),
        cmocka_unit_test(a_crash_is_told_apart),
    };
    return cmocka_run_group_tests_name("serve/jobs", tests, NULL, NULL);
}
