/* csv.c — CSV and TSV rosters as Excel and LibreOffice save them.
 *
 * Excel on Traditional Chinese Windows saves "CSV" in Big5 (code page 950)
 * and "CSV UTF-8" with a byte order mark; "Unicode text" is UTF-16 with tabs.
 * The file is decoded to UTF-8 first (BOM, then valid UTF-8, else CP950,
 * unless the caller names the encoding), then parsed by libcsv.
 *
 * libcsv does not count lines, and a quoted field may span several, so the
 * text is fed to it one physical line at a time: the line a row starts on
 * is the line being fed when its first byte goes in.
 */
#include "data/internal.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "util/buf.h"
#include "util/fs.h"
#include "util/lang.h"

#define MAX_CSV_BYTES (64u * 1024 * 1024)

/* ---- decoding ------------------------------------------------------------- */

/* Offset of the first byte that is not valid UTF-8, or len. */
static size_t utf8_valid_prefix(const char *data, size_t len)
{
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n;
        if ((unsigned char)data[i] < 0x80) {
            i++;
            continue;
        }
        n = utf8proc_iterate((const utf8proc_uint8_t *)data + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0)
            return i;
        i += (size_t)n;
    }
    return len;
}

static long line_of_offset(const char *data, size_t offset)
{
    long line = 1;
    for (size_t i = 0; i < offset; i++)
        if (data[i] == '\n')
            line++;
    return line;
}

/* Converts data from encoding to UTF-8 into out. On an invalid sequence
 * returns CK_EDATA with *bad_offset at it. */
static int convert(const char *data, size_t len, const char *encoding, ck_buf *out, size_t *bad_offset)
{
    iconv_t cd = iconv_open("UTF-8", encoding);
    char *in = (char *)data;
    size_t in_left = len;
    int rc = 0;
    if (cd == (iconv_t)-1)
        return CK_EUSAGE;
    ck_buf_clear(out);
    ck_buf_grow(out, len * 3 / 2 + 16);
    while (in_left > 0) {
        char *o = out->data + out->len;
        size_t o_left = out->cap - out->len - 1, before = o_left;
        size_t r = iconv(cd, &in, &in_left, &o, &o_left);
        out->len += before - o_left;
        out->data[out->len] = '\0';
        if (r == (size_t)-1) {
            if (errno == E2BIG) {
                ck_buf_grow(out, out->cap);
                continue;
            }
            *bad_offset = (size_t)(in - data);
            rc = CK_EDATA;
            break;
        }
    }
    iconv_close(cd);
    return rc;
}

static int decode_error(const char *path, long line, const char *zh, const char *en, ck_error *err)
{
    ck_error_set(err, CK_EDATA, "%s", ck_tr(zh, en));
    ck_error_set_file(err, path);
    ck_error_set_line(err, line, 0);
    return CK_EDATA;
}

/* Decodes the file's bytes into UTF-8 text without a BOM. */
static int decode(const char *path, const char *data, size_t len, const char *encoding, ck_buf *out,
                  ck_error *err)
{
    size_t bad = 0;
    int rc;

    if (encoding && *encoding && strcasecmp(encoding, "UTF-8") != 0 && strcasecmp(encoding, "UTF8") != 0) {
        rc = convert(data, len, encoding, out, &bad);
        if (rc == CK_EUSAGE) {
            ck_error_set_file(err, path);
            return ck_error_set(err, CK_EUSAGE,
                                ck_tr("不明的編碼名稱「%s」：請用 UTF-8、CP950 或 BIG5 等",
                                      "unknown encoding '%s': use UTF-8, CP950, BIG5 or the like"),
                                encoding);
        }
        if (rc != 0) {
            ck_error_set(err, CK_EDATA,
                         ck_tr("內容不是 %s 編碼；請確認 --encoding，或在 Excel 另存為「CSV UTF-8（逗號分隔）」",
                               "the text is not in %s; check --encoding, or save it from Excel as "
                               "\"CSV UTF-8 (Comma delimited)\""),
                         encoding);
            ck_error_set_file(err, path);
            ck_error_set_line(err, line_of_offset(data, bad), 0);
            return CK_EDATA;
        }
    } else if (len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
                            ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF)) &&
               !(encoding && *encoding)) {
        /* Excel's "Unicode text": UTF-16 with a byte order mark. */
        if (convert(data, len, "UTF-16", out, &bad) != 0)
            return decode_error(path, 0, "UTF-16 文字檔內容有誤；請在 Excel 另存為「CSV UTF-8（逗號分隔）」",
                                "the UTF-16 text is damaged; save it from Excel as \"CSV UTF-8 (Comma delimited)\"",
                                err);
    } else {
        size_t valid = utf8_valid_prefix(data, len);
        if (valid == len) {
            ck_buf_clear(out);
            ck_buf_append(out, data, len);
        } else if (encoding && *encoding) {
            return decode_error(path, line_of_offset(data, valid),
                                "內容不是 UTF-8 編碼；請確認 --encoding", "the text is not UTF-8; check --encoding",
                                err);
        } else if (convert(data, len, "CP950", out, &bad) != 0) {
            return decode_error(path, line_of_offset(data, valid),
                                "內容既不是 UTF-8 也不是 Big5 編碼；請在 Excel 另存為「CSV UTF-8（逗號分隔）」，"
                                "或以 --encoding 指定編碼",
                                "the text is neither UTF-8 nor Big5; save it from Excel as \"CSV UTF-8 "
                                "(Comma delimited)\" or name the encoding with --encoding",
                                err);
        }
    }
    if (out->len >= 3 && memcmp(out->data, "\xEF\xBB\xBF", 3) == 0) {
        memmove(out->data, out->data + 3, out->len - 3);
        ck_buf_truncate(out, out->len - 3);
    }
    if (out->len && memchr(out->data, '\0', out->len))
        return decode_error(path, 0, "這不是文字檔（含有 NUL 位元組）；名冊請用 CSV、.xlsx 或 .ods",
                            "this is not a text file (it holds NUL bytes); use CSV, .xlsx or .ods for a roster",
                            err);
    return 0;
}

/* ---- parsing -------------------------------------------------------------- */

typedef struct csv_state {
    ck_roster_builder *builder;
    size_t column;
    int row_open;
    long line;     /* the physical line being fed */
    int rc;
} csv_state;

static void on_field(void *field, size_t len, void *user)
{
    csv_state *s = user;
    const char *text = field ? field : "";
    char *copy = NULL;
    if (s->rc)
        return;
    if (!s->row_open) {
        ck_roster_builder_row(s->builder, s->line);
        s->row_open = 1;
    }
    /* A field spanning lines keeps its line breaks as "\n". */
    if (len && memchr(text, '\r', len)) {
        size_t o = 0;
        copy = ck_malloc(len + 1);
        for (size_t i = 0; i < len; i++) {
            if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
                continue;
            copy[o++] = text[i] == '\r' ? '\n' : text[i];
        }
        text = copy;
        len = o;
    }
    s->rc = ck_roster_builder_cell(s->builder, s->column++, text, len, CK_CELL_TEXT, NULL);
    free(copy);
}

static void on_row(int terminator, void *user)
{
    csv_state *s = user;
    (void)terminator;
    if (s->rc)
        return;
    if (!s->row_open)
        ck_roster_builder_row(s->builder, s->line);
    s->rc = ck_roster_builder_end_row(s->builder, 1);
    s->column = 0;
    s->row_open = 0;
}

/* Only the space character is trimmed around unquoted fields by libcsv, so
 * a tab stays a delimiter in TSV; the builder trims the rest. */
static int is_space(unsigned char c)
{
    return c == ' ';
}

/* Length of the physical line at text (including its end: \n, \r\n or a lone \r). */
static size_t line_length(const char *text, size_t left)
{
    size_t i = 0;
    while (i < left && text[i] != '\n' && text[i] != '\r')
        i++;
    if (i < left && text[i] == '\r')
        i += (i + 1 < left && text[i + 1] == '\n') ? 2 : 1;
    else if (i < left)
        i++;
    return i;
}

static int is_blank_line(const char *text, size_t n)
{
    return (n == 1 && (text[0] == '\n' || text[0] == '\r')) || (n == 2 && text[0] == '\r' && text[1] == '\n');
}

static int parse(ck_roster_builder *b, const char *text, size_t len, char delimiter, ck_error *err)
{
    struct csv_parser parser;
    csv_state s;
    size_t pos = 0;
    long quote_line = 0;

    memset(&s, 0, sizeof s);
    s.builder = b;
    if (csv_init(&parser, 0) != 0)
        return ck_error_set(err, CK_ENOMEM, "out of memory");
    csv_set_delim(&parser, (unsigned char)delimiter);
    csv_set_space_func(&parser, is_space);
    s.line = 1;
    while (pos < len && !s.rc) {
        size_t n = line_length(text + pos, len - pos);
        if (!s.row_open && !is_blank_line(text + pos, n)) {
            ck_roster_builder_row(b, s.line);
            s.row_open = 1;
            quote_line = s.line;
        }
        if (csv_parse(&parser, text + pos, n, on_field, on_row, &s) != n) {
            s.rc = ck_error_set(err, CK_EDATA, "%s", csv_strerror(csv_error(&parser)));
            ck_error_set_file(err, b->roster->path);
            ck_error_set_line(err, s.line, 0);
            break;
        }
        pos += n;
        s.line++;
    }
    /* CSV_STRICT_FINI only acts in strict mode, which would also refuse the
     * stray quotes hand-edited files have; an unclosed quoted field is
     * recognised from the parser's state instead (libcsv: 2 = FIELD_BEGUN). */
    if (!s.rc && ((parser.pstate == 2 && parser.quoted) || csv_fini(&parser, on_field, on_row, &s) != 0)) {
        s.rc = ck_error_set(err, CK_EDATA, "%s",
                            ck_tr("引號沒有結束：這一列的某個欄位以 \" 開頭卻沒有對應的結束引號",
                                  "a quoted field in this row is never closed: add the closing \""));
        ck_error_set_file(err, b->roster->path);
        ck_error_set_line(err, quote_line, 0);
    }
    csv_free(&parser);
    return s.rc;
}

/* ---- entry points ---------------------------------------------------------- */

int ck_roster_read_csv_memory(const char *data, size_t len, const char *name, char delimiter,
                              const ck_data_options *opts, ck_roster **out, ck_error *err)
{
    ck_roster_builder b;
    ck_buf text = CK_BUF_INIT;
    int rc;

    *out = NULL;
    ck_roster_builder_init(&b, name, NULL, opts, err);
    rc = decode(name, data, len, opts ? opts->encoding : NULL, &text, err);
    if (rc)
        goto done;
    if (delimiter == 0) {
        /* .txt: Excel's "Unicode text" is tab-separated; otherwise commas.
         * Decided by the first line. */
        size_t first = text.len ? line_length(text.data, text.len) : 0;
        delimiter = text.len && memchr(text.data, '\t', first) && !memchr(text.data, ',', first) ? '\t' : ',';
    }
    rc = parse(&b, text.data ? text.data : "", text.len, delimiter, err);
    if (rc)
        goto done;
    rc = ck_roster_builder_finish(&b, out);
done:
    ck_buf_free(&text);
    ck_roster_builder_free(&b);
    return rc;
}

int ck_roster_read_csv(const char *path, const ck_data_options *opts, ck_roster **out, ck_error *err)
{
    ck_buf data = CK_BUF_INIT;
    size_t plen = strlen(path);
    char delimiter = 0;
    int rc;

    *out = NULL;
    rc = ck_fs_read_all(path, MAX_CSV_BYTES, ck_tr("檔案", "the file"), &data, err);
    if (rc)
        goto done;
    if (data.len >= 4 && memcmp(data.data, "PK\x03\x04", 4) == 0) {
        ck_error_set_file(err, path);
        rc = ck_error_set(err, CK_EINPUT, "%s",
                          ck_tr("這是 .xlsx 或 .ods 試算表，不是 CSV；請把副檔名改回 .xlsx 或 .ods",
                                "this is an .xlsx or .ods spreadsheet, not CSV; give it back its .xlsx or .ods name"));
        goto done;
    }
    if (plen >= 4 && strcasecmp(path + plen - 4, ".tsv") == 0)
        delimiter = '\t';
    else if (plen >= 4 && strcasecmp(path + plen - 4, ".csv") == 0)
        delimiter = ',';
    rc = ck_roster_read_csv_memory(data.data ? data.data : "", data.len, path, delimiter, opts, out, err);
done:
    ck_buf_free(&data);
    return rc;
}
