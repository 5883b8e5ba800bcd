#include "support.h"

#include <errno.h>
#include <iconv.h>

#include "data/data.h"
#include "util/lang.h"

static ck_roster *read_memory(const char *data, size_t len, char delimiter, const char *encoding, ck_error *err)
{
    ck_roster *r = NULL;
    ck_data_options opts;
    memset(&opts, 0, sizeof opts);
    opts.encoding = encoding;
    ck_error_clear(err);
    ck_roster_read_csv_memory(data, len, "roster.csv", delimiter, &opts, &r, err);
    return r;
}

static ck_roster *read_text(const char *text, ck_error *err)
{
    return read_memory(text, strlen(text), ',', NULL, err);
}

static const char excel_csv[] =
    "\xEF\xBB\xBF" "姓名,公司名稱,職稱\r\n"
    "王小明,\"甲乙資訊股份有限公司, 台北分公司\",工程師\r\n"
    "\r\n"
    "陳美玲,\"丙丁系統\r\n有限公司\",\"專案\"\"經理\"\"\"\r\n"
    ",,\r\n"
    "\xE3\x80\x80林志豪  ,戊己科技,\t顧問 \r\n";

static void excel_csv_with_bom_crlf_and_quotes(void **state)
{
    (void)state;
    ck_error err;
    ck_roster *r = read_text(excel_csv, &err);
    assert_non_null(r);
    assert_int_equal(r->columns, 3);
    assert_string_equal(r->headers[0], "姓名"); /* no BOM left on the first header */
    assert_int_equal(r->header_line, 1);
    assert_int_equal(r->row_count, 3);
    assert_string_equal(r->rows[0].cells[1].text, "甲乙資訊股份有限公司, 台北分公司");
    assert_int_equal(r->rows[0].line, 2);
    /* A field across two lines keeps a "\n"; the next row's line is right. */
    assert_string_equal(r->rows[1].cells[1].text, "丙丁系統\n有限公司");
    assert_string_equal(r->rows[1].cells[2].text, "專案\"經理\"");
    assert_int_equal(r->rows[1].line, 4);
    /* ",," has no value and is skipped; full-width and ASCII spaces trimmed. */
    assert_string_equal(r->rows[2].cells[0].text, "林志豪");
    assert_string_equal(r->rows[2].cells[2].text, "顧問");
    assert_int_equal(r->rows[2].line, 7);
    assert_int_equal(r->rows[2].cells[0].kind, CK_CELL_TEXT);
    ck_roster_free(r);
}

/* Converts UTF-8 text to enc with iconv (the test's own use, not the reader's). */
static size_t to_encoding(const char *text, const char *enc, char *out, size_t size)
{
    iconv_t cd = iconv_open(enc, "UTF-8");
    char *in = (char *)text, *o = out;
    size_t in_left = strlen(text), o_left = size;
    assert_true(cd != (iconv_t)-1);
    assert_true(iconv(cd, &in, &in_left, &o, &o_left) != (size_t)-1);
    iconv_close(cd);
    return size - o_left;
}

static void big5_is_detected_and_converted(void **state)
{
    (void)state;
    char big5[512];
    ck_error err;
    size_t n = to_encoding("姓名,公司名稱\r\n王小明,\"甲乙資訊, 台北\"\r\n許功蓋,碁峰\r\n", "CP950", big5, sizeof big5);
    ck_roster *r = read_memory(big5, n, ',', NULL, &err);
    assert_non_null(r);
    assert_string_equal(r->headers[1], "公司名稱");
    assert_string_equal(r->rows[0].cells[1].text, "甲乙資訊, 台北");
    /* 許功蓋 hold 0x5C ('\\') as a second byte in Big5: they must survive. */
    assert_string_equal(r->rows[1].cells[0].text, "許功蓋");
    assert_string_equal(r->rows[1].cells[1].text, "碁峰");
    ck_roster_free(r);
    /* Named by the caller. */
    r = read_memory(big5, n, ',', "BIG5", &err);
    assert_non_null(r);
    assert_string_equal(r->rows[0].cells[0].text, "王小明");
    ck_roster_free(r);
}

static void encoding_problems_say_what_to_do(void **state)
{
    (void)state;
    ck_error err;
    char msg[1200];
    ck_lang_set_name("en");
    /* Neither UTF-8 nor CP950 (0xFF is in neither), on line 2. */
    assert_null(read_memory("a,b\n\x81\x40\xFF\n", 8, ',', NULL, &err));
    assert_string_equal(ck_error_format(&err, msg, sizeof msg),
                        "roster.csv:2: the text is neither UTF-8 nor Big5; save it from Excel as \"CSV UTF-8 "
                        "(Comma delimited)\" or name the encoding with --encoding");
    assert_null(read_memory("a,b\n", 4, ',', "NO-SUCH-ENCODING", &err));
    assert_int_equal(err.code, CK_EUSAGE);
    assert_non_null(strstr(err.message, "NO-SUCH-ENCODING"));
    /* UTF-8 named but Big5 given. */
    char big5[64];
    size_t n = to_encoding("甲,乙\n", "CP950", big5, sizeof big5);
    assert_null(read_memory(big5, n, ',', "UTF-8", &err));
    assert_int_equal(err.code, CK_EDATA);
}

static void utf16_unicode_text_is_read(void **state)
{
    (void)state;
    char utf16[256];
    ck_error err;
    size_t n = to_encoding("\xEF\xBB\xBF" "姓名\t職稱\r\n王小明\t工程師\r\n", "UTF-16LE", utf16, sizeof utf16);
    ck_roster *r = read_memory(utf16, n, 0, NULL, &err);
    assert_non_null(r);
    assert_int_equal(r->columns, 2);
    assert_string_equal(r->headers[0], "姓名");
    assert_string_equal(r->rows[0].cells[1].text, "工程師");
    ck_roster_free(r);
}

static void old_mac_line_ends_count_lines(void **state)
{
    (void)state;
    ck_error err;
    ck_roster *r = read_text("a,b\r1,\"x\ry\"\r\r3,4", &err);
    assert_non_null(r);
    assert_int_equal(r->row_count, 2);
    assert_string_equal(r->rows[0].cells[1].text, "x\ny");
    assert_int_equal(r->rows[0].line, 2);
    assert_int_equal(r->rows[1].line, 5); /* no line end after the last row */
    assert_string_equal(r->rows[1].cells[1].text, "4");
    ck_roster_free(r);
}

static void tsv_keeps_empty_fields_in_place(void **state)
{
    (void)state;
    ck_error err;
    ck_roster *r = read_memory("a\tb\tc\n\t2\t\n1\t \t3\n", 16, '\t', NULL, &err);
    assert_non_null(r);
    assert_int_equal(r->row_count, 2);
    assert_string_equal(r->rows[0].cells[0].text, "");
    assert_string_equal(r->rows[0].cells[1].text, "2");
    assert_string_equal(r->rows[1].cells[2].text, "3");
    ck_roster_free(r);
}

static void values_without_a_header_are_errors_with_their_line(void **state)
{
    (void)state;
    ck_error err;
    char msg[1200];
    ck_lang_set_name("en");
    assert_null(read_text("\n姓名,職稱\n王小明,工程師\n陳美玲,經理,多的\n", &err));
    assert_string_equal(ck_error_format(&err, msg, sizeof msg),
                        "roster.csv:4: column C has a value but no header; add a header in row 2 or delete the value");
    assert_null(read_text("姓名,,職稱\n王小明,x,工程師\n", &err));
    assert_non_null(strstr(err.message, "column B"));
    /* A blank header column with nothing under it is fine. */
    ck_roster *r = read_text("姓名,,職稱\n王小明,,工程師\n", &err);
    assert_non_null(r);
    assert_string_equal(r->headers[1], "");
    ck_roster_free(r);
}

static void broken_files_are_refused(void **state)
{
    (void)state;
    ck_error err;
    ck_lang_set_name("en");
    assert_null(read_text("姓名,職稱\n王小明,\"工程師\n陳美玲,經理\n", &err));
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.message, "never closed"));
    assert_null(read_text("", &err));
    assert_non_null(strstr(err.message, "empty"));
    assert_null(read_text(" , \r\n\r\n", &err));
    assert_null(read_memory("a,b\n\0\n", 6, ',', NULL, &err));
    assert_non_null(strstr(err.message, "NUL"));
    /* Limits: rows and cell size. */
    ck_data_options opts;
    ck_roster *r = NULL;
    memset(&opts, 0, sizeof opts);
    opts.max_rows = 2;
    ck_error_clear(&err);
    assert_int_equal(ck_roster_read_csv_memory("a\n1\n2\n3\n", 8, "roster.csv", ',', &opts, &r, &err), CK_EDATA);
    assert_int_equal(err.line, 4);
    opts.max_rows = 0;
    opts.max_cell_bytes = 4;
    ck_error_clear(&err);
    assert_int_equal(ck_roster_read_csv_memory("a\n12345\n", 8, "roster.csv", ',', &opts, &r, &err), CK_EDATA);
    assert_null(r);
}

static void files_are_dispatched_by_extension(void **state)
{
    (void)state;
    ck_error err;
    ck_roster *r = NULL;
    const char *path = ck_test_file("名冊.CSV", excel_csv, strlen(excel_csv));
    ck_error_clear(&err);
    assert_int_equal(ck_roster_read(path, NULL, &r, &err), 0);
    assert_string_equal(r->path, path);
    assert_null(r->sheet);
    assert_int_equal(r->row_count, 3);
    ck_value *row = ck_roster_row_value(r, 1);
    assert_string_equal(ck_value_get(row, "公司名稱")->string, "丙丁系統\n有限公司");
    assert_int_equal(row->line, 4);
    ck_value_free(row);
    ck_roster_free(r);

    path = ck_test_file("tabs.tsv", "a\tb\n1\t2\n", 8);
    assert_int_equal(ck_roster_read(path, NULL, &r, &err), 0);
    assert_int_equal(r->columns, 2);
    ck_roster_free(r);

    path = ck_test_file("renamed.csv", "PK\x03\x04 rest", 9);
    assert_int_equal(ck_roster_read(path, NULL, &r, &err), CK_EINPUT);
    assert_null(r);
    ck_error_clear(&err);
    assert_int_equal(ck_roster_read(ck_test_path("missing.csv"), NULL, &r, &err), CK_EIO);
    ck_error_clear(&err);
    assert_int_equal(ck_roster_read(ck_test_path("old.xls"), NULL, &r, &err), CK_EINPUT);
    ck_error_clear(&err);
    assert_int_equal(ck_roster_read(ck_test_path("roster.pdf"), NULL, &r, &err), CK_EUSAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(excel_csv_with_bom_crlf_and_quotes),
        cmocka_unit_test(big5_is_detected_and_converted),
        cmocka_unit_test(encoding_problems_say_what_to_do),
        cmocka_unit_test(utf16_unicode_text_is_read),
        cmocka_unit_test(old_mac_line_ends_count_lines),
        cmocka_unit_test(tsv_keeps_empty_fields_in_place),
        cmocka_unit_test(values_without_a_header_are_errors_with_their_line),
        cmocka_unit_test(broken_files_are_refused),
        cmocka_unit_test(files_are_dispatched_by_extension),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
