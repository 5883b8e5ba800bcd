/* internal.h — what the matcher's stages share: the document read once
 * (prepare.c), the clause analysis of every sentence (clause.c), the
 * applicability decisions (applicability.c) and the scoring of rules
 * (score.c). Not a public interface. */
#ifndef CK_MATCH_INTERNAL_H
#define CK_MATCH_INTERNAL_H

#include <stddef.h>

#include "match/match.h"
#include "normalise/normalise.h"
#include "util/buf.h"

typedef struct nrange {
    size_t start, end; /* normalised byte offsets */
} nrange;

/* Why a range is never evidence. */
typedef enum mask_kind { MASK_DEFINITION = 1, MASK_UNTICKED, MASK_CONDITIONAL } mask_kind;

typedef struct mask {
    size_t start, end;
    mask_kind kind;
} mask;

typedef enum party { PARTY_NONE = -1, PARTY_AGENCY = 0, PARTY_VENDOR = 1 } party;

typedef enum modality {
    MODAL_NONE = 0,
    MODAL_DUTY,
    MODAL_PROHIBITION,
    MODAL_PERMISSION,
    MODAL_RECOMMENDATION,
    MODAL_EXEMPTION
} modality;

/* A party word (甲方, 廠商) in a block. */
typedef struct mention {
    size_t start, end;
    party who;
} mention;

/* A modal word (應, 不得, 得, 宜, 無須) in a block. */
typedef struct modal_word {
    size_t start, end;
    modality kind;
} modal_word;

/* One sentence (up to 。 ; ! ?) and what the analyser read in it. */
typedef struct sentence {
    size_t start, end;
    size_t mention_first, mention_last; /* mentions[first..last) lie in it */
    party inherited; /* first party named earlier in the same 。-sentence (「…；並應…」), or NONE */
    party carried;   /* subject of the last earlier 。-sentence that named a party, or NONE */
} sentence;

typedef struct block_info {
    int eligible;          /* may hold evidence at all */
    int unagreed;          /* not agreed text (unticked option, drafting note): never evidence */
    int heading;           /* names a topic only: never evidence on its own */
    int heads_body;        /* an article heading followed by a body block that is evidence */
    ck_normalised norm;
    sentence *sentences;
    size_t sentence_count;
    mask *masks;           /* never evidence: definitions, unticked options */
    size_t mask_count;
    mention *mentions;     /* sorted by start */
    size_t mention_count;
    modal_word *modals;    /* sorted by start, none overlapping another or a mention */
    size_t modal_count;
    nrange *negations;     /* negation_before words, sorted */
    size_t negation_count;
    long annex;            /* number of the annex (附件N) it is in, or -1 */
    long annex_start;      /* block index where that annex begins, or -1 */
} block_info;

/* An article that incorporates an annex by reference (依附件一辦理). */
typedef struct annex_ref {
    long article; /* block index of the article heading */
    long annex;   /* N of 附件N */
} annex_ref;

/* The analyser's word lists (rules/language.yaml); any may be NULL. */
typedef struct vocabulary {
    const ck_rule_definition *agency, *vendor;
    const ck_rule_definition *duty, *prohibition, *permission, *recommendation, *exemption;
    const ck_rule_definition *cooperation, *negation_before, *negation_after, *negation_list, *passive_agent;
    const ck_rule_definition *term_definition, *reserved_article, *deleted_text;
    const ck_rule_definition *box_unticked, *box_ticked, *option_reference, *annex_label;
    const ck_rule_definition *contract_price;
    /* agency and vendor merged: rules/language.yaml's words, then the words
     * each pack adds of its own (a pack never narrows them). The patterns
     * are the packs' (not owned); only the arrays are. */
    ck_rule_definition parties[2];
} vocabulary;

typedef struct matcher {
    const ck_document *doc;
    const ck_rule_set *set;
    vocabulary words;
    block_info *blocks;
    pcre2_match_data *md;
    pcre2_match_context *mc;
    annex_ref *refs;
    size_t ref_count;
    ck_buf unticked;             /* texts of unticked options, each ending in '\n' */
    /* Where a PCRE2 failure is reported: the rule or word list being matched. */
    const char *where_file;
    const char *where_what;
    int failed;                  /* a pattern gave up (match or depth limit): err is set */
    ck_error *err;
} matcher;

/* ---- prepare.c ------------------------------------------------------------- */

/* The next match of pattern in text[0..len) at or after from: 1 and the range,
 * 0 none, -1 when PCRE2 gave up (err is set, naming file, rule and pattern). */
int ck_match_find(matcher *m, const ck_rule_pattern *pattern, const char *text, size_t len, size_t from, size_t *s,
                  size_t *e);
/* Any pattern of a definition (NULL: none) matches text[s..e). */
/* Every match of a word list in text[0..len), sorted, not overlapping (the
 * longer wins where two start together). Caller frees *out. */
size_t ck_match_all(matcher *m, const ck_rule_definition *def, const char *text, size_t len, nrange **out);
int ck_match_word_in(matcher *m, const ck_rule_definition *def, const char *text, size_t s, size_t e);
void ck_match_prepare(matcher *m);
void ck_match_release(matcher *m);
/* The index of the sentence holding pos (binary search). */
size_t ck_match_sentence_of(const block_info *bi, size_t pos);
/* The kind of mask over [s, e), or 0. */
mask_kind ck_match_masked(const block_info *bi, size_t s, size_t e);
/* The pack file a definition or pattern list belongs to, for messages. */
const char *ck_match_file_of_word(const matcher *m, const ck_rule_definition *def);

/* ---- clause.c -------------------------------------------------------------- */

/* Reads every sentence of block bi once: party words, modal words,
 * negations, and each sentence's subject. */
void ck_clause_analyse(matcher *m, block_info *bi);

/* Why a match is not the holding of the party an element asks for. */
typedef enum party_verdict {
    PARTY_OK = 0,
    PARTY_OTHER,       /* another party holds it */
    PARTY_NOT_DUTY,    /* the party only may (得) or should (宜) */
    PARTY_EXEMPTED     /* the party is exempted (無須, 免除) */
} party_verdict;

party_verdict ck_clause_party_holds(matcher *m, const block_info *bi, ck_rule_party want, size_t sentence_index,
                                    size_t ms, size_t me);
/* The party that exempts itself with the words at [s, e): they open with an
 * exemption (不負, 免除, 無須), the party is named just before them in the
 * same clause and no other party inside them (「機關不負保密責任」, not
 * 「甲方免除乙方之責任」). PARTY_NONE otherwise. */
party ck_clause_exempts_itself(const block_info *bi, size_t sentence_index, size_t s, size_t e);
/* True when a negation in the same clause before s (不含, 未涉及) or after e
 * (不在本案範圍) denies the words at [s, e). */
int ck_clause_negated(matcher *m, const block_info *bi, size_t s, size_t e);

/* ---- applicability.c ------------------------------------------------------- */

int ck_match_decide_conditions(matcher *m, const ck_match_options *o, ck_match_result *r);
/* Does `when` hold? *why gets the first decision that did not. */
int ck_match_when_holds(const ck_match_result *r, const ck_rule_when *when, const ck_applicability **why);
void ck_match_evidence_single(ck_evidence *ev, const ck_document *doc, const block_info *bi, size_t block, size_t ns,
                              size_t ne);

/* ---- score.c --------------------------------------------------------------- */

int ck_match_check_rule(matcher *m, const ck_rule *rule, ck_match_result *r, ck_finding *f);

#endif
