/* amount.c — amounts of money as contracts write them, and the contract amount. */
#include "match/match.h"

#include <math.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "normalise/normalise.h"
#include "util/buf.h"

static int chinese_digit(int32_t cp)
{
    switch (cp) {
    case 0x96F6: case 0x3007: return 0;          /* 零 〇 */
    case 0x4E00: case 0x58F9: case 0x5F0C: return 1; /* 一 壹 弌 */
    case 0x4E8C: case 0x8CB3: case 0x5169: return 2; /* 二 貳 兩 */
    case 0x4E09: case 0x53C3: case 0x53C1: return 3; /* 三 參 叁 */
    case 0x56DB: case 0x8086: return 4;              /* 四 肆 */
    case 0x4E94: case 0x4F0D: return 5;              /* 五 伍 */
    case 0x516D: case 0x9678: return 6;              /* 六 陸 */
    case 0x4E03: case 0x67D2: return 7;              /* 七 柒 */
    case 0x516B: case 0x634C: return 8;              /* 八 捌 */
    case 0x4E5D: case 0x7396: return 9;              /* 九 玖 */
    default: return -1;
    }
}

/* Multiplier of a unit character: 十 10, 百 100, 千 1000, 萬 1e4, 億 1e8; 0 otherwise. */
static double chinese_unit(int32_t cp)
{
    switch (cp) {
    case 0x5341: case 0x62FE: return 10;     /* 十 拾 */
    case 0x767E: case 0x4F70: return 100;    /* 百 佰 */
    case 0x5343: case 0x4EDF: return 1000;   /* 千 仟 */
    case 0x842C: case 0x4E07: return 1e4;    /* 萬 万 */
    case 0x5104: case 0x4EBF: return 1e8;    /* 億 亿 */
    default: return 0;
    }
}

static size_t next_cp(const char *s, size_t len, size_t i, int32_t *cp)
{
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), cp);
    if (k <= 0) {
        *cp = -1;
        return 1;
    }
    return (size_t)k;
}

static int starts_with(const char *s, size_t len, size_t i, const char *word)
{
    size_t n = strlen(word);
    return len - i >= n && strncasecmp(s + i, word, n) == 0;
}

int ck_match_parse_amount(const char *text, size_t len, long long *value, size_t *consumed)
{
    size_t i = 0;
    int prefix = 0, big_unit = 0, digits = 0, last_was_digit = 0;
    double total = 0, section = 0, current = 0;

    /* Currency first: 新臺幣 / NT$ / NTD / $. */
    if (starts_with(text, len, i, "新臺幣")) {
        i += strlen("新臺幣");
        prefix = 1;
    } else if (starts_with(text, len, i, "NT$") || starts_with(text, len, i, "NTD")) {
        i += 3;
        prefix = 1;
    } else if (starts_with(text, len, i, "$")) {
        i += 1;
        prefix = 1;
    }
    if (prefix && i < len && text[i] == ' ')
        i++;
    while (i < len) {
        int32_t cp;
        size_t k = next_cp(text, len, i, &cp);
        int d;
        double unit;

        if (cp >= '0' && cp <= '9') {
            /* An Arabic number with thousands separators and decimals. */
            double v = 0, scale = 0;
            size_t j = i;
            while (j < len) {
                char c = text[j];
                if (c >= '0' && c <= '9') {
                    if (scale > 0) {
                        v += (c - '0') / scale;
                        scale *= 10;
                    } else {
                        v = v * 10 + (c - '0');
                    }
                    digits++;
                } else if (c == ',' && scale == 0 && j + 1 < len && text[j + 1] >= '0' && text[j + 1] <= '9') {
                    /* thousands separator */
                } else if (c == '.' && scale == 0 && j + 1 < len && text[j + 1] >= '0' && text[j + 1] <= '9') {
                    scale = 10;
                } else {
                    break;
                }
                j++;
            }
            current = v;
            last_was_digit = 1;
            i = j;
            continue;
        }
        if ((d = chinese_digit(cp)) >= 0) {
            current = last_was_digit && d >= 0 && current > 0 ? current * 10 + d : d;
            digits++;
            last_was_digit = 1;
            i += k;
            continue;
        }
        if ((unit = chinese_unit(cp)) > 0) {
            if (!digits && unit < 1e4)
                current = 1; /* 十萬 = 一十萬 */
            else if (!digits)
                break;
            if (unit >= 1e8) {
                total = (total + section + current) * unit;
                section = 0;
                big_unit = 1;
            } else if (unit >= 1e4) {
                total += (section + current) * unit;
                section = 0;
                big_unit = 1;
            } else {
                section += (current > 0 ? current : 1) * unit;
            }
            current = 0;
            digits++;
            last_was_digit = 0;
            i += k;
            continue;
        }
        break;
    }
    if (!digits)
        return 0;
    total += section + current;
    {
        int32_t cp;
        int yuan = 0;
        if (i < len) {
            size_t k = next_cp(text, len, i, &cp);
            if (cp == 0x5143 || cp == 0x5713) { /* 元 圓 */
                yuan = 1;
                i += k;
                if (i < len && (next_cp(text, len, i, &cp), cp == 0x6574)) /* 整 */
                    i += strlen("整");
            }
        }
        if (!prefix && !big_unit && !yuan)
            return 0;
    }
    if (total <= 0 || total > 9e15)
        return 0;
    *value = llround(total);
    *consumed = i;
    return 1;
}

/* Does text[s..e) name the contract price (the word list contract_price)? */
static int names_price(const ck_rule_definition *words, const char *text, size_t s, size_t e,
                       pcre2_match_data *md)
{
    for (size_t p = 0; words && p < words->patterns.count; p++) {
        size_t a, b;
        if (ck_rule_pattern_find(&words->patterns.items[p], text, e, s, md, &a, &b) == 1)
            return 1;
    }
    return 0;
}

long long ck_match_contract_amount(const ck_document *doc, const ck_rule_set *set, size_t *block, size_t *start,
                                   size_t *end)
{
    long long best = -1;
    const ck_rule_definition *words = ck_rule_set_word(set, "contract_price");
    pcre2_match_data *md = pcre2_match_data_create(4, NULL);

    if (!words) {
        pcre2_match_data_free(md);
        return -1;
    }

    for (size_t b = 0; b < doc->count; b++) {
        const ck_block *blk = &doc->blocks[b];
        ck_normalised n;
        size_t sentence = 0;

        if (blk->kind == CK_BLOCK_COMMENT || (blk->flags & (CK_BLOCK_HIDDEN | CK_BLOCK_TOC)))
            continue;
        ck_normalise(blk->text, blk->text_len, blk->spans, blk->span_count, CK_SPAN_HIDDEN, &n);
        /* Sentence by sentence: an amount counts where its sentence names the price. */
        while (sentence < n.len) {
            size_t e = sentence;
            while (e < n.len && strncmp(n.text + e, "。", 3) != 0 && n.text[e] != ';')
                e++;
            if (names_price(words, n.text, sentence, e, md)) {
                for (size_t i = sentence; i < e; i++) {
                    long long v;
                    size_t used;
                    /* Only at the start of a number, not inside one. */
                    if (i > sentence && ((n.text[i - 1] >= '0' && n.text[i - 1] <= '9') || n.text[i - 1] == ','))
                        continue;
                    if ((unsigned char)n.text[i] >= 0x80 && (n.text[i] & 0xC0) == 0x80)
                        continue;
                    if (ck_match_parse_amount(n.text + i, e - i, &v, &used)) {
                        if (v > best) {
                            best = v;
                            if (block)
                                *block = b;
                            if (start && end)
                                ck_normalised_to_original(&n, i, i + used, start, end);
                        }
                        i += used - 1;
                    }
                }
            }
            sentence = e < n.len ? e + (n.text[e] == ';' ? 1 : 3) : e;
        }
        ck_normalised_free(&n);
    }
    pcre2_match_data_free(md);
    return best;
}
