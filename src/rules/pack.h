/* pack.h — rule packs: what a contract must say, as data a reviewer edits.
 *
 * A rule pack is a YAML file (rules/<name>.yaml, format in docs/rules.md):
 * metadata, shared named pattern lists (`definitions`), applicability
 * conditions (`applicability`), and the rules. Loading checks everything —
 * keys, types, enum words, condition names, duplicate ids, every regular
 * expression — and compiles each pattern once with PCRE2 (UTF | UCP |
 * CASELESS). A pack that has any error is never returned: the loader gives
 * an error and no pack.
 *
 * Patterns are matched against NORMALISED text (NFKC, 臺 not 台, no spaces
 * between CJK characters, one space elsewhere, no line breaks inside a
 * sentence); see docs/rules.md. `{{name}}` inside a pattern stands for the
 * definition `name` as a non-capturing alternation; `source` keeps what the
 * reviewer wrote, `expanded` what PCRE2 compiled.
 *
 * Everything reachable from a ck_rule_pack is owned by the pack and freed by
 * ck_rule_pack_free(); a ck_rule_set owns its packs.
 */
#ifndef CK_RULES_PACK_H
#define CK_RULES_PACK_H

#include <stddef.h>

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

#include "rules/prefilter.h"
#include "util/error.h"

typedef enum ck_rule_severity {
    CK_SEVERITY_REQUIRED = 0,   /* a gap makes `clausekit check` exit 1 */
    CK_SEVERITY_RECOMMENDED = 1 /* reported, never changes the exit status */
} ck_rule_severity;

/* How close together the elements of one rule must be found. */
typedef enum ck_rule_scope {
    CK_SCOPE_SENTENCE = 0,  /* one sentence (up to 。 ; ! ? in normalised text, or the end of a block) */
    CK_SCOPE_PARAGRAPH = 1, /* one block */
    CK_SCOPE_ARTICLE = 2,   /* an article (第N條) with its items, or a numbered section and its children */
    CK_SCOPE_DOCUMENT = 3   /* anywhere in the contract (only for rules such as 3.4.1.1 whose
                               elements are naturally separate articles) */
} ck_rule_scope;

/* Whose duty or right an element must be. */
typedef enum ck_rule_party {
    CK_PARTY_ANY = 0,
    CK_PARTY_AGENCY = 1, /* the words of definitions.agency (甲方, 機關, ...) */
    CK_PARTY_VENDOR = 2  /* the words of definitions.vendor (乙方, 廠商, ...) */
} ck_rule_party;

/* A text in both languages; en may be NULL when the pack does not give it. */
typedef struct ck_rule_text {
    char *zh;
    char *en;
} ck_rule_text;

/* Where a node stands in its YAML file (1-based). */
typedef struct ck_rule_place {
    long line;
    long column;
} ck_rule_place;

/* One compiled pattern. */
typedef struct ck_rule_pattern {
    char *source;      /* as written in the pack, {{name}} references kept */
    char *expanded;    /* after references were replaced: what PCRE2 compiled */
    pcre2_code *code;  /* compiled with PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS; JIT-compiled on
                          first use (ck_rule_pattern_jit), when available */
    int jit_tried;     /* ck_rule_pattern_jit has run */
    ck_prefilter *filter; /* the characters every match needs (prefilter.h); NULL: none known */
    ck_rule_place place;
} ck_rule_pattern;

typedef struct ck_rule_pattern_list {
    ck_rule_pattern *items;
    size_t count;
} ck_rule_pattern_list;

/* A named list of pattern alternatives under `definitions:` ({{agency}}). */
typedef struct ck_rule_definition {
    char *name;
    ck_rule_pattern_list patterns; /* each alternative, compiled on its own */
    char *alternation;             /* "(?:a|b|c)": what {{name}} expands to */
    ck_rule_place place;
} ck_rule_definition;

/* An applicability condition: holds when any pattern matches the contract,
 * or (when amount_at_least > 0) when the contract amount the matcher reads
 * is at least that many NT dollars. The user can force it with
 * --assume NAME / --assume no-NAME. */
typedef struct ck_rule_condition {
    char *name;                    /* [a-z0-9-], never "always", never starting "no-" */
    ck_rule_text description;      /* what the condition means, for reports */
    ck_rule_pattern_list patterns; /* detectors; may be empty for amount-only conditions */
    long long amount_at_least;     /* NT$; 0 = not amount-based */
    ck_rule_place place;
} ck_rule_condition;

/* One term of an `applies_when`: a condition or its negation (no-NAME). */
typedef struct ck_rule_when_term {
    const ck_rule_condition *condition; /* points into the same pack */
    int negated;                        /* 1 for no-NAME */
} ck_rule_when_term;

/* `applies_when`: count == 0 means `always`; otherwise the rule (or element)
 * applies when ANY term holds. */
typedef struct ck_rule_when {
    ck_rule_when_term *terms;
    size_t count;
} ck_rule_when;

/* One part a clause needs. */
typedef struct ck_rule_element {
    ck_rule_text name;             /* named in reports: 「缺少：第三方稽核」 */
    ck_rule_pattern_list patterns; /* any one of them finds the element */
    int optional;                  /* 1: reported when absent but never makes the rule partial */
    int topic;                     /* 1: says what the clause is about (see ck_rule.topic) */
    ck_rule_party party;           /* the match must be the duty/right of this party */
    ck_rule_when applies_when;     /* element required only when this holds; else treated as optional */
    ck_rule_place place;
} ck_rule_element;

typedef struct ck_rule_pack ck_rule_pack;

typedef struct ck_rule {
    char *id;                  /* verbatim: "3.4.1.3", "CSMA-4.6" */
    ck_rule_text title;
    char *source;              /* document and article/item: "WRATB 委外作業程序 3.4.1.3" */
    ck_rule_severity severity;
    ck_rule_when applies_when; /* count 0 = always */
    ck_rule_scope scope;
    ck_rule_element *elements;
    size_t element_count;
    size_t topic;              /* index of the first element with topic: true (0 when none says so) */
    ck_rule_pattern_list contrary;        /* wording that says the opposite → conflict */
    ck_rule_pattern_list contrary_unless; /* a contrary match overlapped by one of these is not
                                             contrary (不得拒絕 affirms) */
    ck_rule_pattern_list exceptions;      /* a proviso that takes the duty back (但乙方認…者，不在此限):
                                             found in the unit holding the topic → conflict */
    ck_rule_pattern_list exceptions_unless; /* an exception match overlapped by one of these is a
                                               harmless proviso (但經甲方書面同意者，不在此限) */
    ck_rule_pattern_list not_evidence;    /* a block matching one of these is never evidence */
    ck_rule_pattern_list not_about;       /* an article whose heading matches one of these is about
                                             something else (爭議處理, 保證金): nothing in it counts */
    ck_rule_pattern_list satisfied_by;    /* wording that satisfies the rule on its own, elements
                                             or not (subcontracting forbidden outright) → present */
    ck_rule_text advice;       /* zh: a model clause to paste; en: a short explanation */
    ck_rule_text audit;        /* the 4-018 audit checklist question */
    const ck_rule_pack *pack;  /* the pack it belongs to */
    ck_rule_place place;
} ck_rule;

struct ck_rule_pack {
    char *path;              /* the file it was loaded from (as given) */
    char *id;                /* pack.id, e.g. "wratb-outsourcing" */
    char *version;           /* pack.version */
    ck_rule_text title;      /* pack.title */
    char *source;            /* pack.source: the document the rules come from */
    char *language;          /* pack.language, e.g. "zh-TW" */
    ck_rule_definition *definitions;
    size_t definition_count;
    ck_rule_condition *conditions;
    size_t condition_count;
    ck_rule *rules;          /* in file order */
    size_t rule_count;
};

/* ---- one pack ------------------------------------------------------------ */

/* Loads and compiles the pack at path. On success *out owns a new pack the
 * caller frees with ck_rule_pack_free(). On error returns a negative CK_E*
 * code, fills err with the first problem (file:line:column: message) and
 * leaves *out NULL: a broken pack is never returned half-loaded. */
int ck_rule_pack_load(const char *path, ck_rule_pack **out, ck_error *err);

/* Same, from YAML text in memory; name is used as the file in messages. */
int ck_rule_pack_load_string(const char *name, const char *text, size_t len, ck_rule_pack **out,
                             ck_error *err);

/* Frees the pack and everything in it. NULL is a no-op. */
void ck_rule_pack_free(ck_rule_pack *pack);

/* The rule with this id, or NULL. Owned by the pack. */
const ck_rule *ck_rule_pack_find(const ck_rule_pack *pack, const char *id);

/* The condition with this name, or NULL. Owned by the pack. */
const ck_rule_condition *ck_rule_pack_condition(const ck_rule_pack *pack, const char *name);

/* PCRE2's limits for one match, the same for `clausekit check` and for lint's
 * trial of every pattern on long text: generous for real patterns, small
 * enough that a catastrophic one fails in well under a second. */
#define CK_RULE_MATCH_LIMIT 2000000
#define CK_RULE_DEPTH_LIMIT 100000

/* ---- lint: every problem, not just the first ---------------------------- */

typedef struct ck_rule_lint_report {
    ck_error *items; /* each with file, line, column, message */
    size_t count;
} ck_rule_lint_report;

/* Checks the pack at path and appends every problem found to report (owned
 * by the caller, freed with ck_rule_lint_report_free), among them every
 * pattern PCRE2 gives up on when tried against long synthetic text under
 * CK_RULE_MATCH_LIMIT (naming its line and rule). Returns 0 when the
 * pack is clean, CK_EDATA when problems were found, CK_EIO when the file
 * cannot be read (also recorded in report). */
int ck_rule_pack_lint(const char *path, ck_rule_lint_report *report);
int ck_rule_pack_lint_string(const char *name, const char *text, size_t len,
                             ck_rule_lint_report *report);
void ck_rule_lint_report_free(ck_rule_lint_report *report);

/* ---- matching helper ----------------------------------------------------- */

/* JIT-compiles the pattern the first time it is called; later calls do
 * nothing, and a pattern PCRE2 cannot JIT-compile is matched as compiled.
 * Call it before matching: most patterns of a pack never run on a given
 * contract, and compiling each at load cost half of a check's start-up.
 * It changes the pattern (through a const pointer: the JIT code is a cache
 * of it), so a pack is matched by one thread at a time. */
void ck_rule_pattern_jit(const ck_rule_pattern *pattern);

/* Searches text[start..len) for the pattern. Returns 1 and sets *match_start /
 * *match_end (byte offsets, end exclusive) when found, 0 when not, negative
 * CK_E* when PCRE2 fails (match limit reached). match_data may be NULL (one is
 * made and freed per call); pass your own for speed. */
int ck_rule_pattern_find(const ck_rule_pattern *pattern, const char *text, size_t len, size_t start,
                         pcre2_match_data *match_data, size_t *match_start, size_t *match_end);

/* ---- a set of packs (--pack NAME|FILE, repeatable) ---------------------- */

/* The packs `clausekit check` uses when no --pack is given, NULL-terminated:
 * wratb-outsourcing, cybersecurity-act, personal-data. */
extern const char *const ck_rule_default_packs[];

/* Conditions by name across the packs of a set: a condition defined in two
 * packs holds when any definition holds. */
typedef struct ck_rule_set_condition {
    const char *name;                      /* owned by the first pack defining it */
    const ck_rule_condition **definitions; /* in pack order */
    size_t definition_count;
} ck_rule_set_condition;

typedef struct ck_rule_set {
    ck_rule_pack *language; /* rules/language.yaml: the clause analyser's vocabulary
                               (definitions only), loaded with the first pack; may be NULL */
    ck_rule_pack **packs;
    size_t pack_count;
    const ck_rule **rules; /* every rule of every pack, in pack then file order */
    size_t rule_count;
    ck_rule_set_condition *conditions;
    size_t condition_count;
} ck_rule_set;

/* A new empty set the caller frees with ck_rule_set_free(). */
ck_rule_set *ck_rule_set_new(void);

/* Loads a pack into the set. spec is a FILE when it contains '/' or ends in
 * .yaml/.yml, else a NAME looked up as <ck_data_path("rules")>/NAME.yaml.
 * Errors: as ck_rule_pack_load, plus a rule id already used by a pack in the
 * set (CK_EDATA) and an unknown NAME (CK_EINPUT, message lists the packs
 * available). On error the set is unchanged. */
int ck_rule_set_add(ck_rule_set *set, const char *spec, ck_error *err);

/* Adds ck_rule_default_packs. */
int ck_rule_set_add_defaults(ck_rule_set *set, ck_error *err);

/* Lookups; results owned by the set. NULL when absent. */
const ck_rule *ck_rule_set_find(const ck_rule_set *set, const char *id);
const ck_rule_set_condition *ck_rule_set_condition_find(const ck_rule_set *set, const char *name);

/* Frees the set and its packs. NULL is a no-op. */
void ck_rule_set_free(ck_rule_set *set);

/* A word list of the clause analyser (modal_duty, negation_before, ... in
 * docs/rules.md): the definition of that name in the first pack of the set
 * that has one, else in the vocabulary pack (rules/language.yaml). NULL when
 * none defines it. Owned by the set. */
const ck_rule_definition *ck_rule_set_word(const ck_rule_set *set, const char *name);

/* Loads a vocabulary pack (a pack with `pack` and `definitions` only) as the
 * set's language, replacing the one loaded automatically. Errors as
 * ck_rule_pack_load. */
int ck_rule_set_set_language(ck_rule_set *set, const char *path, ck_error *err);

/* ---- names ---------------------------------------------------------------- */

/* "required"/"recommended", "sentence"/.../"document", "any"/"agency"/"vendor". */
const char *ck_rule_severity_name(ck_rule_severity severity);
const char *ck_rule_scope_name(ck_rule_scope scope);
const char *ck_rule_party_name(ck_rule_party party);

/* The text in the current language (ck_tr), falling back to zh when en is
 * absent. Owned by the text. */
const char *ck_rule_text_get(const ck_rule_text *text);

#endif
