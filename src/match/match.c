/* match.c — rules against one document: evidence, scope, party, status. */
#include "match/match.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/numerals.h"
#include "normalise/normalise.h"
#include "util/buf.h"
#include "util/lang.h"

/* ======================================================================
 * Reading the document once: normalised text, sentences, what is not
 * evidence.
 * ==================================================================== */

typedef struct nrange {
    size_t start, end; /* normalised byte offsets */
} nrange;

typedef struct block_info {
    int eligible;          /* may hold evidence at all */
    int heading;           /* names a topic only: never evidence on its own */
    int heads_body;        /* an article heading followed by a body block that is evidence */
    ck_normalised norm;
    nrange *sentences;
    size_t sentence_count;
    nrange *masked;        /* never evidence: definitions, unticked options */
    size_t masked_count;
    long annex;            /* number of the annex (附件N) it is in, or -1 */
    long annex_start;      /* block index where that annex begins, or -1 */
} block_info;

/* An article that incorporates an annex by reference (依附件一辦理). */
typedef struct annex_ref {
    long article; /* block index of the article heading */
    long annex;   /* N of 附件N */
} annex_ref;

/* Built-in party words, used when a pack defines no `agency`/`vendor`. */
static const char *const agency_words =
    "(?:甲方|委託機關|招標機關|機關|委託人|委辦機關)";
static const char *const vendor_words =
    "(?:乙方|得標廠商|得標人|廠商|受託者|受託人|受託廠商|承攬人|承包商|立約商)";

typedef enum modality { MODAL_NONE = 0, MODAL_DUTY, MODAL_PERMISSION, MODAL_RECOMMENDATION } modality;

typedef struct matcher {
    const ck_document *doc;
    const ck_rule_set *set;
    block_info *blocks;
    pcre2_match_data *md;
    pcre2_code *definition_re;   /* 本契約所稱…指… */
    pcre2_code *reserved_re;     /* （保留）（刪除） */
    pcre2_code *modal_re;        /* the modal verb after a party word */
    pcre2_code *cooperate_re;    /* 配合/接受/協助: a vendor duty that serves the agency */
    pcre2_code *fallback_agency, *fallback_vendor;
    pcre2_code *annex_re;        /* 附件N / 附錄N / 附表N */
    pcre2_code *option_ref_re;   /* 勾選「…」: a clause conditional on a check-box option */
    annex_ref *refs;
    size_t ref_count;
    ck_buf unticked;             /* texts of unticked options, each ending in '\n' */
    ck_error *err;
} matcher;

static pcre2_code *compile(const char *pattern)
{
    int code;
    PCRE2_SIZE offset;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS,
                                   &code, &offset, NULL);
    /* The patterns are the module's own: failing to compile is a programming error. */
    if (!re)
        abort();
    return re;
}

/* Finds the next match of re in text[0..len) at or after from. */
static int find(matcher *m, const pcre2_code *re, const char *text, size_t len, size_t from, size_t *s, size_t *e)
{
    int rc;
    if (from > len)
        return 0;
    rc = pcre2_match(re, (PCRE2_SPTR)text, len, from, 0, m->md, NULL);
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc < 0) {
        if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT)
            return -1;
        return 0;
    }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    *s = ov[0];
    *e = ov[1];
    return 1;
}

static int match_in(matcher *m, const pcre2_code *re, const char *text, size_t s, size_t e)
{
    size_t a, b;
    return find(m, re, text, e, s, &a, &b) == 1;
}

static void add_range(nrange **list, size_t *count, size_t s, size_t e)
{
    *list = ck_realloc(*list, (*count + 1) * sizeof **list);
    (*list)[*count].start = s;
    (*list)[*count].end = e;
    (*count)++;
}

static int is_sentence_end(const char *t, size_t i, size_t len, size_t *width)
{
    if (len - i >= 3 && memcmp(t + i, "。", 3) == 0) {
        *width = 3;
        return 1;
    }
    if (t[i] == ';' || t[i] == '!' || t[i] == '?') {
        *width = 1;
        return 1;
    }
    return 0;
}

static void split_sentences(block_info *bi)
{
    const char *t = bi->norm.text;
    size_t len = bi->norm.len, start = 0, i = 0, w;

    while (i < len) {
        if (is_sentence_end(t, i, len, &w)) {
            add_range(&bi->sentences, &bi->sentence_count, start, i + w);
            i += w;
            start = i;
        } else {
            i++;
        }
    }
    if (start < len)
        add_range(&bi->sentences, &bi->sentence_count, start, len);
}

static int utf8_at(const char *t, size_t len, size_t i, const char *ch)
{
    size_t n = strlen(ch);
    return len - i >= n && memcmp(t + i, ch, n) == 0;
}

/* An unticked check box (□ ☐) masks its option up to the next box or the
 * end of the block; ticked ones (■ ☑ ☒ ▣) do not. */
static void mask_unticked(block_info *bi, ck_buf *options)
{
    static const char *const unticked[] = { "□", "☐", NULL };
    static const char *const any_box[] = { "□", "☐", "■", "☑", "☒", "▣", NULL };
    const char *t = bi->norm.text;
    size_t len = bi->norm.len;

    for (size_t i = 0; i < len; i++) {
        for (const char *const *u = unticked; *u; u++) {
            if (!utf8_at(t, len, i, *u))
                continue;
            size_t j = i + strlen(*u), end = len;
            for (; j < len && end == len; j++)
                for (const char *const *b = any_box; *b; b++)
                    if (utf8_at(t, len, j, *b)) {
                        end = j;
                        break;
                    }
            add_range(&bi->masked, &bi->masked_count, i, end);
            ck_buf_append(options, t + i + strlen(*u), end - i - strlen(*u));
            ck_buf_putc(options, '\n');
            i = end ? end - 1 : 0;
            break;
        }
    }
}

static int masked(const block_info *bi, size_t s, size_t e)
{
    for (size_t i = 0; i < bi->masked_count; i++)
        if (s < bi->masked[i].end && bi->masked[i].start < e)
            return 1;
    return 0;
}

static int sentence_of(const block_info *bi, size_t pos)
{
    for (size_t i = 0; i < bi->sentence_count; i++)
        if (pos >= bi->sentences[i].start && pos < bi->sentences[i].end)
            return (int)i;
    return bi->sentence_count ? (int)bi->sentence_count - 1 : 0;
}

/* A heading names a topic: a heading block, or the first block of an article
 * when it is short and has no sentence in it ("第五條 稽核"). */
static int looks_like_heading(const ck_block *b, size_t index, const ck_normalised *n)
{
    if (b->kind == CK_BLOCK_HEADING)
        return 1;
    if (b->article == (long)index && n->len <= 45 && !strstr(n->text, "。") && !strchr(n->text, ';'))
        return 1;
    return 0;
}

/* The number N of 附件N at text (normalised), or -1. */
static long annex_number(matcher *m, const char *text, size_t len, size_t from, size_t *s, size_t *e)
{
    if (find(m, m->annex_re, text, len, from, s, e) != 1)
        return -1;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    size_t used = 0;
    long n = ck_numeral_parse(text + ov[2], ov[3] - ov[2], &used);
    return used ? n : -1;
}

/* Annex sections (each is one unit of an article-scoped rule) and the
 * articles that incorporate one by reference: 「依附件一辦理」 makes the
 * annex's list part of that article. */
static void find_annexes(matcher *m)
{
    long current = -1, start = -1;
    for (size_t i = 0; i < m->doc->count; i++) {
        const ck_block *b = &m->doc->blocks[i];
        block_info *bi = &m->blocks[i];
        size_t s, e;
        bi->annex = bi->annex_start = -1;
        if (b->flags & CK_BLOCK_IN_ANNEX) {
            long n = annex_number(m, bi->norm.text, bi->norm.len, 0, &s, &e);
            if (n >= 0 && s == 0) {
                current = n;
                start = (long)i;
            }
            bi->annex = current;
            bi->annex_start = start;
            continue;
        }
        if (b->article < 0 || !bi->eligible)
            continue;
        for (size_t from = 0;; from = e) {
            long n = annex_number(m, bi->norm.text, bi->norm.len, from, &s, &e);
            if (n < 0)
                break;
            m->refs = ck_realloc(m->refs, (m->ref_count + 1) * sizeof *m->refs);
            m->refs[m->ref_count].article = b->article;
            m->refs[m->ref_count].annex = n;
            m->ref_count++;
        }
    }
}

/* 「勾選『X』項目者，…」: a clause that applies only when option X is
 * ticked is not agreed when X sits under an unticked box. */
static void mask_unticked_conditions(matcher *m)
{
    if (!m->unticked.len)
        return;
    for (size_t i = 0; i < m->doc->count; i++) {
        block_info *bi = &m->blocks[i];
        for (size_t k = 0; k < bi->sentence_count; k++) {
            size_t from = bi->sentences[k].start, s, e;
            while (find(m, m->option_ref_re, bi->norm.text, bi->sentences[k].end, from, &s, &e) == 1) {
                PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
                char *option = ck_strndup(bi->norm.text + ov[2], ov[3] - ov[2]);
                int off = strstr(m->unticked.data, option) != NULL;
                free(option);
                if (off) {
                    add_range(&bi->masked, &bi->masked_count, bi->sentences[k].start, bi->sentences[k].end);
                    break;
                }
                from = e > s ? e : s + 1;
            }
        }
    }
}

static void prepare_blocks(matcher *m)
{
    const ck_document *doc = m->doc;

    m->blocks = ck_calloc(doc->count ? doc->count : 1, sizeof *m->blocks);
    for (size_t i = 0; i < doc->count; i++) {
        const ck_block *b = &doc->blocks[i];
        block_info *bi = &m->blocks[i];

        ck_normalise(b->text, b->text_len, b->spans, b->span_count, CK_SPAN_HIDDEN, &bi->norm);
        split_sentences(bi);
        bi->eligible = 1;
        switch (b->kind) {
        case CK_BLOCK_COMMENT:
        case CK_BLOCK_HEADER:
        case CK_BLOCK_FOOTER:
            bi->eligible = 0;
            break;
        default:
            break;
        }
        if (b->flags & (CK_BLOCK_HIDDEN | CK_BLOCK_TOC))
            bi->eligible = 0;
        if (bi->norm.len == 0 || match_in(m, m->reserved_re, bi->norm.text, 0, bi->norm.len))
            bi->eligible = 0;
        bi->heading = looks_like_heading(b, i, &bi->norm);
        mask_unticked(bi, &m->unticked);
        for (size_t s = 0; s < bi->sentence_count; s++)
            if (match_in(m, m->definition_re, bi->norm.text, bi->sentences[s].start, bi->sentences[s].end))
                add_range(&bi->masked, &bi->masked_count, bi->sentences[s].start, bi->sentences[s].end);
    }
    find_annexes(m);
    mask_unticked_conditions(m);
    /* An article whose body is gone (（刪除）, empty) leaves a bare heading: not a clause. */
    for (size_t i = 0; i < doc->count; i++) {
        const ck_block *b = &doc->blocks[i];
        if (b->article != (long)i || !m->blocks[i].heading)
            continue;
        int body = 0;
        for (size_t j = i + 1; j < doc->count && !body; j++)
            if (doc->blocks[j].article == (long)i && m->blocks[j].eligible && !m->blocks[j].heading)
                body = 1;
        if (!body)
            m->blocks[i].eligible = 0;
        /* 「第十七條 資安事件通報」「（保留）」 then the signatures, which the
         * last article takes in: the heading heads no body of its own. */
        for (size_t j = i + 1; j < doc->count && doc->blocks[j].article == (long)i; j++) {
            if (m->blocks[j].heading)
                continue;
            m->blocks[i].heads_body = body && m->blocks[j].eligible;
            break;
        }
    }
}

static void release_blocks(matcher *m)
{
    if (!m->blocks)
        return;
    for (size_t i = 0; i < m->doc->count; i++) {
        ck_normalised_free(&m->blocks[i].norm);
        free(m->blocks[i].sentences);
        free(m->blocks[i].masked);
    }
    free(m->blocks);
    m->blocks = NULL;
}

/* ======================================================================
 * Party and modality.
 * ==================================================================== */

typedef struct mention {
    size_t start, end;
    int vendor; /* 0 agency, 1 vendor */
} mention;

static const ck_rule_definition *pack_definition(const ck_rule_pack *pack, const char *name)
{
    if (!pack)
        return NULL;
    for (size_t i = 0; i < pack->definition_count; i++)
        if (strcmp(pack->definitions[i].name, name) == 0)
            return &pack->definitions[i];
    return NULL;
}

/* Party words in text[s..e), in order; caller frees *out. */
static size_t find_mentions(matcher *m, const ck_rule *rule, const char *text, size_t s, size_t e, mention **out)
{
    size_t count = 0;
    *out = NULL;
    for (int vendor = 0; vendor < 2; vendor++) {
        const ck_rule_definition *def = pack_definition(rule->pack, vendor ? "vendor" : "agency");
        size_t npat = def ? def->patterns.count : 1;
        for (size_t p = 0; p < npat; p++) {
            const pcre2_code *re = def ? def->patterns.items[p].code
                                       : (vendor ? m->fallback_vendor : m->fallback_agency);
            size_t from = s, a, b;
            while (find(m, re, text, e, from, &a, &b) == 1) {
                int dup = 0;
                /* 委託機關 and 機關 name one mention: keep the longer. */
                for (size_t k = 0; k < count; k++) {
                    mention *x = &(*out)[k];
                    if (a < x->end && x->start < b) {
                        dup = 1;
                        if (b - a > x->end - x->start) {
                            x->start = a;
                            x->end = b;
                            x->vendor = vendor;
                        }
                    }
                }
                if (!dup) {
                    *out = ck_realloc(*out, (count + 1) * sizeof **out);
                    (*out)[count].start = a;
                    (*out)[count].end = b;
                    (*out)[count].vendor = vendor;
                    count++;
                }
                from = b > a ? b : a + 1;
            }
        }
    }
    /* Sort by position (few elements: insertion sort). */
    for (size_t i = 1; i < count; i++) {
        mention x = (*out)[i];
        size_t j = i;
        while (j > 0 && (*out)[j - 1].start > x.start) {
            (*out)[j] = (*out)[j - 1];
            j--;
        }
        (*out)[j] = x;
    }
    return count;
}

/* The modal word that follows a party word: 應/須/必須 duty, 不得 a duty not
 * to, 得 permission, 宜 recommendation. */
static modality modal_after(matcher *m, const char *text, size_t from, size_t end)
{
    size_t a, b;
    if (find(m, m->modal_re, text, end, from, &a, &b) != 1 || a != from)
        return MODAL_NONE;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    const char *w = text + ov[2];
    size_t n = ov[3] - ov[2];
    if (n == strlen("不得") && memcmp(w, "不得", n) == 0)
        return MODAL_DUTY;
    if (n == strlen("得") && memcmp(w, "得", n) == 0)
        return MODAL_PERMISSION;
    if (n == strlen("宜") && memcmp(w, "宜", n) == 0)
        return MODAL_RECOMMENDATION;
    return MODAL_DUTY;
}

/* Does the sentence [s, e) give the match at [ms, me) to party? */
/* The subject of the sentence a clause at s belongs to, for a clause that
 * names no party of its own (「乙方…應簽署…；並應遵守甲方資通安全管理制度」):
 * 1 the vendor, 0 the agency, -1 when the sentence names no party before
 * the clause. */
static int sentence_subject(matcher *m, const ck_rule *rule, const char *text, size_t s)
{
    size_t start = s;
    mention *mentions = NULL;
    int subject = -1;

    while (start >= 3 && memcmp(text + start - 3, "。", 3) != 0)
        start--;
    if (start < 3)
        start = 0;
    if (start < s && find_mentions(m, rule, text, start, s, &mentions) > 0)
        subject = mentions[0].vendor;
    free(mentions);
    return subject;
}

/* The vendor bound by a clause whose subject is its sentence's: the
 * sentence's subject is the vendor and the clause's own verb is a duty
 * (「乙方得使用場地；並應落實資通安全」 binds it; 「…；並得…」 does not). */
static int elided_vendor_duty(matcher *m, const ck_rule *rule, const char *text, size_t s, size_t e)
{
    modality own = modal_after(m, text, s, e);
    return sentence_subject(m, rule, text, s) == 1 && (own == MODAL_DUTY || own == MODAL_NONE);
}

/* True when the clause text[s..e) has no subject of its own: it opens with
 * a modal verb (「並應遵守甲方…」), no party named before it. A party named
 * after the verb is an object or possessor, not the one bound. */
static int subject_elided(matcher *m, const char *text, size_t s, size_t e, const mention *mentions, size_t count)
{
    size_t a, b;
    if (find(m, m->modal_re, text, e, s, &a, &b) != 1 || a != s)
        return 0;
    size_t verb = pcre2_get_ovector_pointer(m->md)[2];
    return count == 0 || mentions[0].start >= verb;
}

static int party_holds(matcher *m, const ck_rule *rule, ck_rule_party party, const char *text, size_t s, size_t e,
                       size_t ms, size_t me)
{
    mention *mentions = NULL;
    size_t count = find_mentions(m, rule, text, s, e, &mentions);
    int ok = 1;

    if (party == CK_PARTY_ANY)
        goto done;
    if (count == 0) {
        /* No party named in the clause: its sentence's subject, when it has
         * one, is whose duty it is; otherwise nothing contradicts it. */
        int subject = party == CK_PARTY_VENDOR ? sentence_subject(m, rule, text, s) : -1;
        ok = subject == -1 || elided_vendor_duty(m, rule, text, s, e);
        goto done;
    }
    {
        const mention *subject = &mentions[0];
        const mention *holder = NULL;
        modality subject_modal = modal_after(m, text, subject->end, e);
        for (size_t i = 0; i < count; i++)
            if (mentions[i].start <= ms)
                holder = &mentions[i];
        if (!holder) {
            /* Named only after the match: 「稽核權由乙方行使」. */
            holder = subject;
        }
        if (party == CK_PARTY_AGENCY) {
            if (!holder->vendor) {
                /* 乙方得配合甲方稽核: the vendor may, so the agency holds nothing. */
                ok = !(subject->vendor && subject->start < holder->start &&
                       (subject_modal == MODAL_PERMISSION || subject_modal == MODAL_RECOMMENDATION));
            } else {
                /* 乙方應接受稽核: a vendor duty to submit is the agency's right. */
                modality hm = modal_after(m, text, holder->end, e);
                ok = hm == MODAL_DUTY && match_in(m, m->cooperate_re, text, holder->end, me > holder->end ? me : e);
            }
        } else {
            const mention *vendor = NULL;
            for (size_t i = 0; i < count && !vendor; i++)
                if (mentions[i].vendor)
                    vendor = &mentions[i];
            if (!vendor) {
                /* No vendor named in the clause: one that names no party
                 * before the match continues its sentence's subject. */
                ok = subject_elided(m, text, s, e, mentions, count) && elided_vendor_duty(m, rule, text, s, e);
            } else {
                modality vm = modal_after(m, text, vendor->end, e);
                ok = vm != MODAL_PERMISSION && vm != MODAL_RECOMMENDATION;
            }
        }
    }
done:
    free(mentions);
    return ok;
}

/* ======================================================================
 * Applicability.
 * ==================================================================== */

static int usable(const matcher *m, size_t b)
{
    return m->blocks[b].eligible;
}

static void evidence_single(ck_evidence *ev, const ck_document *doc, const block_info *bi, size_t block, size_t ns,
                            size_t ne)
{
    memset(ev, 0, sizeof *ev);
    ev->block = block;
    ev->location = doc->blocks[block].location;
    ev->text = doc->blocks[block].text;
    ev->matches = ck_malloc(sizeof *ev->matches);
    ck_normalised_to_original(&bi->norm, ns, ne, &ev->matches[0].start, &ev->matches[0].end);
    ev->match_count = 1;
}

static int find_assumption(const ck_match_options *o, const char *name, int *holds)
{
    int found = 0;
    if (!o)
        return 0;
    for (size_t i = 0; i < o->assume_count; i++) {
        const char *a = o->assume[i];
        if (strncmp(a, "no-", 3) == 0 && strcmp(a + 3, name) == 0) {
            *holds = 0;
            found = 1;
        } else if (strcmp(a, name) == 0) {
            *holds = 1;
            found = 1;
        }
    }
    return found;
}

static int check_assumptions(const ck_rule_set *set, const ck_match_options *o, ck_error *err)
{
    if (!o)
        return 0;
    for (size_t i = 0; i < o->assume_count; i++) {
        const char *a = o->assume[i];
        const char *name = strncmp(a, "no-", 3) == 0 ? a + 3 : a;
        if (!ck_rule_set_condition_find(set, name)) {
            ck_buf known = CK_BUF_INIT;
            for (size_t c = 0; c < set->condition_count; c++)
                ck_buf_printf(&known, "%s%s", c ? ", " : "", set->conditions[c].name);
            ck_error_set(err, CK_EUSAGE,
                         ck_tr("--assume %s：沒有名為「%s」的適用條件（可用：%s）",
                               "--assume %s: no condition named '%s' (known: %s)"),
                         a, name, known.data ? known.data : "-");
            ck_buf_free(&known);
            return CK_EUSAGE;
        }
    }
    return 0;
}

/* True when the words just before text[s] in the same clause deny what a
 * detector found: 本案未涉及程式開發, 不包含系統維護. A denial is never
 * evidence that the condition holds. */
static int denied(const char *text, size_t s)
{
    static const char *const negations[] = { "未涉及", "不涉及", "無涉", "未包含", "不包含", "未包括", "不包括",
                                              "不含", "未含", "並無", "並未", "非屬", "無須", "毋須", "不需" };
    size_t from = s > 24 ? s - 24 : 0;
    /* Only the clause the match is in: after the last ，；。 before it. */
    for (size_t i = s; i > from; i--) {
        if (i >= 3 && (memcmp(text + i - 3, "，", 3) == 0 || memcmp(text + i - 3, "；", 3) == 0 ||
                       memcmp(text + i - 3, "。", 3) == 0)) {
            from = i;
            break;
        }
        if (text[i - 1] == ',' || text[i - 1] == ';') {
            from = i;
            break;
        }
    }
    while (from < s && ((unsigned char)text[from] & 0xC0) == 0x80)
        from++;
    for (size_t k = 0; k < sizeof negations / sizeof negations[0]; k++) {
        size_t n = strlen(negations[k]);
        for (size_t i = from; i + n <= s; i++)
            if (memcmp(text + i, negations[k], n) == 0)
                return 1;
    }
    return 0;
}

static int decide_conditions(matcher *m, const ck_match_options *o, ck_match_result *r)
{
    const ck_rule_set *set = m->set;

    r->condition_count = set->condition_count;
    r->conditions = ck_calloc(set->condition_count ? set->condition_count : 1, sizeof *r->conditions);
    for (size_t c = 0; c < set->condition_count; c++) {
        const ck_rule_set_condition *cond = &set->conditions[c];
        ck_applicability *a = &r->conditions[c];
        long long threshold = 0;
        int holds = 0;

        a->condition = cond;
        a->amount = -1;
        if (find_assumption(o, cond->name, &holds)) {
            a->holds = holds;
            a->decided_by = CK_DECIDED_ASSUMED;
            continue;
        }
        for (size_t d = 0; d < cond->definition_count; d++)
            if (cond->definitions[d]->amount_at_least > 0 &&
                (threshold == 0 || cond->definitions[d]->amount_at_least < threshold))
                threshold = cond->definitions[d]->amount_at_least;
        /* The first place in the document that a detector matches decides. */
        for (size_t b = 0; b < m->doc->count && !a->holds; b++) {
            const block_info *bi = &m->blocks[b];
            size_t best_s = SIZE_MAX, best_e = 0;
            /* A heading names a topic; what the work includes is said in clauses. */
            if (!usable(m, b) || bi->heading)
                continue;
            for (size_t d = 0; d < cond->definition_count; d++) {
                const ck_rule_condition *def = cond->definitions[d];
                for (size_t p = 0; p < def->patterns.count; p++) {
                    size_t from = 0, s, e;
                    int rc;
                    while ((rc = find(m, def->patterns.items[p].code, bi->norm.text, bi->norm.len, from, &s, &e)) ==
                           1) {
                        if (!masked(bi, s, e) && e > s && !denied(bi->norm.text, s)) {
                            if (s < best_s) {
                                best_s = s;
                                best_e = e;
                            }
                            break;
                        }
                        from = e > s ? e : s + 1;
                    }
                    if (rc < 0)
                        return ck_error_set(m->err, CK_EDATA,
                                            ck_tr("適用條件「%s」的樣式太複雜，無法比對完成",
                                                  "condition '%s': a pattern is too complex to finish matching"),
                                            cond->name);
                }
            }
            if (best_s != SIZE_MAX) {
                a->holds = 1;
                a->decided_by = CK_DECIDED_TEXT;
                a->has_evidence = 1;
                evidence_single(&a->evidence, m->doc, bi, b, best_s, best_e);
            }
        }
        if (a->holds)
            continue;
        if (threshold > 0 && r->contract_amount >= 0) {
            a->decided_by = CK_DECIDED_AMOUNT;
            a->amount = r->contract_amount;
            a->holds = r->contract_amount >= threshold;
            if (r->amount_evidence.match_count) {
                a->has_evidence = 1;
                a->evidence = r->amount_evidence;
                a->evidence.matches = ck_malloc(sizeof *a->evidence.matches);
                a->evidence.matches[0] = r->amount_evidence.matches[0];
            }
        } else {
            a->decided_by = CK_DECIDED_NO_TEXT;
        }
    }
    return 0;
}

static const ck_applicability *decision(const ck_match_result *r, const ck_rule_condition *cond)
{
    for (size_t i = 0; i < r->condition_count; i++) {
        const ck_rule_set_condition *c = r->conditions[i].condition;
        for (size_t d = 0; d < c->definition_count; d++)
            if (c->definitions[d] == cond || strcmp(c->name, cond->name) == 0)
                return &r->conditions[i];
    }
    return NULL;
}

/* Does `when` hold? *why gets the first decision that did not. */
static int when_holds(const ck_match_result *r, const ck_rule_when *when, const ck_applicability **why)
{
    if (when->count == 0)
        return 1;
    for (size_t t = 0; t < when->count; t++) {
        const ck_applicability *a = decision(r, when->terms[t].condition);
        int holds = a ? a->holds : 0;
        if (when->terms[t].negated)
            holds = !holds;
        if (holds)
            return 1;
        if (why && !*why)
            *why = a;
    }
    return 0;
}

/* ======================================================================
 * One rule.
 * ==================================================================== */

#define CONTRARY SIZE_MAX            /* hit.element of contrary wording */
#define TOPIC_MENTION (SIZE_MAX - 1) /* the topic named where it cannot be evidence */
#define SATISFIED (SIZE_MAX - 2)     /* wording that satisfies the rule on its own */
#define EXCEPTION (SIZE_MAX - 3)     /* a proviso that takes the duty back (但…不在此限) */

/* Contrary wording or a proviso: shown as the reason of a conflict. */
static int is_contrary(size_t element)
{
    return element == CONTRARY || element == EXCEPTION;
}

typedef struct hit {
    uint64_t unit;
    size_t block;
    size_t element; /* index into rule->elements, or CONTRARY */
    size_t start, end;
} hit;

typedef struct hits {
    hit *items;
    size_t count;
} hits;

static void add_hit(hits *h, uint64_t unit, size_t block, size_t element, size_t s, size_t e)
{
    h->items = ck_realloc(h->items, (h->count + 1) * sizeof *h->items);
    h->items[h->count++] = (hit){ unit, block, element, s, e };
}

static uint64_t unit_of(const matcher *m, ck_rule_scope scope, size_t block, size_t sentence)
{
    const ck_block *b = &m->doc->blocks[block];
    switch (scope) {
    case CK_SCOPE_SENTENCE:
        return ((uint64_t)block << 24) | sentence;
    case CK_SCOPE_PARAGRAPH:
        return (uint64_t)block << 24;
    case CK_SCOPE_ARTICLE:
        if (m->blocks[block].annex_start >= 0)
            return ((uint64_t)2 << 60) | (uint64_t)m->blocks[block].annex_start;
        if (b->article >= 0)
            return (uint64_t)b->article << 24;
        if (b->table > 0)
            /* A table outside any article: one row is one clause. */
            return ((uint64_t)1 << 62) | ((uint64_t)b->table << 24) | (uint64_t)b->row;
        return (uint64_t)block << 24;
    case CK_SCOPE_DOCUMENT:
    default:
        return 0;
    }
}

static int overlaps_any(matcher *m, const ck_rule_pattern_list *list, const char *text, size_t len, size_t s, size_t e)
{
    for (size_t p = 0; p < list->count; p++) {
        size_t from = 0, a, b;
        while (find(m, list->items[p].code, text, len, from, &a, &b) == 1) {
            if (a < e && s < b)
                return 1;
            if (a >= e)
                break;
            from = b > a ? b : a + 1;
        }
    }
    return 0;
}

static int any_match(matcher *m, const ck_rule_pattern_list *list, const char *text, size_t s, size_t e)
{
    for (size_t p = 0; p < list->count; p++)
        if (match_in(m, list->items[p].code, text, s, e))
            return 1;
    return 0;
}

/* Adds a hit of kind for every unmasked match of list in block b that no
 * pattern of unless overlaps. Returns 0, or -1 when PCRE2 gave up. */
static int collect_list(matcher *m, const ck_rule *rule, size_t b, const ck_rule_pattern_list *list,
                        const ck_rule_pattern_list *unless, size_t kind, hits *h)
{
    const block_info *bi = &m->blocks[b];
    const char *t = bi->norm.text;
    size_t len = bi->norm.len;

    for (size_t p = 0; p < list->count; p++) {
        size_t from = 0, s, e;
        int rc;
        while ((rc = find(m, list->items[p].code, t, len, from, &s, &e)) == 1) {
            int si = sentence_of(bi, s);
            from = e > s ? e : s + 1;
            if (e == s || masked(bi, s, e) || (unless && overlaps_any(m, unless, t, len, s, e)))
                continue;
            add_hit(h, unit_of(m, rule->scope, b, (size_t)si), b, kind, s, e);
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* Collects every element and contrary hit of rule in usable blocks. */
static int collect_hits(matcher *m, const ck_rule *rule, hits *h)
{
    size_t topic = rule->topic < rule->element_count ? rule->topic : 0;

    for (size_t b = 0; b < m->doc->count; b++) {
        const block_info *bi = &m->blocks[b];
        const char *t = bi->norm.text;
        size_t len = bi->norm.len;

        if (!usable(m, b) || any_match(m, &rule->not_evidence, t, 0, len))
            continue;
        for (size_t k = 0; k < rule->element_count; k++) {
            const ck_rule_element *el = &rule->elements[k];
            for (size_t p = 0; p < el->patterns.count; p++) {
                size_t from = 0, s, e;
                int rc;
                while ((rc = find(m, el->patterns.items[p].code, t, len, from, &s, &e)) == 1) {
                    int si = sentence_of(bi, s);
                    const nrange *sen = bi->sentence_count ? &bi->sentences[si] : &(nrange){ 0, len };
                    from = e > s ? e : s + 1;
                    if (e == s || masked(bi, s, e))
                        continue;
                    if (!party_holds(m, rule, el->party, t, sen->start, sen->end, s, e)) {
                        /* Still the topic: contrary wording next to it is a conflict. */
                        if (k == topic)
                            add_hit(h, unit_of(m, rule->scope, b, (size_t)si), b, TOPIC_MENTION, s, e);
                        continue;
                    }
                    add_hit(h, unit_of(m, rule->scope, b, (size_t)si), b, k, s, e);
                }
                if (rc < 0)
                    goto too_complex;
            }
        }
        /* Contrary wording; a proviso that takes the duty back (但…不在此限)
         * unless it is a harmless one (經甲方書面同意者); wording that
         * satisfies the rule on its own. */
        if (collect_list(m, rule, b, &rule->contrary, &rule->contrary_unless, CONTRARY, h) < 0 ||
            collect_list(m, rule, b, &rule->exceptions, &rule->exceptions_unless, EXCEPTION, h) < 0 ||
            collect_list(m, rule, b, &rule->satisfied_by, NULL, SATISFIED, h) < 0)
            goto too_complex;
    }
    /* An article that incorporates an annex by reference also holds what
     * the annex says. */
    if (rule->scope == CK_SCOPE_ARTICLE && m->ref_count) {
        size_t n = h->count;
        for (size_t i = 0; i < n; i++) {
            const block_info *bi = &m->blocks[h->items[i].block];
            if (bi->annex < 0)
                continue;
            for (size_t r = 0; r < m->ref_count; r++) {
                if (m->refs[r].annex != bi->annex)
                    continue;
                int dup = 0;
                for (size_t q = 0; q < r; q++)
                    dup |= m->refs[q].annex == bi->annex && m->refs[q].article == m->refs[r].article;
                if (!dup) {
                    hit x = h->items[i];
                    add_hit(h, (uint64_t)m->refs[r].article << 24, x.block, x.element, x.start, x.end);
                }
            }
        }
    }
    return 0;
too_complex:
    return ck_error_set(m->err, CK_EDATA,
                        ck_tr("規則 %s 的樣式太複雜，無法比對完成", "rule %s: a pattern is too complex to finish matching"),
                        rule->id);
}

static int compare_hits(const void *a, const void *b)
{
    const hit *x = a, *y = b;
    if (x->unit != y->unit)
        return x->unit < y->unit ? -1 : 1;
    if (x->block != y->block)
        return x->block < y->block ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return 0;
}

/* What one unit has. */
typedef struct unit_summary {
    size_t first, last;     /* hits[first..last) */
    int required_found, required_total, found_any_body, topic, topic_mentioned, contrary, satisfied;
    int optional_found;
    int heading_topic;      /* the topic is named by the heading of an article that has a body */
} unit_summary;

static void summarise(const matcher *m, const ck_rule *rule, const int *required, const hit *items, size_t first,
                      size_t last, unit_summary *u)
{
    int *found = ck_calloc(rule->element_count + 1, sizeof *found);
    memset(u, 0, sizeof *u);
    u->first = first;
    u->last = last;
    size_t topic = rule->topic < rule->element_count ? rule->topic : 0;
    for (size_t i = first; i < last; i++) {
        if (items[i].element == CONTRARY) {
            u->contrary = 1;
            continue;
        }
        if (items[i].element == EXCEPTION) {
            /* A proviso takes back a duty the unit states outside it: 「但乙方
             * 因保固需要保留帳號者，不在此限」 in the article on returning
             * accounts names 保固 without taking any warranty back. */
            for (size_t j = first; j < last && !u->contrary; j++) {
                if (items[j].element != topic && items[j].element != TOPIC_MENTION)
                    continue;
                u->contrary = items[j].block != items[i].block || items[j].end <= items[i].start ||
                              items[j].start >= items[i].end;
            }
            continue;
        }
        if (items[i].element == TOPIC_MENTION) {
            u->topic_mentioned = 1;
            continue;
        }
        if (items[i].element == SATISFIED) {
            u->satisfied = 1;
            if (!m->blocks[items[i].block].heading)
                u->found_any_body = 1;
            continue;
        }
        found[items[i].element] = 1;
        if (!m->blocks[items[i].block].heading)
            u->found_any_body = 1;
        else if (items[i].element == topic && m->blocks[items[i].block].heads_body)
            u->heading_topic = 1;
    }
    for (size_t k = 0; k < rule->element_count; k++) {
        if (required[k]) {
            u->required_total++;
            u->required_found += found[k];
        } else {
            u->optional_found += found[k];
        }
    }
    u->topic = rule->element_count ? found[topic] : 0;
    free(found);
}

/* Evidence blocks from hits[first..last), contrary ones last when contrary_last. */
static void build_evidence(const matcher *m, const hit *items, size_t first, size_t last, int want_contrary,
                           ck_finding *f)
{
    /* A heading only repeats the topic the body states: quote the body. */
    int body = 0;
    for (size_t i = first; i < last; i++)
        if (items[i].element != TOPIC_MENTION && !is_contrary(items[i].element) && !m->blocks[items[i].block].heading)
            body = 1;
    for (int pass = 0; pass < 2; pass++) {
        int contrary = pass == 1;
        if (contrary && !want_contrary)
            break;
        for (size_t i = first; i < last; i++) {
            if (items[i].element == TOPIC_MENTION || is_contrary(items[i].element) != contrary)
                continue;
            if (body && !contrary && m->blocks[items[i].block].heading)
                continue;
            /* One evidence per block and kind. */
            ck_evidence *ev = NULL;
            for (size_t e = 0; e < f->evidence_count; e++)
                if (f->evidence[e].block == items[i].block && f->evidence[e].contrary == contrary)
                    ev = &f->evidence[e];
            if (!ev) {
                f->evidence = ck_realloc(f->evidence, (f->evidence_count + 1) * sizeof *f->evidence);
                ev = &f->evidence[f->evidence_count++];
                memset(ev, 0, sizeof *ev);
                ev->block = items[i].block;
                ev->location = m->doc->blocks[items[i].block].location;
                ev->text = m->doc->blocks[items[i].block].text;
                ev->contrary = contrary;
            }
            size_t os, oe;
            ck_normalised_to_original(&m->blocks[items[i].block].norm, items[i].start, items[i].end, &os, &oe);
            /* Insert sorted, merging overlaps. */
            size_t j = 0;
            while (j < ev->match_count && ev->matches[j].end < os)
                j++;
            if (j < ev->match_count && ev->matches[j].start <= oe) {
                if (os < ev->matches[j].start)
                    ev->matches[j].start = os;
                if (oe > ev->matches[j].end)
                    ev->matches[j].end = oe;
                while (j + 1 < ev->match_count && ev->matches[j + 1].start <= ev->matches[j].end) {
                    if (ev->matches[j + 1].end > ev->matches[j].end)
                        ev->matches[j].end = ev->matches[j + 1].end;
                    memmove(&ev->matches[j + 1], &ev->matches[j + 2],
                            (ev->match_count - j - 2) * sizeof *ev->matches);
                    ev->match_count--;
                }
            } else {
                ev->matches = ck_realloc(ev->matches, (ev->match_count + 1) * sizeof *ev->matches);
                memmove(&ev->matches[j + 1], &ev->matches[j], (ev->match_count - j) * sizeof *ev->matches);
                ev->matches[j].start = os;
                ev->matches[j].end = oe;
                ev->match_count++;
            }
        }
    }
    /* Evidence in document order within each kind. */
    for (size_t i = 1; i < f->evidence_count; i++) {
        ck_evidence x = f->evidence[i];
        size_t j = i;
        while (j > 0 && f->evidence[j - 1].contrary == x.contrary && f->evidence[j - 1].block > x.block) {
            f->evidence[j] = f->evidence[j - 1];
            j--;
        }
        f->evidence[j] = x;
    }
}

static void list_missing(const ck_rule *rule, const int *required, const hit *items, size_t first, size_t last,
                         ck_finding *f)
{
    int *found = ck_calloc(rule->element_count + 1, sizeof *found);
    for (size_t i = first; i < last; i++)
        if (items[i].element < rule->element_count)
            found[items[i].element] = 1;
    for (size_t k = 0; k < rule->element_count; k++) {
        if (found[k])
            continue;
        if (required[k]) {
            f->missing = ck_realloc(f->missing, (f->missing_count + 1) * sizeof *f->missing);
            f->missing[f->missing_count++] = k;
        } else {
            f->missing_optional =
                ck_realloc(f->missing_optional, (f->missing_optional_count + 1) * sizeof *f->missing_optional);
            f->missing_optional[f->missing_optional_count++] = k;
        }
    }
    free(found);
}

static int check_rule(matcher *m, const ck_rule *rule, ck_match_result *r, ck_finding *f)
{
    hits h = { NULL, 0 };
    int *required = NULL;
    unit_summary best_present = { 0 }, best_partial = { 0 }, conflict = { 0 };
    int have_present = 0, have_partial = 0, have_conflict = 0;
    const ck_applicability *why = NULL;
    int rc = 0;

    memset(f, 0, sizeof *f);
    f->rule = rule;
    if (!when_holds(r, &rule->applies_when, &why)) {
        f->status = CK_STATUS_NOT_APPLICABLE;
        f->not_applicable_because = why;
        return 0;
    }
    required = ck_calloc(rule->element_count + 1, sizeof *required);
    for (size_t k = 0; k < rule->element_count; k++)
        required[k] = !rule->elements[k].optional && when_holds(r, &rule->elements[k].applies_when, NULL);
    if ((rc = collect_hits(m, rule, &h)) != 0)
        goto done;
    if (h.count)
        qsort(h.items, h.count, sizeof *h.items, compare_hits);
    for (size_t i = 0; i < h.count;) {
        size_t j = i;
        unit_summary u;
        while (j < h.count && h.items[j].unit == h.items[i].unit)
            j++;
        summarise(m, rule, required, h.items, i, j, &u);
        if (u.contrary && (u.topic || u.topic_mentioned) && !have_conflict) {
            conflict = u;
            have_conflict = 1;
        }
        if (u.found_any_body &&
            (u.satisfied || (u.required_found == u.required_total && (u.topic || u.required_total > 0)))) {
            if (!have_present || u.optional_found > best_present.optional_found) {
                best_present = u;
                have_present = 1;
            }
        }
        /* 「第一條 契約標的」 over a body in other words: the topic is there,
         * its elements are not. A heading alone never makes a rule present. */
        if ((u.found_any_body || u.heading_topic) && u.topic) {
            if (!have_partial || u.required_found > best_partial.required_found) {
                best_partial = u;
                have_partial = 1;
            }
        }
        i = j;
    }
    if (have_conflict) {
        f->status = CK_STATUS_CONFLICT;
        build_evidence(m, h.items, conflict.first, conflict.last, 1, f);
    } else if (have_present) {
        f->status = CK_STATUS_PRESENT;
        build_evidence(m, h.items, best_present.first, best_present.last, 0, f);
        if (!best_present.satisfied)
            list_missing(rule, required, h.items, best_present.first, best_present.last, f);
    } else if (have_partial) {
        f->status = CK_STATUS_PARTIAL;
        build_evidence(m, h.items, best_partial.first, best_partial.last, 0, f);
        list_missing(rule, required, h.items, best_partial.first, best_partial.last, f);
    } else {
        f->status = CK_STATUS_MISSING;
        list_missing(rule, required, NULL, 0, 0, f);
    }
done:
    free(h.items);
    free(required);
    return rc;
}

/* ======================================================================
 * The run.
 * ==================================================================== */

int ck_match_run(const ck_document *doc, const ck_rule_set *set, const ck_match_options *options,
                 ck_match_result **out, ck_error *err)
{
    matcher m;
    ck_match_result *r = NULL;
    int rc;

    *out = NULL;
    if ((rc = check_assumptions(set, options, err)) != 0)
        return rc;
    memset(&m, 0, sizeof m);
    m.doc = doc;
    m.set = set;
    m.err = err;
    m.md = pcre2_match_data_create(16, NULL);
    m.definition_re = compile("所稱.{1,40}?(?:,|、)?(?:係|是)?指|^「[^」]{1,30}」(?:一詞)?,?(?:係|是)?指");
    m.reserved_re = compile("^\\(?(?:本條|本項|本款)?(?:保留|刪除|删除)\\)?。?$|\\((?:本條|本項|本款)?(?:保留|刪除|删除)\\)");
    m.modal_re = compile("\\G(?:及其|之|所屬|[^,;。]){0,6}?(不得|必須|應|須|得|宜|負責|同意|承諾)");
    m.cooperate_re = compile("配合|接受|協助|提供|同意|不得拒絕|受");
    m.fallback_agency = compile(agency_words);
    m.fallback_vendor = compile(vendor_words);
    m.annex_re = compile("(?:附件|附錄|附表)\\s?([0-9]+|[一二三四五六七八九十]+)");
    m.option_ref_re = compile("(?:勾選|選擇|選取)「([^」]{2,40})」");
    prepare_blocks(&m);

    r = ck_calloc(1, sizeof *r);
    {
        size_t block = 0, s = 0, e = 0;
        r->contract_amount = ck_match_contract_amount(doc, &block, &s, &e);
        if (r->contract_amount >= 0) {
            r->amount_evidence.block = block;
            r->amount_evidence.location = doc->blocks[block].location;
            r->amount_evidence.text = doc->blocks[block].text;
            r->amount_evidence.matches = ck_malloc(sizeof *r->amount_evidence.matches);
            r->amount_evidence.matches[0].start = s;
            r->amount_evidence.matches[0].end = e;
            r->amount_evidence.match_count = 1;
        }
    }
    if ((rc = decide_conditions(&m, options, r)) != 0)
        goto done;
    r->count = set->rule_count;
    r->findings = ck_calloc(set->rule_count ? set->rule_count : 1, sizeof *r->findings);
    for (size_t i = 0; i < set->rule_count; i++) {
        ck_finding *f = &r->findings[i];
        if ((rc = check_rule(&m, set->rules[i], r, f)) != 0)
            goto done;
        r->status_counts[f->status]++;
        if (set->rules[i]->severity == CK_SEVERITY_REQUIRED &&
            (f->status == CK_STATUS_PARTIAL || f->status == CK_STATUS_CONFLICT || f->status == CK_STATUS_MISSING))
            r->required_gaps++;
    }
done:
    release_blocks(&m);
    pcre2_match_data_free(m.md);
    pcre2_code_free(m.definition_re);
    pcre2_code_free(m.reserved_re);
    pcre2_code_free(m.modal_re);
    pcre2_code_free(m.cooperate_re);
    pcre2_code_free(m.fallback_agency);
    pcre2_code_free(m.fallback_vendor);
    pcre2_code_free(m.annex_re);
    pcre2_code_free(m.option_ref_re);
    free(m.refs);
    ck_buf_free(&m.unticked);
    if (rc != 0) {
        ck_match_result_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

static void free_evidence(ck_evidence *ev)
{
    free(ev->matches);
}

void ck_match_result_free(ck_match_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->count; i++) {
        ck_finding *f = &r->findings[i];
        for (size_t e = 0; e < f->evidence_count; e++)
            free_evidence(&f->evidence[e]);
        free(f->evidence);
        free(f->missing);
        free(f->missing_optional);
    }
    free(r->findings);
    for (size_t i = 0; i < r->condition_count; i++)
        if (r->conditions[i].has_evidence)
            free_evidence(&r->conditions[i].evidence);
    free(r->conditions);
    free_evidence(&r->amount_evidence);
    free(r);
}

const char *ck_status_name(ck_status status)
{
    static const char *const names[] = { "present", "partial", "conflict", "missing", "not_applicable" };
    return (unsigned)status < CK_STATUS_COUNT ? names[status] : "?";
}

const char *ck_status_label_zh(ck_status status)
{
    static const char *const labels[] = { "符合", "部分符合", "衝突", "缺漏", "不適用" };
    return (unsigned)status < CK_STATUS_COUNT ? labels[status] : "?";
}
