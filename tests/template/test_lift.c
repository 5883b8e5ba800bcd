/* Sections: {{#if}}, {{#each}} lifted out of the Markdown tree (template/lift.c). */
#include "template/template_support.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_if_else),
        cmocka_unit_test(test_each_inline_and_block),
        cmocka_unit_test(test_each_list_items),
        cmocka_unit_test(test_each_table_rows),
        cmocka_unit_test(test_nested_sections),
        cmocka_unit_test(test_section_errors),
    };
    ck_lang_set_name("en");
    return cmocka_run_group_tests_name("template/lift", tests, NULL, NULL);
}
