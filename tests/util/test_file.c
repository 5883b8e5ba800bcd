#include "support.h"

#include <sys/stat.h>
#include <sys/wait.h>

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

static int no_temporaries(void)
{
    char cmd[700];
    snprintf(cmd, sizeof cmd, "! ls -A '%s' | grep -q 'ck-'", ck_test_dir());
    return system(cmd) == 0;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void expect_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "rb");
    char buf[64] = { 0 };
    assert_non_null(f);
    assert_true(fread(buf, 1, sizeof buf - 1, f) <= strlen(text));
    fclose(f);
    assert_string_equal(buf, text);
}

static void a_new_file_never_replaces_one_that_appeared(void **state)
{
    (void)state;
    char path[512];
    ck_error err;
    ck_file_out out;
    snprintf(path, sizeof path, "%s", ck_test_path("race.txt"));
    ck_error_clear(&err);
    assert_int_equal(ck_file_out_open_policy(&out, path, CK_FILE_NEW, &err), 0);
    assert_int_equal(ck_file_out_write(&out, "mine", 4, &err), 0);
    write_text(path, "theirs"); /* another run was quicker */
    assert_int_equal(ck_file_out_commit(&out, &err), CK_EIO);
    assert_non_null(strstr(err.message, "the file exists"));
    expect_text(path, "theirs");
    assert_true(no_temporaries());
    unlink(path);
}

static void replacing_keeps_the_mode(void **state)
{
    (void)state;
    char path[512];
    ck_error err;
    struct stat st;
    snprintf(path, sizeof path, "%s", ck_test_path("private.txt"));
    write_text(path, "old");
    assert_int_equal(chmod(path, 0600), 0);
    ck_error_clear(&err);
    assert_int_equal(ck_file_write(path, "new", 3, &err), 0);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    expect_text(path, "new");
    unlink(path);
}

static void a_batch_places_all_or_none(void **state)
{
    (void)state;
    char a[512], b[512];
    ck_error err;
    ck_file_batch batch;
    const char *sa, *sb;

    snprintf(a, sizeof a, "%s", ck_test_path("a.txt"));
    snprintf(b, sizeof b, "%s", ck_test_path("b.txt"));
    /* b exists: a new-only batch places neither */
    write_text(b, "b-old");
    ck_error_clear(&err);
    ck_file_batch_init(&batch, CK_FILE_NEW);
    sa = ck_file_batch_stage(&batch, a, &err);
    sb = ck_file_batch_stage(&batch, b, &err);
    assert_non_null(sa);
    assert_non_null(sb);
    assert_non_null(strstr(sa, ".a.txt.ck-"));
    assert_int_equal(strcmp(sa + strlen(sa) - 4, ".txt"), 0);
    write_text(sa, "a-new");
    write_text(sb, "b-new");
    assert_int_equal(ck_file_batch_commit(&batch, &err), CK_EIO);
    assert_string_equal(err.file, b);
    ck_file_batch_free(&batch);
    assert_int_equal(access(a, F_OK), -1);
    expect_text(b, "b-old");
    assert_true(no_temporaries());

    /* replacing: a replaced file keeps its mode; both appear */
    assert_int_equal(chmod(b, 0600), 0);
    ck_error_clear(&err);
    ck_file_batch_init(&batch, CK_FILE_REPLACE);
    write_text(ck_file_batch_stage(&batch, a, &err), "a-new");
    write_text(ck_file_batch_stage(&batch, b, &err), "b-new");
    assert_int_equal(ck_file_batch_commit(&batch, &err), 0);
    ck_file_batch_free(&batch);
    expect_text(a, "a-new");
    expect_text(b, "b-new");
    struct stat st;
    assert_int_equal(stat(b, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);

    /* replacing, and the last cannot be placed (a folder has its name):
     * the files replaced before it come back */
    char dir[512];
    snprintf(dir, sizeof dir, "%s", ck_test_path("c.txt"));
    assert_int_equal(mkdir(dir, 0777), 0);
    ck_error_clear(&err);
    ck_file_batch_init(&batch, CK_FILE_REPLACE);
    write_text(ck_file_batch_stage(&batch, a, &err), "a-newer");
    write_text(ck_file_batch_stage(&batch, b, &err), "b-newer");
    write_text(ck_file_batch_stage(&batch, dir, &err), "c");
    assert_int_equal(ck_file_batch_commit(&batch, &err), CK_EIO);
    ck_file_batch_free(&batch);
    expect_text(a, "a-new");
    expect_text(b, "b-new");
    rmdir(dir);
    unlink(a);
    unlink(b);
    assert_true(no_temporaries());
}

static void a_batch_writes_into_a_device(void **state)
{
    (void)state;
    ck_error err;
    ck_file_batch batch;
    char staged[512];
    struct stat st;

    snprintf(staged, sizeof staged, "%s/.null.ck-%ld-AbCdEf", ck_test_dir(), (long)getpid());
    write_text(staged, "report");
    ck_error_clear(&err);
    ck_file_batch_init(&batch, CK_FILE_REPLACE);
    ck_file_batch_add(&batch, staged, "/dev/null");
    assert_int_equal(ck_file_batch_commit(&batch, &err), 0);
    ck_file_batch_free(&batch);
    assert_int_equal(stat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    assert_int_equal(access(staged, F_OK), -1);
}

static void the_sweep_takes_only_what_dead_runs_left(void **state)
{
    (void)state;
    char dead_file[512], dead_dir[512], inner[600], live[512], other[512];
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    assert_true(child > 0);
    waitpid(child, NULL, 0);
    snprintf(dead_file, sizeof dead_file, "%s/.x.docx.ck-%ld-AbCdEf", ck_test_dir(), (long)child);
    snprintf(dead_dir, sizeof dead_dir, "%s/.out.ck-%ld-GhIjKl", ck_test_dir(), (long)child);
    snprintf(inner, sizeof inner, "%s/4-016-甲.docx", dead_dir);
    snprintf(live, sizeof live, "%s/.y.docx.ck-%ld-MnOpQr", ck_test_dir(), (long)getpid());
    snprintf(other, sizeof other, "%s/.hidden.ck-notours", ck_test_dir());
    write_text(dead_file, "");
    assert_int_equal(mkdir(dead_dir, 0777), 0);
    write_text(inner, "x");
    write_text(live, "");
    write_text(other, "");
    ck_file_sweep(ck_test_dir());
    assert_int_equal(access(dead_file, F_OK), -1);
    assert_int_equal(access(dead_dir, F_OK), -1);
    assert_int_equal(access(live, F_OK), 0);
    assert_int_equal(access(other, F_OK), 0);
    unlink(live);
    unlink(other);
}

/* One registry lists every temporary: an output's temporary file, a staged
 * output, and what a caller lists itself (files, a folder); removing them
 * takes files first, then the folder, and leaves placed outputs alone. */
static void the_registry_removes_every_temporary(void **state)
{
    char dir[512], a[600], b[600], out_path[600], target[600];
    char *files[2] = { a, b };
    ck_file_temp folder = { 0 }, staged = { 0 };
    ck_file_batch batch;
    ck_file_out out;
    ck_error err;
    const char *stage;
    struct stat st;
    (void)state;

    snprintf(dir, sizeof dir, "%s/reg", ck_test_dir());
    assert_int_equal(mkdir(dir, 0777), 0);
    snprintf(a, sizeof a, "%s/a.txt", dir);
    snprintf(b, sizeof b, "%s/b.txt", dir);
    folder.path = dir;
    folder.is_dir = 1;
    ck_file_temp_list(&folder);
    assert_int_equal(ck_file_write(a, "a", 1, &err), 0);
    assert_int_equal(ck_file_write(b, "b", 1, &err), 0);
    staged.paths = files;
    staged.count = 2;
    ck_file_temp_list(&staged);
    snprintf(out_path, sizeof out_path, "%s", ck_test_path("reg-out.txt"));
    ck_error_clear(&err);
    assert_int_equal(ck_file_out_open(&out, out_path, &err), 0);
    assert_int_equal(stat(out.tmp_path, &st), 0);
    snprintf(target, sizeof target, "%s", ck_test_path("reg-batch.txt"));
    ck_file_batch_init(&batch, CK_FILE_NEW);
    stage = ck_file_batch_stage(&batch, target, &err);
    assert_non_null(stage);
    assert_int_equal(stat(stage, &st), 0);

    ck_file_remove_temporaries();
    assert_int_not_equal(stat(a, &st), 0);
    assert_int_not_equal(stat(b, &st), 0);
    assert_int_not_equal(stat(dir, &st), 0); /* empty once its files went */
    assert_int_not_equal(stat(out.tmp_path, &st), 0);
    assert_int_not_equal(stat(stage, &st), 0);

    ck_file_out_abort(&out);
    ck_file_batch_free(&batch);
    ck_file_temp_unlist(&staged);
    ck_file_temp_unlist(&folder);
    ck_file_temp_unlist(&folder); /* twice: nothing */
    assert_true(no_temporaries());
}

/* A committed output is off the list: removing temporaries keeps it. */
static void a_committed_output_is_no_temporary(void **state)
{
    char path[600];
    ck_file_out out;
    ck_error err;
    struct stat st;
    (void)state;

    snprintf(path, sizeof path, "%s", ck_test_path("reg-kept.txt"));
    ck_error_clear(&err);
    assert_int_equal(ck_file_out_open(&out, path, &err), 0);
    assert_int_equal(ck_file_out_write(&out, "x", 1, &err), 0);
    assert_int_equal(ck_file_out_commit(&out, &err), 0);
    ck_file_remove_temporaries();
    assert_int_equal(stat(path, &st), 0);
}

int main(void)
{
    ck_lang_set_name("en");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(writes_whole_files_and_leaves_no_temporaries),
        cmocka_unit_test(devices_are_written_into_never_replaced),
        cmocka_unit_test(a_missing_folder_is_named),
        cmocka_unit_test(an_aborted_output_leaves_the_old_file),
        cmocka_unit_test(a_new_file_never_replaces_one_that_appeared),
        cmocka_unit_test(replacing_keeps_the_mode),
        cmocka_unit_test(a_batch_places_all_or_none),
        cmocka_unit_test(a_batch_writes_into_a_device),
        cmocka_unit_test(the_sweep_takes_only_what_dead_runs_left),
        cmocka_unit_test(the_registry_removes_every_temporary),
        cmocka_unit_test(a_committed_output_is_no_temporary),
    };
    return cmocka_run_group_tests_name("util/file", tests, NULL, NULL);
}
