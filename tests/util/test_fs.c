#include "support.h"

#include <sys/stat.h>

#include "util/buf.h"
#include "util/fs.h"
#include "util/lang.h"

static void write_text(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void folders_are_told_from_files(void **state)
{
    (void)state;
    char dir[512];
    snprintf(dir, sizeof dir, "%s", ck_test_path("sub"));
    assert_int_equal(mkdir(dir, 0700), 0);
    assert_true(ck_fs_is_dir(dir));
    assert_true(ck_fs_is_dir(ck_test_dir()));
    write_text(ck_test_path("plain.txt"), "x", 1);
    assert_false(ck_fs_is_dir(ck_test_path("plain.txt")));
    assert_false(ck_fs_is_dir(ck_test_path("absent")));
}

static void extensions_compare_without_case(void **state)
{
    (void)state;
    assert_true(ck_fs_has_extension("名冊.xlsx", ".xlsx"));
    assert_true(ck_fs_has_extension("dir/ROSTER.CSV", ".csv"));
    assert_false(ck_fs_has_extension("roster.xlsx", ".xls"));
    assert_false(ck_fs_has_extension("csv", ".csv"));
    /* the extension alone is no name */
    assert_false(ck_fs_has_extension(".csv", ".csv"));
}

static void a_whole_file_is_read(void **state)
{
    (void)state;
    ck_buf b = CK_BUF_INIT;
    ck_error err;
    const char text[] = "第一條\0二";
    ck_error_clear(&err);
    write_text(ck_test_path("whole.txt"), text, sizeof text - 1);
    assert_int_equal(ck_fs_read_all(ck_test_path("whole.txt"), 1024, "the file", &b, &err), 0);
    assert_int_equal(b.len, sizeof text - 1);
    assert_memory_equal(b.data, text, sizeof text - 1);
    assert_int_equal(b.data[b.len], '\0');
    ck_buf_free(&b);
}

static void an_empty_file_gives_an_empty_string(void **state)
{
    (void)state;
    ck_buf b = CK_BUF_INIT;
    ck_error err;
    ck_error_clear(&err);
    write_text(ck_test_path("empty.txt"), "", 0);
    assert_int_equal(ck_fs_read_all(ck_test_path("empty.txt"), 1024, "the file", &b, &err), 0);
    assert_non_null(b.data);
    assert_string_equal(b.data, "");
    ck_buf_free(&b);
}

static void a_file_over_the_limit_is_refused(void **state)
{
    (void)state;
    ck_buf b = CK_BUF_INIT;
    ck_error err;
    static char big[3 * 1024 * 1024];
    memset(big, 'a', sizeof big);
    ck_error_clear(&err);
    ck_lang_set_name("en");
    write_text(ck_test_path("big.txt"), big, sizeof big);
    assert_int_equal(ck_fs_read_all(ck_test_path("big.txt"), 2 * 1024 * 1024, "the template", &b, &err), CK_ELIMIT);
    assert_string_equal(err.message, "the template is larger than 2 MiB; split it");
    assert_string_equal(err.file, ck_test_path("big.txt"));
    assert_int_equal(b.len, 0);
    ck_buf_free(&b);
}

static void a_missing_file_is_an_error_naming_it(void **state)
{
    (void)state;
    ck_buf b = CK_BUF_INIT;
    ck_error err;
    ck_error_clear(&err);
    ck_lang_set_name("zh-TW");
    assert_int_equal(ck_fs_read_all(ck_test_path("absent.yaml"), 1024, "規則套件", &b, &err), CK_EIO);
    assert_non_null(strstr(err.message, "無法開啟規則套件："));
    assert_string_equal(err.file, ck_test_path("absent.yaml"));
    ck_buf_free(&b);
}

static void a_folder_cannot_be_read(void **state)
{
    (void)state;
    ck_buf b = CK_BUF_INIT;
    ck_error err;
    ck_error_clear(&err);
    ck_lang_set_name("en");
    /* fopen succeeds on a folder; the read fails with EISDIR */
    assert_int_equal(ck_fs_read_all(ck_test_dir(), 1024, "the file", &b, &err), CK_EIO);
    assert_non_null(strstr(err.message, "cannot read the file: "));
    assert_int_equal(b.len, 0);
    ck_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(folders_are_told_from_files),
        cmocka_unit_test(extensions_compare_without_case),
        cmocka_unit_test(a_whole_file_is_read),
        cmocka_unit_test(an_empty_file_gives_an_empty_string),
        cmocka_unit_test(a_file_over_the_limit_is_refused),
        cmocka_unit_test(a_missing_file_is_an_error_naming_it),
        cmocka_unit_test(a_folder_cannot_be_read),
    };
    return cmocka_run_group_tests_name("util/fs", tests, NULL, NULL);
}
