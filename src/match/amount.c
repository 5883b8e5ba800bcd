/* amount.c — amounts of money as contracts write them, and the contract amount. */
#include "match/match.h"

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
            while (e < n.len && !ck_normalised_sentence_end(n.text, n.len, e))
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
            sentence = e < n.len ? e + ck_normalised_sentence_end(n.text, n.len, e) : e;
        }
        ck_normalised_free(&n);
    }
    pcre2_match_data_free(md);
    return best;
}
