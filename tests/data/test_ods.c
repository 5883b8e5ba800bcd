#include "support.h"

#include "data/data.h"
#include "util/lang.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
    "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" " \
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" " \
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.3\"><office:body><office:spreadsheet>"
#define TAIL "</office:spreadsheet></office:body></office:document-content>"
#define MIMETYPE "application/vnd.oasis.opendocument.spreadsheet"

static ck_roster *read_ods(const char *name, const char *content, ck_error *err)
{
    ck_roster *r = NULL;
    const char *path = ck_test_package(name, "mimetype", MIMETYPE, "content.xml", content, NULL);
    ck_error_clear(err);
    ck_roster_read(path, NULL, &r, err);
    return r;
}

static const char calc_sheet[] = HEAD
    "<table:table table:name=\"名冊\">"
    "<table:table-column table:number-columns-repeated=\"4\"/>"
    "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>"
    "<table:table-row>"
    "<table:table-cell office:value-type=\"string\"><text:p>姓名</text:p></table:table-cell>"
    "<table:table-cell office:value-type=\"string\"><text:p>公司名稱</text:p></table:table-cell>"
    "<table:table-cell office:value-type=\"string\"><text:p>簽署日期</text:p></table:table-cell>"
    "<table:table-cell office:value-type=\"string\"><text:p>統一編號</text:p></table:table-cell>"
    "<table:table-cell table:number-columns-repeated=\"16380\"/></table:table-row>"
    "<table:table-row>"
    "<table:table-cell office:value-type=\"string\"><text:p>王<text:span>小明</text:span></text:p>"
    "<office:annotation><dc:creator>承辦</dc:creator><text:p>備註不是值</text:p></office:annotation></table:table-cell>"
    "<table:table-cell office:value-type=\"string\"><text:p>甲乙資訊</text:p><text:p>台北分公司</text:p></table:table-cell>"
    "<table:table-cell office:value-type=\"date\" office:date-value=\"2026-11-23\"><text:p>115/11/23</text:p></table:table-cell>"
    "<table:table-cell office:value-type=\"float\" office:value=\"4595257\"><text:p>04595257</text:p></table:table-cell>"
    "</table:table-row>"
    "<table:table-row table:number-rows-repeated=\"3\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>"
    "<table:table-row-group><table:table-row table:number-rows-repeated=\"2\">"
    "<table:table-cell table:number-columns-repeated=\"2\" office:value-type=\"string\"><text:p>同<text:s text:c=\"2\"/>名</text:p></table:table-cell>"
    "<table:table-cell office:value-type=\"date\" office:date-value=\"2025-01-02T10:30:00\"><text:p>2025/1/2</text:p></table:table-cell>"
    "<table:covered-table-cell/>"
    "</table:table-row></table:table-row-group>"
    "<table:table-row table:number-rows-repeated=\"1048560\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>"
    "</table:table>"
    "<table:table table:name=\"說明\"><table:table-row><table:table-cell office:value-type=\"string\"><text:p>不讀</text:p></table:table-cell></table:table-row></table:table>"
    TAIL;

static void repeated_rows_and_cells_dates_and_paragraphs(void **state)
{
    (void)state;
    ck_error err;
    ck_roster *r = read_ods("roster.ods", calc_sheet, &err);
    if (!r)
        fail_msg("%s", err.message);
    assert_string_equal(r->sheet, "名冊");
    assert_int_equal(r->header_line, 3); /* two empty repeated rows before it */
    assert_int_equal(r->columns, 4);
    assert_int_equal(r->row_count, 3);

    const ck_row *row = &r->rows[0];
    assert_int_equal(row->line, 4);
    assert_string_equal(row->cells[0].text, "王小明"); /* annotation left out */
    assert_string_equal(row->cells[1].text, "甲乙資訊\n台北分公司");
    assert_int_equal(row->cells[2].kind, CK_CELL_DATE);
    assert_string_equal(row->cells[2].text, "2026-11-23");
    assert_string_equal(row->cells[3].text, "04595257"); /* what the sheet shows */

    /* A repeated row with values is two rows, each with its own number. */
    for (int i = 1; i <= 2; i++) {
        row = &r->rows[i];
        assert_int_equal(row->line, 7 + i);
        assert_string_equal(row->cells[0].text, "同  名");
        assert_string_equal(row->cells[1].text, "同  名");
        assert_int_equal(row->cells[2].kind, CK_CELL_DATE);
        assert_string_equal(row->cells[2].text, "2025-01-02");
        assert_string_equal(row->cells[3].text, "");
    }
    ck_roster_free(r);
}

static void repeats_with_values_are_capped(void **state)
{
    (void)state;
    ck_error err;
    ck_lang_set_name("en");
    /* A value repeated across every column runs into the header check, not
     * into a million cells. */
    ck_roster *r = read_ods("wide.ods", HEAD "<table:table table:name=\"S\">"
                                          "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>姓名</text:p></table:table-cell></table:table-row>"
                                          "<table:table-row><table:table-cell table:number-columns-repeated=\"1000000\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>"
                                          "</table:table>" TAIL, &err);
    assert_null(r);
    if (!strstr(err.message, "column B has a value but no header"))
        fail_msg("%s", err.message);
    assert_int_equal(err.line, 2);
    assert_string_equal(err.part, "S");

    r = read_ods("tall.ods", HEAD "<table:table table:name=\"S\">"
                                  "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>姓名</text:p></table:table-cell></table:table-row>"
                                  "<table:table-row table:number-rows-repeated=\"1048575\"><table:table-cell office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>"
                                  "</table:table>" TAIL, &err);
    assert_null(r);
    assert_non_null(strstr(err.message, "more than 100000 rows"));
}

static void empty_and_foreign_files_are_refused(void **state)
{
    (void)state;
    ck_error err;
    ck_lang_set_name("en");
    assert_null(read_ods("empty.ods", HEAD "<table:table table:name=\"S\"><table:table-row table:number-rows-repeated=\"1048576\">"
                                           "<table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row></table:table>" TAIL, &err));
    assert_non_null(strstr(err.message, "empty"));
    assert_null(read_ods("nosheet.ods", HEAD TAIL, &err));
    assert_non_null(strstr(err.message, "no sheet"));
    assert_null(read_ods("bad.ods", "<office:document-content>", &err));
    assert_true(err.code != 0);
    assert_non_null(strstr(err.file, "bad.ods"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(repeated_rows_and_cells_dates_and_paragraphs),
        cmocka_unit_test(repeats_with_values_are_capped),
        cmocka_unit_test(empty_and_foreign_files_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
