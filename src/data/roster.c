/* roster.c — building rosters row by row, and choosing a reader. */
#include "data/internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/fs.h"
#include "util/lang.h"

#define DEFAULT_MAX_ROWS 100000
#define DEFAULT_MAX_COLUMNS 256
#define DEFAULT_MAX_CELL_BYTES (64 * 1024)

const char *ck_roster_column_name(size_t col, char *buf, size_t size)
{
    char tmp[16];
    size_t n = 0;
    col++;
    while (col > 0 && n < sizeof tmp) {
        tmp[n++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    for (size_t i = 0; i < n && i + 1 < size; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n < size ? n : size - 1] = '\0';
    return buf;
}

void ck_roster_builder_init(ck_roster_builder *b, const char *path, const char *sheet,
                            const ck_data_options *opts, ck_error *err)
{
    memset(b, 0, sizeof *b);
    b->err = err;
    b->max_rows = opts && opts->max_rows ? opts->max_rows : DEFAULT_MAX_ROWS;
    b->max_columns = opts && opts->max_columns ? opts->max_columns : DEFAULT_MAX_COLUMNS;
    b->max_cell_bytes = opts && opts->max_cell_bytes ? opts->max_cell_bytes : DEFAULT_MAX_CELL_BYTES;
    b->roster = ck_calloc(1, sizeof *b->roster);
    b->roster->path = ck_strdup(path ? path : "");
    b->roster->sheet = sheet ? ck_strdup(sheet) : NULL;
    b->cells = ck_calloc(b->max_columns, sizeof *b->cells);
}

void ck_roster_builder_set_sheet(ck_roster_builder *b, const char *sheet)
{
    free(b->roster->sheet);
    b->roster->sheet = sheet ? ck_strdup(sheet) : NULL;
}

int ck_roster_builder_fail(ck_roster_builder *b, int code, long line, const char *zh, const char *en, ...)
{
    va_list ap;
    int rc;
    va_start(ap, en);
    rc = ck_error_vset(b->err, code, ck_tr(zh, en), ap);
    va_end(ap);
    ck_error_set_file(b->err, b->roster->path);
    if (b->roster->sheet)
        ck_error_set_part(b->err, b->roster->sheet);
    ck_error_set_line(b->err, line, 0);
    return rc;
}

static void clear_row(ck_roster_builder *b)
{
    for (size_t i = 0; i < b->used; i++) {
        free(b->cells[i].text);
        memset(&b->cells[i], 0, sizeof b->cells[i]);
    }
    b->used = 0;
}

void ck_roster_builder_row(ck_roster_builder *b, long line)
{
    clear_row(b);
    b->line = line;
}

/* A value in a column whose header is blank, or right of the last header. */
static int no_header(ck_roster_builder *b, size_t col)
{
    char name[16];
    return ck_roster_builder_fail(b, CK_EDATA, b->line, "第 %s 欄有值但沒有標題；請在第 %ld 列加上標題，或刪除這個值",
                "column %s has a value but no header; add a header in row %ld or delete the value",
                ck_roster_column_name(col, name, sizeof name), b->roster->header_line);
}

int ck_roster_builder_cell(ck_roster_builder *b, size_t col, const char *text, size_t len, ck_cell_kind kind,
                           const ck_date *date)
{
    char *copy, name[16];
    if (len > b->max_cell_bytes)
        return ck_roster_builder_fail(b, CK_EDATA, b->line, "儲存格 %s 超過 %zu 位元組；這不像名冊，請檢查檔案",
                    "cell %s holds more than %zu bytes; this does not look like a roster, check the file",
                    ck_roster_column_name(col, name, sizeof name), b->max_cell_bytes);
    copy = ck_data_trim(ck_strndup(text, len));
    if (!copy[0]) {
        free(copy);
        return 0;
    }
    if (b->have_header && (col >= b->roster->columns || !b->roster->headers[col][0])) {
        free(copy);
        return no_header(b, col);
    }
    if (col >= b->max_columns) {
        free(copy);
        return ck_roster_builder_fail(b, CK_EDATA, b->line, "第 %s 欄有值，超過 %zu 欄的上限；請刪除名冊右側多餘的資料",
                    "column %s has a value beyond the limit of %zu columns; delete the stray data to the "
                    "right of the roster",
                    ck_roster_column_name(col, name, sizeof name), b->max_columns);
    }
    free(b->cells[col].text);
    b->cells[col].text = copy;
    b->cells[col].kind = kind;
    if (kind == CK_CELL_DATE && date)
        b->cells[col].date = *date;
    if (col + 1 > b->used)
        b->used = col + 1;
    return 0;
}

/* Takes the current row as the header. */
static int take_header(ck_roster_builder *b)
{
    ck_roster *r = b->roster;
    r->columns = b->used;
    r->headers = ck_calloc(r->columns ? r->columns : 1, sizeof *r->headers);
    for (size_t i = 0; i < r->columns; i++)
        r->headers[i] = b->cells[i].text ? ck_strdup(b->cells[i].text) : ck_strdup("");
    r->header_line = b->line;
    b->have_header = 1;
    return 0;
}

int ck_roster_builder_end_row(ck_roster_builder *b, size_t repeat)
{
    ck_roster *r = b->roster;
    if (b->used == 0 || repeat == 0)
        return 0;
    if (!b->have_header)
        return take_header(b);
    for (size_t i = 0; i < b->used; i++) {
        if (b->cells[i].text && (i >= r->columns || !r->headers[i][0]))
            return no_header(b, i);
    }
    if (repeat > b->max_rows || r->row_count + repeat > b->max_rows)
        return ck_roster_builder_fail(b, CK_EDATA, b->line, "名冊超過 %zu 列的上限；請分成較小的檔案",
                    "the roster has more than %zu rows; split it into smaller files", b->max_rows);
    if ((r->row_count + repeat) > 0) {
        size_t cap = 4;
        while (cap < r->row_count + repeat)
            cap *= 2;
        r->rows = ck_realloc(r->rows, cap * sizeof *r->rows);
    }
    for (size_t k = 0; k < repeat; k++) {
        ck_row *row = &r->rows[r->row_count++];
        row->line = b->line + (long)k;
        row->cells = ck_calloc(r->columns, sizeof *row->cells);
        for (size_t i = 0; i < r->columns; i++) {
            row->cells[i].text = ck_strdup(b->cells[i].text ? b->cells[i].text : "");
            row->cells[i].kind = b->cells[i].text ? b->cells[i].kind : CK_CELL_TEXT;
            row->cells[i].date = b->cells[i].date;
        }
    }
    return 0;
}

int ck_roster_builder_finish(ck_roster_builder *b, ck_roster **out)
{
    *out = NULL;
    if (!b->have_header)
        return ck_roster_builder_fail(b, CK_EDATA, 0, "名冊是空的：找不到標題列", "the roster is empty: there is no header row");
    *out = b->roster;
    b->roster = NULL;
    return 0;
}

void ck_roster_builder_free(ck_roster_builder *b)
{
    if (!b)
        return;
    if (b->cells) {
        clear_row(b);
        free(b->cells);
        b->cells = NULL;
    }
    ck_roster_free(b->roster);
    b->roster = NULL;
}

void ck_roster_free(ck_roster *roster)
{
    if (!roster)
        return;
    for (size_t i = 0; i < roster->row_count; i++) {
        for (size_t c = 0; c < roster->columns; c++)
            free(roster->rows[i].cells[c].text);
        free(roster->rows[i].cells);
    }
    for (size_t c = 0; c < roster->columns; c++)
        free(roster->headers[c]);
    free(roster->headers);
    free(roster->rows);
    free(roster->path);
    free(roster->sheet);
    free(roster);
}

int ck_roster_builder_end(ck_roster_builder *b, int rc, const char *path, ck_roster **out, ck_error *err)
{
    if (rc == 0)
        rc = ck_roster_builder_finish(b, out);
    if (rc)
        ck_error_set_file(err, path);
    ck_roster_builder_free(b);
    return rc;
}

int ck_data_parse_part(ck_zip *zip, const char *part, startElementNsSAX2Func start, endElementNsSAX2Func end,
                       charactersSAXFunc characters, void *state, ck_error *err)
{
    xmlSAXHandler h;

    memset(&h, 0, sizeof h);
    h.startElementNs = start;
    h.endElementNs = end;
    h.characters = characters;
    return ck_xml_parse_part(zip, part, &h, state, err);
}

/* ---- choosing a reader ----------------------------------------------------- */

/* Sniffs a zip package: XLSX has xl/workbook.xml, ODS has content.xml. */
static int package_kind(const char *path, const ck_data_options *opts, ck_error *err)
{
    ck_zip *zip = NULL;
    int kind = 0;
    if (ck_zip_open(&zip, path, opts ? opts->limits : NULL, err) != 0)
        return -1;
    if (ck_zip_find_nocase(zip, "xl/workbook.xml") >= 0)
        kind = 'x';
    else if (ck_zip_find(zip, "content.xml") >= 0)
        kind = 'o';
    ck_zip_close(zip);
    return kind;
}

int ck_roster_read(const char *path, const ck_data_options *opts, ck_roster **out, ck_error *err)
{
    int kind;
    *out = NULL;
    if (ck_fs_has_extension(path, ".csv") || ck_fs_has_extension(path, ".tsv") || ck_fs_has_extension(path, ".txt"))
        return ck_roster_read_csv(path, opts, out, err);
    if (ck_fs_has_extension(path, ".xlsx") || ck_fs_has_extension(path, ".xlsm") || ck_fs_has_extension(path, ".ods")) {
        kind = package_kind(path, opts, err);
        if (kind < 0)
            return err->code ? err->code : CK_EINPUT;
        if (kind == 'x')
            return ck_roster_read_xlsx(path, opts, out, err);
        if (kind == 'o')
            return ck_roster_read_ods(path, opts, out, err);
        ck_error_set_file(err, path);
        return ck_error_set(err, CK_EINPUT,
                            "%s", ck_tr("不是 Excel（.xlsx）或 LibreOffice（.ods）試算表；請另存為 .xlsx、.ods 或 CSV",
                                        "not an Excel (.xlsx) or LibreOffice (.ods) spreadsheet; save it as "
                                        ".xlsx, .ods or CSV"));
    }
    ck_error_set_file(err, path);
    if (ck_fs_has_extension(path, ".xls"))
        return ck_error_set(err, CK_EINPUT, "%s",
                            ck_tr("舊版 Excel 97-2003（.xls）名冊無法讀取；請在 Excel 另存為 .xlsx 或 CSV UTF-8",
                                  "old Excel 97-2003 (.xls) rosters cannot be read; save it from Excel as .xlsx "
                                  "or CSV UTF-8"));
    return ck_error_set(err, CK_EUSAGE, "%s",
                        ck_tr("不認得的名冊格式；請用 .csv、.tsv、.xlsx 或 .ods",
                              "unknown roster format; use .csv, .tsv, .xlsx or .ods"));
}
