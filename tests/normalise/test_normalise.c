#include "support.h"

#include "normalise/normalise.h"

static char *norm(const char *s)
{
    return ck_normalise_string(s);
}

#define ASSERT_NORM(in, want)                                                                                 \
    do {                                                                                                      \
        char *got_ = norm(in);                                                                                \
        assert_string_equal(got_, want);                                                                      \
        free(got_);                                                                                           \
    } while (0)

static void test_fullwidth(void **state)
{
    (void)state;
    ASSERT_NORM("３（Ａ）", "3(A)");
    ASSERT_NORM("第１２條：ＮＴ＄１０，０００", "第12條:NT$10,000");
    /* CJK punctuation NFKC keeps stays as it is. */
    ASSERT_NORM("甲方、乙方。", "甲方、乙方。");
}

static void test_variants(void **state)
{
    (void)state;
    ASSERT_NORM("新台幣", "新臺幣");
    ASSERT_NORM("新臺幣", "新臺幣");
    ASSERT_NORM("契約裏", "契約裡");
    ASSERT_NORM("爲之", "為之");
    assert_int_equal(ck_normalise_variant(0x53F0), 0x81FA);
    assert_int_equal(ck_normalise_variant('A'), 'A');
}

static void test_spaces(void **state)
{
    (void)state;
    ASSERT_NORM("資 通 安 全", "資通安全");
    ASSERT_NORM("資\u3000通\t安全", "資通安全");
    ASSERT_NORM("  ISO   27001  ", "ISO 27001");
    ASSERT_NORM("ISO\u00A027001", "ISO 27001");
    /* Between CJK and Latin the space is layout too. */
    ASSERT_NORM("通過 ISO 27001 驗證", "通過ISO 27001驗證");
    ASSERT_NORM("", "");
    ASSERT_NORM("   ", "");
}

static void test_line_breaks(void **state)
{
    (void)state;
    ASSERT_NORM("乙方應配合甲方之\n稽核", "乙方應配合甲方之稽核");
    ASSERT_NORM("security\r\naudit", "security audit");
    ASSERT_NORM("資通\u2028安全", "資通安全");
}

static void test_invisible(void **state)
{
    (void)state;
    ASSERT_NORM("稽\u200B核", "稽核");
    ASSERT_NORM("\xEF\xBB\xBF甲方", "甲方");
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    ASSERT_NORM("a\xFF" "b", "a\xEF\xBF\xBD" "b");
}

static void test_combining(void **state)
{
    (void)state;
    /* e + combining acute composes to é; both bytes map to one unit. */
    ck_normalised n;
    const char *s = "Cafe\xCC\x81!";
    ck_normalise(s, strlen(s), NULL, 0, 0, &n);
    assert_string_equal(n.text, "Caf\xC3\xA9!");
    size_t os, oe;
    ck_normalised_to_original(&n, 3, 5, &os, &oe);
    assert_int_equal(os, 3);
    assert_int_equal(oe, 6);
    ck_normalised_free(&n);
}

/* Every normalised match maps back to the original characters it came from. */
static void test_offset_round_trip(void **state)
{
    (void)state;
    const char *orig = "第３條　乙方應配合甲方之\n稽 核，但經台北市政府同意者不在此限。";
    ck_normalised n;
    size_t os, oe;

    ck_normalise(orig, strlen(orig), NULL, 0, 0, &n);
    assert_string_equal(n.text, "第3條乙方應配合甲方之稽核,但經臺北市政府同意者不在此限。");

    /* "稽核" in the normalised text -> "稽 核" in the original. */
    const char *hit = strstr(n.text, "稽核");
    assert_non_null(hit);
    ck_normalised_to_original(&n, (size_t)(hit - n.text), (size_t)(hit - n.text) + strlen("稽核"), &os, &oe);
    assert_int_equal(oe - os, strlen("稽 核"));
    assert_memory_equal(orig + os, "稽 核", oe - os);

    /* "臺北" maps to the original "台北". */
    hit = strstr(n.text, "臺北");
    ck_normalised_to_original(&n, (size_t)(hit - n.text), (size_t)(hit - n.text) + strlen("臺北"), &os, &oe);
    assert_memory_equal(orig + os, "台北", oe - os);
    assert_int_equal(oe - os, strlen("台北"));

    /* Full-width ３ maps to its three bytes. */
    hit = strstr(n.text, "3");
    ck_normalised_to_original(&n, (size_t)(hit - n.text), (size_t)(hit - n.text) + 1, &os, &oe);
    assert_memory_equal(orig + os, "３", oe - os);

    /* Every byte maps inside the original, ranges never go backwards. */
    for (size_t i = 0; i < n.len; i++) {
        assert_true(n.start[i] < n.end[i]);
        assert_true(n.end[i] <= strlen(orig));
        if (i)
            assert_true(n.start[i] >= n.start[i - 1]);
    }
    assert_int_equal(n.start[n.len], strlen(orig));
    /* Empty ranges map to empty ranges. */
    ck_normalised_to_original(&n, 2, 2, &os, &oe);
    assert_int_equal(os, oe);
    ck_normalised_free(&n);
}

/* The space that separates two Latin words maps to the original whitespace run. */
static void test_space_maps_to_run(void **state)
{
    (void)state;
    const char *orig = "ISO \t 27001";
    ck_normalised n;
    size_t os, oe;
    ck_normalise(orig, strlen(orig), NULL, 0, 0, &n);
    assert_string_equal(n.text, "ISO 27001");
    ck_normalised_to_original(&n, 0, n.len, &os, &oe);
    assert_int_equal(os, 0);
    assert_int_equal(oe, strlen(orig));
    ck_normalised_to_original(&n, 3, 4, &os, &oe);
    assert_int_equal(os, 3);
    assert_int_equal(oe, 6);
    ck_normalised_free(&n);
}

/* Hidden spans are left out; offsets still point into the original. */
static void test_skip_hidden(void **state)
{
    (void)state;
    const char *orig = "乙方應接受稽核（隱藏）並配合";
    ck_span span = { (uint32_t)strlen("乙方應接受稽核"), (uint32_t)strlen("乙方應接受稽核（隱藏）"), CK_SPAN_HIDDEN };
    ck_normalised n;
    ck_normalise(orig, strlen(orig), &span, 1, CK_SPAN_HIDDEN, &n);
    assert_string_equal(n.text, "乙方應接受稽核並配合");
    const char *hit = strstr(n.text, "並");
    assert_int_equal(n.start[hit - n.text], span.end);
    ck_normalised_free(&n);

    /* Inserted spans are kept when only hidden ones are skipped. */
    span.flags = CK_SPAN_INSERTED;
    ck_normalise(orig, strlen(orig), &span, 1, CK_SPAN_HIDDEN, &n);
    assert_string_equal(n.text, "乙方應接受稽核(隱藏)並配合");
    ck_normalised_free(&n);
}

static void test_free_null(void **state)
{
    (void)state;
    ck_normalised_free(NULL);
    assert_true(ck_normalise_is_cjk(0x4E00));
    assert_false(ck_normalise_is_cjk('a'));
}

/* Where a sentence stops, in normalised text: full-width ；！？ have become
 * ASCII by then, the ideographic full stop stays. */
static void test_sentence_ends(void **state)
{
    (void)state;
    char *t = norm("甲方同意；乙方同意！是否？完畢。其餘，照舊");
    size_t len = strlen(t), ends = 0, widths = 0;
    for (size_t i = 0; i < len; i++) {
        size_t w = ck_normalised_sentence_end(t, len, i);
        if (w) {
            ends++;
            widths += w;
        }
    }
    assert_int_equal(ends, 4);
    assert_int_equal(widths, 1 + 1 + 1 + 3);
    assert_int_equal(ck_normalised_sentence_end(t, len, len), 0);
    /* a full stop cut off at the end of the text is none */
    assert_int_equal(ck_normalised_sentence_end("。", 2, 0), 0);
    assert_int_equal(ck_normalised_sentence_end("a.b", 3, 1), 0);
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fullwidth),       cmocka_unit_test(test_variants),
        cmocka_unit_test(test_spaces),          cmocka_unit_test(test_line_breaks),
        cmocka_unit_test(test_invisible),       cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_combining),       cmocka_unit_test(test_offset_round_trip),
        cmocka_unit_test(test_space_maps_to_run), cmocka_unit_test(test_skip_hidden),
        cmocka_unit_test(test_free_null),       cmocka_unit_test(test_sentence_ends),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
