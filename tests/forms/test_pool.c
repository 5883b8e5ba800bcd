#include "support.h"

#include <sys/stat.h>
#include <unistd.h>

#include "forms/pool.h"
#include "util/lang.h"

/* Each task writes "<dir>/<i>.txt" holding its number; task fail_at fails. */
typedef struct pool_test {
    const char *dir;
    size_t fail_at;
    size_t last_done, calls;
    pid_t parent;
} pool_test;

static int write_number(void *ctx, size_t i, ck_error *err)
{
    pool_test *pt = ctx;
    char path[600];
    FILE *f;

    if (i == pt->fail_at)
        return ck_error_set(err, CK_EIO, "task %zu fails on purpose", i);
    snprintf(path, sizeof path, "%s/%zu.txt", pt->dir, i);
    f = fopen(path, "w");
    if (!f)
        return ck_error_set(err, CK_EIO, "cannot write %s", path);
    fprintf(f, "%zu %d", i, getpid() != pt->parent);
    fclose(f);
    return 0;
}

static void count_done(void *ctx, size_t done, size_t total)
{
    pool_test *pt = ctx;
    assert_true(done == pt->last_done + 1);
    assert_true(done <= total);
    pt->last_done = done;
    pt->calls++;
}

static void test_pool_runs_every_task_in_workers(void **state)
{
    pool_test pt = { ck_test_path("all"), (size_t)-1, 0, 0, getpid() };
    ck_error err;
    (void)state;

    assert_int_equal(mkdir(pt.dir, 0777), 0);
    ck_error_clear(&err);
    assert_int_equal(ck_forms_pool_run(40, 3, write_number, count_done, &pt, &err), 0);
    assert_int_equal(pt.calls, 40);
    assert_false(ck_forms_pool_in_worker());
    for (size_t i = 0; i < 40; i++) {
        char path[600], text[64] = "";
        FILE *f;
        size_t n;
        unsigned long got;
        int in_worker;
        snprintf(path, sizeof path, "%s/%zu.txt", pt.dir, i);
        f = fopen(path, "r");
        assert_non_null(f);
        n = fread(text, 1, sizeof text - 1, f);
        fclose(f);
        text[n] = '\0';
        assert_int_equal(sscanf(text, "%lu %d", &got, &in_worker), 2);
        assert_int_equal(got, i);
        assert_int_equal(in_worker, 1); /* written by a worker, not the parent */
    }
}

static void test_pool_failing_task_stops_run(void **state)
{
    pool_test pt = { ck_test_path("fail"), 5, 0, 0, getpid() };
    ck_error err;
    (void)state;

    assert_int_equal(mkdir(pt.dir, 0777), 0);
    ck_error_clear(&err);
    assert_int_equal(ck_forms_pool_run(40, 2, write_number, count_done, &pt, &err), CK_EIO);
    assert_true(pt.calls < 40);
    /* the worker's error comes back to the parent, which prints nothing */
    assert_int_equal(err.code, CK_EIO);
    assert_string_equal(err.message, "task 5 fails on purpose");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pool_runs_every_task_in_workers),
        cmocka_unit_test(test_pool_failing_task_stops_run),
    };
    ck_lang_set_name("en");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
