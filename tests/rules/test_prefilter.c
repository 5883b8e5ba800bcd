#include "support.h"

#include <glob.h>

#include "normalise/normalise.h"
#include "rules/pack.h"
#include "rules/prefilter.h"
#include "util/buf.h"

/* ==== helpers ============================================================== */

/* The formula of pattern as text ("TRUE" when none). */
static char *formula(const char *pattern)
{
    ck_prefilter *f = ck_prefilter_build(pattern);
    char *s = ck_prefilter_describe(f);
    ck_prefilter_free(f);
    return s;
}

static void assert_formula(const char *pattern, const char *want)
{
    char *got = formula(pattern);
    if (strcmp(got, want) != 0)
        fail_msg("%s: formula %s, want %s", pattern, got, want);
    free(got);
}

static int possible_in(const char *pattern, const char *text)
{
    ck_charset set;
    ck_prefilter *f = ck_prefilter_build(pattern);
    ck_charset_fill(&set, text, strlen(text));
    int r = ck_prefilter_possible(f, &set);
    ck_prefilter_free(f);
    return r;
}

/* ==== the formula ========================================================== */

static void literals_are_required(void **state)
{
    (void)state;
    assert_formula("稽核", "(稽 & 核)");
    assert_formula("但[^。]{0,60}不在此限", "(但 & 不 & 在 & 此 & 限)");
    /* A character needed twice is tested once. */
    assert_formula("不得不", "(不 & 得)");
    /* ASCII digits and punctuation can be tested; an escaped one is itself. */
    assert_formula("ISO ?27001", "(2 & 7 & 0 & 1)");
    assert_formula("[0-9]+\\.", ".");
}

static void alternatives_need_one_branch(void **state)
{
    (void)state;
    assert_formula("稽核|查核", "((稽 & 核) | (查 & 核))");
    assert_formula("(?:甲方|機關)(?:應|須)稽核", "(稽 & 核 & (應 | 須) & ((甲 & 方) | (機 & 關)))");
    /* One branch that needs nothing: the whole needs nothing. */
    assert_formula("稽核|[^。]{2}", "TRUE");
    /* Named and capturing groups, atomic groups, branch reset. */
    assert_formula("(?<who>甲方)(稽核)(?>查)(?|驗)", "(甲 & 方 & 稽 & 核 & 查 & 驗)");
}

static void optional_parts_are_not_required(void **state)
{
    (void)state;
    assert_formula("甲方(?:之)?稽核", "(甲 & 方 & 稽 & 核)");
    assert_formula("甲方之*稽核", "(甲 & 方 & 稽 & 核)");
    assert_formula("甲方之{0,2}稽核", "(甲 & 方 & 稽 & 核)");
    assert_formula("甲方之{0}稽核", "(甲 & 方 & 稽 & 核)");
    assert_formula("甲方之{1,3}?稽核", "(甲 & 方 & 之 & 稽 & 核)");
    assert_formula("甲方之{2}+稽核", "(甲 & 方 & 之 & 稽 & 核)");
    assert_formula("(?:甲方)+稽核", "(甲 & 方 & 稽 & 核)");
    assert_formula("(?:甲方)*", "TRUE");
}

static void what_is_not_a_character_of_the_match(void **state)
{
    (void)state;
    /* Lookarounds look outside the match: never required. */
    assert_formula("(?<!不)得拒絕", "(得 & 拒 & 絕)");
    assert_formula("會(?!議)", "會");
    assert_formula("(?=甲方)乙", "乙");
    /* Classes, escapes, anchors, the dot. */
    assert_formula("^[甲乙]方\\s?\\d+\\p{Han}\\x{4E00}.$", "方");
    assert_formula("[^\\]」]{1,30}」", "」");
    assert_formula("[[:digit:]]號", "號");
    assert_formula("\\G[^,;。]{0,6}?除外", "(除 & 外)");
}

static void letters_are_never_required(void **state)
{
    (void)state;
    /* Compiled CASELESS with UCP: K matches the Kelvin sign, s the long s. */
    assert_formula("ISMS", "TRUE");
    assert_formula("ISMS|資安", "TRUE");
    assert_formula("isms|資安", "TRUE");
    assert_formula("(a|aa)*(b|c)", "TRUE");
    assert_formula("iso ?27001", "(2 & 7 & 0 & 1)");
    assert_formula("NT\\$", "$");
    assert_formula("Ω", "TRUE");
}

static void unknown_syntax_filters_nothing(void **state)
{
    (void)state;
    assert_formula("(?i)稽核", "TRUE");
    assert_formula("(稽)核\\1", "TRUE");
    assert_formula("\\Q稽核\\E", "TRUE");
    assert_formula("(?(1)稽|核)", "TRUE");
    assert_formula("(*UTF)稽核", "TRUE");
    assert_formula("稽核{,3}", "TRUE");
    assert_formula("稽\\k<x>", "TRUE");
    /* Cut short: not a pattern PCRE2 would compile, and no filter. */
    assert_formula("(稽核", "TRUE");
    assert_formula("[稽核", "TRUE");
    assert_formula("[[.a.]]稽", "TRUE");
}

/* ==== the test on a text =================================================== */

static void a_missing_character_rules_out_a_match(void **state)
{
    (void)state;
    const char *text = "乙方應配合甲方之稽核，但經甲方書面同意者，不在此限。";
    assert_true(possible_in("稽核", text));
    assert_true(possible_in("但[^。]{0,60}不在此限", text));
    assert_true(possible_in("查核|稽核", text));
    assert_false(possible_in("委外廠商", text));
    assert_false(possible_in("[^。;]{0,40}者[,]?不適用之", text));
    assert_false(possible_in("(?:機關|委託人)應", text));
    /* Nothing known: always possible, even on empty text. */
    assert_true(possible_in("ISMS", ""));
    assert_false(possible_in("稽核", ""));
    /* Broken UTF-8 in the text is taken byte by byte. */
    assert_true(possible_in("稽核", "\xE7\xA8\xBD\xE6\xA0\xB8\xE7"));
    assert_false(possible_in("稽核", "\xE7\xA8"));
}

/* Every pattern the shipped packs hold, on every line of the blind corpus:
 * where PCRE2 finds a match the filter never said "cannot match", and the
 * filter rules out most of the work. */
static void shipped_patterns_are_never_wrongly_filtered(void **state)
{
    (void)state;
    ck_rule_set *set = ck_rule_set_new();
    ck_error err;
    ck_error_clear(&err);
    assert_int_equal(ck_rule_set_add_defaults(set, &err), 0);
    assert_non_null(set->language);

    const ck_rule_pattern **patterns = NULL;
    size_t count = 0;
#define ADD_LIST(list)                                                                                             \
    for (size_t q = 0; q < (list).count; q++) {                                                                    \
        patterns = ck_realloc(patterns, (count + 1) * sizeof *patterns);                                         \
        patterns[count++] = &(list).items[q];                                                                     \
    }
    for (size_t k = 0; k <= set->pack_count; k++) {
        const ck_rule_pack *p = k < set->pack_count ? set->packs[k] : set->language;
        for (size_t d = 0; d < p->definition_count; d++)
            ADD_LIST(p->definitions[d].patterns);
        for (size_t c = 0; c < p->condition_count; c++)
            ADD_LIST(p->conditions[c].patterns);
        for (size_t r = 0; r < p->rule_count; r++) {
            const ck_rule *rule = &p->rules[r];
            for (size_t e = 0; e < rule->element_count; e++)
                ADD_LIST(rule->elements[e].patterns);
            ADD_LIST(rule->contrary);
            ADD_LIST(rule->contrary_unless);
            ADD_LIST(rule->exceptions);
            ADD_LIST(rule->exceptions_unless);
            ADD_LIST(rule->not_evidence);
            ADD_LIST(rule->not_about);
            ADD_LIST(rule->satisfied_by);
        }
    }
#undef ADD_LIST
    assert_true(count > 300);
    for (size_t i = 0; i < count; i++)
        ck_rule_pattern_jit(patterns[i]);
    size_t with_filter = 0;
    for (size_t i = 0; i < count; i++)
        with_filter += patterns[i]->filter != NULL;
    /* Nearly every shipped pattern names a word. */
    assert_true(with_filter * 10 > count * 9);

    glob_t g;
    assert_int_equal(glob("tests/corpus/blind/*.txt", 0, NULL, &g), 0);
    assert_true(g.gl_pathc > 10);
    pcre2_match_data *md = pcre2_match_data_create(16, NULL);
    size_t matched = 0, ruled_out = 0, tried = 0;
    for (size_t f = 0; f < g.gl_pathc; f += 2) {
        FILE *in = fopen(g.gl_pathv[f], "r");
        char line[8192];
        assert_non_null(in);
        while (fgets(line, sizeof line, in)) {
            ck_normalised n;
            ck_charset chars;
            ck_normalise(line, strlen(line), NULL, 0, 0, &n);
            ck_charset_fill(&chars, n.text, n.len);
            for (size_t i = 0; i < count; i++) {
                int possible = ck_prefilter_possible(patterns[i]->filter, &chars);
                int rc = pcre2_match(patterns[i]->code, (PCRE2_SPTR)n.text, n.len, 0, 0, md, NULL);
                tried++;
                if (rc > 0) {
                    matched++;
                    if (!possible)
                        fail_msg("'%s' matches \"%s\" but was ruled out", patterns[i]->expanded, n.text);
                }
                ruled_out += !possible;
            }
            ck_normalised_free(&n);
        }
        fclose(in);
    }
    globfree(&g);
    /* Latin letters, either case, and digits: what CASELESS may reach. */
    static const char *const latin[] = { "乙方應通過 ISO 27001 驗證並建立 isms,另以 vpn 連線。",
                                         "契約金額 NT$10,000,000 元;SLA 99.9%;Pdca 循環。", "aaaa bbbb cccc abc" };
    for (size_t t = 0; t < sizeof latin / sizeof latin[0]; t++) {
        ck_charset chars;
        ck_charset_fill(&chars, latin[t], strlen(latin[t]));
        for (size_t i = 0; i < count; i++) {
            int rc = pcre2_match(patterns[i]->code, (PCRE2_SPTR)latin[t], strlen(latin[t]), 0, 0, md, NULL);
            if (rc > 0 && !ck_prefilter_possible(patterns[i]->filter, &chars))
                fail_msg("'%s' matches \"%s\" but was ruled out", patterns[i]->expanded, latin[t]);
        }
    }
    pcre2_match_data_free(md);
    assert_true(matched > 1000);
    /* Most (pattern, line) pairs never reach PCRE2. */
    assert_true(ruled_out * 10 > tried * 7);
    free(patterns);
    ck_rule_set_free(set);
}

int main(void)
{
    /* The shipped packs come from this checkout. */
    char cwd[1024];
    if (getcwd(cwd, sizeof cwd))
        setenv("CLAUSEKIT_DATA", cwd, 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(literals_are_required),
        cmocka_unit_test(alternatives_need_one_branch),
        cmocka_unit_test(optional_parts_are_not_required),
        cmocka_unit_test(what_is_not_a_character_of_the_match),
        cmocka_unit_test(letters_are_never_required),
        cmocka_unit_test(unknown_syntax_filters_nothing),
        cmocka_unit_test(a_missing_character_rules_out_a_match),
        cmocka_unit_test(shipped_patterns_are_never_wrongly_filtered),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
