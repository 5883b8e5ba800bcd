#include "support.h"

#include <sys/wait.h>

#include "util/paths.h"

/* ck_data_dir is computed once a process: each case runs in a child and
 * sends back what it found. */
static void data_dir_in_child(const char *env, char *out, size_t size)
{
    int fds[2];
    pid_t pid;
    int status;
    ssize_t n;

    assert_int_equal(pipe(fds), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        const char *dir;
        close(fds[0]);
        if (env)
            setenv("CLAUSEKIT_DATA", env, 1);
        else
            unsetenv("CLAUSEKIT_DATA");
        dir = ck_data_dir();
        if (write(fds[1], dir, strlen(dir)) < 0)
            _exit(2);
        _exit(0);
    }
    close(fds[1]);
    n = read(fds[0], out, size - 1);
    close(fds[0]);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_true(n > 0);
    out[n] = '\0';
}

static void the_environment_names_the_folder_first(void **state)
{
    (void)state;
    char dir[1024];
    data_dir_in_child("/opt/clausekit-data", dir, sizeof dir);
    assert_string_equal(dir, "/opt/clausekit-data");
}

/* A binary in a build tree finds the checkout it was built in, searching
 * up to four folders up (build/clausekit, build/asan/clausekit); a deeper
 * one gets the compile-time folder. The test runs from the checkout. */
static void a_build_tree_finds_its_checkout(void **state)
{
    (void)state;
    char dir[1024], exe[1024], top[1024];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    int depth = 0;
    assert_true(n > 0);
    exe[n] = '\0';
    assert_non_null(getcwd(top, sizeof top));
    assert_memory_equal(exe, top, strlen(top));
    for (const char *p = exe + strlen(top) + 1; *p; p++)
        depth += *p == '/';
    data_dir_in_child(NULL, dir, sizeof dir);
    /* build/tests/util/test_paths: three folders down */
    assert_string_equal(dir, depth <= 3 ? top : CK_DATADIR);
}

static void paths_are_made_under_the_folder(void **state)
{
    (void)state;
    setenv("CLAUSEKIT_DATA", "/srv/ck", 1);
    char *p = ck_data_path("rules/language.yaml");
    assert_string_equal(p, "/srv/ck/rules/language.yaml");
    assert_string_equal(ck_data_dir(), "/srv/ck");
    free(p);
    /* computed once: a later change of the environment is not seen */
    setenv("CLAUSEKIT_DATA", "/elsewhere", 1);
    assert_string_equal(ck_data_dir(), "/srv/ck");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_environment_names_the_folder_first),
        cmocka_unit_test(a_build_tree_finds_its_checkout),
        cmocka_unit_test(paths_are_made_under_the_folder),
    };
    return cmocka_run_group_tests_name("util/paths", tests, NULL, NULL);
}
