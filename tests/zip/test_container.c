#include "support.h"

#include <sys/stat.h>
#include <zip.h>

#include "util/lang.h"

static void reads_back_what_was_written(void **state)
{
    (void)state;
    const char *path = ck_test_package("a.zip", "mimetype", "application/x-test", "dir/b.xml",
                                       "<a>hello</a>", NULL);
    ck_zip *zip = NULL;
    ck_error err;
    char *data = NULL;
    size_t len = 0;

    ck_error_clear(&err);
    assert_int_equal(ck_zip_open(&zip, path, NULL, &err), 0);
    assert_int_equal(ck_zip_count(zip), 2);
    assert_string_equal(ck_zip_name(zip, 0), "mimetype");
    assert_int_equal(ck_zip_find(zip, "dir/b.xml"), 1);
    assert_int_equal(ck_zip_find(zip, "DIR/B.XML"), -1);
    assert_int_equal(ck_zip_find_nocase(zip, "DIR/B.XML"), 1);
    assert_int_equal(ck_zip_read(zip, "dir/b.xml", 0, &data, &len, &err), 0);
    assert_int_equal(len, 12);
    assert_string_equal(data, "<a>hello</a>");
    free(data);
    ck_zip_close(zip);
}

/* An entry from a stream (a part spilled to a file) next to one from
 * memory: read back as they were, with the mode an entry from memory has. */
static void entries_from_files_and_streams(void **state)
{
    (void)state;
    char path[512];
    ck_zip_writer *w = NULL;
    ck_zip *zip = NULL;
    ck_error err;
    char *data = NULL;
    size_t len = 0;
    FILE *part = tmpfile();

    snprintf(path, sizeof path, "%s/files.zip", ck_test_dir());
    fputs("<from-stream/>", part);
    ck_error_clear(&err);
    assert_int_equal(ck_zip_writer_open(&w, path, &err), 0);
    assert_int_equal(ck_zip_writer_add(w, "a.txt", "從記憶體", strlen("從記憶體"), 1, &err), 0);
    assert_int_equal(ck_zip_writer_add_stream(w, "b.xml", part, 0, &err), 0);
    assert_int_equal(ck_zip_writer_commit(w, &err), 0);
    assert_int_equal(ck_zip_open(&zip, path, NULL, &err), 0);
    assert_int_equal(ck_zip_read(zip, "a.txt", 0, &data, &len, &err), 0);
    assert_string_equal(data, "從記憶體");
    free(data);
    assert_int_equal(ck_zip_read(zip, "b.xml", 0, &data, &len, &err), 0);
    assert_string_equal(data, "<from-stream/>");
    free(data);
    ck_zip_close(zip);

    zip_t *z = zip_open(path, ZIP_RDONLY, NULL);
    zip_uint8_t opsys;
    zip_uint32_t attributes;
    assert_non_null(z);
    for (zip_uint64_t i = 0; i < 2; i++) {
        assert_int_equal(zip_file_get_external_attributes(z, i, 0, &opsys, &attributes), 0);
        assert_int_equal(attributes >> 16, 0100666);
    }
    zip_close(z);
    unlink(path);
}

static void empty_entries_round_trip(void **state)
{
    (void)state;
    const char *path = ck_test_package("e.zip", "empty.xml", "", "b.xml", "<b/>", NULL);
    ck_zip *zip = NULL;
    ck_error err;
    char *data = NULL;
    size_t len = 99;

    ck_error_clear(&err);
    assert_int_equal(ck_zip_open(&zip, path, NULL, &err), 0);
    assert_int_equal(ck_zip_read(zip, "empty.xml", 0, &data, &len, &err), 0);
    assert_int_equal(len, 0);
    assert_string_equal(data, "");
    free(data);
    ck_zip_close(zip);
}

static void mimetype_is_stored_first(void **state)
{
    (void)state;
    const char *path = ck_test_package("b.zip", "mimetype", "application/vnd.oasis.opendocument.text",
                                       "content.xml", "<x/>", NULL);
    int errcode = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &errcode);
    zip_stat_t st;

    assert_non_null(z);
    assert_int_equal(zip_stat_index(z, 0, 0, &st), 0);
    assert_string_equal(st.name, "mimetype");
    assert_int_equal(st.comp_method, ZIP_CM_STORE);
    zip_close(z);
}

static void empty_file_is_refused(void **state)
{
    (void)state;
    const char *path = ck_test_file("empty.docx", "", 0);
    ck_zip *zip = NULL;
    ck_error err;

    ck_error_clear(&err);
    assert_int_equal(ck_zip_open(&zip, path, NULL, &err), CK_EINPUT);
    assert_null(zip);
    assert_non_null(strstr(err.message, "empty"));
    assert_string_equal(err.file, path);
}

static void legacy_doc_and_encrypted_office_are_named(void **state)
{
    (void)state;
    unsigned char ole[1024] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
    const char *names[] = { "WordDocument", "EncryptedPackage" };
    const char *expect[] = { "legacy Word 97-2003", "password-protected" };
    ck_zip *zip = NULL;
    ck_error err;

    for (int k = 0; k < 2; k++) {
        memset(ole + 8, 0, sizeof ole - 8);
        for (size_t i = 0; names[k][i]; i++)
            ole[512 + 2 * i] = (unsigned char)names[k][i];
        const char *path = ck_test_file(k ? "secret.docx" : "old.doc", ole, sizeof ole);
        ck_error_clear(&err);
        assert_int_equal(ck_zip_open(&zip, path, NULL, &err), CK_EINPUT);
        assert_non_null(strstr(err.message, expect[k]));
    }
}

static void not_a_zip_is_refused(void **state)
{
    (void)state;
    const char *path = ck_test_file("text.docx", "just some text", 14);
    ck_zip *zip = NULL;
    ck_error err;

    ck_error_clear(&err);
    assert_int_equal(ck_zip_open(&zip, path, NULL, &err), CK_EINPUT);
    assert_non_null(strstr(err.message, "not a zip"));
}

static void truncated_zip_is_refused(void **state)
{
    (void)state;
    const char *path = ck_test_package("whole.zip", "a.xml", "<a>some text that is long enough</a>", NULL);
    FILE *f = fopen(path, "rb");
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    const char *cut = ck_test_file("cut.docx", buf, n / 2);
    ck_zip *zip = NULL;
    ck_error err;

    ck_error_clear(&err);
    assert_int_equal(ck_zip_open(&zip, cut, NULL, &err), CK_EINPUT);
    assert_non_null(strstr(err.message, "damaged"));
}

static void inflated_bytes_are_capped(void **state)
{
    (void)state;
    size_t big = 4u << 20;
    char *zeros = calloc(1, big);
    ck_zip_writer *w = NULL;
    ck_error err;
    const char *path = ck_test_path("bomb.zip");

    ck_error_clear(&err);
    assert_int_equal(ck_zip_writer_open(&w, path, &err), 0);
    assert_int_equal(ck_zip_writer_add(w, "zeros.xml", zeros, big, 0, &err), 0);
    assert_int_equal(ck_zip_writer_commit(w, &err), 0);
    free(zeros);

    ck_zip_limits lim;
    ck_zip_limits_default(&lim);
    lim.max_entry_bytes = 1u << 20;
    ck_zip *zip = NULL;
    char *data = NULL;
    assert_int_equal(ck_zip_open(&zip, path, &lim, &err), 0);
    assert_int_equal(ck_zip_read(zip, "zeros.xml", 0, &data, NULL, &err), CK_ELIMIT);
    assert_null(data);
    assert_string_equal(err.part, "zeros.xml");
    assert_non_null(strstr(err.message, "zip bomb"));
    ck_zip_close(zip);

    /* The ratio alone stops it too. */
    ck_zip_limits_default(&lim);
    lim.ratio_floor = 1u << 16;
    lim.max_ratio = 100;
    ck_error_clear(&err);
    assert_int_equal(ck_zip_open(&zip, path, &lim, &err), 0);
    assert_int_equal(ck_zip_read(zip, "zeros.xml", 0, &data, NULL, &err), CK_ELIMIT);
    ck_zip_close(zip);
}

/* A bomb hidden at the front of an entry whose whole ratio looks ordinary:
 * the ratio is watched against the compressed bytes consumed so far. */
static void ratio_is_watched_while_inflating(void **state)
{
    (void)state;
    size_t zeros_len = 8u << 20, noise_len = 8u << 20;
    unsigned char *data = calloc(1, zeros_len + noise_len);
    uint32_t x = 1;
    for (size_t i = zeros_len; i < zeros_len + noise_len; i++) {
        x = x * 1103515245u + 12345u;
        data[i] = (unsigned char)(x >> 16);
    }
    ck_zip_writer *w = NULL;
    ck_error err;
    const char *path = ck_test_path("front-bomb.zip");
    ck_error_clear(&err);
    assert_int_equal(ck_zip_writer_open(&w, path, &err), 0);
    assert_int_equal(ck_zip_writer_add(w, "word/document.xml", data, zeros_len + noise_len, 0, &err), 0);
    assert_int_equal(ck_zip_writer_commit(w, &err), 0);
    free(data);

    ck_zip *zip = NULL;
    ck_zip_stream *s = NULL;
    char chunk[65536];
    long n;
    uint64_t total = 0;
    assert_int_equal(ck_zip_open(&zip, path, NULL, &err), 0);
    assert_int_equal(ck_zip_stream_open(zip, "word/document.xml", &s, &err), 0);
    while ((n = ck_zip_stream_read(s, chunk, sizeof chunk, &err)) > 0)
        total += (uint64_t)n;
    assert_int_equal(n, CK_ELIMIT);
    assert_true(total < (2u << 20)); /* stopped just past the 1 MiB floor */
    ck_zip_stream_close(s);
    ck_zip_close(zip);
}

/* An ordinary entry reads whole, its CRC checked. */
static void stored_and_deflated_entries_read_back(void **state)
{
    (void)state;
    ck_zip_writer *w = NULL;
    ck_error err;
    const char *path = ck_test_path("plain.zip");
    ck_error_clear(&err);
    assert_int_equal(ck_zip_writer_open(&w, path, &err), 0);
    assert_int_equal(ck_zip_writer_add(w, "mimetype", "application/x", 13, 1, &err), 0);
    assert_int_equal(ck_zip_writer_add(w, "a.xml", "<a>hello hello hello</a>", 24, 0, &err), 0);
    assert_int_equal(ck_zip_writer_commit(w, &err), 0);
    ck_zip *zip = NULL;
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(ck_zip_open(&zip, path, NULL, &err), 0);
    assert_int_equal(ck_zip_read(zip, "mimetype", 0, &data, &len, &err), 0);
    assert_int_equal(len, 13);
    assert_memory_equal(data, "application/x", 13);
    free(data);
    assert_int_equal(ck_zip_read(zip, "a.xml", 0, &data, &len, &err), 0);
    assert_int_equal(len, 24);
    assert_memory_equal(data, "<a>hello hello hello</a>", 24);
    free(data);
    ck_zip_close(zip);

    /* A flipped byte in the stored entry is caught by its CRC. */
    size_t n;
    FILE *f = fopen(path, "r+b");
    char buf[4096];
    n = fread(buf, 1, sizeof buf, f);
    for (size_t i = 0; i + 13 <= n; i++)
        if (memcmp(buf + i, "application/x", 13) == 0) {
            buf[i] = 'A';
            break;
        }
    rewind(f);
    fwrite(buf, 1, n, f);
    fclose(f);
    assert_int_equal(ck_zip_open(&zip, path, NULL, &err), 0);
    assert_int_not_equal(ck_zip_read(zip, "mimetype", 0, &data, &len, &err), 0);
    assert_null(data);
    ck_zip_close(zip);
}

static void duplicate_names_are_refused(void **state)
{
    (void)state;
    /* libzip will not write two entries of one name; rename one in place. */
    const char *path = ck_test_package("dup.zip", "word/a.xml", "<a/>", "word/b.xml", "<b/>", NULL);
    FILE *f = fopen(path, "r+b");
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf, f);
    for (size_t i = 0; i + 10 <= n; i++)
        if (memcmp(buf + i, "word/b.xml", 10) == 0)
            buf[i + 5] = 'A';
    rewind(f);
    fwrite(buf, 1, n, f);
    fclose(f);

    ck_zip *zip = NULL;
    ck_error err;
    ck_error_clear(&err);
    assert_int_equal(ck_zip_open(&zip, path, NULL, &err), CK_EINPUT);
    assert_null(zip);
    assert_non_null(strstr(err.message, "two entries"));
}

static void aborted_writer_leaves_nothing(void **state)
{
    (void)state;
    ck_zip_writer *w = NULL;
    ck_error err;
    const char *path = ck_test_path("never.zip");
    struct stat st;

    ck_error_clear(&err);
    assert_int_equal(ck_zip_writer_open(&w, path, &err), 0);
    assert_int_equal(ck_zip_writer_add(w, "a", "b", 1, 0, &err), 0);
    ck_zip_writer_abort(w);
    assert_int_not_equal(stat(path, &st), 0);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | grep -q never", ck_test_dir());
    assert_int_not_equal(system(cmd), 0);
}

static void raw_copy_keeps_compressed_bytes(void **state)
{
    (void)state;
    const char *src_path = ck_test_package("src.zip", "a.xml", "<a>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</a>", NULL);
    char src_copy[512];
    snprintf(src_copy, sizeof src_copy, "%s", src_path);
    ck_zip *src = NULL;
    ck_zip_writer *w = NULL;
    ck_error err;
    const char *dst = ck_test_path("dst.zip");
    char dst_copy[512];
    snprintf(dst_copy, sizeof dst_copy, "%s", dst);

    ck_error_clear(&err);
    assert_int_equal(ck_zip_open(&src, src_copy, NULL, &err), 0);
    assert_int_equal(ck_zip_writer_open(&w, dst_copy, &err), 0);
    assert_int_equal(ck_zip_writer_copy_raw(w, src, "a.xml", &err), 0);
    assert_int_equal(ck_zip_writer_commit(w, &err), 0);
    ck_zip_close(src);

    int e = 0;
    zip_t *a = zip_open(src_copy, ZIP_RDONLY, &e), *b = zip_open(dst_copy, ZIP_RDONLY, &e);
    zip_stat_t sa, sb;
    zip_stat_index(a, 0, 0, &sa);
    zip_stat_index(b, 0, 0, &sb);
    assert_int_equal(sa.comp_size, sb.comp_size);
    assert_int_equal(sa.crc, sb.crc);
    char ra[256], rb[256];
    zip_file_t *fa = zip_fopen_index(a, 0, ZIP_FL_COMPRESSED), *fb = zip_fopen_index(b, 0, ZIP_FL_COMPRESSED);
    zip_int64_t na = zip_fread(fa, ra, sizeof ra), nb = zip_fread(fb, rb, sizeof rb);
    assert_int_equal(na, nb);
    assert_memory_equal(ra, rb, (size_t)na);
    zip_fclose(fa);
    zip_fclose(fb);
    zip_close(a);
    zip_close(b);
}

int main(void)
{
    ck_lang_set_name("en");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_back_what_was_written),
        cmocka_unit_test(empty_entries_round_trip),
        cmocka_unit_test(entries_from_files_and_streams),
        cmocka_unit_test(mimetype_is_stored_first),
        cmocka_unit_test(empty_file_is_refused),
        cmocka_unit_test(legacy_doc_and_encrypted_office_are_named),
        cmocka_unit_test(not_a_zip_is_refused),
        cmocka_unit_test(truncated_zip_is_refused),
        cmocka_unit_test(inflated_bytes_are_capped),
        cmocka_unit_test(ratio_is_watched_while_inflating),
        cmocka_unit_test(stored_and_deflated_entries_read_back),
        cmocka_unit_test(duplicate_names_are_refused),
        cmocka_unit_test(aborted_writer_leaves_nothing),
        cmocka_unit_test(raw_copy_keeps_compressed_bytes),
    };
    return cmocka_run_group_tests_name("zip/container", tests, NULL, NULL);
}
