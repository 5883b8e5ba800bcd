/* match.h — checks one document against a set of rule packs.
 *
 * For every rule of the set the matcher gives one finding with a status
 * (present, partial, conflict, missing, not_applicable — the words of
 * docs/report-schema.md) and the evidence behind it.
 *
 * How it reads a contract:
 *   - Each block is normalised (normalise/normalise.h) with hidden text left
 *     out; patterns run on the normalised text, and every match is mapped
 *     back to ORIGINAL byte offsets of the block's text.
 *   - Not evidence: comments, headers and footers, hidden blocks, table of
 *     contents lines, blocks that only say （保留）/（刪除）, article headings
 *     whose article has no body, definitions of a term (本契約所稱…指…),
 *     options under an unticked check box (□), sentences with an exception
 *     clause of the rule (但…不在此限), blocks matching a rule's
 *     not_evidence. Tracked deletions are not in the model at all. Tables,
 *     footnotes, text boxes, annexes and tracked insertions are evidence.
 *   - Scope: a rule's elements must be found in one unit of its scope —
 *     a sentence, a block, an article (blocks sharing block->article, from
 *     the locator; a block outside any article is its own unit) or the whole
 *     document.
 *   - The clause analyser (clause.c) reads each block once: party words,
 *     modal words (duty, prohibition, permission, recommendation,
 *     exemption) and negations are indexed, so every question about a match
 *     costs a binary search; all of its words are the packs' (the set's
 *     word lists, rules/language.yaml), none is in this module.
 *   - Party and modality: an element bound to a party needs that party to
 *     hold it: the party of the match's clause (the last vendor named before
 *     it, else the first party); a clause that opens with its verb
 *     (「…；並應遵守甲方…制度」) has the subject of its sentence, while its
 *     verb is its own; a party that only may (得), should (宜) or is
 *     exempted (無須) holds no duty, and gives the agency nothing.
 *   - Topic: an article whose heading matches a rule's not_about is about
 *     something else, and nothing in it counts for that rule.
 *   - Trace: every finding carries, per element, the words and pattern that
 *     found it or the nearest wording turned down and why (ck_trace_item).
 *   - Conflict: a rule's contrary wording in a unit where its topic is
 *     found, unless a contrary_unless pattern overlaps it (不得拒絕); or an
 *     exception clause of the rule (但…不在此限, not overlapped by an
 *     exceptions_unless pattern) that names the topic outside the proviso
 *     in its own sentence, or in the sentence before when the proviso opens
 *     its own; contrary wording with which the agency exempts itself
 *     (機關不負保密責任) takes nothing from the vendor.
 *   - Headings: an article heading is never evidence on its own. When its
 *     article has a body of its own (the first body block is evidence, not
 *     （保留）), the topic it names makes the rule partial at least; the
 *     other elements must still be found in the body for present.
 *
 * Writers that annotate the original file (comments in the .docx) use
 * ck_evidence.block to reach the ck_block, and from it part and
 * source_index for the paragraph element; ck_evidence.matches are byte
 * ranges of ck_block.text, which the readers build from the runs in
 * document order, so a writer can walk the runs counting bytes to find
 * where a range starts and ends.
 */
#ifndef CK_MATCH_H
#define CK_MATCH_H

#include <stddef.h>

#include "model/document.h"
#include "rules/pack.h"
#include "util/error.h"

typedef enum ck_status {
    CK_STATUS_PRESENT = 0,
    CK_STATUS_PARTIAL,
    CK_STATUS_CONFLICT,
    CK_STATUS_MISSING,
    CK_STATUS_NOT_APPLICABLE
} ck_status;

enum { CK_STATUS_COUNT = 5 };

/* A byte range [start, end) of a block's ORIGINAL text. */
typedef struct ck_range {
    size_t start, end;
} ck_range;

/* One block of evidence, with what matched in it. */
typedef struct ck_evidence {
    size_t block;         /* index into doc->blocks */
    const char *location; /* the block's location ("第十二條 第二項"); owned by the document, may be NULL */
    const char *text;     /* the block's original text; owned by the document */
    ck_range *matches;    /* sorted, non-overlapping ranges of text; owned by the result */
    size_t match_count;
    int contrary;         /* 1: this is contrary wording (the reason for a conflict) */
} ck_evidence;

/* How an applicability condition was decided. */
typedef enum ck_decided_by {
    CK_DECIDED_TEXT = 0,   /* a detector pattern matched the contract (evidence says where) */
    CK_DECIDED_AMOUNT,     /* the contract amount compared with amount_at_least */
    CK_DECIDED_NO_TEXT,    /* nothing in the contract matched: the condition does not hold */
    CK_DECIDED_ASSUMED     /* forced with --assume NAME / --assume no-NAME */
} ck_decided_by;

typedef struct ck_applicability {
    const ck_rule_set_condition *condition; /* owned by the rule set */
    int holds;
    ck_decided_by decided_by;
    int has_evidence;                       /* evidence is set (TEXT, or AMOUNT with the amount's place) */
    ck_evidence evidence;
    const ck_rule_pattern *pattern;         /* for TEXT: the detector that matched; owned by the set */
    int has_denied;                         /* denied is set: the first detector match that a
                                               negation denied (本案未涉及程式開發) */
    ck_evidence denied;
    const ck_rule_pattern *denied_pattern;
    long long amount;                       /* for CK_DECIDED_AMOUNT: NT$ found, -1 when none */
} ck_applicability;

/* Why an element was or was not found: the trace behind a finding
 * (`check --explain ID`, "trace" in the JSON). */
typedef enum ck_trace_reason {
    CK_TRACE_MATCHED = 0,   /* found in the clause that decides the status */
    CK_TRACE_NOT_FOUND,     /* no wording of it anywhere */
    CK_TRACE_OTHER_PARTY,   /* another party holds it (乙方 where 甲方 is wanted) */
    CK_TRACE_NOT_DUTY,      /* a permission (得) or recommendation (宜), not a duty */
    CK_TRACE_EXEMPTED,      /* the party is exempted (無須, 免除) */
    CK_TRACE_NEGATED,       /* a negation denies it (不含, 未涉及, 不在本案範圍) */
    CK_TRACE_DEFINITION,    /* inside a definition of a term (本契約所稱…指…) */
    CK_TRACE_NOT_AGREED,    /* not agreed text: unticked option, drafting note */
    CK_TRACE_OUTSIDE,       /* found, but in another article than the deciding one */
    CK_TRACE_OFF_TOPIC,     /* in an article whose heading says it is about something else */
    CK_TRACE_CONTRARY,      /* contrary wording of the rule (the reason of a conflict) */
    CK_TRACE_PROVISO,       /* a proviso that takes the duty back (但…不在此限) */
    CK_TRACE_SATISFIED      /* wording that satisfies the rule on its own (satisfied_by) */
} ck_trace_reason;

#define CK_TRACE_NO_ELEMENT ((size_t)-1)

typedef struct ck_trace_item {
    size_t element;                /* index into rule->elements, or CK_TRACE_NO_ELEMENT for
                                      CONTRARY, PROVISO and SATISFIED */
    ck_trace_reason reason;
    int has_place;                 /* the fields below are set */
    size_t block;                  /* index into doc->blocks */
    ck_range match;                /* the words, in the block's original text */
    ck_range sentence;             /* their sentence, in the block's original text */
    const ck_rule_pattern *pattern; /* the pattern that found them; owned by the rule set */
} ck_trace_item;

typedef struct ck_finding {
    const ck_rule *rule;          /* owned by the rule set */
    ck_status status;
    ck_evidence *evidence;        /* supporting blocks first, then contrary ones; owned by the result */
    size_t evidence_count;
    size_t *missing;              /* indices into rule->elements of required elements not found
                                     (partial; for missing: every required element) */
    size_t missing_count;
    size_t *missing_optional;     /* further (optional) elements not found in the best unit */
    size_t missing_optional_count;
    const ck_applicability *not_applicable_because; /* for not_applicable: the decision that
                                                       did not hold; owned by the result */
    ck_trace_item *trace;         /* one per element, then contrary wording and provisos;
                                     owned by the result (none for not_applicable) */
    size_t trace_count;
} ck_finding;

typedef struct ck_match_result {
    ck_finding *findings;         /* one per rule, in set order */
    size_t count;
    ck_applicability *conditions; /* one per condition of the set, in set order */
    size_t condition_count;
    long long contract_amount;    /* NT$ read from the contract, -1 when none was found */
    ck_evidence amount_evidence;  /* where that amount is (matches empty when none) */
    size_t status_counts[CK_STATUS_COUNT];
    int required_gaps;            /* required rules that are partial, conflict or missing */
} ck_match_result;

typedef struct ck_match_options {
    const char *const *assume;    /* "NAME" or "no-NAME", from --assume */
    size_t assume_count;
} ck_match_options;

/* Checks doc against set. On success *out is a result the caller frees with
 * ck_match_result_free(); it points into doc and set, which must outlive it.
 * Errors: an --assume naming no condition of the set (CK_EUSAGE, the message
 * lists the known names); a pattern that exceeds PCRE2's match or depth limit
 * (CK_EDATA: the pack file and line, the rule or word list, the pattern),
 * never a silent "no match". options may be NULL. */
int ck_match_run(const ck_document *doc, const ck_rule_set *set, const ck_match_options *options,
                 ck_match_result **out, ck_error *err);

/* Checks that every --assume of options names a condition of set (NAME or
 * no-NAME). Returns 0, or CK_EUSAGE with the message naming the unknown
 * one and listing the known names. options may be NULL. */
int ck_match_check_assumptions(const ck_rule_set *set, const ck_match_options *options, ck_error *err);

/* Frees the result; NULL is a no-op. */
void ck_match_result_free(ck_match_result *result);

/* "matched", "not_found", "other_party", ...: the JSON word of a trace reason. */
const char *ck_match_trace_reason_name(ck_trace_reason reason);
/* 已找到, 找不到, 是另一方的 ...: the reason in the current language. */
const char *ck_match_trace_reason_text(ck_trace_reason reason);

/* "present", "partial", "conflict", "missing", "not_applicable". */
const char *ck_match_status_name(ck_status status);
/* 符合, 部分符合, 衝突, 缺漏, 不適用. */
const char *ck_match_status_label_zh(ck_status status);

/* Reads an amount of money at text[0..len): 新臺幣壹仟萬元, 一千萬元,
 * 1,000萬元, NT$10,000,000, 10,000,000元. Returns 1 and sets *value (NT$,
 * whole dollars) and *consumed (bytes) when text starts with an amount,
 * else 0. The text is expected in normalised form. */
int ck_match_parse_amount(const char *text, size_t len, long long *value, size_t *consumed);

/* The contract amount: the largest amount in a sentence that names the
 * contract price (the set's word list contract_price: 契約金額, 決標金額,
 * 總價 ...). Returns it, or -1 when none is stated; *block (may be NULL)
 * gets the block index. */
long long ck_match_contract_amount(const ck_document *doc, const ck_rule_set *set, size_t *block, size_t *start,
                                   size_t *end);

#endif
