/* ods.c — the first sheet of a LibreOffice Calc (ODS) file as a roster.
 *
 * content.xml is streamed with SAX. Calc writes runs of identical rows and
 * cells once with table:number-rows-repeated / number-columns-repeated, and
 * a sheet usually ends with an empty run covering the rest of the grid
 * (1,048,576 rows, 1,024 columns): an empty run only advances the counters,
 * a run with values is expanded up to the roster's row and column limits.
 * Cell text is what the sheet shows (text:p paragraphs joined with line
 * breaks, text:s spaces); date cells take office:date-value; annotations
 * (comments) are not part of the value.
 */
#include "data/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/lang.h"
#include "xml/xml.h"

#define MAX_REPEAT 1048576L
#define MAX_SPACES 1024L

typedef struct ods_state {
    ck_roster_builder *builder;
    int tables_seen;
    int in_table;         /* inside the first table */
    int in_row, in_cell, paragraphs, in_paragraph, annotation_depth;
    long row;             /* 1-based row of the current row element */
    long row_repeat;
    long column;          /* 0-based column of the current cell */
    long column_repeat;
    int is_date;
    ck_date date;
    ck_buf text;
    size_t max_bytes;
} ods_state;

static int is_ns(const xmlChar *uri, const char *ns)
{
    return uri && strcmp((const char *)uri, ns) == 0;
}

/* A repeat count attribute, clamped to [1, MAX_REPEAT]. */
static long repeat_count(int nb_attr, const xmlChar **attrs, const char *local)
{
    char *v = ck_xml_attr(nb_attr, attrs, CK_NS_TABLE, local);
    long n = v ? strtol(v, NULL, 10) : 1;
    free(v);
    if (n < 1)
        n = 1;
    return n > MAX_REPEAT ? MAX_REPEAT : n;
}

static void append_text(ods_state *s, const char *text, size_t len)
{
    if (s->text.len <= s->max_bytes)
        ck_buf_append(&s->text, text, len);
}

static void ods_start(void *ctx, const xmlChar *local_name, const xmlChar *prefix, const xmlChar *uri, int nb_ns,
                      const xmlChar **ns, int nb_attr, int nb_def, const xmlChar **attrs)
{
    ods_state *s = CK_XML_STATE(ctx);
    const char *local = (const char *)local_name;
    (void)prefix, (void)nb_ns, (void)ns, (void)nb_def;

    if (is_ns(uri, CK_NS_TABLE) && strcmp(local, "table") == 0) {
        if (s->tables_seen++ == 0) {
            char *name = ck_xml_attr(nb_attr, attrs, CK_NS_TABLE, "name");
            ck_roster_builder_set_sheet(s->builder, name ? name : "");
            free(name);
            s->in_table = 1;
            s->row = 1;
        }
        return;
    }
    if (!s->in_table)
        return;
    if (is_ns(uri, CK_NS_OFFICE) && strcmp(local, "annotation") == 0) {
        s->annotation_depth++;
    } else if (s->annotation_depth) {
        return;
    } else if (is_ns(uri, CK_NS_TABLE) && strcmp(local, "table-row") == 0) {
        s->in_row = 1;
        s->column = 0;
        s->row_repeat = repeat_count(nb_attr, attrs, "number-rows-repeated");
        ck_roster_builder_row(s->builder, s->row);
    } else if (s->in_row && is_ns(uri, CK_NS_TABLE) &&
               (strcmp(local, "table-cell") == 0 || strcmp(local, "covered-table-cell") == 0)) {
        char *type = ck_xml_attr(nb_attr, attrs, CK_NS_OFFICE, "value-type");
        char *date = ck_xml_attr(nb_attr, attrs, CK_NS_OFFICE, "date-value");
        s->in_cell = 1;
        s->paragraphs = 0;
        s->column_repeat = repeat_count(nb_attr, attrs, "number-columns-repeated");
        s->is_date = type && date && strcmp(type, "date") == 0 && ck_date_parse(date, &s->date, NULL, 0) == 0;
        ck_buf_clear(&s->text);
        free(type);
        free(date);
    } else if (s->in_cell && is_ns(uri, CK_NS_TEXT)) {
        if (strcmp(local, "p") == 0 || strcmp(local, "h") == 0) {
            if (s->paragraphs++ > 0)
                append_text(s, "\n", 1);
            s->in_paragraph = 1;
        } else if (s->in_paragraph && strcmp(local, "s") == 0) {
            char *c = ck_xml_attr(nb_attr, attrs, CK_NS_TEXT, "c");
            long n = c ? strtol(c, NULL, 10) : 1;
            free(c);
            for (long i = 0; i < (n < 1 ? 1 : n > MAX_SPACES ? MAX_SPACES : n); i++)
                append_text(s, " ", 1);
        } else if (s->in_paragraph && strcmp(local, "tab") == 0) {
            append_text(s, "\t", 1);
        } else if (s->in_paragraph && strcmp(local, "line-break") == 0) {
            append_text(s, "\n", 1);
        }
    }
}

/* Puts the finished cell into the row, once per repetition while it has a
 * value; an empty run only moves the column on. */
static int finish_cell(ods_state *s)
{
    const char *text = s->text.data ? s->text.data : "";
    int rc = 0;
    char iso[16];
    if (s->is_date) {
        ck_date_format(&s->date, CK_DATE_ISO, iso, sizeof iso);
        text = iso;
    }
    for (long k = 0; k < s->column_repeat && !rc && *text; k++)
        rc = ck_roster_builder_cell(s->builder, (size_t)(s->column + k), text, strlen(text),
                                    s->is_date ? CK_CELL_DATE : CK_CELL_TEXT, &s->date);
    s->column += s->column_repeat;
    if (s->column > MAX_REPEAT)
        s->column = MAX_REPEAT;
    return rc;
}

static void ods_end(void *ctx, const xmlChar *local_name, const xmlChar *prefix, const xmlChar *uri)
{
    ods_state *s = CK_XML_STATE(ctx);
    const char *local = (const char *)local_name;
    int rc = 0;
    (void)prefix;
    if (!s->in_table)
        return;
    if (is_ns(uri, CK_NS_OFFICE) && strcmp(local, "annotation") == 0) {
        s->annotation_depth--;
    } else if (s->annotation_depth) {
        return;
    } else if (is_ns(uri, CK_NS_TABLE) && strcmp(local, "table") == 0) {
        s->in_table = 0;
    } else if (s->in_row && is_ns(uri, CK_NS_TABLE) && strcmp(local, "table-row") == 0) {
        s->in_row = 0;
        rc = ck_roster_builder_end_row(s->builder, (size_t)s->row_repeat);
        s->row += s->row_repeat;
        if (s->row > MAX_REPEAT * 4)
            s->row = MAX_REPEAT * 4;
    } else if (s->in_cell && is_ns(uri, CK_NS_TABLE) &&
               (strcmp(local, "table-cell") == 0 || strcmp(local, "covered-table-cell") == 0)) {
        s->in_cell = 0;
        rc = finish_cell(s);
    } else if (is_ns(uri, CK_NS_TEXT) && (strcmp(local, "p") == 0 || strcmp(local, "h") == 0)) {
        s->in_paragraph = 0;
    }
    if (rc)
        ck_xml_abort(ctx, rc, s->builder->err->message);
}

static void ods_chars(void *ctx, const xmlChar *ch, int len)
{
    ods_state *s = CK_XML_STATE(ctx);
    if (s->in_table && s->in_cell && s->in_paragraph && !s->annotation_depth)
        append_text(s, (const char *)ch, (size_t)len);
}

int ck_roster_read_ods(const char *path, const ck_data_options *opts, ck_roster **out, ck_error *err)
{
    ck_zip *zip = NULL;
    ck_roster_builder builder;
    ods_state s;
    int rc;

    *out = NULL;
    memset(&s, 0, sizeof s);
    ck_roster_builder_init(&builder, path, NULL, opts, err);
    rc = ck_zip_open(&zip, path, opts ? opts->limits : NULL, err);
    if (rc)
        goto done;
    if (ck_zip_find(zip, "content.xml") < 0) {
        rc = ck_error_set(err, CK_EINPUT, "%s",
                          ck_tr("不是 LibreOffice 試算表（沒有 content.xml）", "not a LibreOffice spreadsheet (no content.xml)"));
        goto done;
    }
    s.builder = &builder;
    s.max_bytes = builder.max_cell_bytes;
    rc = ck_data_parse_part(zip, "content.xml", ods_start, ods_end, ods_chars, &s, err);
    if (rc == 0 && s.tables_seen == 0)
        rc = ck_error_set(err, CK_EINPUT, "%s",
                          ck_tr("檔案中沒有工作表；請用 LibreOffice Calc 另存為 .ods",
                                "the file has no sheet; save it from LibreOffice Calc as .ods"));
done:
    rc = ck_roster_builder_end(&builder, rc, path, out, err);
    ck_buf_free(&s.text);
    ck_zip_close(zip);
    return rc;
}
