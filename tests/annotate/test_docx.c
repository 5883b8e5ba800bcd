#define _GNU_SOURCE
#include "support.h"

#include <zip.h>

#include "annotate/annotate.h"
#include "util/buf.h"
#include "util/lang.h"
#include "xml/xml.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

static const char types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "</Types>";
static const char rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
    "</Relationships>";
static const char doc_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    "</Relationships>";
static const char styles[] = "<w:styles xmlns:w=\"" W_NS "\"/>";

/* Four paragraphs: 0 a heading with pPr, 1 split over runs, 2 in a table, 3 after it. */
static const char document[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<w:document xmlns:w=\"" W_NS "\"><w:body>"
    "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>第一條 稽核</w:t></w:r></w:p>"
    "<w:p w:rsidR=\"00AB\"><w:r><w:t>乙方應</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>接受</w:t></w:r>"
    "<w:ins w:id=\"7\" w:author=\"王大明\" w:date=\"2026-01-01T00:00:00Z\"><w:r><w:t>甲方</w:t></w:r></w:ins>"
    "<w:r><w:t>稽核。</w:t></w:r></w:p>"
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>表內文字</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    "<w:p><w:r><w:t>最後一段</w:t></w:r></w:p>"
    "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>"
    "</w:body></w:document>";

static int count_of(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

static void make_set(ck_annotation_set *set)
{
    ck_annotation_set_init(set, "word/document.xml");
    set->date = 1795000000;
    ck_annotation_set_comment(set, 1, 1, "3.4.1.3", "稽核權：缺少第三方稽核。\n建議補充。");
    ck_annotation_set_comment(set, 0, 3, "3.4.1.14", "跨越多段的註解");
    ck_annotation_set_insert(set, 1, "3.4.1.12", "乙方應指定專案經理一人為單一窗口。", "缺漏：單一窗口");
    ck_annotation_set_insert(set, -1, "3.5.2", "乙方於非上班時間至甲方作業，應事先告知。", "缺漏：非上班時間作業");
    set->summary = ck_strdup("審查摘要：符合 10，缺漏 2");
}

static void docx_gets_comments_insertions_and_summary(void **state)
{
    (void)state;
    const char *in = ck_test_package("in.docx", "[Content_Types].xml", types, "_rels/.rels", rels,
                                     "word/_rels/document.xml.rels", doc_rels, "word/document.xml", document,
                                     "word/styles.xml", styles, NULL);
    char in_path[512];
    snprintf(in_path, sizeof in_path, "%s", in);
    char out_path[512];
    snprintf(out_path, sizeof out_path, "%s", ck_test_path("out.docx"));
    ck_annotation_set set;
    ck_error err;
    make_set(&set);
    ck_error_clear(&err);
    assert_int_equal(ck_annotate_write(in_path, out_path, &set, &err), 0);

    char *doc = ck_test_read_part(out_path, "word/document.xml");
    char *comments = ck_test_read_part(out_path, "word/comments.xml");
    char *ct = ck_test_read_part(out_path, "[Content_Types].xml");
    char *r = ck_test_read_part(out_path, "word/_rels/document.xml.rels");
    assert_non_null(doc);
    assert_non_null(comments);
    xmlFreeDoc(ck_test_well_formed(doc, "document.xml"));
    xmlFreeDoc(ck_test_well_formed(comments, "comments.xml"));
    xmlFreeDoc(ck_test_well_formed(ct, "[Content_Types].xml"));
    xmlFreeDoc(ck_test_well_formed(r, "document.xml.rels"));

    /* Four comments: two on paragraphs, one per insertion, and the summary. */
    assert_int_equal(count_of(comments, "<w:comment "), 5);
    assert_int_equal(count_of(doc, "<w:commentRangeStart"), 5);
    assert_int_equal(count_of(doc, "<w:commentRangeEnd"), 5);
    assert_int_equal(count_of(doc, "<w:commentReference"), 5);
    assert_non_null(strstr(comments, "【3.4.1.3】"));
    assert_non_null(strstr(comments, "建議補充。"));
    assert_non_null(strstr(comments, "w:initials=\"CKS\""));
    assert_non_null(strstr(comments, "w:author=\"clausekit\""));
    assert_non_null(strstr(ct, "/word/comments.xml"));
    assert_non_null(strstr(r, "Target=\"comments.xml\""));

    /* The anchor on paragraph 1 comes after its properties-less start and
     * spans its runs; the heading's anchor stays behind its w:pPr. */
    assert_non_null(strstr(doc, "</w:pPr><w:commentRangeStart"));
    assert_non_null(strstr(doc, "<w:p w:rsidR=\"00AB\"><w:commentRangeStart"));
    /* Existing tracked change kept as it was. */
    assert_non_null(strstr(doc, "<w:ins w:id=\"7\" w:author=\"王大明\" w:date=\"2026-01-01T00:00:00Z\"><w:r><w:t>甲方</w:t></w:r></w:ins>"));
    /* The insertion after paragraph 1 is a tracked paragraph right after it. */
    const char *ins = strstr(doc, "乙方應指定專案經理");
    const char *p1_end = strstr(doc, "稽核。</w:t></w:r>");
    assert_true(ins && p1_end && ins > p1_end && ins < strstr(doc, "<w:tbl>"));
    assert_non_null(strstr(doc, "補充條款（審查建議）"));
    /* The appended section stays before the final sectPr. */
    assert_true(strstr(doc, "非上班時間至甲方作業") < strstr(doc, "<w:sectPr>"));
    assert_int_equal(count_of(doc, "w:author=\"clausekit\""), 2 * 3);

    /* Ids are unique and above the document's own. */
    assert_null(strstr(doc, "w:id=\"7\" w:author=\"clausekit\""));

    /* Untouched parts are copied as they were stored. */
    int e = 0;
    zip_t *a = zip_open(in_path, ZIP_RDONLY, &e), *b = zip_open(out_path, ZIP_RDONLY, &e);
    zip_stat_t sa, sb;
    assert_int_equal(zip_stat(a, "word/styles.xml", 0, &sa), 0);
    assert_int_equal(zip_stat(b, "word/styles.xml", 0, &sb), 0);
    assert_int_equal(sa.comp_size, sb.comp_size);
    assert_int_equal(sa.crc, sb.crc);
    zip_close(a);
    zip_close(b);

    free(doc);
    free(comments);
    free(ct);
    free(r);
    ck_annotation_set_free(&set);
}

static void appended_section_takes_in_the_last_paragraph_mark(void **state)
{
    (void)state;
    char in_path[512], out_path[512];
    snprintf(in_path, sizeof in_path, "%s",
             ck_test_package("tail.docx", "[Content_Types].xml", types, "_rels/.rels", rels,
                             "word/_rels/document.xml.rels", doc_rels, "word/document.xml", document, NULL));
    snprintf(out_path, sizeof out_path, "%s", ck_test_path("tail-out.docx"));
    ck_annotation_set set;
    ck_error err;
    ck_annotation_set_init(&set, "word/document.xml");
    ck_annotation_set_comment(&set, 3, 3, "3.5.3", "最後一段的註解");
    ck_annotation_set_insert(&set, -1, "3.5.2", "第一段建議\n第二段建議", NULL);
    ck_error_clear(&err);
    assert_int_equal(ck_annotate_write(in_path, out_path, &set, &err), 0);
    char *doc = ck_test_read_part(out_path, "word/document.xml");
    xmlFreeDoc(ck_test_well_formed(doc, "document.xml"));
    /* The last original paragraph: its new w:pPr leads, before the comment anchor. */
    const char *last = strstr(doc, "最後一段");
    const char *p = last;
    while (p > doc && strncmp(p, "<w:p>", 5) != 0)
        p--;
    assert_true(strncmp(p, "<w:p><w:pPr><w:rPr><w:ins ", 26) == 0);
    assert_true(strstr(p, "<w:commentRangeStart") < last);
    /* Our last paragraph keeps the document's final mark: no w:ins in its pPr. */
    const char *mine = strstr(doc, "第二段建議");
    const char *q = mine;
    while (q > doc && strncmp(q, "<w:p", 4) != 0)
        q--;
    const char *ppr_end = strstr(q, "</w:pPr>");
    assert_true(ppr_end < mine);
    assert_null(memmem(q, (size_t)(ppr_end - q), "<w:ins", 6));
    /* The one before it does carry an inserted mark. */
    const char *first = strstr(doc, "第一段建議");
    const char *r = first;
    while (r > doc && strncmp(r, "<w:p", 4) != 0)
        r--;
    assert_non_null(memmem(r, (size_t)(first - r), "<w:rPr><w:ins", 13));
    free(doc);
    ck_annotation_set_free(&set);
}

static void running_again_does_not_pile_up(void **state)
{
    (void)state;
    char first[512], second[512], in_path[512];
    snprintf(in_path, sizeof in_path, "%s",
             ck_test_package("again.docx", "[Content_Types].xml", types, "_rels/.rels", rels,
                             "word/_rels/document.xml.rels", doc_rels, "word/document.xml", document, NULL));
    snprintf(first, sizeof first, "%s", ck_test_path("first.docx"));
    snprintf(second, sizeof second, "%s", ck_test_path("second.docx"));
    ck_annotation_set set;
    ck_error err;
    make_set(&set);
    ck_error_clear(&err);
    assert_int_equal(ck_annotate_write(in_path, first, &set, &err), 0);
    free(set.summary);
    set.summary = ck_strdup("第二次摘要");
    assert_int_equal(ck_annotate_write(first, second, &set, &err), 0);

    char *doc = ck_test_read_part(second, "word/document.xml");
    char *comments = ck_test_read_part(second, "word/comments.xml");
    xmlFreeDoc(ck_test_well_formed(doc, "document.xml"));
    xmlFreeDoc(ck_test_well_formed(comments, "comments.xml"));
    assert_int_equal(count_of(comments, "<w:comment "), 5);
    assert_int_equal(count_of(doc, "<w:commentRangeStart"), 5);
    assert_int_equal(count_of(doc, "乙方應指定專案經理"), 1);
    assert_int_equal(count_of(doc, "補充條款（審查建議）"), 1);
    assert_non_null(strstr(comments, "第二次摘要"));
    assert_null(strstr(comments, "審查摘要"));
    free(doc);
    free(comments);
    ck_annotation_set_free(&set);
}

static void existing_comments_are_kept(void **state)
{
    (void)state;
    static const char rels_with_comments[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" Target=\"comments.xml\"/>"
        "</Relationships>";
    static const char old_comments[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:comments xmlns:w=\"" W_NS "\">"
        "<w:comment w:id=\"40\" w:author=\"法務室\" w:date=\"2026-01-01T00:00:00Z\"><w:p><w:r><w:t>請再確認</w:t></w:r></w:p></w:comment>"
        "</w:comments>";
    char in_path[512], out_path[512];
    snprintf(in_path, sizeof in_path, "%s",
             ck_test_package("old.docx", "[Content_Types].xml", types, "_rels/.rels", rels,
                             "word/_rels/document.xml.rels", rels_with_comments, "word/document.xml", document,
                             "word/comments.xml", old_comments, NULL));
    snprintf(out_path, sizeof out_path, "%s", ck_test_path("old-out.docx"));
    ck_annotation_set set;
    ck_error err;
    ck_annotation_set_init(&set, "word/document.xml");
    ck_annotation_set_comment(&set, 3, 3, "3.5.3", "說明");
    ck_error_clear(&err);
    assert_int_equal(ck_annotate_write(in_path, out_path, &set, &err), 0);
    char *comments = ck_test_read_part(out_path, "word/comments.xml");
    char *r = ck_test_read_part(out_path, "word/_rels/document.xml.rels");
    assert_non_null(strstr(comments, "請再確認"));
    assert_non_null(strstr(comments, "w:id=\"41\""));
    assert_string_equal(r, rels_with_comments);
    free(comments);
    free(r);
    ck_annotation_set_free(&set);
}

int main(void)
{
    ck_lang_set_name("en");
    ck_xml_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(docx_gets_comments_insertions_and_summary),
        cmocka_unit_test(appended_section_takes_in_the_last_paragraph_mark),
        cmocka_unit_test(running_again_does_not_pile_up),
        cmocka_unit_test(existing_comments_are_kept),
    };
    return cmocka_run_group_tests_name("annotate/docx", tests, NULL, NULL);
}
