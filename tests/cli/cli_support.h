/* cli_support.h — running a command in the test's own process, its
 * output captured. */
#ifndef CK_TEST_CLI_SUPPORT_H
#define CK_TEST_CLI_SUPPORT_H

#include "support.h"

#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>

#include "cli/commands.h"
#include "util/lang.h"

static __attribute__((unused)) char out_text[16384], err_text[8192];

/* Runs the command run (named name) with the NULL-terminated arguments
 * after it, in this process, with stdout and stderr captured into out_text
 * and err_text; returns its exit status. The language is English again
 * after it. ck_test_path's buffer is used here: copy a path from it before
 * passing it. */
static __attribute__((unused)) int ck_cli_run(int (*run)(int, char **), const char *name, const char *first, ...)
{
    char *argv[32];
    int argc = 0, status, saved_out, saved_err;
    va_list ap;
    argv[argc++] = (char *)name;
    va_start(ap, first);
    for (const char *a = first; a && argc < 31; a = va_arg(ap, const char *))
        argv[argc++] = (char *)a;
    va_end(ap);
    argv[argc] = NULL;

    char out_path[512], err_path[512];
    snprintf(out_path, sizeof out_path, "%s", ck_test_path("stdout.txt"));
    snprintf(err_path, sizeof err_path, "%s", ck_test_path("stderr.txt"));
    fflush(stdout);
    fflush(stderr);
    saved_out = dup(STDOUT_FILENO);
    saved_err = dup(STDERR_FILENO);
    int fo = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600), fe = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fo >= 0 && fe >= 0);
    dup2(fo, STDOUT_FILENO);
    dup2(fe, STDERR_FILENO);
    close(fo);
    close(fe);
    status = run(argc, argv);
    fflush(stdout);
    fflush(stderr);
    dup2(saved_out, STDOUT_FILENO);
    dup2(saved_err, STDERR_FILENO);
    close(saved_out);
    close(saved_err);
    FILE *f = fopen(out_path, "r");
    out_text[fread(out_text, 1, sizeof out_text - 1, f)] = '\0';
    fclose(f);
    f = fopen(err_path, "r");
    err_text[fread(err_text, 1, sizeof err_text - 1, f)] = '\0';
    fclose(f);
    ck_lang_set_name("en");
    return status;
}

/* The commands find the rule packs and templates of the checkout the
 * suites run from, however deep the test binary is. */
static __attribute__((unused)) void ck_cli_use_checkout_data(void)
{
    char top[1024];
    if (getcwd(top, sizeof top))
        setenv("CLAUSEKIT_DATA", top, 1);
}

#endif
