/* template.h — Markdown form templates with placeholders.
 *
 * A template is a Markdown file (CommonMark + GFM tables) that begins with
 * a YAML front matter block declaring the form and its fields:
 *
 *   ---
 *   form: 4-016
 *   title: 委外廠商執行人員保密切結書
 *   fields:
 *     - { name: 姓名, label: 立書人姓名, required: true, kind: text, aliases: [執行人員, 立書人] }
 *   ---
 *
 * The body is parsed with cmark-gfm ONCE, before any value is known; the
 * placeholders ({{欄位}}, {{欄位 | filter}}, {{#each}}, {{#if}}, {{else}},
 * {{/each}}, {{/if}}) are then resolved on the syntax tree. A value is only
 * ever put into a text node, so a value that looks like Markdown or HTML
 * (`*x* <b> | [a](b)`) is printed as it is and never changes the document's
 * structure — a `|` in a value cannot add a table cell.
 *
 * Sections: a section tag that begins an element (a paragraph, a list item,
 * a table row — through its first cell) and whose closing tag is not inside
 * that element applies to the whole element; this is how rows and list
 * items repeat. docs/templates.md explains it with examples.
 */
#ifndef CK_TEMPLATE_H
#define CK_TEMPLATE_H

#include <stddef.h>

#include <cmark-gfm.h>

#include "data/data.h"
#include "util/error.h"

/* ---- fields --------------------------------------------------------------- */

typedef enum ck_field_kind {
    CK_FIELD_TEXT = 0,
    CK_FIELD_DATE,      /* ISO or ROC date; printed with roc_date */
    CK_FIELD_ID,        /* national ID or resident certificate number */
    CK_FIELD_UBN,       /* unified business number (統一編號) */
    CK_FIELD_NAMES,     /* one or more names separated by 、 , ， ； */
    CK_FIELD_AMOUNT,    /* whole New Taiwan dollars, digits (commas allowed) */
    CK_FIELD_CHECKLIST  /* audit items filled by clausekit from the rule packs */
} ck_field_kind;

typedef struct ck_template_field {
    char *name;
    char *label;        /* the name when the template gives none */
    int required;
    ck_field_kind kind;
    char **aliases;
    size_t alias_count;
} ck_template_field;

/* The kind's word in front matter ("text", "date", ...). */
const char *ck_field_kind_name(ck_field_kind kind);

/* ---- values ----------------------------------------------------------------
 * Records are data.h's ck_value trees: a MAP from field names to STRING
 * values, LISTs of strings for names fields, LISTs of MAPs for checklist
 * fields (項次, 編號, 項目, 依據, 符合, 不符合, 不適用, 說明). */

/* ---- templates ------------------------------------------------------------- */

typedef struct ck_template ck_template;

/* Reads and compiles a template file. Every placeholder is checked here:
 * unknown fields, unknown filters, filters that do not fit the field's kind,
 * unbalanced sections — each error names the template file and line.
 * Caller owns *out (ck_template_free). */
int ck_template_load(const char *path, ck_template **out, ck_error *err);

/* The same from memory; name is used in messages. */
int ck_template_load_string(const char *name, const char *text, size_t len, ck_template **out,
                            ck_error *err);

void ck_template_free(ck_template *t);

/* The form number ("4-016") and title from front matter (owned by t). */
const char *ck_template_form(const ck_template *t);
const char *ck_template_title(const ck_template *t);
/* The roster columns the template's front matter says to ignore
 * (ignore_columns:), NULL-terminated, or NULL; owned by t. */
const char *const *ck_template_ignore_columns(const ck_template *t);
/* The file name the template was loaded from (owned by t). */
const char *ck_template_path(const ck_template *t);

size_t ck_template_field_count(const ck_template *t);
const ck_template_field *ck_template_field_at(const ck_template *t, size_t i);
/* The field with this exact name, or NULL. */
const ck_template_field *ck_template_find_field(const ck_template *t, const char *name);

/* Fills the template with record (a map: field name -> string, or list of
 * strings for names fields, or list of maps for checklist fields) and
 * returns a new cmark-gfm document the caller frees with cmark_node_free().
 * Fields absent from record print as empty text. The template is not
 * changed, so one template serves any number of records (not concurrently
 * from several threads: cmark nodes carry no locks). */
int ck_template_render(const ck_template *t, const ck_value *record, cmark_node **out,
                       ck_error *err);

/* ---- filters --------------------------------------------------------------- */

/* The chinese_amount filter: an amount of New Taiwan dollars in financial
 * numerals, "1200000" -> "新臺幣壹佰貳拾萬元整" (model/numerals.h writes it).
 * Digits only, commas allowed between groups of three, up to 12 significant
 * digits. Returns 0 with *out (caller frees), or CK_EDATA with err set. */
int ck_template_chinese_amount(const char *digits, char **out, ck_error *err);

/* Splits a names value (甲、乙,丙，丁；戊) into a new LIST of trimmed,
 * non-empty names, each with the given line. Caller frees. */
ck_value *ck_template_split_names(const char *s, long line);

/* Applies one filter by name to value; arg may be NULL. Caller owns *out. */
int ck_template_apply_filter(const char *filter, const char *arg, const char *value, char **out,
                             ck_error *err);

#endif
