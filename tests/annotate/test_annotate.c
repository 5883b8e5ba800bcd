#define _GNU_SOURCE
#include "support.h"

#include <zip.h>

#include "annotate/annotate.h"
#include "util/buf.h"
#include "util/lang.h"
#include "xml/xml.h"
#include "zip/container.h"

static void refuses_to_overwrite_the_input(void **state)
{
    (void)state;
    char in_path[512];
    snprintf(in_path, sizeof in_path, "%s", ck_test_package("self.docx", "word/document.xml", "<w/>", NULL));
    ck_annotation_set set;
    ck_error err;
    ck_annotation_set_init(&set, "word/document.xml");
    ck_error_clear(&err);
    assert_int_equal(ck_annotate_write(in_path, in_path, &set, &err), CK_EUSAGE);
    assert_non_null(strstr(err.message, "cannot replace the original"));
    ck_annotation_set_free(&set);
}

static void the_copy_keeps_the_contracts_kind(void **state)
{
    (void)state;
    ck_error err;
    ck_error_clear(&err);
    assert_int_equal(ck_annotate_check_output("a.docx", "b.DOCX", &err), 0);
    assert_int_equal(ck_annotate_check_output("a.odt", "b.docx", &err), CK_EUSAGE);
    assert_non_null(strstr(err.message, "same extension"));
    assert_string_equal(err.file, "b.docx");
    ck_error_clear(&err);
    assert_int_equal(ck_annotate_check_output("a.pdf", "b.pdf", &err), CK_EUSAGE);
}

static void sets_collect_comments_and_insertions(void **state)
{
    (void)state;
    ck_annotation_set set;
    ck_annotation_set_init(&set, "content.xml");
    assert_string_equal(set.part, "content.xml");
    assert_string_equal(set.author, "clausekit");
    assert_int_equal(set.appendix_after, -1);
    ck_annotation_set_comment(&set, 4, 2, "3.4.1.3", "稽核權");
    ck_annotation_set_insert(&set, -1, "3.5.2", "條文", NULL);
    assert_int_equal(set.comment_count, 1);
    assert_int_equal(set.comments[0].first, 4);
    assert_int_equal(set.comments[0].last, 4); /* a range never ends before it starts */
    assert_int_equal(set.insertion_count, 1);
    assert_null(set.insertions[0].comment);
    ck_annotation_set_free(&set);
    assert_null(set.part);
}

static void earlier_keys_are_remembered(void **state)
{
    (void)state;
    ck_annotation_keys keys = { 0 };
    const char a[] = "<w:t>【3.4.1.3】稽核權</w:t>", b[] = "no key here", c[] = "【unclosed";
    ck_annotation_keys_scan(&keys, a, sizeof a - 1);
    ck_annotation_keys_scan(&keys, b, sizeof b - 1);
    ck_annotation_keys_scan(&keys, c, sizeof c - 1);
    assert_int_equal(keys.count, 1);
    assert_true(ck_annotation_keys_has(&keys, "3.4.1.3"));
    assert_false(ck_annotation_keys_has(&keys, "3.4.1"));
    ck_annotation_keys_free(&keys);
}

static void dates_are_iso_with_or_without_zulu(void **state)
{
    (void)state;
    char buf[32];
    ck_annotate_date(0, 1, buf, sizeof buf);
    assert_string_equal(buf, "1970-01-01T00:00:00Z");
    ck_annotate_date(86399, 0, buf, sizeof buf);
    assert_string_equal(buf, "1970-01-01T23:59:59");
}

static void packages_are_written_with_parts_replaced_and_added(void **state)
{
    (void)state;
    char in_path[512], out_path[512];
    ck_zip *zip = NULL;
    ck_error err;
    snprintf(in_path, sizeof in_path, "%s",
             ck_test_package("parts.zip", "mimetype", "application/x-test", "a.xml", "<a/>", "b.xml", "<b/>", NULL));
    snprintf(out_path, sizeof out_path, "%s", ck_test_path("parts-out.zip"));
    const ck_annotate_part parts[] = {
        { "b.xml", "<b>new</b>", 10 },
        { "c.xml", "<c/>", 4 },
        { "a.xml", NULL, 0 }, /* not written: the package's own is copied */
    };
    ck_error_clear(&err);
    assert_int_equal(ck_zip_open(&zip, in_path, NULL, &err), 0);
    assert_int_equal(ck_annotate_write_package(zip, out_path, parts, 3, &err), 0);
    ck_zip_close(zip);

    char *a = ck_test_read_part(out_path, "a.xml"), *b = ck_test_read_part(out_path, "b.xml"),
         *c = ck_test_read_part(out_path, "c.xml");
    assert_string_equal(a, "<a/>");
    assert_string_equal(b, "<b>new</b>");
    assert_string_equal(c, "<c/>");
    free(a);
    free(b);
    free(c);
    int e = 0;
    zip_t *z = zip_open(out_path, ZIP_RDONLY, &e);
    assert_non_null(z);
    assert_int_equal(zip_get_num_entries(z, 0), 4);
    assert_string_equal(zip_get_name(z, 0, 0), "mimetype");
    assert_string_equal(zip_get_name(z, 2, 0), "b.xml"); /* in place */
    assert_string_equal(zip_get_name(z, 3, 0), "c.xml"); /* after the others */
    zip_close(z);
}

static void an_unplaced_paragraph_names_the_part(void **state)
{
    (void)state;
    ck_error err;
    ck_error_clear(&err);
    assert_int_equal(ck_annotate_unplaced(&err, "content.xml", 9, 4), CK_EINPUT);
    assert_string_equal(err.part, "content.xml");
    assert_non_null(strstr(err.message, "paragraph element 10 is not in the part (it has 4)"));
}

int main(void)
{
    ck_lang_set_name("en");
    ck_xml_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(refuses_to_overwrite_the_input),
        cmocka_unit_test(the_copy_keeps_the_contracts_kind),
        cmocka_unit_test(sets_collect_comments_and_insertions),
        cmocka_unit_test(earlier_keys_are_remembered),
        cmocka_unit_test(dates_are_iso_with_or_without_zulu),
        cmocka_unit_test(packages_are_written_with_parts_replaced_and_added),
        cmocka_unit_test(an_unplaced_paragraph_names_the_part),
    };
    return cmocka_run_group_tests_name("annotate", tests, NULL, NULL);
}
