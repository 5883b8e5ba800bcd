#include "support.h"

#include "match/match.h"
#include "model/document.h"
#include "rules/pack.h"
#include "util/array.h"

/* The shipped vocabulary (contract_price); the suites run from the top of
 * the source tree. */
static ck_rule_set *language_set(void)
{
    static ck_rule_set *set;
    if (!set) {
        ck_error err;
        ck_error_clear(&err);
        set = ck_rule_set_new();
        if (ck_rule_set_set_language(set, "rules/language.yaml", &err) != 0) {
            ck_error_print(&err, stderr);
            abort();
        }
    }
    return set;
}

static int teardown(void **state)
{
    (void)state;
    ck_rule_set_free(language_set());
    return 0;
}

static long long amount_of(const char *const *paragraphs, size_t *block, size_t *start, size_t *end)
{
    ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    for (const char *const *p = paragraphs; *p; p++)
        ck_document_add(doc, CK_BLOCK_PARAGRAPH, *p, strlen(*p), NULL, NULL);
    long long v = ck_match_contract_amount(doc, language_set(), block, start, end);
    ck_document_free(doc);
    return v;
}

static void amounts_are_whole_dollars_rounded_half_up(void **state)
{
    (void)state;
    long long v = 0;
    size_t used = 0;
    assert_true(ck_match_parse_amount("新臺幣1,234.50元整", strlen("新臺幣1,234.50元整"), &v, &used));
    assert_int_equal(v, 1235);
    assert_true(ck_match_parse_amount("新臺幣1,234.49元", strlen("新臺幣1,234.49元"), &v, &used));
    assert_int_equal(v, 1234);
    assert_true(ck_match_parse_amount("參佰伍拾萬元，分期給付", strlen("參佰伍拾萬元，分期給付"), &v, &used));
    assert_int_equal(v, 3500000);
    assert_int_equal(used, strlen("參佰伍拾萬元"));
    assert_false(ck_match_parse_amount("第3條", strlen("第3條"), &v, &used));
}

static void amounts_in_every_way_contracts_write_them(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        long long value;
    } cases[] = {
        { "新臺幣壹仟萬元", 10000000 },  { "一千萬元", 10000000 },     { "1,000萬元", 10000000 },
        { "NT$10,000,000", 10000000 },     { "10,000,000元", 10000000 },  { "新臺幣壹佰貳拾萬元整", 1200000 },
        { "新臺幣9,999,999元", 9999999 }, { "一億二千萬元", 120000000 }, { "1.5億元", 150000000 },
        { "十萬元", 100000 },              { "新臺幣 3,500,000 元", 3500000 }, { "參佰伍拾萬元", 3500000 },
    };
    for (size_t i = 0; i < CK_ARRAY_LEN(cases); i++) {
        long long v = 0;
        size_t used = 0;
        if (!ck_match_parse_amount(cases[i].text, strlen(cases[i].text), &v, &used))
            fail_msg("not read: %s", cases[i].text);
        if (v != cases[i].value)
            fail_msg("%s: %lld, want %lld", cases[i].text, v, cases[i].value);
    }
    long long v;
    size_t used;
    /* Numbers that are no amount of money. */
    assert_false(ck_match_parse_amount("30日", strlen("30日"), &v, &used));
    assert_false(ck_match_parse_amount("一年", strlen("一年"), &v, &used));
    assert_false(ck_match_parse_amount("本契約", strlen("本契約"), &v, &used));
}

static void the_largest_amount_of_a_price_sentence_counts(void **state)
{
    (void)state;
    size_t block = 99, start = 0, end = 0;
    const char *const doc[] = {
        "違約金以新臺幣五千萬元為上限。",
        "本契約總價為新臺幣玖佰萬元整，其中維護費新臺幣壹佰萬元。",
        NULL,
    };
    assert_int_equal(amount_of(doc, &block, &start, &end), 9000000);
    assert_int_equal(block, 1);
    assert_memory_equal(doc[1] + start, "新臺幣玖佰萬元整", end - start);
    const char *const none[] = { "違約金以新臺幣五千萬元為上限。", NULL };
    assert_int_equal(amount_of(none, NULL, NULL, NULL), -1);
}

/* A price sentence ends at 。 ; ! or ? (ck_normalised_sentence_end): an
 * amount after it, in a sentence that does not name the price, is not the
 * contract's. */
static void a_sentence_ends_where_the_matchers_sentences_end(void **state)
{
    (void)state;
    const char *const full_stop[] = { "本契約總價為新臺幣一百萬元。保證金新臺幣五百萬元", NULL };
    const char *const semicolon[] = { "本契約總價為新臺幣一百萬元；保證金新臺幣五百萬元", NULL };
    const char *const question[] = { "本契約總價為新臺幣一百萬元？保證金新臺幣五百萬元", NULL };
    const char *const exclaim[] = { "本契約總價為新臺幣一百萬元！保證金新臺幣五百萬元", NULL };
    const char *const comma[] = { "本契約總價為新臺幣一百萬元，保證金新臺幣五百萬元", NULL };
    assert_int_equal(amount_of(full_stop, NULL, NULL, NULL), 1000000);
    assert_int_equal(amount_of(semicolon, NULL, NULL, NULL), 1000000);
    assert_int_equal(amount_of(question, NULL, NULL, NULL), 1000000);
    assert_int_equal(amount_of(exclaim, NULL, NULL, NULL), 1000000);
    /* a comma does not end the sentence: the larger amount is in it */
    assert_int_equal(amount_of(comma, NULL, NULL, NULL), 5000000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(amounts_are_whole_dollars_rounded_half_up),
        cmocka_unit_test(amounts_in_every_way_contracts_write_them),
        cmocka_unit_test(the_largest_amount_of_a_price_sentence_counts),
        cmocka_unit_test(a_sentence_ends_where_the_matchers_sentences_end),
    };
    return cmocka_run_group_tests_name("match/amount", tests, NULL, teardown);
}
