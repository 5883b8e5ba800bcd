/* ODT list labels (src/reader/odt_numerals.c): counters written in the
 * number formats LibreOffice offers, and labels built from prefix, suffix,
 * displayed levels, bullets and num-list-format. */
#include "support.h"

#include "reader/odt_internal.h"

static const char *formatted(long value, const char *format, int letter_sync)
{
    static char out[64];
    ck_buf b = CK_BUF_INIT;
    ck_odt_number_format(&b, value, format, letter_sync);
    snprintf(out, sizeof out, "%s", b.data ? b.data : "");
    ck_buf_free(&b);
    return out;
}

static void number_formats(void **state)
{
    (void)state;
    assert_string_equal(formatted(12, "1", 0), "12");
    assert_string_equal(formatted(12, NULL, 0), "12");
    assert_string_equal(formatted(12, "", 0), "");
    assert_string_equal(formatted(4, "i", 0), "iv");
    assert_string_equal(formatted(9, "I", 0), "IX");
    assert_string_equal(formatted(12, "一, 二, 三, ...", 0), "十二");
    assert_string_equal(formatted(3, "甲, 乙, 丙, ...", 0), "丙");
    assert_string_equal(formatted(2, "子, 丑, 寅, ...", 0), "丑");
    assert_string_equal(formatted(3, "①, ②, ③, ...", 0), "③");
    assert_string_equal(formatted(7, "１, ２, ３, ...", 0), "７");
    assert_string_equal(formatted(5, "unknown", 0), "5");
    /* letters: a..z, then aa, ab as Word does, or aa, bb with letter sync */
    assert_string_equal(formatted(2, "a", 0), "b");
    assert_string_equal(formatted(28, "a", 0), "ab");
    assert_string_equal(formatted(28, "a", 1), "bb");
    assert_string_equal(formatted(27, "A", 0), "AA");
}

static const char *label(const ck_odt_list_style *style, int level, const long *counters)
{
    static char out[64];
    ck_buf b = CK_BUF_INIT;
    ck_odt_label(&b, style, level, counters);
    snprintf(out, sizeof out, "%s", b.data ? b.data : "");
    ck_buf_free(&b);
    return out;
}

static void labels_from_a_list_style(void **state)
{
    (void)state;
    ck_odt_list_style style;
    memset(&style, 0, sizeof style);
    long counters[CK_ODT_LEVELS] = { 3, 2, 5 };

    style.levels[0] = (ck_odt_level){ .kind = CK_ODT_LEVEL_NUMBER, .format = "一, 二, 三, ...", .prefix = "第",
                                      .suffix = "條" };
    style.levels[1] = (ck_odt_level){ .kind = CK_ODT_LEVEL_NUMBER, .format = "1", .suffix = ".", .display_levels = 2 };
    style.levels[2] = (ck_odt_level){ .kind = CK_ODT_LEVEL_BULLET, .bullet = "•", .suffix = " " };
    assert_string_equal(label(&style, 0, counters), "第三條");
    assert_string_equal(label(&style, 1, counters), "三.2.");
    assert_string_equal(label(&style, 2, counters), "• ");

    /* a level showing no number is left out of the levels displayed */
    style.levels[0].format = "";
    assert_string_equal(label(&style, 1, counters), "2.");
    assert_string_equal(label(&style, 0, counters), "第條");

    /* num-list-format supersedes the rest; %3% past the level stays text */
    style.levels[0].format = "1";
    style.levels[1].list_format = "%1%-%2%) %3% 100%";
    assert_string_equal(label(&style, 1, counters), "3-2) %3% 100%");

    /* levels the style does not define, and no style, show nothing */
    assert_string_equal(label(&style, 5, counters), "");
    assert_string_equal(label(NULL, 0, counters), "");
    assert_string_equal(label(&style, CK_ODT_LEVELS, counters), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(number_formats),
        cmocka_unit_test(labels_from_a_list_style),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
