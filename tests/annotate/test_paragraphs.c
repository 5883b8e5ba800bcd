#include "support.h"

#include "annotate/paragraphs.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

/* Paragraphs are found by namespace, whatever prefix binds it, and a
 * prefix bound to another namespace is not WordprocessingML. */
static void paragraphs_are_found_by_namespace(void **state)
{
    (void)state;
    static const char doc[] =
        "<x:document xmlns:x=\"" W_NS "\"><x:body>"
        "<x:p><x:r><x:t>one</x:t></x:r></x:p>"
        "<w:p xmlns:w=\"urn:not-word\"><w:r/></w:p>"
        "<p xmlns=\"" W_NS "\"><r><t>two</t></r></p>"
        "<x:p><x:pPr><x:jc x:val=\"left\"/></x:pPr><x:r><x:t>three</x:t></x:r></x:p>"
        "<x:sectPr/></x:body></x:document>";
    ck_annotate_paragraphs map;
    assert_int_equal(ck_annotate_paragraphs_scan(doc, sizeof doc - 1, CK_PARAGRAPHS_DOCX, &map), 0);
    assert_int_equal(map.count, 3);
    assert_memory_equal(doc + map.paras[1].start, "<p xmlns", 8);
    assert_memory_equal(doc + map.paras[2].content_start, "<x:r>", 5);
    assert_memory_equal(doc + map.tail_start, "<x:sectPr/>", 11);
    ck_annotate_paragraphs_free(&map);

    /* ODT: text:p and text:h, under any prefix. */
    static const char odt[] =
        "<o:document-content xmlns:o=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:t=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><o:body><o:text>"
        "<t:h>a</t:h><t:list><t:list-item><t:p>b</t:p></t:list-item></t:list><t:p/>"
        "</o:text></o:body></o:document-content>";
    assert_int_equal(ck_annotate_paragraphs_scan(odt, sizeof odt - 1, CK_PARAGRAPHS_ODT, &map), 0);
    assert_int_equal(map.count, 3);
    assert_memory_equal(odt + map.paras[1].item_close, "</t:list-item>", 14);
    assert_true(map.paras[2].empty);
    ck_annotate_paragraphs_free(&map);
}

/* A comment range stays where Word and LibreOffice both keep it. */
static void comment_spans_stay_where_kept(void **state)
{
    (void)state;
    static const char doc[] =
        "<w:document xmlns:w=\"" W_NS "\"><w:body>"
        "<w:p><w:r><w:t>0 heading</w:t></w:r></w:p>"                                     /* 0 */
        "<w:p><w:r><w:t>1 anchor</w:t></w:r><w:r><w:drawing><w:txbxContent>"             /* 1 */
        "<w:p><w:r><w:t>2 in a text box</w:t></w:r></w:p>"                                /* 2 */
        "</w:txbxContent></w:drawing></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>3 cell</w:t></w:r></w:p>"                     /* 3 */
        "<w:p><w:r><w:t>4 same cell</w:t></w:r></w:p></w:tc>"                              /* 4 */
        "<w:tc><w:p><w:r><w:t>5 next cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"        /* 5 */
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>6 control</w:t></w:r></w:p></w:sdtContent></w:sdt>" /* 6 */
        "<w:p><w:r><w:t>7 after</w:t></w:r></w:p>"                                       /* 7 */
        "</w:body></w:document>";
    ck_annotate_paragraphs map;
    size_t from, to;
    assert_int_equal(ck_annotate_paragraphs_scan(doc, sizeof doc - 1, CK_PARAGRAPHS_DOCX, &map), 0);
    assert_int_equal(map.count, 8);
    assert_int_equal(map.paras[2].parent, 1);
    ck_annotate_paragraphs_span(&map, 2, 2, &from, &to); /* text box: its anchor */
    assert_int_equal(from, 1);
    assert_int_equal(to, 1);
    ck_annotate_paragraphs_span(&map, 3, 4, &from, &to); /* within one cell */
    assert_int_equal(from, 3);
    assert_int_equal(to, 4);
    ck_annotate_paragraphs_span(&map, 3, 5, &from, &to); /* across cells: the first alone */
    assert_int_equal(to, 3);
    ck_annotate_paragraphs_span(&map, 4, 7, &from, &to); /* out of the table: the first alone */
    assert_int_equal(from, 4);
    assert_int_equal(to, 4);
    ck_annotate_paragraphs_span(&map, 6, 6, &from, &to); /* content control: the paragraph before it */
    assert_int_equal(from, 5);
    ck_annotate_paragraphs_span(&map, 0, 1, &from, &to);
    assert_int_equal(from, 0);
    assert_int_equal(to, 1);
    ck_annotate_paragraphs_free(&map);
}

/* A summary goes on the first body paragraph that has content: not an
 * empty one, not one in a table. */
static void the_first_body_paragraph_skips_empty_and_nested_ones(void **state)
{
    (void)state;
    static const char doc[] =
        "<w:document xmlns:w=\"" W_NS "\"><w:body>"
        "<w:p/>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:p><w:r><w:t>first</w:t></w:r></w:p>"
        "</w:body></w:document>";
    static const char empty[] = "<w:document xmlns:w=\"" W_NS "\"><w:body><w:p/></w:body></w:document>";
    ck_annotate_paragraphs map;
    assert_int_equal(ck_annotate_paragraphs_scan(doc, sizeof doc - 1, CK_PARAGRAPHS_DOCX, &map), 0);
    assert_int_equal(map.count, 3);
    assert_int_equal(ck_annotate_paragraphs_first_body(&map), 2);
    /* where something can go after a paragraph: not past the map, not none */
    assert_ptr_equal(ck_annotate_paragraphs_insertable(&map, 2), &map.paras[2]);
    assert_ptr_equal(ck_annotate_paragraphs_insertable(&map, 1), &map.paras[1]); /* after its table */
    assert_null(ck_annotate_paragraphs_insertable(&map, -1));
    assert_null(ck_annotate_paragraphs_insertable(&map, 3));
    ck_annotate_paragraphs_free(&map);
    assert_int_equal(ck_annotate_paragraphs_scan(empty, sizeof empty - 1, CK_PARAGRAPHS_DOCX, &map), 0);
    assert_int_equal(ck_annotate_paragraphs_first_body(&map), map.count);
    ck_annotate_paragraphs_free(&map);
}

static void broken_text_has_no_map(void **state)
{
    (void)state;
    static const char cut[] = "<w:document xmlns:w=\"" W_NS "\"><w:body><w:p";
    static const char none[] = "<w:document xmlns:w=\"" W_NS "\"><w:p/></w:document>";
    ck_annotate_paragraphs map;
    assert_int_equal(ck_annotate_paragraphs_scan(cut, sizeof cut - 1, CK_PARAGRAPHS_DOCX, &map), -1);
    assert_int_equal(ck_annotate_paragraphs_scan(none, sizeof none - 1, CK_PARAGRAPHS_DOCX, &map), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(paragraphs_are_found_by_namespace),
        cmocka_unit_test(comment_spans_stay_where_kept),
        cmocka_unit_test(the_first_body_paragraph_skips_empty_and_nested_ones),
        cmocka_unit_test(broken_text_has_no_map),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
