/* dates.c — parsing, checking and writing dates in ISO and ROC forms. */
#include "data/dates.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/error.h"
#include "util/lang.h"

static int is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

int ck_date_valid(int year, int month, int day)
{
    return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
           day <= days_in_month(year, month);
}

int ck_date_roc_year(int ad_year)
{
    return ad_year - 1911;
}

/* Days from 1970-01-01 to a civil date, and back (proleptic Gregorian,
 * counting in 400-year eras so no loop depends on the input). */
static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, ck_date *out)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    out->year = (int)(y + (m <= 2));
    out->month = (int)m;
    out->day = (int)d;
}

int ck_date_from_serial(double serial, int date1904, ck_date *out)
{
    long days, base;
    ck_date d;
    if (!isfinite(serial) || serial < 0 || serial > 3e6)
        return CK_EDATA;
    days = (long)floor(serial);
    if (date1904) {
        base = days_from_civil(1904, 1, 1);
    } else {
        /* Serial 60 is 1900-02-29, which never existed: Lotus 1-2-3 counted
         * 1900 as a leap year and Excel kept it. Serials before it are one
         * day off from those after it. */
        if (days == 0 || days == 60)
            return CK_EDATA;
        base = days < 60 ? days_from_civil(1899, 12, 31) : days_from_civil(1899, 12, 30);
    }
    civil_from_days(base + days, &d);
    if (!ck_date_valid(d.year, d.month, d.day))
        return CK_EDATA;
    *out = d;
    return 0;
}

const char *ck_date_format(const ck_date *date, ck_date_style style, char *buf, size_t size)
{
    int roc = ck_date_roc_year(date->year);
    /* A four-digit ROC year would read back as an AD year: write ISO. */
    if ((roc < 1 || roc > 999) && style != CK_DATE_ISO)
        style = CK_DATE_ISO;
    switch (style) {
    case CK_DATE_ROC_LONG:
        snprintf(buf, size, "中華民國%d年%d月%d日", roc, date->month, date->day);
        break;
    case CK_DATE_ROC_SHORT:
        snprintf(buf, size, "%d年%d月%d日", roc, date->month, date->day);
        break;
    case CK_DATE_ROC_SLASH:
        snprintf(buf, size, "%d/%02d/%02d", roc, date->month, date->day);
        break;
    case CK_DATE_ISO:
    default:
        snprintf(buf, size, "%04d-%02d-%02d", date->year, date->month, date->day);
        break;
    }
    return buf;
}

/* ---- parsing ------------------------------------------------------------ */

/* Copies text into out in a simpler alphabet: full-width digits and the
 * full-width separators ／．－ become ASCII, ASCII and ideographic spaces
 * around it are dropped. Returns 0, or -1 when it does not fit. */
static int normalise(const char *text, char *out, size_t size)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t o = 0;
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80))
        p += *p == 0xE3 ? 3 : 1;
    while (*p) {
        if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) { /* ０..９ */
            out[o++] = (char)('0' + (p[2] - 0x90));
            p += 3;
        } else if (p[0] == 0xEF && p[1] == 0xBC && (p[2] == 0x8F || p[2] == 0x8E || p[2] == 0x8D)) {
            out[o++] = p[2] == 0x8F ? '/' : p[2] == 0x8E ? '.' : '-';
            p += 3;
        } else {
            out[o++] = (char)*p++;
        }
        if (o + 1 >= size)
            return -1;
    }
    while (o > 0) {
        if (out[o - 1] == ' ' || out[o - 1] == '\t' || out[o - 1] == '\r' || out[o - 1] == '\n')
            o--;
        else if (o >= 3 && (unsigned char)out[o - 3] == 0xE3 && (unsigned char)out[o - 2] == 0x80 &&
                 (unsigned char)out[o - 1] == 0x80)
            o -= 3;
        else
            break;
    }
    out[o] = '\0';
    return 0;
}

/* Reads up to max digits at *p; returns the number of digits read. */
static int read_number(const char **p, int max, long *value)
{
    int n = 0;
    *value = 0;
    while (**p >= '0' && **p <= '9') {
        if (n == max)
            return max + 1;
        *value = *value * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    return n;
}

static int starts(const char **p, const char *word)
{
    size_t n = strlen(word);
    if (strncmp(*p, word, n) != 0)
        return 0;
    *p += n;
    return 1;
}

/* A time of day after a date (2026-11-23T09:30:00, 2026/11/23 09:30, and
 * 2026/11/23 上午 12:00:00 as zh-TW Excel writes a date-time into CSV) is
 * accepted and ignored. */
static int is_time_tail(const char *p)
{
    int digits = 0;
    if (*p != 'T' && *p != ' ')
        return 0;
    p++;
    while (*p) {
        if (starts(&p, "上午") || starts(&p, "下午") || starts(&p, "AM") || starts(&p, "PM"))
            continue;
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (!(*p == ':' || *p == '.' || *p == 'Z' || *p == '+' || *p == '-' || *p == ' '))
            return 0;
        p++;
    }
    return digits > 0;
}

static int fail(char *why, size_t why_size, const char *zh, const char *en)
{
    if (why && why_size)
        snprintf(why, why_size, "%s", ck_tr(zh, en));
    return CK_EDATA;
}

int ck_date_parse(const char *text, ck_date *out, char *why, size_t why_size)
{
    char buf[128];
    const char *p;
    long y = 0, m = 0, d = 0;
    int ny, nm, nd, roc_prefix = 0, chinese = 0;
    char sep = 0;

    if (why && why_size)
        why[0] = '\0';
    if (!text || normalise(text, buf, sizeof buf) != 0)
        return fail(why, why_size, "不是日期；請寫成 115/11/23 或 2026-11-23",
                    "is not a date; write it as 115/11/23 or 2026-11-23");
    if (!buf[0])
        return fail(why, why_size, "是空的", "is empty");
    p = buf;
    if (starts(&p, "中華民國") || starts(&p, "民國"))
        roc_prefix = 1;

    /* Digits only: a spreadsheet serial or a compact date. */
    if (strspn(p, "0123456789") == strlen(p) && !roc_prefix) {
        size_t n = strlen(p);
        long v;
        const char *q = p;
        read_number(&q, 8, &v);
        if (n <= 5) {
            if (ck_date_from_serial((double)v, 0, out) != 0)
                return fail(why, why_size, "不是有效的試算表日期序號", "is not a valid spreadsheet date serial");
            return 0;
        }
        if (n == 7) {        /* ROC YYYMMDD, common in government systems */
            y = v / 10000 + 1911, m = v / 100 % 100, d = v % 100;
        } else if (n == 8) { /* AD YYYYMMDD */
            y = v / 10000, m = v / 100 % 100, d = v % 100;
        } else {
            return fail(why, why_size, "不是日期；請寫成 115/11/23 或 2026-11-23",
                        "is not a date; write it as 115/11/23 or 2026-11-23");
        }
        goto check;
    }

    ny = read_number(&p, 4, &y);
    if (ny == 0 || ny > 4)
        goto unreadable;
    if (starts(&p, "年")) {
        chinese = 1;
    } else if (*p == '-' || *p == '/' || *p == '.') {
        sep = *p++;
    } else {
        goto unreadable;
    }
    nm = read_number(&p, 2, &m);
    if (nm == 0 || nm > 2)
        goto unreadable;
    if (chinese ? !starts(&p, "月") : *p++ != sep)
        goto unreadable;
    nd = read_number(&p, 2, &d);
    if (nd == 0 || nd > 2)
        goto unreadable;
    if (chinese)
        (void)(starts(&p, "日") || starts(&p, "號"));
    if (*p && !is_time_tail(p))
        goto unreadable;
    if (ny == 4) {
        if (roc_prefix)
            return fail(why, why_size, "「民國」後的年份應為民國年（例如 115），不是西元年",
                        "the year after 民國 must be an ROC year (e.g. 115), not an AD year");
    } else {
        if (y < 1)
            return fail(why, why_size, "民國年份應從 1 開始", "an ROC year starts at 1");
        y += 1911;
    }

check:
    if (m < 1 || m > 12) {
        char zh[96], en[96];
        snprintf(zh, sizeof zh, "沒有 %ld 月", m);
        snprintf(en, sizeof en, "has no month %ld", m);
        return fail(why, why_size, zh, en);
    }
    if (y < 1 || y > 9999)
        goto unreadable;
    if (!ck_date_valid((int)y, (int)m, (int)d)) {
        char zh[128], en[128];
        snprintf(zh, sizeof zh, "不是有效日期：民國 %ld 年（%ld 年）%ld 月只有 %d 天", y - 1911, y, m,
                 days_in_month((int)y, (int)m));
        snprintf(en, sizeof en, "is not a real date: month %ld of %ld (ROC %ld) has %d days", m, y, y - 1911,
                 days_in_month((int)y, (int)m));
        return fail(why, why_size, zh, en);
    }
    out->year = (int)y;
    out->month = (int)m;
    out->day = (int)d;
    return 0;

unreadable:
    return fail(why, why_size, "不是可辨認的日期；請寫成 115/11/23、115年11月23日或 2026-11-23",
                "is not a date format clausekit reads; write 115/11/23, 115年11月23日 or 2026-11-23");
}
