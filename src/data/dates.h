/* dates.h — calendar dates as Taiwanese forms and rosters write them.
 *
 * Forms print 中華民國115年11月23日; rosters hold ISO dates (2026-11-23,
 * 2026/11/23), ROC dates (115/11/23, 115.11.23, 115年11月23日,
 * 中華民國115年11月23日, 民國115年11月23日), compact forms (1151123,
 * 20261123) or a spreadsheet's date serial (46349). Every parsed date is
 * checked against the real calendar: 115/02/30 is refused with a reason.
 * ROC year = AD year − 1911.
 */
#ifndef CK_DATA_DATES_H
#define CK_DATA_DATES_H

#include <stddef.h>

/* A calendar date; year is the AD (Gregorian) year. */
typedef struct ck_date {
    int year;
    int month; /* 1..12 */
    int day;   /* 1..31 */
} ck_date;

typedef enum ck_date_style {
    CK_DATE_ROC_LONG = 0, /* 中華民國115年11月23日 (what the forms print) */
    CK_DATE_ROC_SHORT,    /* 115年11月23日 */
    CK_DATE_ROC_SLASH,    /* 115/11/23 */
    CK_DATE_ISO           /* 2026-11-23 */
} ck_date_style;

/* True when year/month/day is a real Gregorian date with 1 <= year <= 9999. */
int ck_date_valid(int year, int month, int day);

/* Parses text (trimmed by the caller or not: ASCII and full-width spaces
 * around it are ignored; full-width digits are accepted). Returns 0 and
 * fills *out, or CK_EDATA with a one-line reason (zh-TW or English, by the
 * current language; it does not repeat the text) in why, which may be NULL. */
int ck_date_parse(const char *text, ck_date *out, char *why, size_t why_size);

/* Converts a spreadsheet date serial (days; any fraction, the time of day,
 * is dropped) to a date. date1904: 0 for the 1900 system, where serial 60
 * is the non-existent 1900-02-29 that Lotus and Excel count (refused),
 * 1 for the 1904 system (serial 0 = 1904-01-01). Returns 0 or CK_EDATA. */
int ck_date_from_serial(double serial, int date1904, ck_date *out);

/* Writes date in style into buf (always NUL-terminated); returns buf.
 * ROC styles need ROC years 1..999 (AD 1912..2910); other dates are written
 * ISO, since a four-digit year reads back as AD. */
const char *ck_date_format(const ck_date *date, ck_date_style style, char *buf, size_t size);

/* The ROC year of an AD year (2026 -> 115). */
int ck_date_roc_year(int ad_year);

#endif
