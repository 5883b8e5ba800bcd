/* forms.h — filling the vendor-staff forms (4-016, 4-017, 4-018) from data.
 *
 *   template (templates/4-01x.md) + data (roster or record) -> records
 *   -> validation (every problem listed before anything is written)
 *   -> output names planned and checked -> template engine -> writers
 *
 * A run is all or nothing: when any form cannot be written — bad data
 * (without --skip-invalid), a name that would overwrite a file, a write
 * that fails, SIGINT or SIGTERM — the files this run already wrote are
 * removed again, together with any temporary file, so a folder never holds
 * half a roster's forms.
 */
#ifndef CK_FORMS_H
#define CK_FORMS_H

#include <stddef.h>

#include "data/data.h"
#include "template/template.h"
#include "util/buf.h"
#include "util/error.h"
#include "writer/writer.h"

/* ---- file names ---------------------------------------------------------- */

/* Longest file name stem written, in bytes (cut on a UTF-8 boundary). */
#define CK_FORMS_NAME_MAX 200

/* Makes name safe as a file name stem on Windows and Linux, appending it to
 * out: / \ : * ? " < > | become _, control characters and invalid UTF-8
 * are dropped, runs of dots become one dot, leading and trailing dots and
 * spaces go, Windows device names (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with
 * any extension) get a leading _, and the result is cut to
 * CK_FORMS_NAME_MAX bytes. An empty result becomes fallback. */
void ck_forms_safe_name(const char *name, const char *fallback, ck_buf *out);

/* Numbers repeated names: names[i] (stems, already safe) get "-2", "-3"...
 * when an earlier name is the same ignoring ASCII case (as Windows
 * compares). Returns a new array of count malloc'd strings the caller frees
 * with ck_forms_names_free. */
char **ck_forms_unique_names(const char *const *names, size_t count);
void ck_forms_names_free(char **names, size_t count);

/* Expands a --name pattern for the record at index (0-based) into raw,
 * not yet safe, text appended to out: {{field}} with filters as in
 * templates, {{表單編號}}, {{表單名稱}}, {{@index}}. Identity numbers are
 * masked: a file name is shown in listings and logs. An unknown field is
 * CK_EUSAGE, err naming the closest one. */
int ck_forms_expand_name(const ck_template *t, const char *pattern, const ck_value *record, size_t index,
                         ck_buf *out, ck_error *err);
/* The pattern without --name: {{表單編號}}-{{姓名}}, or the company, or
 * the index, by the fields the template has. */
const char *ck_forms_default_pattern(const ck_template *t);

/* ---- records --------------------------------------------------------------- */

typedef struct ck_forms_record {
    ck_value *value;   /* MAP field name -> value (names fields as LISTs) */
    long line;         /* row or line in the data file, for messages */
    int valid;
} ck_forms_record;

typedef struct ck_forms_data {
    char *path;
    char *part;        /* sheet name of a spreadsheet, or NULL */
    char *note;        /* a line for stderr about columns left out, or NULL */
    ck_forms_record *records;
    size_t count;
} ck_forms_data;

/* Reads path (YAML/JSON record(s) by extension .yaml .yml .json, else a
 * CSV/TSV/XLSX/ODS roster) and maps its columns or keys to t's fields by
 * name or alias. An unknown column is an error naming it and the closest
 * field. encoding applies to CSV (NULL: detect). Caller owns *out. */
int ck_forms_data_read(const ck_template *t, const char *path, const char *encoding, ck_forms_data **out,
                       ck_error *err);
void ck_forms_data_free(ck_forms_data *d);

/* One problem with a record, found before anything is written. */
typedef struct ck_forms_problem {
    long line;         /* row or line in the data file, 0 when none */
    char *message;     /* what is wrong and what to do; identity numbers masked */
} ck_forms_problem;

typedef struct ck_forms_problems {
    ck_forms_problem *items;
    size_t count, capacity;
} ck_forms_problems;

void ck_forms_problems_free(ck_forms_problems *p);

/* Checks every record against the fields' kinds and required flags, sets
 * each record's valid flag and appends one problem per field that is wrong
 * (identity numbers masked) to problems. Returns the number of invalid
 * records. */
size_t ck_forms_data_validate(const ck_template *t, ck_forms_data *d, ck_forms_problems *problems);

/* The line a user sees for a problem of d: "clausekit: FILE[:SHEET]:ROW:
 * MESSAGE\n", appended to out. */
void ck_forms_problem_format(const ck_forms_data *d, const ck_forms_problem *p, ck_buf *out);

/* ---- 4-018 checklist ----------------------------------------------------- */

/* Builds the checklist (a LIST of MAPs with 項次, 編號, 項目, 依據, 符合,
 * 不符合, 不適用, 說明) from the audit questions of the rule packs named in
 * packs (NULL or none: the default packs). check_json, when not NULL, is
 * the output of `clausekit check --format json`: each item whose rule was
 * checked gets its mark (■ under 符合 / 不符合 / 不適用) and a 說明 with the
 * status and where the evidence is. Caller owns *out. */
int ck_forms_checklist(const char *const *packs, size_t pack_count, const char *check_json, ck_value **out,
                       ck_error *err);

/* ---- running -------------------------------------------------------------- */

typedef struct ck_forms_options {
    const char *form;          /* 4-016, 4-017, 4-018, or a template's path */
    const char *data;          /* --data */
    const char *encoding;      /* --encoding, for CSV */
    ck_writer_format format;
    const char *output;        /* -o DIR (roster) or FILE (one record, --merge) */
    const char *name_pattern;  /* --name, NULL for the default */
    const char *zip;           /* --zip FILE, or NULL */
    const char *from_check;    /* --from-check RESULT.json, or NULL */
    const char *const *packs;  /* --rules, for 4-018 */
    size_t pack_count;
    int merge, force, skip_invalid;
    int jobs;                  /* worker processes for a large roster (0 or 1: none) */
    /* Called in this process after each form is written (may be NULL). */
    void (*on_progress)(void *ctx, size_t done, size_t total);
    void *progress_ctx;
    /* Called from the SIGINT / SIGTERM handler once the run's files are
     * removed, before the signal ends the process: async-signal-safe only
     * (may be NULL). */
    void (*on_interrupt)(void);
} ck_forms_options;

/* Resolves FORM: a path (contains '/' or ends in .md) as it is, else
 * <ck_data_path("templates")>/FORM.md. Caller frees the result. */
char *ck_forms_template_path(const char *form);
/* Loads FORM's template (see ck_forms_template_path); for a form that is
 * not installed err lists the installed ones. Caller owns *out. */
int ck_forms_template_load(const char *form, ck_template **out, ck_error *err);

/* How a run ended. */
typedef enum ck_forms_outcome {
    CK_FORMS_WRITTEN,          /* every valid record's form is in place */
    CK_FORMS_INVALID,          /* records are invalid and --skip-invalid was not given */
    CK_FORMS_NONE_VALID,       /* --skip-invalid, but no record is valid */
    CK_FORMS_FAILED            /* error says why */
} ck_forms_outcome;

/* What a run did, for the command line to tell. Nothing here is printed by
 * the run itself. Identity numbers are masked in every message. */
typedef struct ck_forms_result {
    ck_forms_outcome outcome;
    ck_error error;            /* CK_FORMS_FAILED: what stopped the run */
    ck_forms_data *data;       /* the data read (NULL when it could not be) */
    ck_forms_problems problems;/* every invalid record's problems, in order */
    size_t invalid, valid;     /* records */
    char **outputs;            /* what was written: the files, or the zip */
    size_t output_count;
} ck_forms_result;

/* Runs `clausekit forms`: all or nothing (see the top of this file).
 * Returns 0 when the forms were written (result->outcome
 * CK_FORMS_WRITTEN), else a negative ck_error code; result is filled either
 * way and freed with ck_forms_result_free. */
int ck_forms_run(const ck_forms_options *opt, ck_forms_result *result);
void ck_forms_result_free(ck_forms_result *result);

/* An installed form: the templates folder's .md files. */
typedef struct ck_forms_installed {
    char *path;
    char *form, *title;        /* NULL when the template could not be loaded */
    ck_error error;            /* why, then */
} ck_forms_installed;

/* The installed forms, sorted by file name; *count is 0 when the folder
 * holds none. Caller frees with ck_forms_installed_free. */
ck_forms_installed *ck_forms_list(size_t *count);
void ck_forms_installed_free(ck_forms_installed *list, size_t count);

#endif
