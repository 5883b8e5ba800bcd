#include "support.h"

#include <dirent.h>
#include <time.h>
#include <yaml.h>

#include "match/match.h"
#include "report/report.h"
#include "util/lang.h"
#include "util/sha256.h"

static const char *const pack_yaml =
    "pack:\n"
    "  id: report-test\n"
    "  version: \"2.3\"\n"
    "  title: {zh: 報告測試, en: Report test}\n"
    "  source: tests\n"
    "definitions:\n"
    "  agency: [甲方]\n"
    "  vendor: [乙方]\n"
    "applicability:\n"
    "  system-development:\n"
    "    description: {zh: 涉及系統開發, en: involves system development}\n"
    "    patterns: ['系統開發']\n"
    "rules:\n"
    "  - id: \"3.4.1.3\"\n"
    "    title: {zh: 稽核權, en: Audit right}\n"
    "    source: tests 3.4.1.3\n"
    "    severity: required\n"
    "    scope: paragraph\n"
    "    elements:\n"
    "      - name: {zh: 稽核, en: audit}\n"
    "        patterns: ['稽核']\n"
    "        topic: true\n"
    "    advice: {zh: 甲方得稽核乙方。, en: Give the agency an audit right.}\n"
    "    audit: {zh: 稽核？, en: Audit?}\n"
    "  - id: \"3.4.1.5\"\n"
    "    title: {zh: 保固維護, en: Warranty}\n"
    "    source: tests 3.4.1.5\n"
    "    severity: required\n"
    "    scope: paragraph\n"
    "    elements:\n"
    "      - name: {zh: 保固, en: warranty}\n"
    "        patterns: ['保固']\n"
    "        topic: true\n"
    "      - name: {zh: 期間, en: period}\n"
    "        patterns: ['期間']\n"
    "    advice: {zh: 保固期間二年。, en: State the period.}\n"
    "    audit: {zh: 保固？, en: Warranty?}\n"
    "  - id: \"3.4.1.7\"\n"
    "    title: {zh: 違反資安責任, en: Breach liability}\n"
    "    source: tests 3.4.1.7\n"
    "    severity: required\n"
    "    scope: paragraph\n"
    "    elements:\n"
    "      - name: {zh: 責任, en: liability}\n"
    "        patterns: ['責任']\n"
    "        topic: true\n"
    "    contrary: ['免除[^。]{0,10}責任']\n"
    "    advice: {zh: 乙方應負責任。, en: Liability.}\n"
    "    audit: {zh: 責任？, en: Liability?}\n"
    "  - id: \"3.4.1.10\"\n"
    "    title: {zh: 系統開發規範, en: Development rules}\n"
    "    source: tests 3.4.1.10\n"
    "    severity: required\n"
    "    applies_when: system-development\n"
    "    elements:\n"
    "      - name: {zh: 規範, en: rules}\n"
    "        patterns: ['開發規範']\n"
    "        topic: true\n"
    "    advice: {zh: 遵守開發規範。, en: Follow the rules.}\n"
    "    audit: {zh: 規範？, en: Rules?}\n"
    "  - id: \"3.5.2\"\n"
    "    title: {zh: 非上班時間作業, en: Work outside office hours}\n"
    "    source: tests 3.5.2\n"
    "    severity: recommended\n"
    "    elements:\n"
    "      - name: {zh: 事先通知, en: notice}\n"
    "        patterns: ['事先通知']\n"
    "        topic: true\n"
    "    advice: {zh: 應事先通知。, en: Give notice.}\n"
    "    audit: {zh: 通知？, en: Notice?}\n";

typedef struct fixture {
    ck_rule_set *set;
    ck_document *doc;
    ck_match_result *result;
    ck_report_input in;
} fixture;

static const char *const audit_text = "乙方應接受甲方之 | *注意* 稽核 <script>alert(1)</script>";

static int setup(void **state)
{
    fixture *fx = ck_calloc(1, sizeof *fx);
    ck_error err;
    ck_error_clear(&err);
    fx->set = ck_rule_set_new();
    const char *pack = ck_test_file("report-test.yaml", pack_yaml, strlen(pack_yaml));
    if (ck_rule_set_add(fx->set, pack, &err) != 0) {
        ck_error_print(&err, stderr);
        return -1;
    }
    fx->doc = ck_document_new("contract.docx", CK_FORMAT_DOCX);
    ck_block *b = ck_document_add(fx->doc, CK_BLOCK_PARAGRAPH, audit_text, strlen(audit_text), NULL, NULL);
    ck_block_set_location(b, "第五條 第一項");
    ck_document_add(fx->doc, CK_BLOCK_PARAGRAPH, "乙方應提供保固服務。", strlen("乙方應提供保固服務。"), NULL, NULL);
    ck_document_add(fx->doc, CK_BLOCK_PARAGRAPH, "甲方同意免除乙方之一切責任。",
                    strlen("甲方同意免除乙方之一切責任。"), NULL, NULL);
    if (ck_match_run(fx->doc, fx->set, NULL, &fx->result, &err) != 0) {
        ck_error_print(&err, stderr);
        return -1;
    }
    const char *file = ck_test_file("contract.docx", "PK fake bytes", 13);
    if (ck_report_input_stat(&fx->in, file, &err) != 0)
        return -1;
    fx->in.file = "contracts/contract.docx";
    fx->in.doc = fx->doc;
    fx->in.set = fx->set;
    fx->in.result = fx->result;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    ck_match_result_free(fx->result);
    ck_document_free(fx->doc);
    ck_rule_set_free(fx->set);
    free(fx);
    return 0;
}

static char *render(fixture *fx, ck_report_format format)
{
    ck_buf b = CK_BUF_INIT;
    ck_report_render(format, &fx->in, &b);
    return ck_buf_detach(&b);
}

static void test_input_stat(void **state)
{
    fixture *fx = *state;
    char hex[65];
    ck_sha256_hex("PK fake bytes", 13, hex);
    assert_string_equal(fx->in.sha256, hex);
    assert_int_equal(fx->in.file_size, 13);
    assert_int_equal(strlen(fx->in.generated), 20);
    ck_report_input in;
    ck_error err;
    ck_error_clear(&err);
    assert_int_equal(ck_report_input_stat(&in, ck_test_path("absent.docx"), &err), CK_EIO);
    assert_non_null(strstr(err.file, "absent.docx"));
}

/* Walks a libyaml document: the mapping value under key, or NULL. */
static yaml_node_t *get(yaml_document_t *d, yaml_node_t *map, const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(d, p->key);
        if (k->type == YAML_SCALAR_NODE && strcmp((char *)k->data.scalar.value, key) == 0)
            return yaml_document_get_node(d, p->value);
    }
    return NULL;
}

static const char *scalar(yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static size_t items(yaml_node_t *n)
{
    return n && n->type == YAML_SEQUENCE_NODE ? (size_t)(n->data.sequence.items.top - n->data.sequence.items.start) : 0;
}

static yaml_node_t *item(yaml_document_t *d, yaml_node_t *seq, size_t i)
{
    return yaml_document_get_node(d, seq->data.sequence.items.start[i]);
}

/* The JSON report parses back, and says what the result says. */
static void test_json(void **state)
{
    fixture *fx = *state;
    char *json = render(fx, CK_REPORT_JSON);
    yaml_parser_t parser;
    yaml_document_t doc;

    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)json, strlen(json));
    assert_true(yaml_parser_load(&parser, &doc));
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    assert_non_null(root);
    assert_string_equal(scalar(get(&doc, root, "schema_version")), "1");
    assert_string_equal(scalar(get(&doc, root, "file")), "contracts/contract.docx");
    assert_string_equal(scalar(get(&doc, root, "file_name")), "contract.docx");
    assert_string_equal(scalar(get(&doc, root, "sha256")), fx->in.sha256);
    assert_string_equal(scalar(get(&doc, root, "tool_version")), CK_VERSION);
    yaml_node_t *packs = get(&doc, root, "packs");
    assert_int_equal(items(packs), 1);
    assert_string_equal(scalar(get(&doc, item(&doc, packs, 0), "id")), "report-test");
    assert_string_equal(scalar(get(&doc, item(&doc, packs, 0), "version")), "2.3");
    yaml_node_t *summary = get(&doc, root, "summary");
    assert_string_equal(scalar(get(&doc, summary, "total")), "5");
    assert_string_equal(scalar(get(&doc, summary, "conflict")), "1");
    assert_string_equal(scalar(get(&doc, summary, "required_gaps")), "2");
    yaml_node_t *apps = get(&doc, root, "applicability");
    assert_int_equal(items(apps), 1);
    assert_string_equal(scalar(get(&doc, item(&doc, apps, 0), "decided_by")), "no_text");

    yaml_node_t *findings = get(&doc, root, "findings");
    assert_int_equal(items(findings), fx->result->count);
    for (size_t i = 0; i < items(findings); i++) {
        yaml_node_t *f = item(&doc, findings, i);
        assert_string_equal(scalar(get(&doc, f, "id")), fx->result->findings[i].rule->id);
        assert_string_equal(scalar(get(&doc, f, "status")), ck_match_status_name(fx->result->findings[i].status));
        assert_non_null(get(&doc, f, "advice"));
        assert_non_null(get(&doc, f, "missing_elements"));
    }
    /* The audit finding's evidence: location, text, and ranges that quote 稽核. */
    yaml_node_t *audit = item(&doc, findings, 0);
    assert_string_equal(scalar(get(&doc, audit, "status")), "present");
    yaml_node_t *ev = item(&doc, get(&doc, audit, "evidence"), 0);
    assert_string_equal(scalar(get(&doc, ev, "location")), "第五條 第一項");
    assert_string_equal(scalar(get(&doc, ev, "text")), audit_text);
    yaml_node_t *range = item(&doc, get(&doc, ev, "matches"), 0);
    long s = atol(scalar(item(&doc, range, 0))), e = atol(scalar(item(&doc, range, 1)));
    assert_memory_equal(audit_text + s, "稽核", (size_t)(e - s));
    assert_int_equal(e - s, strlen("稽核"));
    /* Partial names what is missing; not_applicable says why. */
    yaml_node_t *warranty = item(&doc, findings, 1);
    assert_string_equal(scalar(get(&doc, warranty, "status")), "partial");
    assert_string_equal(scalar(get(&doc, item(&doc, get(&doc, warranty, "missing_elements"), 0), "zh")), "期間");
    yaml_node_t *na = get(&doc, item(&doc, findings, 3), "not_applicable_because");
    assert_string_equal(scalar(get(&doc, na, "condition")), "system-development");
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    free(json);
}

static void test_html(void **state)
{
    fixture *fx = *state;
    char *html = render(fx, CK_REPORT_HTML);
    assert_true(strncmp(html, "<!DOCTYPE html>", 15) == 0);
    assert_non_null(strstr(html, "@page{size:A4"));
    assert_non_null(strstr(html, "page-break-inside:avoid"));
    /* Self-contained: nothing fetched from elsewhere. */
    assert_null(strstr(html, "src="));
    assert_null(strstr(html, "href=\"http"));
    assert_null(strstr(html, "url("));
    assert_null(strstr(html, "<script>"));
    assert_non_null(strstr(html, "&lt;script&gt;"));
    assert_non_null(strstr(html, "<mark>稽核</mark>"));
    assert_non_null(strstr(html, "<mark>免除乙方之一切責任</mark>"));
    assert_non_null(strstr(html, fx->in.sha256));
    /* In the table a place does not break inside ("第五條 第一項"). */
    assert_non_null(strstr(html, "<span class=\"places\">第五條&nbsp;第一項"));
    assert_non_null(strstr(html, "report-test 2.3"));
    assert_non_null(strstr(html, fx->in.generated));
    assert_non_null(strstr(html, "第五條 第一項"));
    assert_non_null(strstr(html, "保固期間二年。")); /* the model clause of a gap */
    assert_non_null(strstr(html, "13 "));          /* file size */
    assert_non_null(strstr(html, "衝突 conflict"));
    assert_non_null(strstr(html, "</html>"));
    /* Gaps first, in the order they are to be fixed; hash and packs last. */
    const char *conflict = strstr(html, "<section class=\"gap f-conflict\""),
               *partial = strstr(html, "<section class=\"gap f-partial\""),
               *recommended = strstr(html, "<section class=\"gap f-missing\""),
               *table = strstr(html, "<table class=\"all\">"), *trace = strstr(html, "<table class=\"trace\">");
    assert_non_null(conflict);
    assert_true(conflict < partial && partial < recommended && recommended < table && table < trace);
    assert_true(strstr(html, fx->in.sha256) > trace);
    assert_true(strstr(html, "report-test 2.3") > trace);
    /* A met requirement keeps its evidence folded on screen and shows a
     * short quote on paper. */
    assert_non_null(strstr(html, "<details><summary>條文</summary>"));
    assert_non_null(strstr(html, "@media print{"));
    assert_non_null(strstr(html, "details{display:none}.print-quote{display:block}"));
    /* Printed pages: the contract's name and the page number in the margin. */
    assert_non_null(strstr(html, "@bottom-left{content:\"contract.docx · 中華民國"));
    assert_non_null(strstr(html, "counter(page)"));
    assert_non_null(strstr(html, "counter(pages)"));
    free(html);
}

/* The time people read is local and, in zh-TW, in the 民國 calendar. */
static void local_time_in_minguo_years(void **state)
{
    fixture *fx = *state;
    ck_buf b = CK_BUF_INIT;
    long long saved = fx->in.generated_at;
    char *tz = getenv("TZ") ? ck_strdup(getenv("TZ")) : NULL;

    setenv("TZ", "Asia/Taipei", 1);
    tzset();
    fx->in.generated_at = 1796639040; /* 2026-12-07T10:24:00Z */
    ck_report_local_time(&fx->in, &b);
    assert_string_equal(b.data, "中華民國115年12月7日 18:24");
    ck_buf_clear(&b);
    ck_lang_set_name("en");
    ck_report_local_time(&fx->in, &b);
    assert_string_equal(b.data, "2026-12-07 18:24");
    ck_lang_set_name("zh-TW");
    ck_buf_free(&b);
    if (tz)
        setenv("TZ", tz, 1);
    else
        unsetenv("TZ");
    tzset();
    free(tz);
    fx->in.generated_at = saved;
}

static void test_markdown(void **state)
{
    fixture *fx = *state;
    char *md = render(fx, CK_REPORT_MARKDOWN);
    assert_non_null(strstr(md, "# 契約條款檢查報告：contract.docx"));
    assert_non_null(strstr(md, "|---|---|---|---|---|"));
    assert_non_null(strstr(md, "**稽核**"));
    /* Table pipes and emphasis in contract text are escaped. */
    assert_non_null(strstr(md, "\\| \\*注意\\*"));
    /* What to fix first, first: the required conflict, then the required
     * partial, then the recommended gap; the full table after them; the
     * hash last. */
    const char *required = strstr(md, "## 必須修改"), *recommended = strstr(md, "## 建議修改");
    const char *conflict = strstr(md, "### 3.4.1.7"), *partial = strstr(md, "### 3.4.1.5"),
               *notice = strstr(md, "### 3.5.2"), *table = strstr(md, "## 全部要求"),
               *hash = strstr(md, fx->in.sha256);
    assert_non_null(required);
    assert_true(required < conflict && conflict < partial && partial < recommended && recommended < notice &&
                notice < table && table < hash);
    /* Met and not applicable requirements have no section of their own. */
    assert_null(strstr(md, "### 3.4.1.3"));
    assert_null(strstr(md, "### 3.4.1.10"));
    /* A met requirement: its place and a short quote in the table. */
    assert_non_null(strstr(md, "| 第五條 第一項：「"));
    assert_non_null(strstr(md, "\\<script\\>"));
    assert_non_null(strstr(md, "部分符合 partial"));
    assert_non_null(strstr(md, "缺少的要素：期間"));
    /* zh-TW text uses full-width colons, the docs' terms. */
    assert_non_null(strstr(md, "- 必要項目待處理："));

    assert_null(strstr(md, "規則包"));
    assert_null(strstr(md, "present: "));
    assert_non_null(strstr(md, fx->in.sha256));
    free(md);
}

static void numbers_grouped_by_thousands(void **state)
{
    (void)state;
    const long long n[] = { 0, 999, 1000, 11190, 2400000, -1234567 };
    const char *want[] = { "0", "999", "1,000", "11,190", "2,400,000", "-1,234,567" };
    for (size_t i = 0; i < sizeof n / sizeof n[0]; i++) {
        ck_buf b = CK_BUF_INIT;
        ck_buf_puts(&b, "");
        ck_report_put_number(&b, n[i]);
        assert_string_equal(b.data, want[i]);
        ck_buf_free(&b);
    }
}

static void test_text(void **state)
{
    fixture *fx = *state;
    char *text = render(fx, CK_REPORT_TEXT);
    /* One line per requirement, the zh label beside the status word. */
    assert_non_null(strstr(text, "3.4.1.3"));
    assert_non_null(strstr(text, "符合 present"));
    assert_non_null(strstr(text, "不適用 not_applicable"));
    assert_non_null(strstr(text, "第五條 第一項"));
    /* The same words as the Markdown and HTML reports: 條文 for quoted
     * evidence, 建議條文 for the model clause, 規則套件 for the packs. */
    assert_non_null(strstr(text, "建議條文：保固期間二年。"));
    assert_non_null(strstr(text, "規則套件："));
    assert_null(strstr(text, "規則包"));
    assert_null(strstr(text, "依據："));
    assert_null(strstr(text, "缺口"));
    assert_null(strstr(text, "\033["));
    /* To review: required gaps (conflict before partial), then recommended;
     * rules that do not apply are not in that list. */
    const char *review = strstr(text, "需要處理或確認的項目："), *conflict = strstr(text, "\n- 3.4.1.7 "),
               *partial = strstr(text, "\n- 3.4.1.5 "), *recommended = strstr(text, "\n- 3.5.2 "),
               *all = strstr(text, "全部要求：");
    assert_non_null(review);
    assert_true(review < conflict && conflict < partial && partial < recommended && recommended < all);
    assert_null(strstr(text, "\n- 3.4.1.10 "));
    assert_non_null(strstr(text, "不適用：條件「system-development」"));
    free(text);

    fx->in.color = 1;
    text = render(fx, CK_REPORT_TEXT);
    assert_non_null(strstr(text, "\033[32m符合 present\033[0m"));
    free(text);
    fx->in.color = 0;

    ck_lang_set_name("en");
    text = render(fx, CK_REPORT_TEXT);
    assert_non_null(strstr(text, "present"));
    assert_null(strstr(text, "符合"));
    assert_non_null(strstr(text, "missing: period"));
    free(text);
    ck_lang_set_name("zh-TW");
}

static void test_save_atomic(void **state)
{
    (void)state;
    ck_error err;
    ck_error_clear(&err);
    const char *path = ck_test_path("report.html");
    assert_int_equal(ck_report_save(path, "new", 3, &err), 0);
    FILE *f = fopen(path, "rb");
    char buf[8] = { 0 };
    assert_non_null(f);
    assert_int_equal(fread(buf, 1, sizeof buf, f), 3);
    fclose(f);
    assert_string_equal(buf, "new");
    /* A folder that does not exist: an error naming the path, no file left. */
    char bad[600];
    snprintf(bad, sizeof bad, "%s/no/such/dir/r.html", ck_test_dir());
    assert_int_equal(ck_report_save(bad, "x", 1, &err), CK_EIO);
    assert_non_null(strstr(err.file, "r.html"));
    /* No temporary file remains beside the report. */
    DIR *d = opendir(ck_test_dir());
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        assert_null(strstr(e->d_name, ".tmp"));
    closedir(d);
}

/* An excerpt as the writers show it: ellipses where text is cut, the
 * match between the marks, every piece through the writer's escaping. */
static void test_put_excerpt(void **state)
{
    (void)state;
    const char *text = "甲乙丙丁戊己<稽核>庚辛壬癸子丑寅卯";
    size_t start = strlen("甲乙丙丁戊己"), end = start + strlen("<稽核>");
    ck_range m = { start, end };
    ck_evidence ev = { 0, NULL, text, &m, 1, 0 };
    ck_buf b = CK_BUF_INIT;

    ck_report_put_excerpt(&b, &ev, 6, ck_buf_put_html, "<mark>", "</mark>");
    assert_string_equal(b.data, "…戊己<mark>&lt;稽核&gt;</mark>庚辛…");
    ck_buf_clear(&b);
    ck_report_put_excerpt(&b, &ev, 100, ck_buf_put_html, "[", "]");
    assert_string_equal(b.data, "甲乙丙丁戊己[&lt;稽核&gt;]庚辛壬癸子丑寅卯");
    ck_buf_free(&b);
}

static void test_excerpt(void **state)
{
    (void)state;
    /* 200 CJK characters with a match in the middle, cut at character boundaries. */
    ck_buf text = CK_BUF_INIT;
    for (int i = 0; i < 100; i++)
        ck_buf_puts(&text, "甲");
    ck_buf_puts(&text, "稽核");
    for (int i = 0; i < 100; i++)
        ck_buf_puts(&text, "乙");
    ck_range m = { 300, 306 };
    ck_evidence ev = { 0, NULL, text.data, &m, 1, 0 };
    ck_report_excerpt ex;
    ck_report_excerpt_make(&ev, 31, &ex);
    assert_true(ex.cut_before);
    assert_true(ex.cut_after);
    assert_int_equal(ex.count, 3);
    assert_int_equal(ex.pieces[0].start % 3, 0);
    assert_int_equal(ex.pieces[2].end % 3, 0);
    assert_true(ex.pieces[1].marked);
    assert_int_equal(ex.pieces[1].start, 300);
    ck_report_excerpt_free(&ex);
    ck_buf_free(&text);

    ck_report_format f;
    assert_int_equal(ck_report_format_parse("md", &f), 0);
    assert_int_equal(f, CK_REPORT_MARKDOWN);
    assert_int_equal(ck_report_format_parse("pdf", &f), -1);
    assert_string_equal(ck_report_extension(CK_REPORT_HTML), "html");
}

int main(void)
{
    ck_lang_set_name("zh-TW");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_input_stat),
        cmocka_unit_test(test_json),
        cmocka_unit_test(numbers_grouped_by_thousands),
        cmocka_unit_test(test_html),
        cmocka_unit_test(local_time_in_minguo_years),
        cmocka_unit_test(test_markdown),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_save_atomic),
        cmocka_unit_test(test_excerpt),
        cmocka_unit_test(test_put_excerpt),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
