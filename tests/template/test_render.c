/* A record rendered into a template (template/render.c). */
#include "template/template_support.h"

/* ---- placeholders ---------------------------------------------------------- */

static void test_placeholder(void **state)
{
    (void)state;
    expect_html("立書人 {{姓名}} 簽署\n", "姓名: 王小明\n", "<p>立書人 王小明 簽署</p>\n");
    expect_html("# {{表單編號}} {{表單名稱}}\n", "姓名: x\n", "<h1>T-1 測試表</h1>\n");
    /* absent optional field prints nothing */
    expect_html("[{{職稱}}]\n", "姓名: x\n", "<p>[]</p>\n");
    /* spaces inside the braces */
    expect_html("{{  姓名  }}\n", "姓名: 甲\n", "<p>甲</p>\n");
}

static void test_values_are_literal(void **state)
{
    const char *evil = "姓名: '*Star* <b>&amp; | [x](y) `c` # h\\n- li'\n";
    (void)state;
    expect_html("A {{姓名}} B\n", evil,
                "<p>A *Star* &lt;b&gt;&amp;amp; | [x](y) `c` # h\\n- li B</p>\n");
    expect_html("# {{姓名}}\n", evil, "<h1>*Star* &lt;b&gt;&amp;amp; | [x](y) `c` # h\\n- li</h1>\n");
    expect_html("- {{姓名}}\n", evil, "<ul>\n<li>*Star* &lt;b&gt;&amp;amp; | [x](y) `c` # h\\n- li</li>\n</ul>\n");
    /* in a table cell a | must not add a cell */
    expect_html("| a | b |\n|---|---|\n| {{姓名}} | z |\n", "姓名: 'x | y | w'\n",
                "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n"
                "<tr>\n<td>x | y | w</td>\n<td>z</td>\n</tr>\n</tbody>\n</table>\n");
    /* inside strong, emphasis, link text, a header cell and a blockquote */
    expect_html("**{{姓名}}** *{{姓名}}* [{{姓名}}](https://example.org)\n", "姓名: '<i>|</i>'\n",
                "<p><strong>&lt;i&gt;|&lt;/i&gt;</strong> <em>&lt;i&gt;|&lt;/i&gt;</em> "
                "<a href=\"https://example.org\">&lt;i&gt;|&lt;/i&gt;</a></p>\n");
    expect_html("| {{姓名}} | b |\n|---|---|\n| c | d |\n", "姓名: '| x |'\n",
                "<table>\n<thead>\n<tr>\n<th>| x |</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n"
                "<tr>\n<td>c</td>\n<td>d</td>\n</tr>\n</tbody>\n</table>\n");
    expect_html("> {{姓名}}\n", "姓名: '> not a quote'\n", "<blockquote>\n<p>&gt; not a quote</p>\n</blockquote>\n");
    /* a value that looks like a placeholder or a marker stays as it is */
    expect_html("{{姓名}}\n", "姓名: '{{職稱}} \\{{x}}'\n", "<p>{{職稱}} \\{{x}}</p>\n");
    /* a newline in a value is a hard line break, not a new paragraph */
    expect_html("{{姓名}}\n", "姓名: \"a\\n\\nb\"\n", "<p>a<br />\n<br />\nb</p>\n");
}

/* Nested sections multiply; the output is capped with a clear error that
 * names the template line, long before the machine runs out of anything. */
static void test_expansion_is_capped(void **state)
{
    ck_buf body = CK_BUF_INIT;
    ck_error err;
    ck_template *t;
    ck_value *r = record("姓名: x\n稽核人員: 一、二、三、四、五、六、七、八、九、十\n");
    cmark_node *doc = NULL;
    char line[2048];
    (void)state;

    ck_buf_puts(&body, "\n");
    for (int i = 0; i < 16; i++)
        ck_buf_puts(&body, "{{#each 稽核人員}}");
    ck_buf_puts(&body, "{{this}}");
    for (int i = 0; i < 16; i++)
        ck_buf_puts(&body, "{{/each}}");
    ck_buf_puts(&body, "\n");
    t = load(body.data, &err);
    assert_non_null(t);
    assert_int_equal(ck_template_render(t, r, &doc, &err), CK_ELIMIT);
    assert_null(doc);
    ck_error_format(&err, line, sizeof line);
    assert_non_null(strstr(line, "t.md:14:"));
    assert_non_null(strstr(line, "more than 100000 {{#each}} items (nested sections multiply)"));
    ck_template_free(t);
    ck_value_free(r);
    ck_buf_free(&body);
}

/* Values join the text before them in one buffer: a long list comes out
 * whole and in order. */
static void test_many_items(void **state)
{
    ck_buf yaml = CK_BUF_INIT, want = CK_BUF_INIT;
    char *got;
    (void)state;

    ck_buf_puts(&yaml, "姓名: x\n稽核人員: [");
    ck_buf_puts(&want, "<p>");
    for (int i = 0; i < 5000; i++) {
        ck_buf_printf(&yaml, "%s人%d", i ? ", " : "", i);
        ck_buf_printf(&want, "人%d,", i);
    }
    ck_buf_puts(&yaml, "]\n");
    ck_buf_puts(&want, "</p>\n");
    got = html("{{#each 稽核人員}}{{this}},{{/each}}\n", yaml.data);
    assert_string_equal(got, want.data);
    free(got);
    ck_buf_free(&yaml);
    ck_buf_free(&want);
}

/* A table cell cannot hold a hard line break: a value's lines are joined
 * by a space there (and nothing is leaked), while a paragraph keeps them. */
static void test_multiline_value_in_table_cell(void **state)
{
    (void)state;
    char *got = html("| 職稱 |\n|---|\n| {{職稱}} |\n\n{{職稱}}\n", "職稱: \"經理\\n兼工程師\"\n");
    if (!strstr(got, "<td>經理 兼工程師</td>") || !strstr(got, "<p>經理<br />\n兼工程師</p>"))
        print_error("got:\n%s\n", got);
    assert_non_null(strstr(got, "<td>經理 兼工程師</td>"));
    assert_non_null(strstr(got, "<p>經理<br />\n兼工程師</p>"));
    free(got);
}

/* The template tree is not changed by rendering: one template, many records. */
static void test_render_twice(void **state)
{
    ck_error err;
    ck_template *t = load("| a |\n|---|\n| {{#each 稽核人員}}{{this}}{{/each}} |\n\n{{姓名}}\n", &err);
    ck_value *r1 = record("姓名: 一\n稽核人員: 甲、乙\n"), *r2 = record("姓名: 二\n稽核人員: 丙\n");
    cmark_node *d1 = NULL, *d2 = NULL;
    char *c1, *c2;
    (void)state;
    assert_non_null(t);
    assert_int_equal(ck_template_render(t, r1, &d1, &err), 0);
    assert_int_equal(ck_template_render(t, r2, &d2, &err), 0);
    c1 = cmark_render_commonmark(d1, 0, 0);
    c2 = cmark_render_commonmark(d2, 0, 0);
    assert_non_null(strstr(c1, "甲"));
    assert_non_null(strstr(c1, "一"));
    assert_null(strstr(c2, "甲"));
    assert_non_null(strstr(c2, "丙"));
    free(c1);
    free(c2);
    cmark_node_free(d1);
    cmark_node_free(d2);
    ck_value_free(r1);
    ck_value_free(r2);
    ck_template_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_placeholder),
        cmocka_unit_test(test_values_are_literal),
        cmocka_unit_test(test_expansion_is_capped),
        cmocka_unit_test(test_many_items),
        cmocka_unit_test(test_multiline_value_in_table_cell),
        cmocka_unit_test(test_render_twice),
    };
    ck_lang_set_name("en");
    return cmocka_run_group_tests_name("template/render", tests, NULL, NULL);
}
