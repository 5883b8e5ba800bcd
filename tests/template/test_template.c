#include "support.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "data/data.h"
#include "template/template.h"
#include "util/buf.h"
#include "util/lang.h"

#define HEAD                                                                              \
    "---\n"                                                                               \
    "form: T-1\n"                                                                         \
    "title: 測試表\n"                                                                     \
    "fields:\n"                                                                           \
    "  - { name: 姓名, required: true, aliases: [立書人] }\n"                             \
    "  - { name: 身分證字號, kind: id }\n"                                                \
    "  - { name: 簽署日期, kind: date }\n"                                                \
    "  - { name: 金額, kind: amount }\n"                                                  \
    "  - { name: 稽核人員, kind: names }\n"                                               \
    "  - { name: 職稱 }\n"                                                                \
    "  - { name: 項目清單, kind: checklist }\n"                                           \
    "---\n"
/* HEAD has 12 lines: the body starts on line 13. */

static ck_template *load(const char *body, ck_error *err)
{
    ck_buf b = CK_BUF_INIT;
    ck_template *t = NULL;
    ck_buf_puts(&b, HEAD);
    ck_buf_puts(&b, body);
    ck_error_clear(err);
    ck_template_load_string("t.md", b.data, b.len, &t, err);
    ck_buf_free(&b);
    return t;
}

static ck_value *record(const char *yaml)
{
    ck_value *list = NULL, *one;
    ck_error err;
    ck_error_clear(&err);
    if (ck_record_read_memory(yaml, strlen(yaml), "r.yaml", NULL, &list, &err) != 0) {
        ck_error_print(&err, stderr);
        abort();
    }
    one = list->items[0];
    list->items[0] = ck_value_new_string("", 0);
    ck_value_free(list);
    return one;
}

/* Renders body with the record (YAML) and returns the HTML cmark writes. */
static char *html(const char *body, const char *yaml)
{
    ck_error err;
    ck_template *t = load(body, &err);
    ck_value *r = record(yaml);
    cmark_node *doc = NULL;
    cmark_llist *exts = NULL;
    char *out;

    if (!t) {
        ck_error_print(&err, stderr);
        fail_msg("template did not load");
    }
    if (ck_template_render(t, r, &doc, &err) != 0) {
        ck_error_print(&err, stderr);
        fail_msg("render failed");
    }
    exts = cmark_llist_append(cmark_get_default_mem_allocator(), exts, cmark_find_syntax_extension("table"));
    out = cmark_render_html(doc, CMARK_OPT_DEFAULT, exts);
    cmark_llist_free(cmark_get_default_mem_allocator(), exts);
    cmark_node_free(doc);
    ck_value_free(r);
    ck_template_free(t);
    return out;
}

static void expect_html(const char *body, const char *yaml, const char *want)
{
    char *got = html(body, yaml);
    if (strcmp(got, want) != 0)
        print_error("body:\n%s\ngot:\n%s\nwant:\n%s\n", body, got, want);
    assert_string_equal(got, want);
    free(got);
}

static void expect_load_error(const char *body, const char *pattern)
{
    ck_error err;
    char line[2048];
    ck_template *t = load(body, &err);
    assert_null(t);
    ck_error_format(&err, line, sizeof line);
    if (!strstr(line, pattern))
        print_error("error '%s' lacks '%s'\n", line, pattern);
    assert_non_null(strstr(line, pattern));
}

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

static void test_placeholder_inside_markup(void **state)
{
    (void)state;
    /* cmark would split text around * _ [ ! : the marker survives */
    expect_html("**{{姓名}}** _{{職稱}}_ [{{姓名}}] x*{{姓名}}\n", "姓名: 甲\n職稱: 乙\n",
                "<p><strong>甲</strong> <em>乙</em> [甲] x*甲</p>\n");
    expect_html("`{{姓名}}`\n", "姓名: '*a*'\n", "<p><code>*a*</code></p>\n");
    expect_html("\\{{姓名}} 保留\n", "姓名: 甲\n", "<p>{{姓名}} 保留</p>\n");
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

static void test_filters(void **state)
{
    (void)state;
    expect_html("{{簽署日期 | roc_date}}\n", "姓名: x\n簽署日期: 2026-11-23\n", "<p>中華民國115年11月23日</p>\n");
    expect_html("{{簽署日期 | roc_date}}\n", "姓名: x\n簽署日期: 115/11/23\n", "<p>中華民國115年11月23日</p>\n");
    expect_html("{{簽署日期 | roc_date | default: \"中華民國＿＿年＿＿月＿＿日\"}}\n", "姓名: x\n",
                "<p>中華民國＿＿年＿＿月＿＿日</p>\n");
    expect_html("{{身分證字號 | mask_id}}\n", "姓名: x\n身分證字號: A123456789\n", "<p>A12345****</p>\n");
    expect_html("{{金額 | chinese_amount}}\n", "姓名: x\n金額: 1200000\n", "<p>新臺幣壹佰貳拾萬元整</p>\n");
    expect_html("| a |\n|---|\n| {{金額 | chinese_amount}} |\n", "姓名: x\n金額: '1,200,000'\n",
                "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>新臺幣壹佰貳拾萬元整</td>\n"
                "</tr>\n</tbody>\n</table>\n");
    expect_html("{{職稱 | default: '無'}} {{職稱 | default: \"a|b\"}}\n", "姓名: x\n", "<p>無 a|b</p>\n");
    /* \| (as GFM tables escape a pipe) means | inside a placeholder */
    expect_html("| a |\n|---|\n| {{金額 \\| chinese_amount}} |\n", "姓名: x\n金額: '10050'\n",
                "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>新臺幣壹萬零伍拾元整</td>\n"
                "</tr>\n</tbody>\n</table>\n");
    expect_html("{{姓名 | upper}}\n", "姓名: abc王\n", "<p>ABC王</p>\n");
}

static void test_filter_errors(void **state)
{
    (void)state;
    expect_load_error("{{姓名 | roc_date}}\n", "t.md:13:1: ");
    expect_load_error("{{姓名 | roc_date}}\n", "roc_date");
    expect_load_error("x {{姓名 | nosuch}}\n", "t.md:13:3: ");
    expect_load_error("{{職稱 | mask_id}}\n", "mask_id");
    expect_load_error("{{姓名 | chinese_amount}}\n", "chinese_amount");
}

static void test_unknown_placeholder(void **state)
{
    (void)state;
    expect_load_error("line one\n\n{{姓明}}\n", "t.md:15:1: ");
    expect_load_error("line one\n\n{{姓明}}\n", "姓名");
    expect_load_error("{{完全無關的欄位名稱甲乙丙}}\n", "t.md:13:1: ");
    expect_load_error("{{this}}\n", "#each");
    expect_load_error("{{姓名\n}}\n", "t.md:13:1: ");
}

static void test_chinese_amount(void **state)
{
    static const struct { const char *in, *out; } cases[] = {
        { "0", "新臺幣零元整" },
        { "5", "新臺幣伍元整" },
        { "10", "新臺幣壹拾元整" },
        { "15", "新臺幣壹拾伍元整" },
        { "100", "新臺幣壹佰元整" },
        { "101", "新臺幣壹佰零壹元整" },
        { "110", "新臺幣壹佰壹拾元整" },
        { "1001", "新臺幣壹仟零壹元整" },
        { "10050", "新臺幣壹萬零伍拾元整" },
        { "10000", "新臺幣壹萬元整" },
        { "100000", "新臺幣壹拾萬元整" },
        { "1200000", "新臺幣壹佰貳拾萬元整" },
        { "1,200,000", "新臺幣壹佰貳拾萬元整" },
        { "1201000", "新臺幣壹佰貳拾萬壹仟元整" },
        { "1200300", "新臺幣壹佰貳拾萬零參佰元整" },
        { "10000000", "新臺幣壹仟萬元整" },
        { "100000000", "新臺幣壹億元整" },
        { "100010000", "新臺幣壹億零壹萬元整" },
        { "100000001", "新臺幣壹億零壹元整" },
        { "2030405060", "新臺幣貳拾億參仟零肆拾萬伍仟零陸拾元整" },
        { "999999999999", "新臺幣玖仟玖佰玖拾玖億玖仟玖佰玖拾玖萬玖仟玖佰玖拾玖元整" },
        { "007", "新臺幣柒元整" },
    };
    static const char *const bad[] = { "", "-5", "12.5", "1,20,000", ",100", "1000000000000", "NT$100", "１２", "12,34" };
    ck_error err;
    char *out;
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ck_error_clear(&err);
        assert_int_equal(ck_template_chinese_amount(cases[i].in, &out, &err), 0);
        if (strcmp(out, cases[i].out) != 0)
            print_error("%s -> %s, want %s\n", cases[i].in, out, cases[i].out);
        assert_string_equal(out, cases[i].out);
        free(out);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_error_clear(&err);
        out = NULL;
        assert_int_equal(ck_template_chinese_amount(bad[i], &out, &err), CK_EDATA);
        assert_null(out);
        assert_true(ck_error_is_set(&err));
    }
}

static void test_roc_date_filter(void **state)
{
    ck_error err;
    char *out = NULL;
    (void)state;
    ck_error_clear(&err);
    assert_int_equal(ck_template_apply_filter("roc_date", NULL, "2026-01-05", &out, &err), 0);
    assert_string_equal(out, "中華民國115年1月5日");
    free(out);
    assert_int_equal(ck_template_apply_filter("roc_date", NULL, "", &out, &err), 0);
    assert_string_equal(out, "");
    free(out);
    out = NULL;
    assert_int_equal(ck_template_apply_filter("roc_date", NULL, "115/02/30", &out, &err), CK_EDATA);
    assert_null(out);
}

/* ---- sections ------------------------------------------------------------ */

static void test_if_else(void **state)
{
    (void)state;
    expect_html("{{#if 職稱}}職稱：{{職稱}}{{else}}無職稱{{/if}}。\n", "姓名: x\n職稱: 工程師\n", "<p>職稱：工程師。</p>\n");
    expect_html("{{#if 職稱}}職稱：{{職稱}}{{else}}無職稱{{/if}}。\n", "姓名: x\n", "<p>無職稱。</p>\n");
    /* spanning emphasis siblings */
    expect_html("a {{#if 職稱}}**{{職稱}}**{{/if}} b\n", "姓名: x\n職稱: T\n", "<p>a <strong>T</strong> b</p>\n");
    /* block level: paragraphs between the tags */
    expect_html("{{#if 職稱}}\n\n第一段 {{職稱}}\n\n第二段\n\n{{else}}\n\n沒有\n\n{{/if}}\n\n後\n", "姓名: x\n職稱: T\n",
                "<p>第一段 T</p>\n<p>第二段</p>\n<p>後</p>\n");
    expect_html("{{#if 職稱}}\n\n第一段 {{職稱}}\n\n{{else}}\n\n沒有\n\n{{/if}}\n\n後\n", "姓名: x\n",
                "<p>沒有</p>\n<p>後</p>\n");
    /* a tag beginning a paragraph, closed in a later one */
    expect_html("{{#if 職稱}}甲\n\n乙{{/if}}\n\n丙\n", "姓名: x\n", "<p>丙</p>\n");
    expect_html("{{#if 職稱}}甲\n\n乙{{/if}}\n\n丙\n", "姓名: x\n職稱: T\n", "<p>甲</p>\n<p>乙</p>\n<p>丙</p>\n");
    /* a paragraph emptied by a false section disappears */
    expect_html("前\n\n{{#if 職稱}}職稱 {{職稱}}{{/if}}\n\n後\n", "姓名: x\n", "<p>前</p>\n<p>後</p>\n");
}

static void test_each_inline_and_block(void **state)
{
    (void)state;
    expect_html("稽核人員：{{#each 稽核人員}}{{@index}}.{{this}} {{/each}}完\n", "姓名: x\n稽核人員: 甲、乙，丙\n",
                "<p>稽核人員：1.甲 2.乙 3.丙 完</p>\n");
    expect_html("{{稽核人員}}\n", "姓名: x\n稽核人員: [甲, 乙]\n", "<p>甲、乙</p>\n");
    expect_html("{{#each 稽核人員}}\n\n稽核人員：{{this}}＿＿＿＿\n\n{{/each}}\n", "姓名: x\n稽核人員: 甲；乙\n",
                "<p>稽核人員：甲＿＿＿＿</p>\n<p>稽核人員：乙＿＿＿＿</p>\n");
    expect_html("{{#each 稽核人員}}{{this}}{{else}}（無）{{/each}}\n", "姓名: x\n", "<p>（無）</p>\n");
    /* softbreak-separated lines inside one paragraph */
    expect_html("{{#each 稽核人員}}\n姓名：{{this}}\n{{/each}}\n", "姓名: x\n稽核人員: 甲、乙\n",
                "<p>姓名：甲\n姓名：乙</p>\n");
}

static void test_each_list_items(void **state)
{
    (void)state;
    /* an item that begins with #each and ends with /each repeats */
    expect_html("1. 前言\n2. {{#each 稽核人員}}人員 {{this}}{{/each}}\n3. 結語\n", "姓名: x\n稽核人員: 甲、乙\n",
                "<ol>\n<li>前言</li>\n<li>人員 甲</li>\n<li>人員 乙</li>\n<li>結語</li>\n</ol>\n");
    /* items between two items */
    expect_html("- {{#each 稽核人員}}A {{this}}\n- B {{this}}{{/each}}\n", "姓名: x\n稽核人員: 甲、乙\n",
                "<ul>\n<li>A 甲</li>\n<li>B 甲</li>\n<li>A 乙</li>\n<li>B 乙</li>\n</ul>\n");
}

static void test_each_table_rows(void **state)
{
    const char *tpl = "| 項次 | 稽核項目 | 符合 | 說明 |\n|---|---|:-:|---|\n"
                      "| {{#each 項目清單}}{{項次}} | {{項目}} | {{符合}} | {{說明}}{{/each}} |\n"
                      "| 總計 | | | |\n";
    const char *rec = "姓名: x\n項目清單:\n  - { 項次: '1', 項目: '問 | 一', 符合: '■', 說明: '見 *3.1*' }\n"
                      "  - { 項次: '2', 項目: 問二, 符合: '□', 說明: '' }\n";
    (void)state;
    expect_html(tpl, rec,
                "<table>\n<thead>\n<tr>\n<th>項次</th>\n<th>稽核項目</th>\n<th align=\"center\">符合</th>\n<th>說明</th>\n"
                "</tr>\n</thead>\n<tbody>\n"
                "<tr>\n<td>1</td>\n<td>問 | 一</td>\n<td align=\"center\">■</td>\n<td>見 *3.1*</td>\n</tr>\n"
                "<tr>\n<td>2</td>\n<td>問二</td>\n<td align=\"center\">□</td>\n<td></td>\n</tr>\n"
                "<tr>\n<td>總計</td>\n<td></td>\n<td align=\"center\"></td>\n<td></td>\n</tr>\n"
                "</tbody>\n</table>\n");
    /* marker rows hold only tags and are not printed */
    expect_html("| a | b |\n|---|---|\n| {{#each 稽核人員}} | |\n| {{this}} | x |\n| {{/each}} | |\n",
                "姓名: x\n稽核人員: 甲、乙\n",
                "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n"
                "<tr>\n<td>甲</td>\n<td>x</td>\n</tr>\n<tr>\n<td>乙</td>\n<td>x</td>\n</tr>\n</tbody>\n</table>\n");
    /* a conditional row */
    expect_html("| a |\n|---|\n| {{#if 職稱}}{{職稱}}{{/if}} |\n| {{#if 職稱}}row {{職稱}} |\n| z{{/if}} |\n",
                "姓名: x\n",
                "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td></td>\n</tr>\n"
                "</tbody>\n</table>\n");
}

static void test_nested_sections(void **state)
{
    const char *rec = "姓名: x\n職稱: T\n稽核人員: 甲、乙\n項目清單:\n  - { 項目: 問一, 說明: 有 }\n  - { 項目: 問二, 說明: '' }\n";
    (void)state;
    expect_html("{{#if 職稱}}{{#each 稽核人員}}[{{this}}/{{職稱}}]{{/each}}{{/if}}\n", rec, "<p>[甲/T][乙/T]</p>\n");
    expect_html("{{#each 項目清單}}{{@index}}{{項目}}{{#if 說明}}（{{說明}}）{{else}}（無）{{/if}} {{/each}}\n", rec,
                "<p>1問一（有） 2問二（無）</p>\n");
    expect_html("{{#each 項目清單}}\n\n- {{項目}}\n\n{{/each}}\n", rec, "<ul>\n<li>問一</li>\n</ul>\n<ul>\n<li>問二</li>\n</ul>\n");
    /* placeholders in code are filled, as text */
    expect_html("```\n{{姓名}} *x*\n```\n", "姓名: '<b>'\n", "<pre><code>&lt;b&gt; *x*\n</code></pre>\n");
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

static void test_section_errors(void **state)
{
    (void)state;
    expect_load_error("{{#if 職稱}}a\n", "t.md:13:1: ");
    expect_load_error("a {{/if}}\n", "t.md:13:3: ");
    expect_load_error("{{#if 職稱}}x{{/each}}\n", "t.md:13:");
    expect_load_error("a {{#if 職稱}} b\n\nc {{/if}} d\n", "t.md:13:3: ");
    expect_load_error("| a | b |\n|---|---|\n| x {{#if 職稱}} | y{{/if}} |\n", "t.md:15:");
    expect_load_error("{{#each 姓名}}{{this}}{{/each}}\n", "names");
    expect_load_error("{{#nope 姓名}}\n", "t.md:13:1: ");
    expect_load_error("[a]({{姓名}})\n", "t.md:13:");
    expect_load_error("| {{#if 職稱}}a |\n|---|\n| b{{/if}} |\n", "t.md:13:");
    expect_load_error("a <span title=\"{{姓名}}\">x</span>\n", "t.md:13:");
    expect_load_error("```\n{{#if 職稱}}\n```\n{{/if}}\n", "t.md:14:");
    expect_load_error("{{項目}}\n", "t.md:13:1: ");     /* an item key outside its #each */
    expect_load_error("{{#each 稽核人員}}{{項目}}{{/each}}\n", "t.md:13:");
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

/* Loads a template from an exact-size heap copy of text, so that the
 * sanitizer build catches any read past its end. */
static int load_exact(const char *text, size_t len, ck_template **t, ck_error *err)
{
    char *copy = malloc(len);
    int rc;
    memcpy(copy, text, len);
    rc = ck_template_load_string("f.md", copy, len, t, err);
    free(copy);
    return rc;
}

/* A text that is only the opening of a front matter ("---", "---\r") ends
 * where the opening line's break would be: an error, nothing read past it. */
static void test_front_matter_cut_short(void **state)
{
    static const char *const texts[] = { "---", "---\r", "\xEF\xBB\xBF---", "---\r\n", "---\n" };
    (void)state;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        ck_template *t = NULL;
        ck_error err;
        ck_error_clear(&err);
        assert_int_equal(load_exact(texts[i], strlen(texts[i]), &t, &err), CK_EDATA);
        assert_null(t);
        assert_true(ck_error_is_set(&err));
    }
}

static void test_front_matter_errors(void **state)
{
    ck_template *t = NULL;
    ck_error err;
    char line[1024];
    (void)state;
    ck_error_clear(&err);
    assert_int_equal(ck_template_load_string("f.md", "no front matter\n", 16, &t, &err), CK_EDATA);
    ck_error_clear(&err);
    const char *bad = "---\nform: X\nfields:\n  - { name: a, kind: nosuch }\n---\nbody\n";
    assert_int_equal(ck_template_load_string("f.md", bad, strlen(bad), &t, &err), CK_EDATA);
    ck_error_format(&err, line, sizeof line);
    assert_non_null(strstr(line, "f.md:4:"));
    assert_non_null(strstr(line, "nosuch"));
    ck_error_clear(&err);
    const char *typo = "---\nform: X\nfeilds: []\n---\nbody\n";
    assert_int_equal(ck_template_load_string("f.md", typo, strlen(typo), &t, &err), CK_EDATA);
    ck_error_format(&err, line, sizeof line);
    assert_non_null(strstr(line, "f.md:3:"));
    ck_error_clear(&err);
    const char *ok = "---\nform: X\nfields:\n  - name: 甲\n    required: true\n    aliases: [乙, 丙]\n---\n{{甲}}\n";
    assert_int_equal(ck_template_load_string("f.md", ok, strlen(ok), &t, &err), 0);
    assert_int_equal(ck_template_field_count(t), 1);
    assert_int_equal(ck_template_field_at(t, 0)->required, 1);
    assert_int_equal(ck_template_field_at(t, 0)->alias_count, 2);
    assert_string_equal(ck_template_field_at(t, 0)->aliases[1], "丙");
    assert_string_equal(ck_template_form(t), "X");
    ck_template_free(t);
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

/* Templates stitched from fragments at random (fixed seed): each either
 * loads and renders, or is refused with a message naming a line — never a
 * crash, a leak (under ASan) or an error without a place. */
static void test_random_templates(void **state)
{
    static const char *const pieces[] = {
        "{{#each 稽核人員}}", "{{/each}}", "{{#if 職稱}}", "{{/if}}", "{{else}}", "{{this}}", "{{姓名}}",
        "{{@index}}", "{{職稱 | default: \"|\"}}", "| ", " |", "\n", "\n\n", "|---|---|\n", "- ", "1. ", "> ",
        "# ", "**", "*", "`", "```\n", "[", "](u)", "<b>", "文字", " ", "\\{{", "{{", "}}", "\t", "---\n",
    };
    const size_t n = sizeof pieces / sizeof pieces[0];
    ck_value *r = record("姓名: 王\n職稱: T\n稽核人員: 甲、乙\n");
    unsigned long seed = 12345;
    int loaded = 0;
    (void)state;
    for (int iter = 0; iter < 10000; iter++) {
        ck_buf body = CK_BUF_INIT;
        ck_template *t;
        ck_error err;
        int count = 1 + (int)(seed % 24);
        for (int i = 0; i < count; i++) {
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            ck_buf_puts(&body, pieces[(seed >> 33) % n]);
        }
        t = load(body.data, &err);
        if (t) {
            cmark_node *doc = NULL;
            loaded++;
            ck_error_clear(&err);
            assert_int_equal(ck_template_render(t, r, &doc, &err), 0);
            assert_non_null(doc);
            cmark_node_free(doc);
            ck_template_free(t);
        } else {
            assert_true(ck_error_is_set(&err));
            if (err.line <= 0) print_error("no line: %s\n--\n%s\n", err.message, body.data);
            assert_true(err.line > 0);
        }
        ck_buf_free(&body);
    }
    print_message("%d of 10000 random templates loaded\n", loaded);
    assert_true(loaded > 250);
    ck_value_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_placeholder),
        cmocka_unit_test(test_placeholder_inside_markup),
        cmocka_unit_test(test_values_are_literal),
        cmocka_unit_test(test_filters),
        cmocka_unit_test(test_filter_errors),
        cmocka_unit_test(test_unknown_placeholder),
        cmocka_unit_test(test_chinese_amount),
        cmocka_unit_test(test_roc_date_filter),
        cmocka_unit_test(test_if_else),
        cmocka_unit_test(test_each_inline_and_block),
        cmocka_unit_test(test_each_list_items),
        cmocka_unit_test(test_each_table_rows),
        cmocka_unit_test(test_nested_sections),
        cmocka_unit_test(test_section_errors),
        cmocka_unit_test(test_expansion_is_capped),
        cmocka_unit_test(test_many_items),
        cmocka_unit_test(test_front_matter_errors),
        cmocka_unit_test(test_front_matter_cut_short),
        cmocka_unit_test(test_multiline_value_in_table_cell),
        cmocka_unit_test(test_render_twice),
        cmocka_unit_test(test_random_templates),
    };
    ck_lang_set_name("en");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
