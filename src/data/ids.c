/* ids.c — checking and masking identity and business numbers (regulations.md §4). */
#include "data/ids.h"

#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/lang.h"

/* Letter codes of the ID table: I, O and W-Z are out of sequence because
 * they were added after the original 22 letters. */
static const int letter_codes[26] = {
    10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21,
    22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33,
};

int ck_id_letter_code(char letter)
{
    if (letter < 'A' || letter > 'Z')
        return -1;
    return letter_codes[letter - 'A'];
}

/* Length of the UTF-8 sequence starting with byte c (1 for stray bytes, so
 * counting always advances). */
static size_t utf8_step(unsigned char c)
{
    if (c >= 0xF0 && c < 0xF8)
        return 4;
    if (c >= 0xE0)
        return c < 0xF0 ? 3 : 1;
    if (c >= 0xC0)
        return 2;
    return 1;
}

static size_t count_code_points(const char *s)
{
    size_t n = 0, i = 0, len = strlen(s);
    while (i < len) {
        size_t step = utf8_step((unsigned char)s[i]);
        i += step <= len - i ? step : len - i;
        n++;
    }
    return n;
}

const char *ck_id_mask(const char *value, char *out, size_t size)
{
    size_t n, keep, i = 0, kept = 0, len, o = 0;
    if (!out || size == 0)
        return out;
    if (!value)
        value = "";
    len = strlen(value);
    n = count_code_points(value);
    keep = n >= 10 ? 6 : (n > 4 ? n - 4 : 0);
    /* Copy whole code points only, so the output stays valid UTF-8. */
    while (i < len && kept < keep) {
        size_t step = utf8_step((unsigned char)value[i]);
        if (step > len - i)
            step = len - i;
        if (o + step >= size)
            break;
        memcpy(out + o, value + i, step);
        o += step;
        i += step;
        kept++;
    }
    for (; kept < n && o + 1 < size; kept++)
        out[o++] = '*';
    out[o] = '\0';
    return out;
}

/* True when s holds a full-width ASCII variant (U+FF01..U+FF5E) or an
 * ideographic space, which an IME produces when a clerk types in 全形. */
static int has_full_width(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p++) {
        if (p[0] == 0xEF && (p[1] == 0xBC || p[1] == 0xBD) && p[2]) {
            unsigned cp = ((unsigned)(p[0] & 0x0F) << 12) | ((unsigned)(p[1] & 0x3F) << 6) | (p[2] & 0x3Fu);
            if (cp >= 0xFF01 && cp <= 0xFF5E)
                return 1;
        }
        if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
            return 1;
    }
    return 0;
}

static int has_space(const char *s)
{
    for (; *s; s++)
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
            return 1;
    return 0;
}

static ck_id_reason finish(ck_id_result *r, ck_id_reason reason, const char *zh, const char *en)
{
    if (r) {
        r->reason = reason;
        snprintf(r->message, sizeof r->message, "%s", reason == CK_ID_VALID ? "" : ck_tr(zh, en));
    }
    return reason;
}

static void result_init(ck_id_result *r, const char *value, int mask)
{
    if (!r)
        return;
    memset(r, 0, sizeof *r);
    if (mask)
        ck_id_mask(value, r->masked, sizeof r->masked);
    else
        snprintf(r->masked, sizeof r->masked, "%s", value);
}

ck_id_reason ck_id_check_person(const char *value, ck_id_result *r)
{
    char zh[128], en[128];
    size_t n;
    int sum, code, d1;

    if (!value)
        value = "";
    result_init(r, value, 1);
    if (!*value)
        return finish(r, CK_ID_EMPTY, "是空的", "is empty");
    if (r && (value[1] == '1' || value[1] == '2'))
        r->kind = CK_ID_KIND_NATIONAL;
    else if (r && (value[1] == '8' || value[1] == '9'))
        r->kind = CK_ID_KIND_RESIDENT_NEW;
    else if (r && value[1] >= 'A' && value[1] <= 'D')
        r->kind = CK_ID_KIND_RESIDENT_OLD;
    if (has_full_width(value))
        return finish(r, CK_ID_FULL_WIDTH, "含全形字元，請改用半形英文字母與數字",
                      "contains full-width characters; type it with half-width letters and digits");
    if (has_space(value))
        return finish(r, CK_ID_SPACE, "中間有空白，請刪除", "contains a space; remove it");
    n = count_code_points(value);
    if (n != 10) {
        snprintf(zh, sizeof zh, "有 %zu 個字元，應為 10 個", n);
        snprintf(en, sizeof en, "has %zu characters, needs 10", n);
        return finish(r, CK_ID_LENGTH, zh, en);
    }
    if (value[0] >= 'a' && value[0] <= 'z')
        return finish(r, CK_ID_LOWERCASE, "第 1 個字母是小寫，應為大寫英文字母（A–Z）",
                      "starts with a lowercase letter; it must be an uppercase letter (A–Z)");
    if (ck_id_letter_code(value[0]) < 0)
        return finish(r, CK_ID_FIRST_LETTER, "第 1 個字元應為英文字母 A–Z",
                      "does not start with a letter A–Z");
    if (value[1] >= 'a' && value[1] <= 'd')
        return finish(r, CK_ID_LOWERCASE, "第 2 個字母是小寫，舊式居留證號應為大寫 A–D",
                      "has a lowercase second letter; an old resident certificate number has A–D");
    if (value[1] >= 'A' && value[1] <= 'D')
        d1 = ck_id_letter_code(value[1]) % 10;
    else if (value[1] == '1' || value[1] == '2' || value[1] == '8' || value[1] == '9')
        d1 = value[1] - '0';
    else
        return finish(r, CK_ID_SECOND_CHAR,
                      "第 2 個字元應為 1 或 2（身分證）、8 或 9 或 A–D（居留證）",
                      "has a second character other than 1/2 (national ID), 8/9 or A–D (resident certificate)");
    for (size_t i = 2; i < 10; i++) {
        if (value[i] < '0' || value[i] > '9') {
            snprintf(zh, sizeof zh, "第 %zu 個字元應為數字", i + 1);
            snprintf(en, sizeof en, "has a non-digit at character %zu", i + 1);
            return finish(r, CK_ID_NOT_DIGITS, zh, en);
        }
    }
    code = ck_id_letter_code(value[0]);
    sum = code / 10 + (code % 10) * 9 + d1 * 8;
    for (int i = 2; i < 9; i++)
        sum += (value[i] - '0') * (9 - i);
    sum += value[9] - '0';
    if (sum % 10 != 0)
        return finish(r, CK_ID_CHECKSUM, "檢查碼不符，請與證件核對",
                      "has a check digit that does not match; compare it with the card");
    return finish(r, CK_ID_VALID, "", "");
}

ck_id_reason ck_id_check_business(const char *value, ck_id_result *r)
{
    static const int weights[8] = { 1, 2, 1, 2, 1, 2, 4, 1 };
    char zh[128], en[128];
    size_t n;
    int sum = 0, seventh_is_seven;

    if (!value)
        value = "";
    result_init(r, value, 0);
    if (r)
        r->kind = CK_ID_KIND_BUSINESS;
    if (!*value)
        return finish(r, CK_ID_EMPTY, "是空的", "is empty");
    if (has_full_width(value))
        return finish(r, CK_ID_FULL_WIDTH, "含全形數字，請改用半形數字",
                      "contains full-width digits; type it with half-width digits");
    if (has_space(value))
        return finish(r, CK_ID_SPACE, "中間有空白，請刪除", "contains a space; remove it");
    n = count_code_points(value);
    if (n != 8) {
        int digits_only = strspn(value, "0123456789") == strlen(value);
        /* Excel drops the leading 0 of a number typed into a General cell. */
        snprintf(zh, sizeof zh, "有 %zu 個字元，應為 8 位數字%s", n,
                 n == 7 && digits_only ? "（Excel 可能去掉了開頭的 0；請把該欄設為文字格式後重新輸入）" : "");
        snprintf(en, sizeof en, "has %zu characters, needs 8 digits%s", n,
                 n == 7 && digits_only ? " (Excel may have dropped a leading 0; format the column as text and type it again)" : "");
        return finish(r, CK_ID_LENGTH, zh, en);
    }
    for (size_t i = 0; i < 8; i++) {
        if (value[i] < '0' || value[i] > '9') {
            snprintf(zh, sizeof zh, "第 %zu 個字元應為數字", i + 1);
            snprintf(en, sizeof en, "has a non-digit at character %zu", i + 1);
            return finish(r, CK_ID_NOT_DIGITS, zh, en);
        }
    }
    for (int i = 0; i < 8; i++) {
        int product = (value[i] - '0') * weights[i];
        int digits = product / 10 + product % 10;
        /* 7 x 4 = 28 -> 2 + 8 = 10, which the rule lets count as 1 or 0:
         * add 1 here and accept a sum one higher below. */
        sum += digits == 10 ? 1 : digits;
    }
    seventh_is_seven = value[6] == '7';
    if (sum % 5 != 0 && !(seventh_is_seven && (sum - 1) % 5 == 0))
        return finish(r, CK_ID_CHECKSUM, "檢查碼不符，請與公司登記資料核對",
                      "has a check digit that does not match; compare it with the company's registration");
    return finish(r, CK_ID_VALID, "", "");
}

const char *ck_id_describe(const ck_id_result *result, const char *label, char *out, size_t size)
{
    if (!out || size == 0)
        return out;
    if (!label)
        label = "";
    if (ck_lang_current() == CK_LANG_EN)
        snprintf(out, size, "%s '%s' %s", label, result->masked, result->message);
    else
        snprintf(out, size, "%s「%s」%s", label, result->masked, result->message);
    return out;
}

/* ---- numbers inside text ------------------------------------------------------- */

/* The ASCII letter or digit at p (half-width, or full-width Ａ-Ｚ ０-９),
 * with its length in *step; 0 when it is neither. */
static char id_char_at(const unsigned char *p, size_t left, size_t *step)
{
    if (left >= 1 && ((p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= '0' && p[0] <= '9'))) {
        *step = 1;
        return (char)p[0];
    }
    if (left >= 3 && p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
        *step = 3;
        return (char)('0' + (p[2] - 0x90));
    }
    if (left >= 3 && p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0xA1 && p[2] <= 0xBA) {
        *step = 3;
        return (char)('A' + (p[2] - 0xA1));
    }
    return 0;
}

size_t ck_id_mask_in_text(char *text, size_t len)
{
    unsigned char *t = (unsigned char *)text;
    size_t i = 0, masked = 0;

    while (i < len) {
        char id[11];
        size_t at[10], step = 0, j = i, n = 0;
        char c = id_char_at(t + i, len - i, &step);
        if (c < 'A' || c > 'Z') {
            i += (t[i] < 0x80) ? 1 : utf8_step(t[i]);
            continue;
        }
        while (n < 10 && j < len && (c = id_char_at(t + j, len - j, &step)) != 0) {
            at[n] = j;
            id[n++] = c;
            j += step;
        }
        id[n] = '\0';
        if (n == 10 && ck_id_check_person(id, NULL) == CK_ID_VALID) {
            for (size_t k = 6; k < 10; k++) {
                if (t[at[k]] < 0x80)
                    t[at[k]] = '*';
                else
                    memcpy(t + at[k], "\xEF\xBC\x8A", 3); /* ＊ */
            }
            masked++;
            i = j;
        } else {
            i += (t[i] < 0x80) ? 1 : 3;
        }
    }
    return masked;
}

char *ck_id_masked_copy(const char *text)
{
    size_t len;
    char *copy;

    if (!text)
        return NULL;
    len = strlen(text);
    copy = ck_strdup(text);
    ck_id_mask_in_text(copy, len);
    return copy;
}
