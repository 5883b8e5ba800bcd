/* clause.c — the clause analyser: each block is read once, every sentence
 * with its party words, modal words and negations indexed, so that asking
 * "whose duty is this match, and is it negated?" costs a binary search and
 * never a rescan. The words are the packs' (rules/language.yaml): this file
 * holds no vocabulary. */
#include "match/internal.h"

#include <stdlib.h>
#include <string.h>

/* ======================================================================
 * Reading a block.
 * ==================================================================== */

static void add_mentions(matcher *m, block_info *bi, const ck_rule_definition *def, party who)
{
    nrange *found = NULL;
    size_t n = ck_match_all(m, def, bi->norm.text, bi->norm.len, &found);
    size_t old = bi->mention_count, i = 0, j = 0, count = 0;
    mention *merged = ck_calloc(old + n + 1, sizeof *merged);

    /* Merge two sorted lists; where an agency word and a vendor word
     * overlap, the longer names the mention. */
    while (i < old || j < n) {
        mention next;
        if (j >= n || (i < old && bi->mentions[i].start <= found[j].start))
            next = bi->mentions[i++];
        else {
            next = (mention){ found[j].start, found[j].end, who };
            j++;
        }
        if (count && next.start < merged[count - 1].end) {
            if (next.end - next.start > merged[count - 1].end - merged[count - 1].start)
                merged[count - 1] = next;
            continue;
        }
        merged[count++] = next;
    }
    free(found);
    free(bi->mentions);
    bi->mentions = merged;
    bi->mention_count = count;
}

static void add_modals(matcher *m, const ck_rule_definition *def, modality kind, const block_info *bi, modal_word **list,
                       size_t *count)
{
    nrange *found = NULL;
    size_t n = ck_match_all(m, def, bi->norm.text, bi->norm.len, &found);
    *list = ck_realloc(*list, (*count + n + 1) * sizeof **list);
    for (size_t i = 0; i < n; i++)
        (*list)[(*count)++] = (modal_word){ found[i].start, found[i].end, kind };
    free(found);
}

static int compare_modals(const void *a, const void *b)
{
    const modal_word *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    /* The longer first: 不得 before 得, 無須 before 須. */
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    return 0;
}

static int overlaps_mention(const block_info *bi, size_t s, size_t e)
{
    size_t lo = 0, hi = bi->mention_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (bi->mentions[mid].end <= s)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < bi->mention_count && bi->mentions[lo].start < e;
}

static int closes_sentence(const block_info *bi, const sentence *s)
{
    const char *t = bi->norm.text;
    size_t end = s->end;
    if (end >= 3 && memcmp(t + end - 3, "。", 3) == 0)
        return 1;
    if (end >= 1 && (t[end - 1] == '!' || t[end - 1] == '?'))
        return 1;
    return end == bi->norm.len;
}

void ck_clause_analyse(matcher *m, block_info *bi)
{
    const vocabulary *w = &m->words;
    modal_word *modals = NULL;
    size_t count = 0, kept = 0;

    add_mentions(m, bi, w->agency, PARTY_AGENCY);
    add_mentions(m, bi, w->vendor, PARTY_VENDOR);

    add_modals(m, w->duty, MODAL_DUTY, bi, &modals, &count);
    add_modals(m, w->prohibition, MODAL_PROHIBITION, bi, &modals, &count);
    add_modals(m, w->permission, MODAL_PERMISSION, bi, &modals, &count);
    add_modals(m, w->recommendation, MODAL_RECOMMENDATION, bi, &modals, &count);
    add_modals(m, w->exemption, MODAL_EXEMPTION, bi, &modals, &count);
    if (count)
        qsort(modals, count, sizeof *modals, compare_modals);
    for (size_t i = 0; i < count; i++) {
        if (kept && modals[i].start < modals[kept - 1].end)
            continue;
        /* 得 in 得標廠商 is part of a party word, not a modal. */
        if (overlaps_mention(bi, modals[i].start, modals[i].end))
            continue;
        modals[kept++] = modals[i];
    }
    bi->modals = modals;
    bi->modal_count = kept;

    bi->negation_count = ck_match_all(m, w->negation_before, bi->norm.text, bi->norm.len, &bi->negations);

    /* Each sentence's party words; the subject of the 。-sentence a piece
     * after ; belongs to; the subject carried over to a sentence that names
     * no party. */
    size_t k = 0;
    party first_of_long = PARTY_NONE, previous = PARTY_NONE;
    for (size_t s = 0; s < bi->sentence_count; s++) {
        sentence *sen = &bi->sentences[s];
        while (k < bi->mention_count && bi->mentions[k].start < sen->start)
            k++;
        sen->mention_first = k;
        while (k < bi->mention_count && bi->mentions[k].start < sen->end)
            k++;
        sen->mention_last = k;
        sen->inherited = first_of_long;
        /* The subject of the last sentence that named a party: a sentence
         * that opens without one continues it. */
        sen->carried = previous;
        if (first_of_long == PARTY_NONE && sen->mention_first < sen->mention_last)
            first_of_long = bi->mentions[sen->mention_first].who;
        if (closes_sentence(bi, sen)) {
            if (first_of_long != PARTY_NONE)
                previous = first_of_long;
            first_of_long = PARTY_NONE;
        }
    }
}

/* ======================================================================
 * Questions about a match.
 * ==================================================================== */

static int is_clause_break(const char *t, size_t i, size_t len)
{
    if (t[i] == ',' || t[i] == ';' || t[i] == '!' || t[i] == '?')
        return 1;
    return len - i >= 3 && memcmp(t + i, "。", 3) == 0;
}

/* How many characters lie in text[from..to), or SIZE_MAX when a clause
 * break (, ; 。) is among them or there are more than limit. */
static size_t chars_between(const char *t, size_t len, size_t from, size_t to, size_t limit)
{
    size_t chars = 0;
    for (size_t i = from; i < to; i++) {
        if (((unsigned char)t[i] & 0xC0) == 0x80)
            continue;
        if (is_clause_break(t, i, len) || ++chars > limit)
            return (size_t)-1;
    }
    return chars;
}

/* The modal word that follows position pos within a few characters of the
 * same clause, before limit: 應 duty, 不得 prohibition, 得 permission, 宜
 * recommendation, 無須 exemption. *at gets where it starts. */
static modality modal_after(const block_info *bi, size_t pos, size_t limit, size_t *at)
{
    size_t lo = 0, hi = bi->modal_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (bi->modals[mid].start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo >= bi->modal_count || bi->modals[lo].start >= limit)
        return MODAL_NONE;
    /* 「乙方及其所屬人員應…」: up to seven characters between. */
    if (chars_between(bi->norm.text, bi->norm.len, pos, bi->modals[lo].start, 7) == (size_t)-1)
        return MODAL_NONE;
    if (at)
        *at = bi->modals[lo].start;
    return bi->modals[lo].kind;
}

static int binds(modality k)
{
    return k == MODAL_DUTY || k == MODAL_PROHIBITION;
}

static party_verdict verdict_of(modality k)
{
    if (k == MODAL_EXEMPTION)
        return PARTY_EXEMPTED;
    if (k == MODAL_PERMISSION || k == MODAL_RECOMMENDATION)
        return PARTY_NOT_DUTY;
    return PARTY_OK;
}

/* The vendor bound by a clause whose subject is its sentence's: the
 * sentence's subject is the vendor and the clause's own verb binds
 * (「乙方得使用場地；並應落實資通安全」 binds it; 「…；並得…」 does not). */
static party_verdict elided_vendor_duty(const block_info *bi, const sentence *sen, party subject)
{
    modality own = modal_after(bi, sen->start, sen->end, NULL);
    if (subject != PARTY_VENDOR)
        return PARTY_OTHER;
    return own == MODAL_NONE ? PARTY_OK : verdict_of(own);
}

/* The party that holds a match in its clause (between , ; or the sentence
 * start): the last vendor named before it or at its start, when one is (「甲方得要求乙方
 * 遵守…」, 「乙方應配合甲方…」); else the first party named before it
 * (「甲方指定…為窗口」). NULL when the clause names none before pos. The
 * clause start is looked for at most 120 bytes back, so a sentence of any
 * length costs the same. */
static const mention *clause_subject(const block_info *bi, const sentence *sen, size_t pos)
{
    const char *t = bi->norm.text;
    size_t start = pos, floor = pos > sen->start + 120 ? pos - 120 : sen->start;
    const mention *first = NULL, *vendor = NULL;
    while (start > floor && t[start - 1] != ',' && t[start - 1] != ';')
        start--;
    for (size_t i = sen->mention_first; i < sen->mention_last; i++) {
        const mention *x = &bi->mentions[i];
        /* A match that opens with a party word is that party's. */
        if (x->start > pos)
            break;
        if (x->start < start)
            continue;
        if (!first)
            first = x;
        if (x->who == PARTY_VENDOR)
            vendor = x;
    }
    /* 「…；並應遵守甲方…」: the clause opens with its verb, the party after
     * it is an object; its subject is the sentence's. */
    if (!vendor && first && modal_after(bi, start, first->start, NULL) != MODAL_NONE)
        return NULL;
    return vendor ? vendor : first;
}

/* The party word x is the one who acts in a passive clause: an agent
 * marker (由, 交由) ends right where it starts (「資通安全由甲方辦理」). */
static int names_agent(matcher *m, const block_info *bi, const sentence *sen, const mention *x)
{
    const ck_rule_definition *agent = m->words.passive_agent;
    size_t from = x->start > sen->start + 9 ? x->start - 9 : sen->start;
    while (from > sen->start && ((unsigned char)bi->norm.text[from] & 0xC0) == 0x80)
        from--;
    for (size_t p = 0; agent && p < agent->patterns.count; p++) {
        size_t at = from, s, e;
        while (ck_match_find(m, &agent->patterns.items[p], bi->norm.text, x->start, at, &s, &e) == 1) {
            if (e == x->start)
                return 1;
            at = e > s ? e : s + 1;
        }
    }
    return 0;
}

party_verdict ck_clause_party_holds(matcher *m, const block_info *bi, ck_rule_party want, size_t sentence_index,
                                    size_t ms, size_t me)
{
    const sentence *sen = &bi->sentences[sentence_index];
    size_t count = sen->mention_last - sen->mention_first;
    const mention *mentions = bi->mentions + sen->mention_first;
    (void)m;

    if (want == CK_PARTY_ANY)
        return PARTY_OK;
    if (count == 0) {
        /* No party named in the clause: its sentence's subject, or the one
         * carried over from the sentence before (「乙方應…。並應…」), when
         * there is one, is whose duty it is; otherwise nothing contradicts
         * it. */
        party subject = sen->inherited != PARTY_NONE ? sen->inherited : sen->carried;
        if (want != CK_PARTY_VENDOR || subject == PARTY_NONE)
            return PARTY_OK;
        return elided_vendor_duty(bi, sen, subject);
    }
    const mention *subject = &mentions[0];
    const mention *holder = NULL;
    for (size_t i = 0; i < count; i++)
        if (mentions[i].start <= ms)
            holder = &mentions[i];
    if (!holder)
        holder = subject; /* named only after the match: 「稽核權由乙方行使」 */
    if (want == CK_PARTY_AGENCY) {
        if (holder->who == PARTY_AGENCY) {
            /* 乙方得配合甲方稽核: the vendor may, so the agency holds nothing. */
            modality sm = modal_after(bi, subject->end, sen->end, NULL);
            if (subject->who == PARTY_VENDOR && subject->start < holder->start &&
                (sm == MODAL_PERMISSION || sm == MODAL_RECOMMENDATION || sm == MODAL_EXEMPTION))
                return verdict_of(sm);
            return PARTY_OK;
        }
        /* 乙方應接受稽核: a vendor duty to submit is the agency's right. */
        modality hm = modal_after(bi, holder->end, sen->end, NULL);
        if (!binds(hm))
            return hm == MODAL_NONE ? PARTY_OTHER : verdict_of(hm);
        size_t until = me > holder->end ? me : sen->end;
        return ck_match_word_in(m, m->words.cooperation, bi->norm.text, holder->end, until) ? PARTY_OK : PARTY_OTHER;
    }
    /* The subject of the clause the match is in: the first party named in
     * it before the match (「甲方指定…窗口」 is the agency's, 「乙方應配合甲方
     * 辦理…」 the vendor's). */
    const mention *holder_here = clause_subject(bi, sen, ms);
    if (holder_here) {
        if (holder_here->who != PARTY_VENDOR)
            return PARTY_OTHER;
        return verdict_of(modal_after(bi, holder_here->end, sen->end, NULL));
    }
    const mention *vendor = NULL;
    for (size_t i = 0; i < count && !vendor; i++)
        if (mentions[i].who == PARTY_VENDOR)
            vendor = &mentions[i];
    if (!vendor) {
        /* No vendor named: a clause that opens with its verb, before any
         * party, continues its sentence's subject (「…；並應遵守甲方…」). */
        size_t verb = 0;
        modality own = modal_after(bi, sen->start, sen->end, &verb);
        party carry = sen->inherited != PARTY_NONE ? sen->inherited : sen->carried;
        if (own != MODAL_NONE && mentions[0].start >= verb)
            return elided_vendor_duty(bi, sen, carry);
        /* An item that opens with what it asks, the party named only after
         * it as its object (「一、遵守甲方資通安全管理制度」 under 「乙方應辦理
         * 下列事項：」), not as the one who acts (「資通安全由甲方辦理」):
         * the subject is the one carried over, if any. */
        if (own == MODAL_NONE && ms < mentions[0].start && !names_agent(m, bi, sen, &mentions[0]))
            return carry == PARTY_NONE ? PARTY_OK : elided_vendor_duty(bi, sen, carry);
        return PARTY_OTHER;
    }
    return verdict_of(modal_after(bi, vendor->end, sen->end, NULL));
}

int ck_clause_negated(matcher *m, const block_info *bi, size_t s, size_t e)
{
    const char *t = bi->norm.text;
    size_t len = bi->norm.len;
    /* The last negation word that ends at or before s. */
    size_t lo = 0, hi = bi->negation_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (bi->negations[mid].end <= s)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0 && chars_between(t, len, bi->negations[lo - 1].end, s, 12) != (size_t)-1)
        return 1;
    /* A listed exclusion earlier in the sentence (「下列事項不在本案範圍:…、
     * 客製化功能開發」): everything after its colon is denied. */
    const ck_rule_definition *list = m->words.negation_list;
    if (list && bi->sentence_count) {
        const sentence *sen = &bi->sentences[ck_match_sentence_of(bi, s)];
        for (size_t p = 0; p < list->patterns.count; p++) {
            size_t a, b;
            if (ck_match_find(m, &list->patterns.items[p], t, s, sen->start, &a, &b) == 1 && b <= s)
                return 1;
        }
    }
    /* After it, in the same clause: 「軟體開發不在本案範圍」. */
    const ck_rule_definition *after = m->words.negation_after;
    size_t limit = e + 120 < len ? e + 120 : len;
    while (limit < len && ((unsigned char)t[limit] & 0xC0) == 0x80)
        limit--;
    for (size_t p = 0; after && p < after->patterns.count; p++) {
        size_t a, b;
        if (ck_match_find(m, &after->patterns.items[p], t, limit, e, &a, &b) == 1 && a == e)
            return 1;
    }
    return 0;
}

party ck_clause_exempts_itself(const block_info *bi, size_t sentence_index, size_t s, size_t e)
{
    const sentence *sen = &bi->sentences[sentence_index];
    const mention *last = NULL;
    size_t i = sen->mention_first;
    for (; i < sen->mention_last && bi->mentions[i].end <= s; i++)
        last = &bi->mentions[i];
    if (!last || chars_between(bi->norm.text, bi->norm.len, last->end, s, 12) == (size_t)-1)
        return PARTY_NONE;
    for (; i < sen->mention_last && bi->mentions[i].start < e; i++)
        if (bi->mentions[i].who != last->who)
            return PARTY_NONE;
    size_t at = 0;
    if (modal_after(bi, last->end, e, &at) != MODAL_EXEMPTION || at < s)
        return PARTY_NONE;
    return last->who;
}
