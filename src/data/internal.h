/* internal.h — private to src/data: what the readers share.
 *
 * The roster builder: each reader (CSV, XLSX, ODS) feeds rows and cells as
 * it streams its file; the builder trims, skips rows with no value, takes
 * the first row with a value as the header, enforces the limits and reports
 * errors with their place. */
#ifndef CK_DATA_INTERNAL_H
#define CK_DATA_INTERNAL_H

#include "data/data.h"
#include "util/buf.h"
#include "xml/xml.h"

typedef struct ck_roster_builder {
    ck_roster *roster;   /* being built; handed over by ck_roster_builder_finish */
    ck_error *err;
    size_t max_rows, max_columns, max_cell_bytes;
    ck_cell *cells;      /* the current row, max_columns slots */
    size_t used;         /* one past the last non-empty cell of the current row */
    long line;           /* line/row the current row came from */
    int have_header;
} ck_roster_builder;

/* Starts a roster for path (sheet NULL for CSV). opts may be NULL. */
void ck_roster_builder_init(ck_roster_builder *b, const char *path, const char *sheet,
                            const ck_data_options *opts, ck_error *err);
/* Names the sheet once the reader knows it (XLSX, ODS). */
void ck_roster_builder_set_sheet(ck_roster_builder *b, const char *sheet);
/* Starts a row that came from line (CSV) or sheet row (XLSX, ODS). */
void ck_roster_builder_row(ck_roster_builder *b, long line);
/* Sets column col (0-based) of the current row; text (len bytes, copied) is
 * trimmed; date is used when kind is CK_CELL_DATE. An empty cell is a no-op. */
int ck_roster_builder_cell(ck_roster_builder *b, size_t col, const char *text, size_t len,
                           ck_cell_kind kind, const ck_date *date);
/* Ends the current row, keeping it `repeat` times (ODS repeats identical
 * rows) when it has a value. */
int ck_roster_builder_end_row(ck_roster_builder *b, size_t repeat);
/* Hands the roster over (*out, caller frees) or reports an empty file. */
int ck_roster_builder_finish(ck_roster_builder *b, ck_roster **out);
/* Frees what is left. Safe after finish. */
void ck_roster_builder_free(ck_roster_builder *b);
/* The end of a spreadsheet reader: when rc is 0, hands the roster over
 * (see ck_roster_builder_finish); on any error names path in err. Frees
 * b either way and returns the final code. */
int ck_roster_builder_end(ck_roster_builder *b, int rc, const char *path, ck_roster **out, ck_error *err);

/* Sets err to the message (zh or en by language, printf format) with the
 * roster's file, sheet and line; returns code. */
int ck_roster_builder_fail(ck_roster_builder *b, int code, long line, const char *zh, const char *en, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Streams part of zip through the three SAX callbacks, state reaching
 * them as CK_XML_STATE(ctx); see ck_xml_parse_part. */
int ck_data_parse_part(ck_zip *zip, const char *part, startElementNsSAX2Func start, endElementNsSAX2Func end,
                       charactersSAXFunc characters, void *state, ck_error *err);

/* Spreadsheet column name of a 0-based index (0 -> A, 27 -> AB). */
const char *ck_roster_column_name(size_t col, char *buf, size_t size);

#endif
