/* data.h — the data forms are filled from: rosters and records.
 *
 * A roster is a table a clerk keeps in Excel or LibreOffice: one header row
 * and one row per signer (CSV/TSV in UTF-8 or Big5/CP950, XLSX, ODS; the
 * first sheet). Every cell is a trimmed UTF-8 string (ASCII and full-width
 * U+3000 spaces trimmed) with a kind: text, or a date when the spreadsheet
 * stores a date. Rows with no value at all are skipped; every row keeps the
 * line (CSV) or row number (spreadsheet) it came from, for messages such as
 * `roster.csv:18: ...` or `roster.xlsx:工作表1:12: ...`.
 *
 * A record is a YAML or JSON document: a mapping (one form), or a list of
 * mappings (several), whose values may be nested lists and mappings, e.g.
 * 4-018's list of auditors. Records are a tree of ck_value; a roster row
 * converts to the same tree (ck_roster_row_value), so the template engine
 * takes either.
 *
 * Readers never crash or hang on hostile input: the zip and XML layers stop
 * bombs and DOCTYPEs, repeated ODS rows and columns are never materialised,
 * and rows, columns and cell sizes are capped (ck_data_options).
 */
#ifndef CK_DATA_DATA_H
#define CK_DATA_DATA_H

#include <stddef.h>

#include "data/dates.h"
#include "util/error.h"
#include "zip/container.h"

/* ---- the value tree (records, and roster rows converted) -------------------- */

typedef enum ck_value_kind {
    CK_VALUE_STRING = 0, /* a scalar: YAML/JSON scalars of every type, as their text */
    CK_VALUE_LIST,
    CK_VALUE_MAP         /* keys in document order; a repeated key is an error when read */
} ck_value_kind;

typedef struct ck_value ck_value;
struct ck_value {
    ck_value_kind kind;
    char *string;      /* STRING: trimmed UTF-8, never NULL ("" for YAML null/empty) */
    int is_date;       /* STRING from a spreadsheet date cell: date holds it, string is ISO */
    ck_date date;
    size_t count;      /* LIST: items; MAP: pairs */
    char **keys;       /* MAP: trimmed keys, count of them */
    ck_value **items;  /* LIST items, or MAP values in the order of keys */
    long line;         /* 1-based source line (records) or row (rosters); 0 unknown */
};

/* Frees a value tree without recursion. NULL is a no-op. */
void ck_value_free(ck_value *value);

/* The value under key in a MAP (exact match after the reader's trimming),
 * or NULL. Owned by map. */
const ck_value *ck_value_get(const ck_value *map, const char *key);

/* Constructors (the tree takes ownership of what is added). Used by the
 * readers and handy for tests and the template engine. */
ck_value *ck_value_new_string(const char *text, long line);
ck_value *ck_value_new_list(long line);
ck_value *ck_value_new_map(long line);
void ck_value_list_append(ck_value *list, ck_value *item);
void ck_value_map_put(ck_value *map, const char *key, ck_value *item);

/* ---- rosters ------------------------------------------------------------ */

typedef enum ck_cell_kind {
    CK_CELL_TEXT = 0,
    CK_CELL_DATE        /* a spreadsheet date cell: date is set, text is ISO 2026-11-23 */
} ck_cell_kind;

typedef struct ck_cell {
    char *text;         /* trimmed UTF-8, never NULL ("" when empty) */
    ck_cell_kind kind;
    ck_date date;       /* when kind == CK_CELL_DATE */
} ck_cell;

typedef struct ck_row {
    ck_cell *cells;     /* exactly roster->columns of them (missing cells are "") */
    long line;          /* CSV: line the row starts on; XLSX/ODS: sheet row number */
} ck_row;

typedef struct ck_roster {
    char *path;         /* the file as the user named it */
    char *sheet;        /* sheet name (XLSX, ODS), NULL for CSV/TSV */
    char **headers;     /* trimmed header cells, columns of them; "" for a blank header */
    size_t columns;     /* up to the last non-blank header */
    long header_line;   /* line/row of the header */
    ck_row *rows;       /* rows with at least one value */
    size_t row_count;
} ck_roster;

typedef struct ck_data_options {
    const char *encoding;        /* CSV/TSV: NULL or "" to detect (UTF-8, else CP950),
                                    or an iconv name such as "CP950", "BIG5", "UTF-8" */
    const ck_zip_limits *limits; /* XLSX/ODS: NULL for the zip layer's defaults */
    size_t max_rows;             /* 0: 100,000 data rows */
    size_t max_columns;          /* 0: 256 columns */
    size_t max_cell_bytes;       /* 0: 64 KiB per cell */
} ck_data_options;

/* Reads a roster, choosing the reader by extension (.csv .tsv .txt .xlsx
 * .ods, any case) and, for packages, by content. opts may be NULL. On
 * success *out is the roster (caller frees with ck_roster_free). On error
 * *out is NULL and err carries file, sheet (as the part) and line/row.
 *
 * The header is the first row with a value. A value under a blank header,
 * or beyond the last header, is an error naming its cell. */
int ck_roster_read(const char *path, const ck_data_options *opts, ck_roster **out, ck_error *err);

/* The readers ck_roster_read dispatches to; same contract. */
int ck_roster_read_csv(const char *path, const ck_data_options *opts, ck_roster **out, ck_error *err);
int ck_roster_read_xlsx(const char *path, const ck_data_options *opts, ck_roster **out, ck_error *err);
int ck_roster_read_ods(const char *path, const ck_data_options *opts, ck_roster **out, ck_error *err);

/* CSV/TSV from memory (tests, stdin). name is used in messages; delimiter
 * is ',' or '\t'. */
int ck_roster_read_csv_memory(const char *data, size_t len, const char *name, char delimiter,
                              const ck_data_options *opts, ck_roster **out, ck_error *err);

void ck_roster_free(ck_roster *roster);

/* Row i of roster as a MAP keyed by header (blank-header columns left out),
 * with line = the row's line; date cells keep is_date. Caller frees. */
ck_value *ck_roster_row_value(const ck_roster *roster, size_t i);

/* ---- records ------------------------------------------------------------ */

/* Reads a YAML or JSON file (libyaml reads both): one mapping or a list of
 * mappings. *out is always a LIST of MAPs (one item for a single record);
 * caller frees with ck_value_free. Anchors/aliases are refused; nesting,
 * size and node counts are bounded. opts may be NULL. */
int ck_record_read(const char *path, const ck_data_options *opts, ck_value **out, ck_error *err);
/* The same from memory; name is used in messages. */
int ck_record_read_memory(const char *data, size_t len, const char *name, const ck_data_options *opts,
                          ck_value **out, ck_error *err);

/* ---- matching headers (or record keys) to a form's fields ---------------- */

typedef struct ck_field_def {
    const char *name;              /* the field's name, e.g. 身分證字號 */
    const char *const *aliases;    /* NULL-terminated list, or NULL */
} ck_field_def;

enum { CK_HEADER_IGNORED = -2 };

/* Maps each of names[0..count) to a field: field_of[i] is the index into
 * fields, -1 for a blank name, or CK_HEADER_IGNORED for a bookkeeping
 * column (序號, 編號, 備註, 部門, … and the names in ignore, a NULL-terminated
 * list that may be NULL) that is no field's name or alias. Names and
 * aliases are compared trimmed, NFKC, case-folded, without a trailing
 * parenthesised note (姓名（必填） is 姓名). Unknown names are one error that
 * lists them all, each with the closest field when one is close
 * (`欄位「身份証字號」不是此表單的欄位；是否要用「身分證字號」？`); two names
 * for the same field is an error naming both. err gets no place: the
 * caller sets file and line. */
int ck_header_match(const char *const *names, size_t count, const ck_field_def *fields,
                    size_t field_count, const char *const *ignore, int *field_of, ck_error *err);

/* The field name (owned by fields) closest to name by edit distance over
 * Unicode code points, against names and aliases, or NULL when nothing is
 * close enough to be a plausible typo. */
const char *ck_header_suggest(const char *name, const ck_field_def *fields, size_t field_count);

/* Trims ASCII whitespace and U+3000 at both ends of s (in place, memmove);
 * returns s. */
char *ck_data_trim(char *s);

#endif
