/* The Word report (report/docx.c): the Markdown report written through the
 * DOCX writer, with the report's title, language and fonts. */
#include "report/report_support.h"

#include "xml/xml.h"

static void the_word_report_carries_the_findings(void **state)
{
    fixture *fx = *state;
    char path[512];
    ck_error err;
    snprintf(path, sizeof path, "%s", ck_test_path("report.docx"));
    ck_error_clear(&err);
    assert_int_equal(ck_report_docx_write(&fx->in, path, &err), 0);

    char *document = ck_test_read_part(path, "word/document.xml");
    xmlFreeDoc(ck_test_well_formed(document, "word/document.xml"));
    assert_non_null(strstr(document, "稽核權"));
    assert_non_null(strstr(document, "保固維護"));
    /* the contract's words are text, never markup */
    assert_null(strstr(document, "<script>"));
    free(document);

    char *core = ck_test_read_part(path, "docProps/core.xml");
    assert_non_null(strstr(core, "契約條款檢查報告：contract.docx"));
    assert_non_null(strstr(core, "clausekit"));
    free(core);
    char *styles = ck_test_read_part(path, "word/styles.xml");
    assert_non_null(strstr(styles, "Microsoft JhengHei"));
    assert_non_null(strstr(styles, "zh-TW"));
    free(styles);
}

static void an_unwritable_path_is_an_error_naming_it(void **state)
{
    fixture *fx = *state;
    char path[512];
    ck_error err;
    snprintf(path, sizeof path, "%s", ck_test_path("no-such-folder/report.docx"));
    ck_error_clear(&err);
    assert_int_not_equal(ck_report_docx_write(&fx->in, path, &err), 0);
    assert_string_equal(err.file, path);
    assert_int_equal(access(path, F_OK), -1);
}

int main(void)
{
    ck_lang_set_name("zh-TW");
    ck_xml_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_word_report_carries_the_findings),
        cmocka_unit_test(an_unwritable_path_is_an_error_naming_it),
    };
    return cmocka_run_group_tests_name("report/docx", tests, setup, teardown);
}
