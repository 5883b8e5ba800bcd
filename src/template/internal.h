/* internal.h — what the template engine's files share; not used outside src/template.
 *
 * loader.c reads the front matter and turns every placeholder into a token
 * and a marker; lift.c parses the body with cmark-gfm and lifts section
 * tags onto the elements they surround; render.c fills a copy of the tree
 * from a record; template.c is the public face (template.h).
 */
#ifndef CK_TEMPLATE_INTERNAL_H
#define CK_TEMPLATE_INTERNAL_H

#include <cmark-gfm.h>
#include <stddef.h>

#include "template/template.h"
#include "util/buf.h"
#include "util/error.h"

/* The table extension's node types; its installed header does not
 * declare them. */
extern cmark_node_type CMARK_NODE_TABLE, CMARK_NODE_TABLE_ROW, CMARK_NODE_TABLE_CELL;

#define MAX_TEMPLATE_BYTES (1024 * 1024)
#define MAX_TREE_DEPTH 64
#define MAX_SECTION_DEPTH 16

/* The marker that stands for token n in the parsed text. */
#define MARK_OPEN "\xEE\x80\x80"  /* U+E000 */
#define MARK_CLOSE "\xEE\x80\x81" /* U+E001 */
#define MARK_LEN 3

typedef enum token_kind {
    TOK_VAR,
    TOK_EACH,
    TOK_IF,
    TOK_ELSE,
    TOK_END_EACH,
    TOK_END_IF
} token_kind;

typedef struct filter_call {
    char *name;
    char *arg; /* NULL without an argument */
} filter_call;

typedef struct token {
    token_kind kind;
    char *name;      /* field, item key, "this" or "@index"; NULL for else/end */
    filter_call *filters;
    size_t filter_count;
    long line, column;
} token;

/* Section tags lifted out of a node: they stand before (lead) and after
 * (trail) it among its siblings. empty: nothing but tags was in it. */
typedef struct lift {
    int *lead;
    size_t lead_count;
    int *trail;
    size_t trail_count;
    int empty;
    int has_content;
} lift;

struct ck_template {
    char *path;
    char *form;
    char *title;
    char **ignore_columns; /* NULL-terminated, or NULL */
    size_t ignore_count;
    ck_template_field *fields;
    size_t field_count;
    token *tokens;
    size_t token_count;
    cmark_node *doc;
    lift **lifts;
    size_t lift_count;
    long body_line; /* file line of the body's first line */
};

/* ---- loader.c: front matter and placeholders ----------------------------- */

/* Reads the YAML front matter (text, len bytes, starting at file line
 * first_line) into t's form, title and fields. */
int ck_template_parse_front_matter(ck_template *t, const char *text, size_t len, long first_line, ck_error *err);
/* Parses every placeholder of body into t->tokens and appends body to out
 * with each placeholder replaced by its marker. */
int ck_template_encode_body(ck_template *t, const char *body, size_t len, ck_buf *out, ck_error *err);
/* Checks the tokens against the declared fields and filters. */
int ck_template_check_tokens(ck_template *t, ck_error *err);
/* Sets err (CK_EDATA) at the template's file, line and column; returns CK_EDATA. */
int ck_template_token_fail(ck_template *t, ck_error *err, long line, long column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
/* Frees what tok owns. */
void ck_template_token_clear(token *tok);
/* The kind of tag ("{{#each}}", "{{/if}}"), for messages; a string constant. */
const char *ck_template_token_label(const token *tok);

/* ---- lift.c: the parsed tree, as units, and section tags lifted ---------- */

enum { UNIT_TEXT, UNIT_TOKEN, UNIT_NODE };
enum { FROM_TEXT, FROM_LEAD, FROM_TRAIL, FROM_SELF };

typedef struct unit {
    int type;
    const char *text; /* UNIT_TEXT: a piece of a text node's literal */
    size_t len;
    int token;        /* UNIT_TOKEN */
    cmark_node *node; /* UNIT_NODE, or the node a text or tag came from */
    int from;         /* FROM_*: where a tag came from */
    int content;      /* prints something */
} unit;

typedef struct unit_list {
    unit *v;
    size_t n, cap;
} unit_list;

/* Finds the next marker in s[0..len) at or after pos: sets *start, *end
 * (past the marker) and *index. Returns 0 when there is none. */
int ck_template_next_marker(const char *s, size_t len, size_t pos, size_t *start, size_t *end, int *index);
/* True for a soft or hard line break. */
int ck_template_node_is_break(cmark_node *node);
/* True for a node that has no children to walk. */
int ck_template_node_is_leaf(cmark_node *node);
/* The children of parent (with the tags lifted onto them) as units, into u
 * (emptied first; u->v is the caller's to free). */
void ck_template_build_units(const ck_template *t, cmark_node *parent, unit_list *u);
/* Pairs the section tags of u: for an opening tag at i, close[i] is its
 * closing tag and mid[i] its {{else}} (-1 when none). Tags left unmatched
 * get unmatched[i] = 1 (unmatched may be NULL when the caller knows the
 * structure is sound). Returns 0, or the index + 1 of a tag that closes the
 * wrong kind of section, negated. */
int ck_template_pair_sections(const ck_template *t, const unit_list *u, int *close, int *mid, char *unmatched);
/* Checks t->doc and lifts section tags onto the elements they surround. */
int ck_template_compile(ck_template *t, ck_error *err);

#endif
