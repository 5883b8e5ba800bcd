#include "support.h"

#include <sys/stat.h>

#include "util/file.h"
#include "util/lang.h"

static int only_entry_is(const char *name)
{
    char cmd[700];
    snprintf(cmd, sizeof cmd, "test \"$(ls -A '%s')\" = '%s'", ck_test_dir(), name);
    return system(cmd) == 0;
}

static void writes_whole_files_and_leaves_no_temporaries(void **state)
{
    (void)state;
    char path[512];
    ck_error err;
    snprintf(path, sizeof path, "%s", ck_test_path("report.html"));
    ck_error_clear(&err);
    assert_int_equal(ck_file_write(path, "<p>一</p>", strlen("<p>一</p>"), &err), 0);
    assert_int_equal(ck_file_write(path, "<p>二</p>", strlen("<p>二</p>"), &err), 0);
    FILE *f = fopen(path, "rb");
    char buf[64] = { 0 };
    assert_non_null(f);
    assert_int_equal(fread(buf, 1, sizeof buf, f), strlen("<p>二</p>"));
    fclose(f);
    assert_string_equal(buf, "<p>二</p>");
    assert_true(only_entry_is("report.html"));
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_not_equal(st.st_mode & 0044, 0); /* readable by others, like any new file */
}

static void devices_are_written_into_never_replaced(void **state)
{
    (void)state;
    ck_error err;
    struct stat st;
    ck_error_clear(&err);
    assert_int_equal(ck_file_write("/dev/null", "data", 4, &err), 0);
    assert_int_equal(stat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));

    /* A FIFO too: its reader gets the bytes. */
    char fifo[512];
    snprintf(fifo, sizeof fifo, "%s", ck_test_path("pipe"));
    assert_int_equal(mkfifo(fifo, 0600), 0);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "cat '%s' > '%s.got' &", fifo, fifo);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(ck_file_write(fifo, "甲乙", strlen("甲乙"), &err), 0);
    snprintf(cmd, sizeof cmd, "sleep 0.2; test \"$(cat '%s.got')\" = 甲乙", fifo);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(stat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
}

static void a_missing_folder_is_named(void **state)
{
    (void)state;
    ck_error err;
    char path[512];
    snprintf(path, sizeof path, "%s/no/such/out.docx", ck_test_dir());
    ck_error_clear(&err);
    assert_int_equal(ck_file_write(path, "x", 1, &err), CK_EIO);
    assert_string_equal(err.file, path);
    assert_non_null(strstr(err.message, "check that the folder exists"));
    ck_error_clear(&err);
    assert_int_equal(ck_file_write(ck_test_dir(), "x", 1, &err), CK_EIO);
}

static void an_aborted_output_leaves_the_old_file(void **state)
{
    (void)state;
    char path[512];
    ck_error err;
    ck_file_out out;
    snprintf(path, sizeof path, "%s", ck_test_path("keep.txt"));
    ck_error_clear(&err);
    assert_int_equal(ck_file_write(path, "old", 3, &err), 0);
    assert_int_equal(ck_file_out_open(&out, path, &err), 0);
    assert_int_equal(ck_file_out_write(&out, "new", 3, &err), 0);
    ck_file_remove_temporaries();
    ck_file_out_abort(&out);
    FILE *f = fopen(path, "rb");
    char buf[8] = { 0 };
    assert_int_equal(fread(buf, 1, sizeof buf, f), 3);
    fclose(f);
    assert_string_equal(buf, "old");
}

int main(void)
{
    ck_lang_set_name("en");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(writes_whole_files_and_leaves_no_temporaries),
        cmocka_unit_test(devices_are_written_into_never_replaced),
        cmocka_unit_test(a_missing_folder_is_named),
        cmocka_unit_test(an_aborted_output_leaves_the_old_file),
    };
    return cmocka_run_group_tests_name("util/file", tests, NULL, NULL);
}
