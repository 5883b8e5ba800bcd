#include "support.h"

#include <glob.h>
#include <stdint.h>

#include "rules/pack.h"
#include "util/buf.h"
#include "util/lang.h"

/* ==== helpers ============================================================== */

/* A small valid pack; tests replace one line to break it. */
static const char *valid_pack =
    "pack:\n"                                                      /* 1 */
    "  id: demo\n"                                                 /* 2 */
    "  version: '2'\n"                                             /* 3 */
    "  title: {zh: 示範, en: Demo}\n"                              /* 4 */
    "  source: 示範程序\n"                                          /* 5 */
    "definitions:\n"                                               /* 6 */
    "  agency: [甲方, 機關]\n"                                      /* 7 */
    "  vendor: [乙方, 廠商]\n"                                      /* 8 */
    "  audit: ['稽核|查核']\n"                                      /* 9 */
    "applicability:\n"                                             /* 10 */
    "  system-development:\n"                                      /* 11 */
    "    description: {zh: 系統開發, en: system development}\n"    /* 12 */
    "    patterns: ['系統開發']\n"                                  /* 13 */
    "  big-contract:\n"                                            /* 14 */
    "    description: 金額一千萬元以上\n"                            /* 15 */
    "    amount_at_least: 10,000,000\n"                            /* 16 */
    "rules:\n"                                                     /* 17 */
    "  - id: R.1\n"                                                /* 18 */
    "    title: {zh: 稽核權, en: Audit}\n"                          /* 19 */
    "    source: 示範程序 1\n"                                       /* 20 */
    "    severity: required\n"                                     /* 21 */
    "    elements:\n"                                              /* 22 */
    "      - name: {zh: 稽核}\n"                                    /* 23 */
    "        patterns: ['{{audit}}']\n"                            /* 24 */
    "      - name: {zh: 甲方有權, en: agency}\n"                     /* 25 */
    "        topic: true\n"                                        /* 26 */
    "        party: agency\n"                                      /* 27 */
    "        patterns: ['{{agency}}得{{audit}}']\n"                /* 28 */
    "      - name: {zh: 第三方, en: third party}\n"                  /* 29 */
    "        optional: true\n"                                     /* 30 */
    "        applies_when: [big-contract, no-system-development]\n" /* 31 */
    "        patterns: 第三方\n"                                    /* 32 */
    "    contrary:\n"                                              /* 33 */
    "      patterns: ['拒絕{{audit}}']\n"                           /* 34 */
    "      unless: ['不得拒絕']\n"                                   /* 35 */
    "    exceptions: ['但[^。]*不在此限']\n"                         /* 36 */
    "    advice: {zh: 甲方得稽核乙方。, en: Keep the audit right.}\n" /* 37 */
    "    audit: {zh: 是否載明稽核權？}\n"                             /* 38 */
    "  - id: R.2\n"                                                /* 39 */
    "    title: 系統開發\n"                                          /* 40 */
    "    source: 示範程序 2\n"                                       /* 41 */
    "    severity: recommended\n"                                  /* 42 */
    "    applies_when: system-development\n"                       /* 43 */
    "    scope: sentence\n"                                        /* 44 */
    "    elements:\n"                                              /* 45 */
    "      - name: 規範\n"                                          /* 46 */
    "        patterns: ['遵守[^。]{0,20}規範']\n"                   /* 47 */
    "    advice: 乙方應遵守規範。\n"                                  /* 48 */
    "    audit: 是否遵守規範？\n";                                    /* 49 */

/* valid_pack with line `line` (1-based) replaced by `text` (NULL deletes it). */
static char *edit_line(const char *pack, int line, const char *text)
{
    ck_buf b = CK_BUF_INIT;
    const char *p = pack;

    for (int n = 1; *p; n++) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p + 1) : strlen(p);
        if (n != line)
            ck_buf_append(&b, p, len);
        else if (text)
            ck_buf_printf(&b, "%s\n", text);
        p += len;
    }
    return ck_buf_detach(&b);
}

static int load(const char *text, ck_rule_pack **pack, ck_error *err)
{
    ck_error_clear(err);
    *pack = (ck_rule_pack *)(uintptr_t)1; /* must be reset on failure */
    return ck_rule_pack_load_string("custom.yaml", text, strlen(text), pack, err);
}

/* Loads a pack with one line replaced; asserts failure, a NULL pack and the
 * place; returns the formatted message (static). */
static const char *load_error(int line, const char *text, long want_line, long want_column)
{
    static char formatted[2048];
    char *pack_text = edit_line(valid_pack, line, text);
    ck_rule_pack *pack;
    ck_error err;

    assert_int_equal(load(pack_text, &pack, &err), CK_EDATA);
    assert_null(pack);
    ck_error_format(&err, formatted, sizeof formatted);
    if (want_line) {
        if (err.line != want_line || (want_column && err.column != want_column))
            fail_msg("place %ld:%ld, want %ld:%ld (%s)", err.line, err.column, want_line, want_column, formatted);
    }
    free(pack_text);
    return formatted;
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle))
        fail_msg("'%s' does not contain '%s'", haystack, needle);
}

static int matches(const ck_rule_pattern_list *list, const char *text)
{
    size_t s, e;
    for (size_t i = 0; i < list->count; i++)
        if (ck_rule_pattern_find(&list->items[i], text, strlen(text), 0, NULL, &s, &e) == 1)
            return 1;
    return 0;
}

/* ==== a valid pack ========================================================= */

static void valid_pack_loads_with_its_fields(void **state)
{
    (void)state;
    ck_rule_pack *pack;
    ck_error err;

    assert_int_equal(load(valid_pack, &pack, &err), 0);
    assert_non_null(pack);
    assert_string_equal(pack->id, "demo");
    assert_string_equal(pack->version, "2");
    assert_string_equal(pack->title.en, "Demo");
    assert_string_equal(pack->language, "zh-TW");
    assert_int_equal(pack->definition_count, 3);
    assert_string_equal(pack->definitions[0].alternation, "(?:甲方|機關)");
    assert_int_equal(pack->condition_count, 2);
    assert_int_equal(pack->conditions[1].amount_at_least, 10000000LL);
    assert_int_equal(pack->conditions[1].patterns.count, 0);
    assert_int_equal(pack->rule_count, 2);

    const ck_rule *r = ck_rule_pack_find(pack, "R.1");
    assert_non_null(r);
    assert_ptr_equal(r->pack, pack);
    assert_int_equal(r->severity, CK_SEVERITY_REQUIRED);
    assert_int_equal(r->scope, CK_SCOPE_ARTICLE); /* the default */
    assert_int_equal(r->applies_when.count, 0);   /* always */
    assert_int_equal(r->element_count, 3);
    assert_int_equal(r->topic, 1);
    assert_null(r->elements[0].name.en);
    assert_int_equal(r->elements[1].party, CK_PARTY_AGENCY);
    assert_string_equal(r->elements[1].patterns.items[0].source, "{{agency}}得{{audit}}");
    assert_string_equal(r->elements[1].patterns.items[0].expanded, "(?:甲方|機關)得(?:稽核|查核)");
    assert_non_null(r->elements[1].patterns.items[0].code);
    /* The characters every match needs, for skipping blocks without them. */
    char *needs = ck_prefilter_describe(r->elements[1].patterns.items[0].filter);
    assert_string_equal(needs, "(得 & ((甲 & 方) | (機 & 關)) & ((稽 & 核) | (查 & 核)))");
    free(needs);
    assert_int_equal(r->elements[1].patterns.items[0].place.line, 28);
    assert_int_equal(r->elements[1].patterns.items[0].place.column, 20);
    assert_true(r->elements[2].optional);
    assert_int_equal(r->elements[2].applies_when.count, 2);
    assert_string_equal(r->elements[2].applies_when.terms[0].condition->name, "big-contract");
    assert_false(r->elements[2].applies_when.terms[0].negated);
    assert_true(r->elements[2].applies_when.terms[1].negated);
    assert_int_equal(r->elements[2].patterns.count, 1); /* a single text is a list of one */
    assert_int_equal(r->contrary.count, 1);
    assert_int_equal(r->contrary_unless.count, 1);
    assert_int_equal(r->exceptions.count, 1);
    assert_int_equal(r->exceptions_unless.count, 0);
    assert_string_equal(r->audit.zh, "是否載明稽核權？");
    assert_int_equal(r->place.line, 18);

    r = ck_rule_pack_find(pack, "R.2");
    assert_int_equal(r->severity, CK_SEVERITY_RECOMMENDED);
    assert_int_equal(r->scope, CK_SCOPE_SENTENCE);
    assert_int_equal(r->applies_when.count, 1);
    assert_ptr_equal(r->applies_when.terms[0].condition, ck_rule_pack_condition(pack, "system-development"));
    assert_string_equal(r->title.zh, "系統開發");
    assert_null(ck_rule_pack_find(pack, "R.3"));
    ck_rule_pack_free(pack);
    ck_rule_pack_free(NULL);
}

static void patterns_match_case_insensitively_in_utf8(void **state)
{
    (void)state;
    ck_rule_pack *pack;
    ck_error err;
    size_t s = 0, e = 0;

    assert_int_equal(load(valid_pack, &pack, &err), 0);
    const ck_rule_pattern *p = &ck_rule_pack_find(pack, "R.1")->elements[1].patterns.items[0];
    const char *text = "第3條 機關得查核乙方";
    assert_int_equal(ck_rule_pattern_find(p, text, strlen(text), 0, NULL, &s, &e), 1);
    assert_int_equal(s, strlen("第3條 "));
    assert_int_equal(e, strlen(text) - strlen("乙方"));
    assert_int_equal(ck_rule_pattern_find(p, text, strlen(text), e, NULL, &s, &e), 0);
    ck_rule_pack_free(pack);
}

/* ==== errors =============================================================== */

static void unknown_key_names_the_closest_key(void **state)
{
    (void)state;
    const char *msg = load_error(21, "    sevrity: required", 21, 5);
    assert_contains(msg, "custom.yaml:21:5: unknown key 'sevrity' (did you mean 'severity'?)");
}

static void unknown_key_far_from_any_lists_the_known_ones(void **state)
{
    (void)state;
    const char *msg = load_error(20, "    source: 示範程序 1\n    frobnicate: 1", 21, 5);
    assert_contains(msg, "unknown key 'frobnicate' (known: id, title, source, severity");
}

static void missing_required_key_is_reported_at_the_rule(void **state)
{
    (void)state;
    const char *msg = load_error(21, NULL, 18, 5);
    assert_contains(msg, "rule R.1: missing required key 'severity'");
}

static void unknown_severity_scope_party_and_condition(void **state)
{
    (void)state;
    assert_contains(load_error(21, "    severity: requird", 21, 15), "unknown severity 'requird' (did you mean 'required'?)");
    assert_contains(load_error(44, "    scope: artcle", 44, 12), "unknown scope 'artcle' (did you mean 'article'?)");
    assert_contains(load_error(27, "        party: vendr", 27, 16), "unknown party 'vendr' (did you mean 'vendor'?)");
    assert_contains(load_error(43, "    applies_when: system-developmnt", 43, 19),
                    "unknown condition 'system-developmnt' (did you mean 'system-development'?)");
    assert_contains(load_error(31, "        applies_when: [always, big-contract]", 31, 24),
                    "'always' cannot be listed with other conditions");
}

static void wrong_types_are_named(void **state)
{
    (void)state;
    assert_contains(load_error(4, "  title: [示範]", 4, 10), "'title' must be a mapping (key: value lines), not a list");
    assert_contains(load_error(47, "        patterns: {a: b}", 47, 19), "'patterns' must be a list");
    assert_contains(load_error(30, "        optional: yes", 30, 19), "'optional' must be true or false");
    assert_contains(load_error(16, "    amount_at_least: 一千萬", 16, 22), "amount_at_least must be an amount in NT$");
}

static void bad_regex_shows_where_pcre2_stopped(void **state)
{
    (void)state;
    /* 7 characters then the stray '(' : offset in characters, column on it. */
    const char *msg = load_error(47, "        patterns: ['遵守[^。]{0,2}(']", 47, 0);
    assert_contains(msg, "pattern '遵守[^。]{0,2}(': missing closing parenthesis at offset 12");
    assert_contains(msg, "custom.yaml:47:33:");
}

static void bad_regex_after_a_reference_points_into_the_source(void **state)
{
    (void)state;
    /* The expansion of {{agency}} is longer than the reference: the offset
     * is still counted in the text the reviewer wrote. */
    const char *msg = load_error(28, "        patterns: ['{{agency}}得)']", 28, 0);
    assert_contains(msg, "pattern '{{agency}}得)': unmatched closing parenthesis at offset 11");
}

static void unknown_definition_reference(void **state)
{
    (void)state;
    const char *msg = load_error(28, "        patterns: ['{{agencyy}}得稽核']", 28, 20);
    assert_contains(msg, "unknown definition '{{agencyy}}' (did you mean 'agency'?)");
}

static void duplicate_rule_id_names_the_first(void **state)
{
    (void)state;
    const char *msg = load_error(39, "  - id: R.1", 39, 9);
    assert_contains(msg, "duplicate rule id 'R.1' (first at line 18)");
}

static void duplicate_key_is_reported(void **state)
{
    (void)state;
    char *text = edit_line(valid_pack, 20, "    source: 示範程序 1\n    source: again");
    ck_rule_pack *pack;
    ck_error err;
    char line[2048];

    assert_int_equal(load(text, &pack, &err), CK_EDATA);
    assert_null(pack);
    assert_contains(ck_error_format(&err, line, sizeof line), "custom.yaml:21:5: key 'source' appears twice (first at line 20)");
    free(text);
}

static void comma_inside_flow_mapping_gets_a_hint(void **state)
{
    (void)state;
    const char *msg = load_error(19, "    title: {zh: 稽核權, en: audit, inspection}", 19, 0);
    assert_contains(msg, "unknown key 'inspection' (a comma inside {...} starts a new key");
}

static void patterns_that_cannot_match_normalised_text(void **state)
{
    (void)state;
    assert_contains(load_error(47, "        patterns: ['遵守（規範）']", 47, 20), "write '遵守(規範)'");
    assert_contains(load_error(47, "        patterns: ['台北規範']", 47, 20), "holds '台'");
    assert_contains(load_error(47, "        patterns: ['遵守 規範']", 47, 20), "space next to a Chinese character");
    assert_contains(load_error(47, "        patterns: ['第 3 條']", 47, 20), "space next to a Chinese character");
    assert_contains(load_error(47, "        patterns: ['裏面規範']", 47, 20), "holds '裏', but the text it is matched against always has '裡'");
    /* Both forms listed: redundant, not wrong. */
    char *both = edit_line(valid_pack, 47, "        patterns: ['[台臺]北規範', 'ISO 27001']");
    ck_rule_pack *pack;
    ck_error err;
    assert_int_equal(load(both, &pack, &err), 0);
    ck_rule_pack_free(pack);
    free(both);
    assert_contains(load_error(47, "        patterns: ['(規範)?']", 47, 20), "matches empty text");
}

static void yaml_syntax_error_has_its_place(void **state)
{
    (void)state;
    const char *msg = load_error(24, "        patterns: ['{{audit}}'", 25, 0);
    assert_contains(msg, "YAML syntax");
}

static void tabs_and_bad_encoding_get_a_hint(void **state)
{
    (void)state;
    assert_contains(load_error(2, "\tid: demo", 2, 1), "(indent with spaces, not tabs)");
    assert_contains(load_error(5, "  source: \xe7\xa4", 5, 0), "(save the file as UTF-8)");
}

static void schema_rules_beyond_syntax(void **state)
{
    (void)state;
    /* party: agency needs a definition naming the agency. */
    assert_contains(load_error(7, "  agencies: [甲方, 機關]", 27, 16), "rule R.1: party: agency needs 'agency' under definitions");
    assert_contains(load_error(26, "        topic: true\n        optional: true", 25, 0), "the topic element cannot be optional");
    assert_contains(load_error(46, "      - name: 規範\n        optional: true", 46, 7), "every element is optional");
    assert_contains(load_error(13, NULL, 11, 3), "condition 'system-development' needs patterns or amount_at_least");
    assert_contains(load_error(11, "  no-system-development:", 11, 3), "condition name 'no-system-development'");
    assert_contains(load_error(2, "  id: Demo Pack", 2, 7), "pack id 'Demo Pack' may only use a-z, 0-9 and -");
    assert_contains(load_error(18, "  - id: R 1", 18, 9), "rule id 'R 1' must not contain spaces");
}

static void empty_and_unreadable_files(void **state)
{
    (void)state;
    ck_rule_pack *pack;
    ck_error err;

    assert_int_equal(load("", &pack, &err), CK_EDATA);
    assert_null(pack);
    assert_contains(err.message, "empty");
    assert_int_equal(load("- a\n- b\n", &pack, &err), CK_EDATA);
    assert_contains(err.message, "must be a mapping");

    ck_error_clear(&err);
    pack = (ck_rule_pack *)(uintptr_t)1;
    assert_int_equal(ck_rule_pack_load("/nonexistent/pack.yaml", &pack, &err), CK_EIO);
    assert_null(pack);
    assert_string_equal(err.file, "/nonexistent/pack.yaml");
}

static void deep_nesting_is_refused_quickly(void **state)
{
    (void)state;
    ck_buf b = CK_BUF_INIT;
    ck_rule_pack *pack;
    ck_error err;

    ck_buf_puts(&b, "pack: ");
    for (int i = 0; i < 100000; i++)
        ck_buf_putc(&b, '[');
    for (int i = 0; i < 100000; i++)
        ck_buf_putc(&b, ']');
    assert_int_equal(load(b.data, &pack, &err), CK_EDATA);
    assert_null(pack);
    assert_contains(err.message, "nested more than 32 levels");
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 6 + 32); /* the root mapping is level 1: the 32nd bracket is too deep */
    ck_buf_free(&b);
}

static void half_loaded_pack_is_never_returned(void **state)
{
    (void)state;
    /* An error in the last rule, after everything else was built. */
    const char *msg = load_error(49, "    audit: {}", 49, 12);
    assert_contains(msg, "audit: missing required key 'zh'");
    /* The same through a file. */
    char *text = edit_line(valid_pack, 49, "    audit: {}");
    const char *path = ck_test_file("broken.yaml", text, strlen(text));
    ck_rule_pack *pack = (ck_rule_pack *)(uintptr_t)1;
    ck_error err;
    ck_error_clear(&err);
    assert_int_equal(ck_rule_pack_load(path, &pack, &err), CK_EDATA);
    assert_null(pack);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, 49);
    free(text);
}

static void lint_reports_every_problem_in_file_order(void **state)
{
    (void)state;
    char *a = edit_line(valid_pack, 44, "    scope: artcle");
    char *b = edit_line(a, 21, "    sevrity: required");
    char *c = edit_line(b, 39, "  - id: R.1");
    ck_rule_lint_report report = { NULL, 0 };

    assert_int_equal(ck_rule_pack_lint_string("custom.yaml", c, strlen(c), &report), CK_EDATA);
    assert_int_equal(report.count, 3); /* unknown sevrity (not also "severity missing"), duplicate id, scope */
    assert_int_equal(report.items[0].line, 21);
    assert_contains(report.items[0].message, "did you mean 'severity'?");
    assert_int_equal(report.items[1].line, 39);
    assert_int_equal(report.items[2].line, 44);
    for (size_t i = 0; i < report.count; i++)
        assert_string_equal(report.items[i].file, "custom.yaml");
    /* A second file appends to the same report. */
    assert_int_equal(ck_rule_pack_lint_string("ok.yaml", valid_pack, strlen(valid_pack), &report), 0);
    assert_int_equal(report.count, 3);
    ck_rule_lint_report_free(&report);
    ck_rule_lint_report_free(&report);
    free(a);
    free(b);
    free(c);
}

static void definitions_only_see_earlier_ones(void **state)
{
    (void)state;
    char *text = edit_line(valid_pack, 7, "  agency: ['{{vendor}}的上級', 甲方]");
    ck_rule_pack *pack;
    ck_error err;
    assert_int_equal(load(text, &pack, &err), CK_EDATA);
    assert_null(pack);
    assert_contains(err.message, "unknown definition '{{vendor}}'");
    free(text);
}

/* ==== shipped packs ========================================================= */

static void every_shipped_pack_loads_and_lints_clean(void **state)
{
    (void)state;
    glob_t g;
    assert_int_equal(glob("rules/*.yaml", 0, NULL, &g), 0);
    assert_true(g.gl_pathc >= 3);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        ck_rule_lint_report report = { NULL, 0 };
        ck_rule_pack *pack = NULL;
        ck_error err;
        char line[2048];
        ck_error_clear(&err);
        if (ck_rule_pack_lint(g.gl_pathv[i], &report) != 0)
            fail_msg("%s", ck_error_format(&report.items[0], line, sizeof line));
        if (ck_rule_pack_load(g.gl_pathv[i], &pack, &err) != 0)
            fail_msg("%s", ck_error_format(&err, line, sizeof line));
        for (size_t r = 0; r < pack->rule_count; r++) {
            const ck_rule *rule = &pack->rules[r];
            if (!rule->advice.zh || !rule->audit.zh || !rule->audit.en || !rule->title.en)
                fail_msg("%s: rule %s lacks advice, audit question or English title", g.gl_pathv[i], rule->id);
        }
        ck_rule_pack_free(pack);
        ck_rule_lint_report_free(&report);
    }
    globfree(&g);
}

/* The requirement ids of requirements.md: table rows "| 3.4.1.3 | ...". */
static size_t requirement_ids(char ids[][32], size_t max)
{
    const char *paths[] = { "../shared/reference/requirements.md", "tests/rules/requirements.md" };
    FILE *f = NULL;
    char line[4096];
    size_t n = 0;

    for (size_t i = 0; i < 2 && !f; i++)
        f = fopen(paths[i], "r");
    assert_non_null(f);
    while (fgets(line, sizeof line, f) && n < max) {
        char id[32];
        int len = 0;
        if (sscanf(line, "| %31[0-9.] |%n", id, &len) == 1 && len > 0 && strchr(id, '.'))
            snprintf(ids[n++], 32, "%s", id);
    }
    fclose(f);
    return n;
}

static void default_pack_has_every_requirement_id(void **state)
{
    (void)state;
    char ids[64][32];
    size_t n = requirement_ids(ids, 64);
    ck_rule_pack *pack;
    ck_error err;

    assert_int_equal(n, 20); /* 3.4.1.1-16 and 3.5.1-4 */
    ck_error_clear(&err);
    assert_int_equal(ck_rule_pack_load("rules/wratb-outsourcing.yaml", &pack, &err), 0);
    for (size_t i = 0; i < n; i++)
        if (!ck_rule_pack_find(pack, ids[i]))
            fail_msg("requirement %s is not in rules/wratb-outsourcing.yaml", ids[i]);
    assert_int_equal(ck_rule_pack_find(pack, "3.4.1.10")->applies_when.count, 1);
    assert_string_equal(ck_rule_pack_find(pack, "3.4.1.10")->applies_when.terms[0].condition->name, "system-development");
    assert_int_equal(ck_rule_pack_find(pack, "3.4.1.1")->severity, CK_SEVERITY_RECOMMENDED);
    assert_int_equal(ck_rule_pack_find(pack, "3.4.1.15")->severity, CK_SEVERITY_RECOMMENDED);
    assert_int_equal(ck_rule_pack_find(pack, "3.5.2")->severity, CK_SEVERITY_RECOMMENDED);
    assert_int_equal(ck_rule_pack_find(pack, "3.4.1.3")->severity, CK_SEVERITY_REQUIRED);
    ck_rule_pack_free(pack);
}

/* The shipped wording behaves as regulations.md section 6 says. */
static void shipped_wording_traps(void **state)
{
    (void)state;
    ck_rule_set *set = ck_rule_set_new();
    ck_error err;

    ck_error_clear(&err);
    assert_int_equal(ck_rule_set_add_defaults(set, &err), 0);
    const ck_rule *audit = ck_rule_set_find(set, "3.4.1.3");
    const ck_rule_pattern_list *agency_right = &audit->elements[1].patterns;
    assert_int_equal(audit->elements[1].party, CK_PARTY_AGENCY);
    assert_true(matches(agency_right, "甲方得自行或委託第三方稽核單位,定期或不定期稽核乙方履行本契約之情形"));
    assert_true(matches(agency_right, "乙方應接受機關之查核"));
    /* A permission of the vendor (乙方得配合甲方辦理稽核) is found by the
     * patterns and turned down by the clause analyser (tests/match), so the
     * trace can say why. */
    assert_true(matches(agency_right, "乙方得配合甲方辦理稽核,並得視其人力狀況提供相關資料"));
    /* An audit right held by the vendor is not the agency's. */
    assert_false(matches(agency_right, "乙方得自行或委託第三方稽核單位,稽核其複委託廠商之作業品質"));
    /* 不得拒絕 affirms; 得拒絕 contradicts. */
    const char *refuse = "乙方得拒絕甲方之稽核";
    const char *not_refuse = "乙方不得拒絕甲方或其委託之第三方稽核單位之稽核";
    assert_true(matches(&audit->contrary, refuse));
    assert_true(matches(&audit->contrary, not_refuse) == 0 || matches(&audit->contrary_unless, not_refuse));
    assert_false(matches(&audit->contrary_unless, refuse));

    /* The vendor is 乙方 or 廠商, but not a subcontractor (分包廠商). */
    const ck_rule *isms = ck_rule_set_find(set, "3.5.4");
    assert_true(matches(&isms->elements[1].patterns, "乙方應遵守甲方資通安全管理制度之規定"));
    assert_false(matches(&isms->elements[1].patterns, "乙方如將部分工作分包他人,分包廠商應遵守甲方資通安全管理制度"));

    /* A proviso in the vendor's favour takes the duty back; agency consent does not. */
    const ck_rule *ret = ck_rule_set_find(set, "3.4.1.9");
    const char *vendor_proviso = "但乙方認有保留監控紀錄或帳號之必要者,不在此限";
    const char *consent = "但經甲方書面同意者,不在此限";
    assert_true(matches(&ret->exceptions, vendor_proviso));
    assert_false(matches(&ret->exceptions_unless, vendor_proviso));
    assert_true(matches(&ret->exceptions_unless, consent));

    /* Forbidding subcontracting outright satisfies 3.4.1.8; forbidding only 轉包 does not. */
    const ck_rule *sub = ck_rule_set_find(set, "3.4.1.8");
    assert_true(matches(&sub->satisfied_by, "乙方應自行履行本契約,不得將本契約之全部或部分工作分包、轉包或複委託予他人"));
    assert_false(matches(&sub->satisfied_by, "乙方不得將本案工作轉包他人"));

    /* "Immediately": a delay longer than one hour is contrary. */
    const ck_rule *notify = ck_rule_set_find(set, "CSMA-4.6");
    assert_true(matches(&notify->contrary, "乙方知悉資通安全事件時,應於7日內通知甲方"));
    assert_true(matches(&notify->contrary, "應於24小時內通報甲方"));
    assert_true(matches(&notify->contrary, "應於三日內通知甲方"));
    assert_false(matches(&notify->contrary, "應於1小時內通報甲方"));
    assert_false(matches(&notify->contrary, "應立即通知甲方"));
    assert_true(matches(&notify->elements[2].patterns, "應於1小時內通報甲方"));

    /* 3.5.2: 無須事先通知 is contrary. */
    assert_true(matches(&ck_rule_set_find(set, "3.5.2")->contrary, "乙方人員得於非上班時間逕行進入甲方機房作業,無須事先通知甲方"));

    /* Acting within instructions is not the same as instructions the agency reserves. */
    const ck_rule *reserved = ck_rule_set_find(set, "PDPA-8.5");
    assert_false(matches(&reserved->elements[0].patterns, "乙方僅得於甲方指示之範圍內蒐集、處理或利用個人資料"));
    assert_true(matches(&reserved->elements[0].patterns, "甲方就個人資料之國際傳輸保留指示權"));
    assert_true(matches(&ck_rule_set_find(set, "PDPA-8.instructions")->elements[0].patterns,
                        "乙方僅得於甲方指示之範圍內蒐集、處理或利用個人資料"));

    /* A definition of a term is not evidence. */
    assert_true(matches(&audit->not_evidence, "本契約所稱稽核,指甲方對乙方履約情形所為之檢查及評核"));
    ck_rule_set_free(set);
}

/* The synonyms requirements.md lists for each element are found. */
static void requirement_synonyms_are_found(void **state)
{
    (void)state;
    static const struct {
        const char *rule;
        size_t element;
        const char *text;
    } cases[] = {
        { "3.4.1.3", 0, "機關得查核廠商" },
        { "3.4.1.3", 0, "機關得檢查廠商" },
        { "3.4.1.3", 1, "機關得自行或委託專業機構查核廠商之履約情形" },
        { "3.4.1.6", 1, "程式原始碼" },
        { "3.4.1.6", 2, "執行檔" },
        { "3.4.1.8", 0, "複委託" },
        { "3.4.1.8", 0, "下包" },
        { "3.4.1.9", 2, "帳號及權限應移交甲方" },
        { "3.4.1.9", 2, "銷毀儲存媒體" },
        { "3.4.1.11", 2, "演習" },
        { "3.4.1.12", 0, "專案負責人" },
        { "3.4.1.12", 1, "廠商應指定聯絡人一名" },
        { "3.4.1.13", 2, "讓與" },
        { "3.4.1.16", 0, "撥付" },
        { "3.4.1.16", 1, "驗收合格後" },
        { "3.5.2", 0, "夜間或例假日進入機房作業" },
        { "3.4.1.2", 0, "資訊安全" },
    };
    ck_rule_set *set = ck_rule_set_new();
    ck_error err;

    ck_error_clear(&err);
    assert_int_equal(ck_rule_set_add(set, "wratb-outsourcing", &err), 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const ck_rule *r = ck_rule_set_find(set, cases[i].rule);
        const ck_rule_element *e = &r->elements[cases[i].element];
        if (!matches(&e->patterns, cases[i].text))
            fail_msg("%s element '%s' does not find '%s'", cases[i].rule, e->name.zh, cases[i].text);
    }
    /* A topic is what the clause is about, not any word of it: the end of the contract alone is
     * not the return of assets, a holiday in a calendar clause is not work outside office hours,
     * a licence that cannot be transferred is not access to assets. */
    assert_false(matches(&ck_rule_set_find(set, "3.4.1.9")->elements[2].patterns, "本契約之變更、終止依政府採購法辦理"));
    assert_false(matches(&ck_rule_set_find(set, "3.5.2")->elements[0].patterns, "星期六、星期日、國定假日均應計入"));
    assert_false(matches(&ck_rule_set_find(set, "3.5.3")->elements[0].patterns, "客戶僅取得不可轉讓之使用授權"));
    assert_true(matches(&ck_rule_set_find(set, "3.5.3")->elements[0].patterns, "本公司人員原則上不存取用戶資料"));
    /* The vendor designates the window, across a comma; the agency designating it is not that. */
    const ck_rule *window = ck_rule_set_find(set, "3.4.1.12");
    assert_true(matches(&window->elements[1].patterns, "廠商應設置專案督導一名,為本案與機關之聯絡窗口"));
    assert_true(matches(&window->elements[1].patterns, "受託人應於簽訂之日起七日內,以書面指定專案經理一人擔任本案之單一窗口"));
    assert_false(matches(&window->elements[1].patterns, "乙方應提供專案組織表,並由甲方指定聯絡窗口"));
    /* A numbered definition of a term (四、「資通安全事件」：指…, normalised to ":") is not a clause. */
    assert_true(matches(&ck_rule_set_find(set, "3.4.1.11")->not_evidence, "四、「資通安全事件」:指系統、服務或網路狀態"));
    assert_false(matches(&ck_rule_set_find(set, "3.4.1.11")->not_evidence, "乙方知悉資通安全事件時,應立即通知甲方"));
    ck_rule_set_free(set);
}

static void conditions_detect_their_topic(void **state)
{
    (void)state;
    ck_rule_set *set = ck_rule_set_new();
    ck_error err;

    ck_error_clear(&err);
    assert_int_equal(ck_rule_set_add_defaults(set, &err), 0);
    const ck_rule_set_condition *dev = ck_rule_set_condition_find(set, "system-development");
    const ck_rule_set_condition *pd = ck_rule_set_condition_find(set, "personal-data");
    const ck_rule_set_condition *amount = ck_rule_set_condition_find(set, "contract-amount-10m");
    assert_non_null(dev);
    assert_non_null(pd);
    assert_non_null(amount);
    assert_int_equal(amount->definitions[0]->amount_at_least, 10000000LL);
    assert_true(matches(&dev->definitions[0]->patterns, "甲方委託乙方辦理公文線上簽核系統之維運服務"));
    assert_false(matches(&dev->definitions[0]->patterns, "乙方應就甲方機房內之核心交換器等網路設備,辦理下列維護工作"));
    assert_true(matches(&pd->definitions[0]->patterns, "乙方僅得於甲方指示之範圍內蒐集、處理或利用個人資料"));
    assert_false(matches(&pd->definitions[0]->patterns, "乙方人員應參加個人資料保護相關課程"));
    /* Every personal-data rule depends on the condition. */
    for (size_t i = 0; i < set->rule_count; i++)
        if (strcmp(set->rules[i]->pack->id, "personal-data") == 0)
            assert_string_equal(set->rules[i]->applies_when.terms[0].condition->name, "personal-data");
    ck_rule_set_free(set);
}

/* ==== sets ================================================================== */

/* A pattern is JIT-compiled when it is first matched, not at load: most
 * patterns never run on a given contract. The result is the same. */
static void patterns_are_jit_compiled_on_first_use(void **state)
{
    (void)state;
    ck_rule_pack *pack;
    ck_error err;
    assert_int_equal(load(valid_pack, &pack, &err), 0);
    const ck_rule_pattern *p = &ck_rule_pack_find(pack, "R.1")->elements[1].patterns.items[0];
    size_t jit_size = 1;
    assert_false(p->jit_tried);
    assert_int_equal(pcre2_pattern_info(p->code, PCRE2_INFO_JITSIZE, &jit_size), 0);
    assert_int_equal(jit_size, 0);
    const char *text = "乙方同意甲方得稽核。";
    size_t s = 0, e = 0;
    assert_int_equal(ck_rule_pattern_find(p, text, strlen(text), 0, NULL, &s, &e), 1);
    assert_true(p->jit_tried);
    assert_int_equal(s, strlen("乙方同意"));
    assert_int_equal(e, strlen("乙方同意甲方得稽核"));
    uint32_t jit = 0;
    pcre2_config(PCRE2_CONFIG_JIT, &jit);
    assert_int_equal(pcre2_pattern_info(p->code, PCRE2_INFO_JITSIZE, &jit_size), 0);
    if (jit)
        assert_true(jit_size > 0);
    /* Once is enough. */
    size_t before = jit_size;
    ck_rule_pattern_jit(p);
    assert_int_equal(pcre2_pattern_info(p->code, PCRE2_INFO_JITSIZE, &jit_size), 0);
    assert_int_equal(jit_size, before);
    ck_rule_pack_free(pack);
}

static void set_loads_defaults_and_files(void **state)
{
    (void)state;
    ck_rule_set *set = ck_rule_set_new();
    ck_error err;

    ck_error_clear(&err);
    assert_int_equal(ck_rule_set_add_defaults(set, &err), 0);
    assert_int_equal(set->pack_count, 3);
    size_t total = 0;
    for (size_t i = 0; i < set->pack_count; i++)
        total += set->packs[i]->rule_count;
    assert_int_equal(set->rule_count, total);
    assert_string_equal(set->rules[0]->id, "3.4.1.1");
    assert_non_null(ck_rule_set_find(set, "CSMA-4.6"));
    assert_non_null(ck_rule_set_find(set, "PDPA-8.6"));
    assert_null(ck_rule_set_find(set, "9.9.9"));

    /* The same pack twice. */
    assert_int_equal(ck_rule_set_add(set, "rules/personal-data.yaml", &err), CK_EDATA);
    assert_contains(err.message, "rule pack 'personal-data' is already loaded");

    /* A pack reusing a rule id of another pack. */
    char *text = edit_line(valid_pack, 18, "  - id: 3.4.1.3");
    const char *path = ck_test_file("clash.yaml", text, strlen(text));
    ck_error_clear(&err);
    assert_int_equal(ck_rule_set_add(set, path, &err), CK_EDATA);
    assert_contains(err.message, "rule id '3.4.1.3' is already used by pack 'wratb-outsourcing'");
    assert_int_equal(err.line, 18);
    assert_int_equal(set->pack_count, 3); /* unchanged */
    free(text);

    /* A valid custom file joins; its conditions merge by name. */
    path = ck_test_file("demo.yaml", valid_pack, strlen(valid_pack));
    ck_error_clear(&err);
    assert_int_equal(ck_rule_set_add(set, path, &err), 0);
    assert_int_equal(set->pack_count, 4);
    const ck_rule_set_condition *dev = ck_rule_set_condition_find(set, "system-development");
    assert_int_equal(dev->definition_count, 2);
    assert_ptr_equal(ck_rule_set_find(set, "R.2")->pack, set->packs[3]);
    ck_rule_set_free(set);
    ck_rule_set_free(NULL);
}

static void unknown_pack_name_lists_the_available_ones(void **state)
{
    (void)state;
    ck_rule_set *set = ck_rule_set_new();
    ck_error err;

    ck_error_clear(&err);
    assert_int_equal(ck_rule_set_add(set, "wratb-outsorcing", &err), CK_EINPUT);
    assert_contains(err.message, "no rule pack named 'wratb-outsorcing'");
    assert_contains(err.message, "wratb-outsourcing");
    assert_int_equal(set->pack_count, 0);
    ck_rule_set_free(set);
}

int main(void)
{
    /* Packs by name come from this checkout; messages in English. */
    char cwd[1024];
    if (getcwd(cwd, sizeof cwd))
        setenv("CLAUSEKIT_DATA", cwd, 1);
    ck_lang_set_name("en");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_pack_loads_with_its_fields),
        cmocka_unit_test(patterns_match_case_insensitively_in_utf8),
        cmocka_unit_test(unknown_key_names_the_closest_key),
        cmocka_unit_test(unknown_key_far_from_any_lists_the_known_ones),
        cmocka_unit_test(missing_required_key_is_reported_at_the_rule),
        cmocka_unit_test(unknown_severity_scope_party_and_condition),
        cmocka_unit_test(wrong_types_are_named),
        cmocka_unit_test(bad_regex_shows_where_pcre2_stopped),
        cmocka_unit_test(bad_regex_after_a_reference_points_into_the_source),
        cmocka_unit_test(unknown_definition_reference),
        cmocka_unit_test(duplicate_rule_id_names_the_first),
        cmocka_unit_test(duplicate_key_is_reported),
        cmocka_unit_test(comma_inside_flow_mapping_gets_a_hint),
        cmocka_unit_test(patterns_that_cannot_match_normalised_text),
        cmocka_unit_test(yaml_syntax_error_has_its_place),
        cmocka_unit_test(tabs_and_bad_encoding_get_a_hint),
        cmocka_unit_test(schema_rules_beyond_syntax),
        cmocka_unit_test(empty_and_unreadable_files),
        cmocka_unit_test(deep_nesting_is_refused_quickly),
        cmocka_unit_test(half_loaded_pack_is_never_returned),
        cmocka_unit_test(lint_reports_every_problem_in_file_order),
        cmocka_unit_test(definitions_only_see_earlier_ones),
        cmocka_unit_test(every_shipped_pack_loads_and_lints_clean),
        cmocka_unit_test(default_pack_has_every_requirement_id),
        cmocka_unit_test(shipped_wording_traps),
        cmocka_unit_test(requirement_synonyms_are_found),
        cmocka_unit_test(conditions_detect_their_topic),
        cmocka_unit_test(patterns_are_jit_compiled_on_first_use),
        cmocka_unit_test(set_loads_defaults_and_files),
        cmocka_unit_test(unknown_pack_name_lists_the_available_ones),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
