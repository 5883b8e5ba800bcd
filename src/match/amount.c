/* amount.c — amounts of money as contracts write them, and the contract amount. */
#include "match/internal.h"

#include <string.h>

#include "model/numerals.h"
#include "normalise/normalise.h"
#include "util/buf.h"

int ck_match_parse_amount(const char *text, size_t len, long long *value, size_t *consumed)
{
    long long fen;

    if (!ck_numeral_parse_amount(text, len, &fen, consumed))
        return 0;
    *value = (fen + 50) / 100; /* whole 元, half up */
    return 1;
}

/* Does text[s..e) name the contract price (the word list contract_price)?
 * With a matcher, through it (a PCRE2 failure is reported, blocks lacking
 * the words' characters are skipped); without, on its own. */
static int names_price(matcher *m, const ck_rule_definition *words, const char *text, size_t s, size_t e,
                       pcre2_match_data *md)
{
    if (m)
        return ck_match_word_in(m, words, text, s, e);
    for (size_t p = 0; words && p < words->patterns.count; p++) {
        size_t a, b;
        if (ck_rule_pattern_find(&words->patterns.items[p], text, e, s, md, &a, &b) == 1)
            return 1;
    }
    return 0;
}

/* The largest amount in a sentence of n that names the price, above *best. */
static void amounts_of_block(matcher *m, const ck_rule_definition *words, const ck_normalised *n, size_t b,
                             pcre2_match_data *md, long long *best, size_t *block, size_t *start, size_t *end)
{
    size_t first = 0;

    /* Sentence by sentence: an amount counts where its sentence names the price. */
    while (first < n->len) {
        size_t e = first;
        while (e < n->len && !ck_normalised_sentence_end(n->text, n->len, e))
            e++;
        if (names_price(m, words, n->text, first, e, md)) {
            for (size_t i = first; i < e; i++) {
                long long v;
                size_t used;
                /* Only at the start of a number, not inside one. */
                if (i > first && ((n->text[i - 1] >= '0' && n->text[i - 1] <= '9') || n->text[i - 1] == ','))
                    continue;
                if ((unsigned char)n->text[i] >= 0x80 && (n->text[i] & 0xC0) == 0x80)
                    continue;
                if (ck_match_parse_amount(n->text + i, e - i, &v, &used)) {
                    if (v > *best) {
                        *best = v;
                        if (block)
                            *block = b;
                        if (start && end)
                            ck_normalised_to_original(n, i, i + used, start, end);
                    }
                    i += used - 1;
                }
            }
        }
        first = e < n->len ? e + ck_normalised_sentence_end(n->text, n->len, e) : e;
    }
}

/* Blocks the contract amount is read from: not comments, hidden text or
 * the table of contents. */
static int may_state_amount(const ck_block *blk)
{
    return blk->kind != CK_BLOCK_COMMENT && !(blk->flags & (CK_BLOCK_HIDDEN | CK_BLOCK_TOC));
}

long long ck_match_contract_amount(const ck_document *doc, const ck_rule_set *set, size_t *block, size_t *start,
                                   size_t *end)
{
    long long best = -1;
    const ck_rule_definition *words = ck_rule_set_word(set, "contract_price");
    pcre2_match_data *md;

    if (!words)
        return -1;
    md = pcre2_match_data_create(4, NULL);
    for (size_t b = 0; b < doc->count; b++) {
        const ck_block *blk = &doc->blocks[b];
        ck_normalised n;

        if (!may_state_amount(blk))
            continue;
        ck_normalise(blk->text, blk->text_len, blk->spans, blk->span_count, CK_SPAN_HIDDEN, &n);
        amounts_of_block(NULL, words, &n, b, md, &best, block, start, end);
        ck_normalised_free(&n);
    }
    pcre2_match_data_free(md);
    return best;
}

/* Does the block have a blank to be filled? The matcher's text leaves it
 * out, the amount's keeps it. */
static int has_blank(const ck_block *blk)
{
    for (size_t i = 0; i < blk->span_count; i++)
        if (blk->spans[i].flags & CK_SPAN_BLANK)
            return 1;
    return 0;
}

long long ck_match_amount_in(matcher *m, size_t *block, size_t *start, size_t *end)
{
    const ck_document *doc = m->doc;
    long long best = -1;
    const ck_rule_definition *words = m->words.contract_price;

    if (!words)
        return -1;
    m->where_what = "contract_price";
    m->where_file = ck_match_file_of_word(m, words);
    for (size_t b = 0; b < doc->count && !m->failed; b++) {
        const ck_block *blk = &doc->blocks[b];

        if (!may_state_amount(blk))
            continue;
        if (!has_blank(blk)) {
            /* The same text as the matcher's: read it, and its characters. */
            ck_match_filter_block(m, b);
            amounts_of_block(m, words, &m->blocks[b].norm, b, NULL, &best, block, start, end);
            continue;
        }
        ck_normalised n;
        ck_match_filter_block(m, (size_t)-1);
        ck_normalise(blk->text, blk->text_len, blk->spans, blk->span_count, CK_SPAN_HIDDEN, &n);
        amounts_of_block(m, words, &n, b, NULL, &best, block, start, end);
        ck_normalised_free(&n);
    }
    ck_match_filter_block(m, (size_t)-1);
    return best;
}
