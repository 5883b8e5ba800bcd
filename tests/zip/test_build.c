/* zip/build: archives written directly, read back through container.h and
 * checked by unzip where it is installed. */
#include "support.h"

#include "util/buf.h"
#include "zip/build.h"
#include "zip/container.h"

static const char *save(const char *name, const ck_buf *b)
{
    const char *path = ck_test_path(name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b->data, 1, b->len, f), b->len);
    fclose(f);
    return path;
}

static void entries_read_back(void **state)
{
    ck_buf out = CK_BUF_INIT, big = CK_BUF_INIT;
    ck_zip_build zip;
    ck_zip_entry shared;
    ck_zip *z = NULL;
    ck_error err;
    char *data = NULL, path[600];
    size_t len = 0;
    (void)state;

    for (int i = 0; i < 2000; i++)
        ck_buf_printf(&big, "<w:p>第 %d 段</w:p>", i);
    ck_error_clear(&err);
    assert_int_equal(ck_zip_entry_make(&shared, big.data, big.len, 0, &err), 0);
    assert_true(shared.deflated);
    assert_true(shared.data_len < big.len / 4);
    ck_zip_build_init(&zip, ck_zip_sink_buf, &out);
    assert_int_equal(ck_zip_build_add_data(&zip, "mimetype", "text/plain", 10, 1, &err), 0);
    assert_int_equal(ck_zip_build_add(&zip, "word/styles.xml", &shared, &err), 0);
    assert_int_equal(ck_zip_build_add_data(&zip, "empty", "", 0, 0, &err), 0);
    assert_int_equal(ck_zip_build_add_data(&zip, "資料/名冊.txt", "王小明", strlen("王小明"), 0, &err), 0);
    assert_int_equal(ck_zip_build_finish(&zip, &err), 0);
    ck_zip_build_free(&zip);
    snprintf(path, sizeof path, "%s", save("built.zip", &out));

    assert_int_equal(ck_zip_open(&z, path, NULL, &err), 0);
    assert_int_equal(ck_zip_count(z), 4);
    assert_string_equal(ck_zip_name(z, 0), "mimetype");
    assert_string_equal(ck_zip_name(z, 3), "資料/名冊.txt");
    assert_int_equal(ck_zip_read(z, "word/styles.xml", 0, &data, &len, &err), 0);
    assert_int_equal(len, big.len);
    assert_memory_equal(data, big.data, len);
    free(data);
    assert_int_equal(ck_zip_read(z, "empty", 0, &data, &len, &err), 0);
    assert_int_equal(len, 0);
    free(data);
    assert_int_equal(ck_zip_read(z, "資料/名冊.txt", 0, &data, &len, &err), 0);
    assert_string_equal(data, "王小明");
    free(data);
    ck_zip_close(z);
    /* the stored entry is stored: ODF's mimetype is read as plain bytes */
    assert_memory_equal(out.data + 30 + 8, "text/plain", 10);
    if (system("command -v unzip >/dev/null 2>&1") == 0) {
        char cmd[700];
        snprintf(cmd, sizeof cmd, "unzip -tq '%s' >/dev/null", path);
        assert_int_equal(system(cmd), 0);
    }
    ck_zip_entry_free(&shared);
    ck_buf_free(&big);
    ck_buf_free(&out);
}

/* The same entries give the same bytes: nothing depends on the clock. */
static void the_same_input_gives_the_same_bytes(void **state)
{
    ck_buf a = CK_BUF_INIT, b = CK_BUF_INIT;
    ck_buf *outs[2] = { &a, &b };
    ck_error err;
    (void)state;

    for (int k = 0; k < 2; k++) {
        ck_zip_build zip;
        ck_zip_build_init(&zip, ck_zip_sink_buf, outs[k]);
        assert_int_equal(ck_zip_build_add_data(&zip, "a.xml", "<a/>", 4, 0, &err), 0);
        assert_int_equal(ck_zip_build_finish(&zip, &err), 0);
        ck_zip_build_free(&zip);
    }
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    ck_buf_free(&a);
    ck_buf_free(&b);
}

/* A sink that fails: the error comes back as it was set. */
static int failing_sink(void *ctx, const void *data, size_t len, ck_error *err)
{
    (void)ctx;
    (void)data;
    (void)len;
    return ck_error_set(err, CK_EIO, "disk full");
}

static void a_failing_sink_stops_the_archive(void **state)
{
    ck_zip_build zip;
    ck_error err;
    (void)state;

    ck_error_clear(&err);
    ck_zip_build_init(&zip, failing_sink, NULL);
    assert_int_equal(ck_zip_build_add_data(&zip, "a", "x", 1, 1, &err), CK_EIO);
    assert_string_equal(err.message, "disk full");
    ck_zip_build_free(&zip);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(entries_read_back),
        cmocka_unit_test(the_same_input_gives_the_same_bytes),
        cmocka_unit_test(a_failing_sink_stops_the_archive),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
