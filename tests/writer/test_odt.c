/* The ODT writer (writer/odt.c), read back through the project's own zip
 * and XML layers. */
#include "writer/writer_support.h"

static void odt_package_is_complete_and_well_formed(void **state)
{
    (void)state;
    cmark_node *doc = parse(sample_form);
    const char *path = write_odt("form.odt", doc);
    int errcode = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &errcode);
    zip_stat_t st;
    char *manifest = ck_test_read_part(path, "META-INF/manifest.xml");

    assert_non_null(z);
    assert_int_equal(zip_stat_index(z, 0, 0, &st), 0);
    assert_string_equal(st.name, "mimetype");
    assert_int_equal(st.comp_method, ZIP_CM_STORE);
    /* Every part but mimetype and the manifest itself is in the manifest. */
    for (zip_int64_t i = 1; i < zip_get_num_entries(z, 0); i++) {
        char entry[160];
        const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
        char *data = ck_test_read_part(path, name);
        xmlFreeDoc(ck_test_well_formed(data, name));
        free(data);
        if (strcmp(name, "META-INF/manifest.xml") == 0)
            continue;
        snprintf(entry, sizeof entry, "manifest:full-path=\"%s\"", name);
        assert_non_null(strstr(manifest, entry));
    }
    zip_close(z);
    char *styles = ck_test_read_part(path, "styles.xml");
    assert_non_null(strstr(styles, "fo:page-width=\"210mm\" fo:page-height=\"297mm\""));
    assert_non_null(strstr(styles, "office:version=\"1.3\""));
    assert_non_null(strstr(styles, "style:font-name-asian=\"標楷體\""));
    assert_non_null(strstr(styles, "style:language-asian=\"zh\" style:country-asian=\"TW\""));
    assert_non_null(strstr(styles, "<style:font-face style:name=\"標楷體\""));
    char *meta = ck_test_read_part(path, "meta.xml");
    assert_non_null(strstr(meta, "<dc:title>保密切結書</dc:title>"));
    free(manifest);
    free(styles);
    free(meta);
    cmark_node_free(doc);
}

static void odt_renders_structure(void **state)
{
    (void)state;
    cmark_node *doc = parse(sample_form);
    const char *path = write_odt("structure.odt", doc);
    char *content = ck_test_read_part(path, "content.xml");
    char *styles = ck_test_read_part(path, "styles.xml");

    assert_non_null(strstr(content, "<text:h text:style-name=\"Heading_20_1\" text:outline-level=\"1\">保密切結書"));
    assert_non_null(strstr(content, "<text:list text:style-name=\"Numbering_20_1\"><text:list-item"
                                    " text:start-value=\"3\">"));
    assert_non_null(strstr(styles, "<text:list-style style:name=\"Numbering_20_1\""));
    assert_non_null(strstr(content, "<text:list text:style-name=\"List_20_1\">"));
    assert_non_null(strstr(content, "<table:table-header-rows>"));
    assert_non_null(strstr(content, "fo:border=\"0.5pt solid #000000\""));
    assert_non_null(strstr(content, "<text:p text:style-name=\"ContentsC\">筆記型電腦"));
    assert_non_null(strstr(content, "<text:span text:style-name=\"Strong_20_Emphasis\">王小明</text:span>"));
    /* Signature lines: the last one ends the block, the ones before and
     * the paragraph before the block keep with the next. */
    assert_non_null(strstr(content, "<text:p text:style-name=\"Signature\">立書人（簽章）"));
    assert_non_null(strstr(content, "<text:p text:style-name=\"Signature_20_End\">中華民國"));
    assert_non_null(strstr(styles, "style:name=\"Signature\" style:family=\"paragraph\""));
    const char *keep = strstr(content, "fo:keep-with-next=\"always\"");
    assert_non_null(keep);
    /* The page break: the next heading starts a new page. */
    assert_non_null(strstr(content, "style:parent-style-name=\"Heading_20_2\"><style:paragraph-properties"
                                    " fo:break-before=\"page\"/>"));
    assert_null(strstr(content, "pagebreak"));
    /* Spaces survive ODF's white-space collapsing. */
    free(content);
    free(styles);
    cmark_node_free(doc);
}

static void odt_text_values_stay_literal(void **state)
{
    (void)state;
    cmark_node *doc = document_with_value();
    const char *path = write_odt("value.odt", doc);
    char *content = ck_test_read_part(path, "content.xml");
    xmlDocPtr dom = ck_test_well_formed(content, "content.xml");
    ck_buf text = CK_BUF_INIT;

    collect_text(xmlDocGetRootElement(dom), "p", &text);
    assert_int_equal(count(text.data, VALUE), 2);
    ck_buf_free(&text);
    xmlFreeDoc(dom);
    free(content);
    cmark_node_free(doc);
}

static void odt_spaces_tabs_and_breaks_are_kept(void **state)
{
    (void)state;
    ck_buf out = CK_BUF_INIT;

    ck_writer_odt_put_span(&out, " a  b\tc\nd", 9, CK_WRITER_BOLD | CK_WRITER_CODE);
    assert_string_equal(out.data, "<text:span text:style-name=\"Strong_20_Emphasis\">"
                                  "<text:span text:style-name=\"Source_20_Text\">"
                                  "<text:s/>a <text:s/>b<text:tab/>c<text:line-break/>d</text:span></text:span>");
    ck_buf_free(&out);
    ck_writer_docx_put_run(&out, "a\tb\n<c>", 7, 0);
    assert_string_equal(out.data, "<w:r><w:t xml:space=\"preserve\">a</w:t><w:tab/><w:t xml:space=\"preserve\">b"
                                  "</w:t><w:br/><w:t xml:space=\"preserve\">&lt;c&gt;</w:t></w:r>");
    ck_buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(odt_package_is_complete_and_well_formed),
        cmocka_unit_test(odt_renders_structure),
        cmocka_unit_test(odt_text_values_stay_literal),
        cmocka_unit_test(odt_spaces_tabs_and_breaks_are_kept),
    };
    ck_xml_init();
    return cmocka_run_group_tests_name("writer/odt", tests, NULL, NULL);
}
