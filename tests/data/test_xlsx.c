#include "support.h"

#include "data/data.h"
#include "util/lang.h"

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

/* Two sheets; the first in order (名冊) is rId7, stored as worksheets/data.xml,
 * so only the relationships lead to it. */
static const char workbook[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook " NS "><workbookPr/>"
    "<sheets><sheet name=\"名冊\" sheetId=\"2\" r:id=\"rId7\"/><sheet name=\"說明\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
    "</workbook>";

static const char workbook_1904[] =
    "<?xml version=\"1.0\"?><workbook " NS "><workbookPr date1904=\"1\"/>"
    "<sheets><sheet name=\"工作表1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

static const char rels[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId7\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/data.xml\"/>"
    "</Relationships>";

/* xf 0 General, 1 built-in 14 (m/d/yyyy), 2 custom ROC date, 3 custom
 * yyyy/mm/dd, 4 a number format with E (not a date), 5 time only (h:mm). */
static const char styles[] =
    "<?xml version=\"1.0\"?><styleSheet " NS ">"
    "<numFmts count=\"4\"><numFmt numFmtId=\"164\" formatCode=\"[$-404]e&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"yyyy/mm/dd\"/><numFmt numFmtId=\"166\" formatCode=\"0.00E+00\"/>"
    "<numFmt numFmtId=\"167\" formatCode=\"[Red]General\"/><numFmt numFmtId=\"168\" formatCode=\"00000000\"/></numFmts>"
    "<cellXfs count=\"6\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
    "<xf numFmtId=\"166\"/><xf numFmtId=\"167\"/><xf numFmtId=\"168\"/></cellXfs></styleSheet>";

static const char shared[] =
    "<?xml version=\"1.0\"?><sst " NS " count=\"6\" uniqueCount=\"6\">"
    "<si><t>姓名</t></si>"
    "<si><t xml:space=\"preserve\"> 公司名稱 </t></si>"
    "<si><t>簽署日期</t></si>"
    "<si><r><rPr><b/></rPr><t>王</t></r><r><t>小明</t></r></si>"
    "<si><t>甲乙資訊</t><rPh sb=\"0\" eb=\"2\"><t>コウオツ</t></rPh></si>"
    "<si><t>統一編號</t></si>"
    "</sst>";

static const char sheet[] =
    "<?xml version=\"1.0\"?><worksheet " NS "><sheetData>"
    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\"><v>1</v></c><c r=\"C2\" t=\"s\"><v>2</v></c>"
    "<c r=\"D2\" t=\"s\"><v>5</v></c></row>"
    "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>3</v></c><c r=\"B3\" t=\"s\"><v>4</v></c><c r=\"C3\" s=\"1\"><v>46349</v></c>"
    "<c r=\"D3\" s=\"6\"><v>4595257</v></c></row>"
    "<row r=\"5\" spans=\"1:4\"><c r=\"A5\" t=\"inlineStr\"><is><r><t>陳</t></r><r><t>美玲</t></r></is></c>"
    "<c r=\"C5\" s=\"2\"><v>46349.5</v></c><c r=\"D5\" s=\"4\"><v>12345678</v></c></row>"
    "<row r=\"6\"><c r=\"A6\" t=\"str\"><f>A3&amp;\"\"</f><v>林志豪</v></c><c r=\"B6\" t=\"b\"><v>1</v></c>"
    "<c r=\"C6\" s=\"3\"><v>45659</v></c><c r=\"D6\" s=\"5\"><v>3.5</v></c></row>"
    "<row r=\"8\"><c r=\"A8\" t=\"inlineStr\"><is><t>吳</t></is></c><c r=\"C8\" t=\"d\"><v>2026-11-23T00:00:00</v></c></row>"
    "<row r=\"7\"><c r=\"A7\" s=\"1\"/><c r=\"B7\" t=\"s\"/></row>"
    "</sheetData></worksheet>";

static const char other_sheet[] =
    "<?xml version=\"1.0\"?><worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>說明</t></is></c></row></sheetData></worksheet>";

static ck_roster *read_package(const char *path, ck_error *err)
{
    ck_roster *r = NULL;
    ck_error_clear(err);
    ck_roster_read(path, NULL, &r, err);
    return r;
}

static void first_sheet_shared_and_inline_strings_gaps_and_dates(void **state)
{
    (void)state;
    ck_error err;
    const char *path = ck_test_package("roster.xlsx", "xl/workbook.xml", workbook, "xl/_rels/workbook.xml.rels", rels,
                                       "xl/styles.xml", styles, "xl/sharedStrings.xml", shared,
                                       "xl/worksheets/data.xml", sheet, "xl/worksheets/sheet1.xml", other_sheet, NULL);
    ck_roster *r = read_package(path, &err);
    if (!r)
        fail_msg("%s", err.message);
    assert_string_equal(r->sheet, "名冊");
    assert_int_equal(r->header_line, 2);
    assert_int_equal(r->columns, 4);
    assert_string_equal(r->headers[1], "公司名稱");
    assert_int_equal(r->row_count, 4);

    const ck_row *row = &r->rows[0];
    assert_int_equal(row->line, 3);
    assert_string_equal(row->cells[0].text, "王小明");   /* rich text runs joined */
    assert_string_equal(row->cells[1].text, "甲乙資訊"); /* phonetic guide left out */
    assert_int_equal(row->cells[2].kind, CK_CELL_DATE);  /* built-in format 14 */
    assert_string_equal(row->cells[2].text, "2026-11-23");
    assert_int_equal(row->cells[2].date.day, 23);
    assert_string_equal(row->cells[3].text, "04595257"); /* a number shown with format 00000000 */

    row = &r->rows[1];
    assert_int_equal(row->line, 5);
    assert_string_equal(row->cells[0].text, "陳美玲");   /* inline string with runs */
    assert_string_equal(row->cells[1].text, "");         /* gap: no B5 */
    assert_int_equal(row->cells[2].kind, CK_CELL_DATE);  /* custom ROC format; time dropped */
    assert_string_equal(row->cells[2].text, "2026-11-23");
    assert_int_equal(row->cells[3].kind, CK_CELL_TEXT);  /* 0.00E+00 is not a date */
    assert_string_equal(row->cells[3].text, "12345678");

    row = &r->rows[2];
    assert_string_equal(row->cells[0].text, "林志豪");   /* a formula's saved text */
    assert_string_equal(row->cells[1].text, "TRUE");
    assert_int_equal(row->cells[2].kind, CK_CELL_DATE);  /* custom yyyy/mm/dd */
    assert_string_equal(row->cells[2].text, "2025-01-02");
    assert_int_equal(row->cells[3].kind, CK_CELL_TEXT);  /* [Red]General is not a date */
    assert_string_equal(row->cells[3].text, "3.5");

    row = &r->rows[3];
    assert_int_equal(row->line, 8);
    assert_int_equal(row->cells[2].kind, CK_CELL_DATE); /* t="d": an ISO date cell */
    assert_string_equal(row->cells[2].text, "2026-11-23");
    ck_roster_free(r);
}

static void date1904_workbooks_shift_serials(void **state)
{
    (void)state;
    ck_error err;
    const char *rels1 =
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"x\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
    const char *sheet1 =
        "<?xml version=\"1.0\"?><worksheet " NS "><sheetData>"
        "<row><c t=\"inlineStr\"><is><t>日期</t></is></c></row>"
        "<row><c s=\"1\"><v>44887</v></c></row></sheetData></worksheet>";
    const char *path = ck_test_package("mac.xlsx", "xl/workbook.xml", workbook_1904, "xl/_rels/workbook.xml.rels", rels1,
                                       "xl/styles.xml", styles, "xl/worksheets/sheet1.xml", sheet1, NULL);
    ck_roster *r = read_package(path, &err);
    if (!r)
        fail_msg("%s", err.message);
    assert_string_equal(r->sheet, "工作表1");
    /* Rows without r= count on from the previous one. */
    assert_int_equal(r->header_line, 1);
    assert_int_equal(r->rows[0].line, 2);
    assert_int_equal(r->rows[0].cells[0].kind, CK_CELL_DATE);
    assert_string_equal(r->rows[0].cells[0].text, "2026-11-23");
    ck_roster_free(r);
}

static const char *one_sheet(const char *name, const char *sheet_xml)
{
    const char *rels1 =
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"x\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
    const char *wb =
        "<?xml version=\"1.0\"?><workbook " NS "><sheets><sheet name=\"工作表1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    return ck_test_package(name, "xl/workbook.xml", wb, "xl/_rels/workbook.xml.rels", rels1, "xl/sharedStrings.xml", shared,
                           "xl/worksheets/sheet1.xml", sheet_xml, NULL);
}

static void bad_cells_are_reported_with_sheet_and_row(void **state)
{
    (void)state;
    ck_error err;
    char msg[1200];
    ck_lang_set_name("en");
    const char *path = one_sheet("errors.xlsx",
                                 "<?xml version=\"1.0\"?><worksheet " NS "><sheetData>"
                                 "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                                 "<row r=\"12\"><c r=\"A12\" t=\"e\"><v>#N/A</v></c></row></sheetData></worksheet>");
    assert_null(read_package(path, &err));
    ck_error_format(&err, msg, sizeof msg);
    assert_non_null(strstr(msg, "errors.xlsx:工作表1:12: cell A12 holds a formula error (#N/A)"));

    path = one_sheet("stray.xlsx", "<?xml version=\"1.0\"?><worksheet " NS "><sheetData>"
                                   "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                                   "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>3</v></c><c r=\"AB4\" t=\"inlineStr\"><is><t>x</t></is></c></row>"
                                   "</sheetData></worksheet>");
    assert_null(read_package(path, &err));
    ck_error_format(&err, msg, sizeof msg);
    assert_non_null(strstr(msg, "stray.xlsx:工作表1:4: column AB has a value but no header"));

    path = one_sheet("badindex.xlsx", "<?xml version=\"1.0\"?><worksheet " NS "><sheetData>"
                                      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>99</v></c></row></sheetData></worksheet>");
    assert_null(read_package(path, &err));
    assert_int_equal(err.code, CK_EINPUT);
    assert_non_null(strstr(err.message, "shared string"));

    path = one_sheet("noresult.xlsx", "<?xml version=\"1.0\"?><worksheet " NS "><sheetData>"
                                      "<row r=\"1\"><c r=\"A1\"><f>1+1</f></c></row></sheetData></worksheet>");
    assert_null(read_package(path, &err));
    assert_non_null(strstr(err.message, "formula without a saved result"));
}

static void hostile_and_damaged_packages_fail_cleanly(void **state)
{
    (void)state;
    ck_error err;
    const char *path = one_sheet("doctype.xlsx", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet " NS
                                                 "><sheetData><row><c t=\"inlineStr\"><is><t>&a;</t></is></c></row></sheetData></worksheet>");
    assert_null(read_package(path, &err));
    assert_int_equal(err.code, CK_EINPUT);
    assert_non_null(strstr(err.file, "doctype.xlsx"));

    path = one_sheet("broken.xlsx", "<worksheet><sheetData><row>");
    assert_null(read_package(path, &err));
    assert_true(err.code != 0);

    path = ck_test_package("nosheet.xlsx", "xl/workbook.xml",
                           "<workbook " NS "><sheets/></workbook>", NULL);
    assert_null(read_package(path, &err));
    assert_non_null(strstr(err.message, "no sheet"));

    path = ck_test_package("missing.xlsx", "xl/workbook.xml", workbook_1904, NULL);
    assert_null(read_package(path, &err));
    assert_non_null(strstr(err.message, "sheet1.xml"));

    path = ck_test_package("empty.xlsx", "xl/workbook.xml", workbook_1904, "xl/worksheets/sheet1.xml",
                           "<worksheet " NS "><sheetData><row r=\"1048576\"><c r=\"XFD1048576\" s=\"3\"/></row></sheetData></worksheet>",
                           NULL);
    assert_null(read_package(path, &err));
    assert_non_null(strstr(err.message, "empty"));

    path = ck_test_package("neither.xlsx", "word/document.xml", "<w/>", NULL);
    assert_null(read_package(path, &err));
    assert_int_equal(err.code, CK_EINPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(first_sheet_shared_and_inline_strings_gaps_and_dates),
        cmocka_unit_test(date1904_workbooks_shift_serials),
        cmocka_unit_test(bad_cells_are_reported_with_sheet_and_row),
        cmocka_unit_test(hostile_and_damaged_packages_fail_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
