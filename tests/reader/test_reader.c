/* Choosing the reader (src/reader/reader.c): which packages are contracts,
 * and which reader reads them. */
#include "reader/docx_support.h"

#include "util/lang.h"

static int read_error(const char *path, ck_error *err)
{
    ck_document *doc = NULL;
    ck_error_clear(err);
    int rc = ck_reader_read(path, NULL, &doc, err);
    assert_null(doc);
    return rc;
}

static const char *const odt_content =
    "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
    " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">"
    "<office:body><office:text><text:p>第一條 契約文件</text:p></office:text></office:body>"
    "</office:document-content>";

static const char *const manifest =
    "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"/>";

/* Office files that are not text documents are named for what they are. */
static void other_office_files_are_named(void **state)
{
    (void)state;
    ck_error err;
    ck_lang_set_name("en");
    const char *p = ck_test_package("sheet.ods", "mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                                    "content.xml", odt_content, NULL);
    assert_int_equal(read_error(p, &err), CK_EINPUT);
    assert_non_null(strstr(err.message, "spreadsheet (.ods)"));
    assert_string_equal(err.file, p);

    p = ck_test_package("slides.odp", "mimetype", "application/vnd.oasis.opendocument.presentation",
                        "content.xml", odt_content, NULL);
    assert_int_equal(read_error(p, &err), CK_EINPUT);
    assert_non_null(strstr(err.message, "application/vnd.oasis.opendocument.presentation"));

    p = ck_test_package("slides.pptx", "[Content_Types].xml", "<Types/>", "ppt/presentation.xml", "<p/>", NULL);
    assert_int_equal(read_error(p, &err), CK_EINPUT);
    assert_non_null(strstr(err.message, "PowerPoint"));

    p = ck_test_package("other.zip", "readme.txt", "hello", NULL);
    assert_int_equal(read_error(p, &err), CK_EINPUT);
    assert_non_null(strstr(err.message, "no Word or OpenDocument main document"));
}

/* An ODT package is known by its content and manifest when its mimetype
 * entry is missing. */
static void odt_without_mimetype_is_read(void **state)
{
    (void)state;
    ck_document *doc = NULL;
    ck_error err;
    ck_error_clear(&err);
    const char *p = ck_test_package("plain.odt", "content.xml", odt_content, "META-INF/manifest.xml", manifest, NULL);
    assert_int_equal(ck_reader_read(p, NULL, &doc, &err), 0);
    assert_int_equal(doc->format, CK_FORMAT_ODT);
    assert_int_equal(doc->count, 1);
    assert_string_equal(doc->blocks[0].text, "第一條 契約文件");
    assert_string_equal(doc->blocks[0].location, "第一條");
    ck_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(other_office_files_are_named),
        cmocka_unit_test(odt_without_mimetype_is_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
