/* ODT styles (src/reader/odt_styles.c): the lookup map, which declaration
 * a part sees, and what follows the parent chain (hidden text, list style,
 * outline level, the name users see, table-of-contents styles). */
#include "support.h"

#include "reader/odt_internal.h"

static void map_puts_gets_and_replaces(void **state)
{
    (void)state;
    ck_odt_map map = { NULL, 0, 0 };
    char key[32];
    size_t value = 0;
    for (size_t i = 0; i < 5000; i++) {
        int n = snprintf(key, sizeof key, "P%zu", i);
        ck_odt_map_put(&map, key, (size_t)n, i);
    }
    ck_odt_map_put(&map, "P7", 2, 70000);
    assert_int_equal(map.count, 5000);
    assert_true(ck_odt_map_get(&map, "P4999", 5, &value));
    assert_int_equal(value, 4999);
    assert_true(ck_odt_map_get(&map, "P7", 2, &value));
    assert_int_equal(value, 70000);
    assert_false(ck_odt_map_get(&map, "P5000", 5, &value));
    assert_false(ck_odt_map_get(&map, "P", 1, &value)); /* a prefix is another key */
    ck_odt_map_free(&map);
}

/* A part sees its own automatic styles first, then the common ones; the
 * other part's automatic styles never. */
static void scopes_decide_what_a_part_sees(void **state)
{
    (void)state;
    ck_odt_styles st;
    memset(&st, 0, sizeof st);
    ck_odt_styles_add(&st, "P1", NULL, CK_ODT_SCOPE_COMMON, CK_ODT_FAMILY_PARAGRAPH, NULL)->outline_level = 1;
    ck_odt_styles_add(&st, "P1", NULL, CK_ODT_SCOPE_CONTENT_AUTO, CK_ODT_FAMILY_PARAGRAPH, NULL)->outline_level = 2;
    ck_odt_styles_add(&st, "P1", NULL, CK_ODT_SCOPE_STYLES_AUTO, CK_ODT_FAMILY_PARAGRAPH, NULL)->outline_level = 3;
    ck_odt_styles_add(&st, "T1", NULL, CK_ODT_SCOPE_CONTENT_AUTO, CK_ODT_FAMILY_TEXT, NULL);
    assert_int_equal(ck_odt_style_find(&st, "P1", CK_ODT_FAMILY_PARAGRAPH, CK_ODT_SCOPE_CONTENT_AUTO)->outline_level, 2);
    assert_int_equal(ck_odt_style_find(&st, "P1", CK_ODT_FAMILY_PARAGRAPH, CK_ODT_SCOPE_STYLES_AUTO)->outline_level, 3);
    assert_int_equal(ck_odt_style_find(&st, "P1", CK_ODT_FAMILY_PARAGRAPH, CK_ODT_SCOPE_COMMON)->outline_level, 1);
    assert_null(ck_odt_style_find(&st, "T1", CK_ODT_FAMILY_PARAGRAPH, CK_ODT_SCOPE_CONTENT_AUTO));
    assert_null(ck_odt_style_find(&st, "T1", CK_ODT_FAMILY_TEXT, CK_ODT_SCOPE_STYLES_AUTO));
    assert_null(ck_odt_style_find(&st, NULL, CK_ODT_FAMILY_TEXT, CK_ODT_SCOPE_COMMON));
    /* a later declaration of the same style wins */
    ck_odt_styles_add(&st, "P1", NULL, CK_ODT_SCOPE_COMMON, CK_ODT_FAMILY_PARAGRAPH, NULL)->outline_level = 4;
    assert_int_equal(ck_odt_style_find(&st, "P1", CK_ODT_FAMILY_PARAGRAPH, CK_ODT_SCOPE_COMMON)->outline_level, 4);

    ck_odt_list_style *l = ck_odt_styles_add_list(&st, "L1", CK_ODT_SCOPE_COMMON, 0);
    assert_int_equal(l->levels[3].start_value, 1);
    assert_ptr_equal(ck_odt_list_style_find(&st, "L1", CK_ODT_SCOPE_CONTENT_AUTO), l);
    assert_null(ck_odt_list_style_find(&st, "L2", CK_ODT_SCOPE_CONTENT_AUTO));
    ck_odt_list_style *outline = ck_odt_styles_add_list(&st, "Outline", CK_ODT_SCOPE_COMMON, 1);
    assert_ptr_equal(outline, &st.outline);
    assert_true(st.has_outline);
    ck_odt_styles_free(&st);
}

static void parent_chains(void **state)
{
    (void)state;
    ck_odt_styles st;
    memset(&st, 0, sizeof st);
    ck_odt_style *s = ck_odt_styles_add(&st, "Heading_20_1", "Heading 1", CK_ODT_SCOPE_COMMON, CK_ODT_FAMILY_PARAGRAPH, NULL);
    s->outline_level = 1;
    s->list_style = ck_strdup("Numbering_20_1");
    s = ck_odt_styles_add(&st, "Secret", NULL, CK_ODT_SCOPE_COMMON, CK_ODT_FAMILY_TEXT, NULL);
    s->display = 0;
    ck_odt_styles_add(&st, "T1", NULL, CK_ODT_SCOPE_CONTENT_AUTO, CK_ODT_FAMILY_TEXT, "Secret");
    s = ck_odt_styles_add(&st, "T2", NULL, CK_ODT_SCOPE_CONTENT_AUTO, CK_ODT_FAMILY_TEXT, "Secret");
    s->display = 1;
    ck_odt_styles_add(&st, "P3", NULL, CK_ODT_SCOPE_CONTENT_AUTO, CK_ODT_FAMILY_PARAGRAPH, "Heading_20_1");
    s = ck_odt_styles_add(&st, "P4", NULL, CK_ODT_SCOPE_CONTENT_AUTO, CK_ODT_FAMILY_PARAGRAPH, "Heading_20_1");
    s->list_style = ck_strdup(""); /* an empty list style name takes numbering away */
    ck_odt_styles_add(&st, "Contents_20_1", NULL, CK_ODT_SCOPE_COMMON, CK_ODT_FAMILY_PARAGRAPH, NULL);
    ck_odt_styles_add(&st, "P5", NULL, CK_ODT_SCOPE_CONTENT_AUTO, CK_ODT_FAMILY_PARAGRAPH, "Contents_20_1");
    ck_odt_styles_add(&st, "Loop", NULL, CK_ODT_SCOPE_COMMON, CK_ODT_FAMILY_PARAGRAPH, "Loop");

    assert_true(ck_odt_style_hidden(&st, "T1", CK_ODT_FAMILY_TEXT, CK_ODT_SCOPE_CONTENT_AUTO));
    assert_false(ck_odt_style_hidden(&st, "T2", CK_ODT_FAMILY_TEXT, CK_ODT_SCOPE_CONTENT_AUTO));
    assert_false(ck_odt_style_hidden(&st, "T1", CK_ODT_FAMILY_TEXT, CK_ODT_SCOPE_STYLES_AUTO));
    assert_int_equal(ck_odt_style_outline_level(&st, "P3", CK_ODT_SCOPE_CONTENT_AUTO), 1);
    assert_string_equal(ck_odt_style_list_style(&st, "P3", CK_ODT_SCOPE_CONTENT_AUTO), "Numbering_20_1");
    assert_null(ck_odt_style_list_style(&st, "P4", CK_ODT_SCOPE_CONTENT_AUTO));
    assert_string_equal(ck_odt_style_common_name(&st, "P3", CK_ODT_SCOPE_CONTENT_AUTO), "Heading 1");
    assert_string_equal(ck_odt_style_common_name(&st, "P5", CK_ODT_SCOPE_CONTENT_AUTO), "Contents_20_1");
    assert_string_equal(ck_odt_style_common_name(&st, "Unknown", CK_ODT_SCOPE_CONTENT_AUTO), "Unknown");
    assert_true(ck_odt_style_toc(&st, "P5", CK_ODT_SCOPE_CONTENT_AUTO));
    assert_false(ck_odt_style_toc(&st, "P3", CK_ODT_SCOPE_CONTENT_AUTO));
    /* a style that is its own parent ends the walk */
    assert_int_equal(ck_odt_style_outline_level(&st, "Loop", CK_ODT_SCOPE_COMMON), 0);
    ck_odt_styles_free(&st);
}

static void table_of_contents_names(void **state)
{
    (void)state;
    ck_odt_styles st;
    memset(&st, 0, sizeof st);
    static const char *const toc[] = { "Contents_20_3", "Contents Heading", "TOC 1", "TOC_20_2", "目錄 1" };
    for (size_t i = 0; i < sizeof toc / sizeof toc[0]; i++)
        assert_true(ck_odt_styles_add(&st, toc[i], NULL, CK_ODT_SCOPE_COMMON, CK_ODT_FAMILY_PARAGRAPH, NULL)->toc);
    assert_true(ck_odt_styles_add(&st, "P9", "Contents 2", CK_ODT_SCOPE_COMMON, CK_ODT_FAMILY_PARAGRAPH, NULL)->toc);
    assert_false(ck_odt_styles_add(&st, "Text_20_body", NULL, CK_ODT_SCOPE_COMMON, CK_ODT_FAMILY_PARAGRAPH, NULL)->toc);
    assert_false(ck_odt_styles_add(&st, "Contents 1", NULL, CK_ODT_SCOPE_COMMON, CK_ODT_FAMILY_TEXT, NULL)->toc);
    ck_odt_styles_free(&st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(map_puts_gets_and_replaces),
        cmocka_unit_test(scopes_decide_what_a_part_sees),
        cmocka_unit_test(parent_chains),
        cmocka_unit_test(table_of_contents_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
