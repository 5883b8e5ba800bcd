#include "support.h"

#include "xml/paragraph.h"
#include "xml/xml.h"

static void paragraph_elements_by_namespace(void **state)
{
    (void)state;
    assert_true(ck_xml_is_paragraph(CK_PARAGRAPHS_DOCX, CK_NS_W, "p"));
    assert_true(ck_xml_is_paragraph(CK_PARAGRAPHS_DOCX, CK_NS_W_STRICT, "p"));
    assert_false(ck_xml_is_paragraph(CK_PARAGRAPHS_DOCX, CK_NS_W, "pPr"));
    assert_false(ck_xml_is_paragraph(CK_PARAGRAPHS_DOCX, "urn:other", "p"));
    assert_false(ck_xml_is_paragraph(CK_PARAGRAPHS_DOCX, NULL, "p"));
    assert_true(ck_xml_is_paragraph(CK_PARAGRAPHS_ODT, CK_NS_TEXT, "p"));
    assert_true(ck_xml_is_paragraph(CK_PARAGRAPHS_ODT, CK_NS_TEXT, "h"));
    assert_false(ck_xml_is_paragraph(CK_PARAGRAPHS_ODT, CK_NS_TEXT, "span"));
    assert_false(ck_xml_is_paragraph(CK_PARAGRAPHS_ODT, CK_NS_W, "p"));
    assert_true(ck_xml_is_w(CK_NS_W "xyz", strlen(CK_NS_W)));
    assert_false(ck_xml_is_w(CK_NS_W, strlen(CK_NS_W) - 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(paragraph_elements_by_namespace),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
