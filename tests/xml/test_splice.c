/* Editing a part by splicing bytes into its text (src/xml/splice.c): the
 * tag scanner, attributes and namespace prefixes, and the splice list. */
#include "support.h"

#include "xml/splice.h"

/* Every tag the scanner reports, as "<name" / "</name" / "<name/" joined. */
static const char *tags_of(const char *text)
{
    static char out[512];
    ck_xml_scanner s;
    ck_xml_tag tag;
    int rc;
    size_t n = 0;
    out[0] = '\0';
    ck_xml_scanner_init(&s, text, strlen(text));
    while ((rc = ck_xml_scan_next(&s, &tag)) == 1)
        n += (size_t)snprintf(out + n, sizeof out - n, "%s%.*s%s", tag.type == CK_TAG_END ? "</" : "<",
                              (int)tag.name_len, tag.name, tag.type == CK_TAG_EMPTY ? "/" : "");
    if (rc < 0)
        snprintf(out + n, sizeof out - n, "!");
    return out;
}

static void scanner_reports_tags_only(void **state)
{
    (void)state;
    assert_string_equal(tags_of("<?xml version=\"1.0\"?><!-- <c> --><w:p a=\"x>y\"><![CDATA[<t>]]>文字<w:br/></w:p>"),
                        "<w:p<w:br/</w:p");
    assert_string_equal(tags_of("no tags at all"), "");
    assert_string_equal(tags_of("<a><b"), "<a!"); /* cut off inside a tag */
}

static void tag_offsets_cover_the_tag(void **state)
{
    (void)state;
    const char *text = "<r><w:t xml:space='preserve'>甲</w:t></r>";
    ck_xml_scanner s;
    ck_xml_tag tag;
    ck_xml_scanner_init(&s, text, strlen(text));
    assert_int_equal(ck_xml_scan_next(&s, &tag), 1);
    assert_int_equal(ck_xml_scan_next(&s, &tag), 1);
    assert_true(ck_xml_tag_is(&tag, "w", "t"));
    assert_false(ck_xml_tag_is(&tag, NULL, "t"));
    assert_false(ck_xml_tag_is(&tag, "w", "tab"));
    assert_int_equal(tag.start, 3);
    assert_int_equal(text[tag.end - 1], '>');
    assert_int_equal(text[tag.end], "甲"[0]);

    const char *value;
    size_t len;
    assert_true(ck_xml_tag_attr(text, &tag, "xml:space", &value, &len));
    assert_int_equal(len, strlen("preserve"));
    assert_memory_equal(value, "preserve", len);
    assert_false(ck_xml_tag_attr(text, &tag, "space", &value, &len));
}

static void root_prefixes(void **state)
{
    (void)state;
    const char *doc = "<?xml version=\"1.0\"?><x:document xmlns:r=\"urn:r\" xmlns:x='urn:w'><x:body/></x:document>";
    char prefix[16];
    assert_true(ck_xml_root_prefix(doc, strlen(doc), "urn:w", prefix, sizeof prefix));
    assert_string_equal(prefix, "x");
    assert_true(ck_xml_root_prefix(doc, strlen(doc), "urn:r", prefix, sizeof prefix));
    assert_string_equal(prefix, "r");
    assert_false(ck_xml_root_prefix(doc, strlen(doc), "urn:none", prefix, sizeof prefix));
    const char *plain = "<document xmlns=\"urn:w\"/>";
    assert_true(ck_xml_root_prefix(plain, strlen(plain), "urn:w", prefix, sizeof prefix));
    assert_string_equal(prefix, "");

    const char *hay = "abcabd";
    assert_ptr_equal(ck_xml_find(hay, 6, "abd"), hay + 3);
    assert_null(ck_xml_find(hay, 5, "abd")); /* only within len */
}

/* Insertions at one offset keep their order and come before a removal
 * there; untouched bytes stay as they were. */
static void splices_apply_in_order(void **state)
{
    (void)state;
    const char *text = "<p><r>舊</r></p>";
    ck_splice_list list = { NULL, 0, 0 };
    ck_buf out = CK_BUF_INIT;
    size_t r = strlen("<p>"), r_len = strlen("<r>舊</r>");
    ck_splice_remove(&list, r, r_len);
    ck_splice_insert(&list, r, "<ins>");
    ck_splice_insert(&list, r, "新");
    ck_splice_insert(&list, r + r_len, "</ins>");
    ck_splice_insert(&list, 0, "<!--a-->");
    ck_splice_apply(&list, text, strlen(text), &out);
    assert_string_equal(out.data, "<!--a--><p><ins>新</ins></p>");
    ck_splice_list_free(&list);
    assert_int_equal(list.count, 0);

    /* past the end: appended */
    ck_buf_clear(&out);
    ck_splice_insert(&list, 999, "!");
    ck_splice_apply(&list, "ab", 2, &out);
    assert_string_equal(out.data, "ab!");
    ck_splice_list_free(&list);
    ck_buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scanner_reports_tags_only),
        cmocka_unit_test(tag_offsets_cover_the_tag),
        cmocka_unit_test(root_prefixes),
        cmocka_unit_test(splices_apply_in_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
