#include "support.h"

#include "data/dates.h"
#include "util/error.h"
#include "util/lang.h"

static void expect_date(const char *text, int y, int m, int d)
{
    ck_date date;
    char why[256];
    if (ck_date_parse(text, &date, why, sizeof why) != 0)
        fail_msg("'%s' not parsed: %s", text, why);
    if (date.year != y || date.month != m || date.day != d)
        fail_msg("'%s' gave %d-%d-%d", text, date.year, date.month, date.day);
}

static void every_written_form_parses(void **state)
{
    (void)state;
    expect_date("2026-11-23", 2026, 11, 23);
    expect_date("2026/11/23", 2026, 11, 23);
    expect_date("2026/1/5", 2026, 1, 5);
    expect_date("115/11/23", 2026, 11, 23);
    expect_date("115.11.23", 2026, 11, 23);
    expect_date("115-11-23", 2026, 11, 23);
    expect_date("115年11月23日", 2026, 11, 23);
    expect_date("中華民國115年11月23日", 2026, 11, 23);
    expect_date("民國115年11月23日", 2026, 11, 23);
    expect_date("99/12/31", 2010, 12, 31);
    expect_date("1151123", 2026, 11, 23);
    expect_date("20261123", 2026, 11, 23);
    expect_date("46349", 2026, 11, 23);
    expect_date("\xE3\x80\x80 115/11/23 ", 2026, 11, 23);
    expect_date("１１５／１１／２３", 2026, 11, 23);
    expect_date("2026-11-23T00:00:00", 2026, 11, 23);
    expect_date("2026/11/23 09:30", 2026, 11, 23);
    expect_date("2026/11/23 上午 12:00:00", 2026, 11, 23);
    expect_date("115/11/23 下午 03:15", 2026, 11, 23);
}

static void impossible_dates_are_refused_with_a_reason(void **state)
{
    (void)state;
    ck_date date;
    char why[256];
    ck_lang_set_name("en");
    assert_int_equal(ck_date_parse("115/02/30", &date, why, sizeof why), CK_EDATA);
    assert_non_null(strstr(why, "has 28 days"));
    assert_int_equal(ck_date_parse("113/02/29", &date, why, sizeof why), 0); /* 2024 is a leap year */
    assert_int_equal(ck_date_parse("114/02/29", &date, why, sizeof why), CK_EDATA);
    assert_int_equal(ck_date_parse("2026-13-01", &date, why, sizeof why), CK_EDATA);
    assert_string_equal(why, "has no month 13");
    assert_int_equal(ck_date_parse("2026-11-31", &date, why, sizeof why), CK_EDATA);
    assert_int_equal(ck_date_parse("115/11/00", &date, why, sizeof why), CK_EDATA);
    assert_int_equal(ck_date_parse("0/11/23", &date, why, sizeof why), CK_EDATA);
    assert_int_equal(ck_date_parse("民國2026年11月23日", &date, why, sizeof why), CK_EDATA);
    assert_non_null(strstr(why, "ROC year"));
    assert_int_equal(ck_date_parse("2026/11-23", &date, why, sizeof why), CK_EDATA);
    assert_int_equal(ck_date_parse("next Tuesday", &date, why, sizeof why), CK_EDATA);
    assert_int_equal(ck_date_parse("", &date, why, sizeof why), CK_EDATA);
    assert_string_equal(why, "is empty");
    assert_int_equal(ck_date_parse("115年11月", &date, NULL, 0), CK_EDATA);
    assert_int_equal(ck_date_parse("123456", &date, NULL, 0), CK_EDATA);
    assert_int_equal(ck_date_parse("2026/11/23 上午", &date, NULL, 0), CK_EDATA);
    assert_int_equal(ck_date_parse("2026/11/23 later", &date, NULL, 0), CK_EDATA);
}

static void serials_follow_both_date_systems(void **state)
{
    (void)state;
    ck_date d;
    assert_int_equal(ck_date_from_serial(46349, 0, &d), 0);
    assert_true(d.year == 2026 && d.month == 11 && d.day == 23);
    assert_int_equal(ck_date_from_serial(46349.75, 0, &d), 0); /* the time of day is dropped */
    assert_true(d.year == 2026 && d.month == 11 && d.day == 23);
    assert_int_equal(ck_date_from_serial(44887, 1, &d), 0);
    assert_true(d.year == 2026 && d.month == 11 && d.day == 23);
    assert_int_equal(ck_date_from_serial(0, 1, &d), 0);
    assert_true(d.year == 1904 && d.month == 1 && d.day == 1);
    /* 1900: serial 1 is 1 January, 59 is 28 February, 60 the phantom 29th. */
    assert_int_equal(ck_date_from_serial(1, 0, &d), 0);
    assert_true(d.year == 1900 && d.month == 1 && d.day == 1);
    assert_int_equal(ck_date_from_serial(59, 0, &d), 0);
    assert_true(d.year == 1900 && d.month == 2 && d.day == 28);
    assert_int_equal(ck_date_from_serial(60, 0, &d), CK_EDATA);
    assert_int_equal(ck_date_from_serial(61, 0, &d), 0);
    assert_true(d.year == 1900 && d.month == 3 && d.day == 1);
    assert_int_equal(ck_date_from_serial(0, 0, &d), CK_EDATA);
    assert_int_equal(ck_date_from_serial(-3, 0, &d), CK_EDATA);
    assert_int_equal(ck_date_from_serial(1e300, 0, &d), CK_EDATA);
}

static void formats_roc_and_iso(void **state)
{
    (void)state;
    ck_date d = { 2026, 11, 23 }, old = { 1900, 1, 2 };
    char buf[64];
    assert_string_equal(ck_date_format(&d, CK_DATE_ROC_LONG, buf, sizeof buf), "中華民國115年11月23日");
    assert_string_equal(ck_date_format(&d, CK_DATE_ROC_SHORT, buf, sizeof buf), "115年11月23日");
    assert_string_equal(ck_date_format(&d, CK_DATE_ROC_SLASH, buf, sizeof buf), "115/11/23");
    assert_string_equal(ck_date_format(&d, CK_DATE_ISO, buf, sizeof buf), "2026-11-23");
    assert_string_equal(ck_date_format(&old, CK_DATE_ROC_LONG, buf, sizeof buf), "1900-01-02");
    assert_int_equal(ck_date_roc_year(2026), 115);
    assert_true(ck_date_valid(2000, 2, 29));
    assert_false(ck_date_valid(1900, 2, 29));
}

/* A ROC year of four digits reads back as an AD year (or is refused after
 * 中華民國), so such dates are written ISO: what is printed reads back as the
 * same day in every style. */
static void far_future_dates_round_trip(void **state)
{
    (void)state;
    ck_date last_roc = { 2910, 5, 14 }, far = { 9103, 5, 14 }, back;
    char buf[64], why[128];
    assert_string_equal(ck_date_format(&last_roc, CK_DATE_ROC_SLASH, buf, sizeof buf), "999/05/14");
    for (int style = CK_DATE_ROC_LONG; style <= CK_DATE_ISO; style++) {
        ck_date_format(&far, (ck_date_style)style, buf, sizeof buf);
        assert_int_equal(ck_date_parse(buf, &back, why, sizeof why), 0);
        assert_int_equal(back.year, 9103);
        assert_int_equal(back.month, 5);
        assert_int_equal(back.day, 14);
    }
    assert_string_equal(ck_date_format(&far, CK_DATE_ROC_LONG, buf, sizeof buf), "9103-05-14");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_written_form_parses),
        cmocka_unit_test(impossible_dates_are_refused_with_a_reason),
        cmocka_unit_test(serials_follow_both_date_systems),
        cmocka_unit_test(formats_roc_and_iso),
        cmocka_unit_test(far_future_dates_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
