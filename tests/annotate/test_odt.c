#define _GNU_SOURCE
#include "support.h"

#include <zip.h>

#include "annotate/annotate.h"
#include "util/buf.h"
#include "util/lang.h"
#include "xml/xml.h"

static int count_of(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

static const char odt_manifest[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">"
    "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
    "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
static const char odt_content[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
    "office:version=\"1.3\"><office:body><office:text>"
    "<text:h text:outline-level=\"1\">第一條 稽核</text:h>"
    "<text:p>乙方應接受<text:span>甲方</text:span>稽核。</text:p>"
    "<text:p>最後一段</text:p>"
    "</office:text></office:body></office:document-content>";

static void odt_gets_annotations_and_tracked_insertions(void **state)
{
    (void)state;
    char in_path[512], out_path[512], again[512];
    snprintf(in_path, sizeof in_path, "%s",
             ck_test_package("in.odt", "mimetype", "application/vnd.oasis.opendocument.text",
                             "META-INF/manifest.xml", odt_manifest, "content.xml", odt_content, NULL));
    snprintf(out_path, sizeof out_path, "%s", ck_test_path("out.odt"));
    snprintf(again, sizeof again, "%s", ck_test_path("again.odt"));
    ck_annotation_set set;
    ck_error err;
    ck_annotation_set_init(&set, "content.xml");
    set.date = 1795000000;
    ck_annotation_set_comment(&set, 0, 1, "3.4.1.3", "稽核權不完整");
    ck_annotation_set_insert(&set, 1, "3.4.1.12", "乙方應指定單一窗口。", "缺漏：單一窗口");
    ck_annotation_set_insert(&set, -1, "3.5.2", "非上班時間作業應事先告知。", NULL);
    set.summary = ck_strdup("摘要");
    ck_error_clear(&err);
    assert_int_equal(ck_annotate_write(in_path, out_path, &set, &err), 0);
    char *xml = ck_test_read_part(out_path, "content.xml");
    xmlFreeDoc(ck_test_well_formed(xml, "content.xml"));
    assert_int_equal(count_of(xml, "<office:annotation "), 3);
    assert_int_equal(count_of(xml, "<office:annotation-end"), 3);
    assert_int_equal(count_of(xml, "<text:changed-region"), 3);
    assert_non_null(strstr(xml, "<office:text><text:tracked-changes>"));
    assert_non_null(strstr(xml, "<dc:creator>clausekit</dc:creator>"));
    assert_true(strstr(xml, "乙方應指定單一窗口") > strstr(xml, "稽核。"));
    assert_true(strstr(xml, "補充條款（審查建議）") < strstr(xml, "</office:text>"));

    /* mimetype stays first and stored. */
    int e = 0;
    zip_t *z = zip_open(out_path, ZIP_RDONLY, &e);
    zip_stat_t st;
    zip_stat_index(z, 0, 0, &st);
    assert_string_equal(st.name, "mimetype");
    assert_int_equal(st.comp_method, ZIP_CM_STORE);
    zip_close(z);

    free(set.summary);
    set.summary = ck_strdup("第二次");
    assert_int_equal(ck_annotate_write(out_path, again, &set, &err), 0);
    char *xml2 = ck_test_read_part(again, "content.xml");
    xmlFreeDoc(ck_test_well_formed(xml2, "content.xml"));
    assert_int_equal(count_of(xml2, "<office:annotation "), 3);
    assert_int_equal(count_of(xml2, "乙方應指定單一窗口"), 1);
    assert_non_null(strstr(xml2, "第二次"));
    free(xml);
    free(xml2);
    ck_annotation_set_free(&set);
}

int main(void)
{
    ck_lang_set_name("en");
    ck_xml_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(odt_gets_annotations_and_tracked_insertions),
    };
    return cmocka_run_group_tests_name("annotate/odt", tests, NULL, NULL);
}
