/* xlsx.c — the first sheet of an Excel workbook as a roster.
 *
 * xl/workbook.xml names the sheets in order; its relationships give the
 * first sheet's part. Small parts (workbook, rels, styles) are read as DOM;
 * the shared strings and the sheet, which can be large, are streamed with
 * SAX. A numeric cell is a date when its style's number format is one:
 * built-in ids 14-22, 27-36, 45-47, 50-58, or a custom code with year,
 * month, day or ROC-era parts (y, m, d, e, g). Serials follow the workbook's
 * date system (1900, with Excel's phantom 1900-02-29, or 1904).
 */
#include "data/internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/lang.h"
#include "xml/xml.h"

#define MAX_SHARED_STRINGS 4000000u
#define MAX_STYLES 65536u
#define MAX_SHEET_ROW 1048576L

typedef struct xlsx_book {
    ck_zip *zip;
    char *sheet_part;      /* e.g. xl/worksheets/sheet1.xml */
    char *sheet_name;
    int date1904;
    unsigned char *xf_is_date; /* per cellXfs index */
    unsigned char *xf_zero_pad; /* per cellXfs index: width of a 000000 format, or 0 */
    size_t xf_count;
    char **strings;        /* shared strings */
    size_t string_count, string_cap;
} xlsx_book;

/* ---- small parts ---------------------------------------------------------- */

/* The part's name as stored (part names are case-insensitive), or NULL. */
static const char *stored_name(ck_zip *zip, const char *part)
{
    long i = ck_zip_find_nocase(zip, part);
    return i < 0 ? NULL : ck_zip_name(zip, (size_t)i);
}

static xmlChar *attr_any(xmlNodePtr node, const char *local)
{
    return ck_xml_dom_attr(node, NULL, local);
}

static xmlNodePtr first_child(xmlNodePtr parent, const char *local)
{
    for (xmlNodePtr n = parent ? parent->children : NULL; n; n = n->next)
        if (ck_xml_is(n, NULL, local))
            return n;
    return NULL;
}

static int is_true(const xmlChar *v)
{
    return v && (strcmp((const char *)v, "1") == 0 || strcmp((const char *)v, "true") == 0);
}

/* Joins a relationship target to the folder of xl/workbook.xml. */
static char *resolve_target(const char *target)
{
    ck_buf path = CK_BUF_INIT;
    if (target[0] == '/') {
        ck_buf_puts(&path, target + 1);
        return ck_buf_detach(&path);
    }
    ck_buf_puts(&path, "xl/");
    while (strncmp(target, "../", 3) == 0) {
        /* Only one level exists above xl/: the package root. */
        ck_buf_truncate(&path, 0);
        target += 3;
    }
    ck_buf_puts(&path, target);
    return ck_buf_detach(&path);
}

static int read_workbook(xlsx_book *book, ck_error *err)
{
    xmlDocPtr wb = NULL, rels = NULL;
    xmlChar *rid = NULL;
    const char *part;
    int rc = 0;

    part = stored_name(book->zip, "xl/workbook.xml");
    if (!part || (rc = ck_xml_read_dom(book->zip, part, 0, &wb, err)) != 0) {
        if (!rc)
            rc = ck_error_set(err, CK_EINPUT, "%s",
                              ck_tr("不是 Excel 活頁簿（沒有 xl/workbook.xml）", "not an Excel workbook (no xl/workbook.xml)"));
        goto done;
    }
    xmlNodePtr root = xmlDocGetRootElement(wb);
    xmlNodePtr pr = first_child(root, "workbookPr");
    if (pr) {
        xmlChar *v = attr_any(pr, "date1904");
        book->date1904 = is_true(v);
        xmlFree(v);
    }
    xmlNodePtr sheet = first_child(first_child(root, "sheets"), "sheet");
    if (!sheet) {
        rc = ck_error_set(err, CK_EINPUT, "%s", ck_tr("活頁簿中沒有工作表", "the workbook has no sheet"));
        goto done;
    }
    xmlChar *name = attr_any(sheet, "name");
    book->sheet_name = ck_strdup(name ? (const char *)name : "");
    xmlFree(name);
    rid = ck_xml_dom_attr(sheet, CK_NS_R, "id");
    if (!rid)
        rid = ck_xml_dom_attr(sheet, CK_NS_R_STRICT, "id");

    part = stored_name(book->zip, "xl/_rels/workbook.xml.rels");
    if (rid && part && (rc = ck_xml_read_dom(book->zip, part, 0, &rels, err)) != 0)
        goto done;
    for (xmlNodePtr n = rels ? xmlDocGetRootElement(rels)->children : NULL; n; n = n->next) {
        xmlChar *id, *target;
        if (!ck_xml_is(n, NULL, "Relationship"))
            continue;
        id = attr_any(n, "Id");
        target = attr_any(n, "Target");
        if (id && target && strcmp((const char *)id, (const char *)rid) == 0 && !book->sheet_part)
            book->sheet_part = resolve_target((const char *)target);
        xmlFree(id);
        xmlFree(target);
    }
    if (!book->sheet_part)
        book->sheet_part = ck_strdup("xl/worksheets/sheet1.xml");
    if (!stored_name(book->zip, book->sheet_part)) {
        rc = ck_error_set(err, CK_EINPUT,
                          ck_tr("找不到第一張工作表（%s）；請在 Excel 開啟並重新儲存",
                                "the first sheet (%s) is missing; open the file in Excel and save it again"),
                          book->sheet_part);
        goto done;
    }
    {
        char *actual = ck_strdup(stored_name(book->zip, book->sheet_part));
        free(book->sheet_part);
        book->sheet_part = actual;
    }
done:
    xmlFree(rid);
    if (wb)
        xmlFreeDoc(wb);
    if (rels)
        xmlFreeDoc(rels);
    return rc;
}

static int builtin_is_date(long id)
{
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/* True when a custom number format code shows a date: after dropping quoted
 * literals, [..] sections (colours, locales such as [$-404], conditions),
 * escaped characters and the word General, a y, m-with-d, d, e (ROC year in
 * zh-TW) or g (era) remains. m alone is left out: it is also minutes. */
static int format_code_is_date(const char *code)
{
    int has_y = 0, has_d = 0, has_e = 0;
    for (const char *p = code; *p; p++) {
        char c = (char)tolower((unsigned char)*p);
        if (*p == '"') {
            const char *end = strchr(p + 1, '"');
            if (!end)
                break;
            p = end;
        } else if (*p == '[') {
            const char *end = strchr(p + 1, ']');
            if (!end)
                break;
            p = end;
        } else if (*p == '\\' || *p == '_' || *p == '*') {
            if (!p[1])
                break;
            p++;
        } else if (strncasecmp(p, "general", 7) == 0) {
            p += 6;
        } else if (c == 'y') {
            has_y = 1;
        } else if (c == 'd') {
            has_d = 1;
        } else if (c == 'e' && p[1] != '+' && p[1] != '-') {
            has_e = 1;
        } else if (c == 'g') {
            has_e = 1;
        }
    }
    return has_y || has_d || has_e;
}

static int read_styles(xlsx_book *book, ck_error *err)
{
    xmlDocPtr doc = NULL;
    const char *part = stored_name(book->zip, "xl/styles.xml");
    long *custom_ids = NULL;
    unsigned char *custom_date = NULL, *custom_pad = NULL;
    size_t custom_count = 0;
    int rc;

    if (!part)
        return 0;
    if ((rc = ck_xml_read_dom(book->zip, part, 0, &doc, err)) != 0)
        return rc;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr fmts = first_child(root, "numFmts");
    for (xmlNodePtr n = fmts ? fmts->children : NULL; n; n = n->next)
        if (ck_xml_is(n, NULL, "numFmt"))
            custom_count++;
    if (custom_count > MAX_STYLES)
        custom_count = MAX_STYLES;
    custom_ids = ck_calloc(custom_count + 1, sizeof *custom_ids);
    custom_date = ck_calloc(custom_count + 1, 1);
    custom_pad = ck_calloc(custom_count + 1, 1);
    custom_count = 0;
    for (xmlNodePtr n = fmts ? fmts->children : NULL; n && custom_count < MAX_STYLES; n = n->next) {
        if (!ck_xml_is(n, NULL, "numFmt"))
            continue;
        xmlChar *id = attr_any(n, "numFmtId"), *code = attr_any(n, "formatCode");
        custom_ids[custom_count] = id ? strtol((const char *)id, NULL, 10) : -1;
        custom_date[custom_count] = code ? (unsigned char)format_code_is_date((const char *)code) : 0;
        /* "00000000" keeps a business number's leading zero on screen. */
        if (code && code[0] && strspn((const char *)code, "0") == strlen((const char *)code) &&
            strlen((const char *)code) <= 20)
            custom_pad[custom_count] = (unsigned char)strlen((const char *)code);
        custom_count++;
        xmlFree(id);
        xmlFree(code);
    }
    xmlNodePtr xfs = first_child(root, "cellXfs");
    for (xmlNodePtr n = xfs ? xfs->children : NULL; n; n = n->next)
        if (ck_xml_is(n, NULL, "xf") && book->xf_count < MAX_STYLES)
            book->xf_count++;
    book->xf_is_date = ck_calloc(book->xf_count + 1, 1);
    book->xf_zero_pad = ck_calloc(book->xf_count + 1, 1);
    size_t i = 0;
    for (xmlNodePtr n = xfs ? xfs->children : NULL; n && i < book->xf_count; n = n->next) {
        if (!ck_xml_is(n, NULL, "xf"))
            continue;
        xmlChar *id = attr_any(n, "numFmtId");
        long fmt = id ? strtol((const char *)id, NULL, 10) : 0;
        int date = 0, found = 0;
        /* A custom format may redefine an id; it wins over the built-in. */
        for (size_t k = 0; k < custom_count; k++)
            if (custom_ids[k] == fmt) {
                date = custom_date[k];
                book->xf_zero_pad[i] = custom_pad[k];
                found = 1;
            }
        book->xf_is_date[i++] = (unsigned char)(found ? date : builtin_is_date(fmt));
        xmlFree(id);
    }
    free(custom_ids);
    free(custom_date);
    free(custom_pad);
    xmlFreeDoc(doc);
    return 0;
}

/* ---- shared strings (SAX) -------------------------------------------------- */

typedef struct strings_state {
    xlsx_book *book;
    ck_buf text;
    int in_si, in_t, in_phonetic;
    size_t max_bytes;
} strings_state;

static void strings_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri, int nb_ns,
                          const xmlChar **ns, int nb_attr, int nb_def, const xmlChar **attrs)
{
    strings_state *s = CK_XML_STATE(ctx);
    (void)prefix, (void)uri, (void)nb_ns, (void)ns, (void)nb_attr, (void)nb_def, (void)attrs;
    if (strcmp((const char *)local, "si") == 0) {
        s->in_si = 1;
        ck_buf_clear(&s->text);
    } else if (strcmp((const char *)local, "rPh") == 0) {
        /* Phonetic guides (furigana) are not part of the value. */
        s->in_phonetic = 1;
    } else if (strcmp((const char *)local, "t") == 0) {
        s->in_t = 1;
    }
}

static void strings_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    strings_state *s = CK_XML_STATE(ctx);
    xlsx_book *book = s->book;
    (void)prefix, (void)uri;
    if (strcmp((const char *)local, "t") == 0) {
        s->in_t = 0;
    } else if (strcmp((const char *)local, "rPh") == 0) {
        s->in_phonetic = 0;
    } else if (strcmp((const char *)local, "si") == 0 && s->in_si) {
        s->in_si = 0;
        if (book->string_count == MAX_SHARED_STRINGS) {
            ck_xml_abort(ctx, CK_ELIMIT, ck_tr("共用字串太多；這不像名冊", "too many shared strings for a roster"));
            return;
        }
        if (book->string_count == book->string_cap) {
            book->string_cap = book->string_cap ? book->string_cap * 2 : 64;
            book->strings = ck_realloc(book->strings, book->string_cap * sizeof *book->strings);
        }
        book->strings[book->string_count++] = ck_strdup(s->text.data ? s->text.data : "");
    }
}

static void strings_chars(void *ctx, const xmlChar *ch, int len)
{
    strings_state *s = CK_XML_STATE(ctx);
    if (s->in_si && s->in_t && !s->in_phonetic && s->text.len <= s->max_bytes)
        ck_buf_append(&s->text, ch, (size_t)len);
}

static int read_shared_strings(xlsx_book *book, size_t max_bytes, ck_error *err)
{
    strings_state s;
    const char *part = stored_name(book->zip, "xl/sharedStrings.xml");
    int rc;
    if (!part)
        return 0;
    memset(&s, 0, sizeof s);
    s.book = book;
    s.max_bytes = max_bytes;
    rc = ck_data_parse_part(book->zip, part, strings_start, strings_end, strings_chars, &s, err);
    ck_buf_free(&s.text);
    return rc;
}

/* ---- the sheet (SAX) -------------------------------------------------------- */

typedef struct sheet_state {
    xlsx_book *book;
    ck_roster_builder *builder;
    long row;            /* current sheet row, 1-based */
    long next_column;    /* column a cell without r= takes */
    int in_sheet_data, in_row, in_cell, in_value, in_inline, in_t, in_phonetic, has_formula, has_value;
    long column;
    char type[16];
    long style;
    ck_buf text;
    size_t max_bytes;
} sheet_state;

/* Parses "C7" into a 0-based column and a 1-based row; -1 when invalid. */
static long parse_reference(const char *ref, long *row)
{
    long col = 0;
    int letters = 0;
    const char *p = ref;
    for (; isalpha((unsigned char)*p); p++) {
        if (++letters > 3)
            return -1;
        col = col * 26 + (toupper((unsigned char)*p) - 'A' + 1);
    }
    if (letters == 0)
        return -1;
    if (row) {
        char *end;
        long r = strtol(p, &end, 10);
        *row = (*end == '\0' && r >= 1 && r <= MAX_SHEET_ROW) ? r : 0;
    }
    return col - 1;
}

static void sheet_stop(void *ctx, sheet_state *s, int rc)
{
    ck_xml_abort(ctx, rc, s->builder->err->message[0] ? s->builder->err->message : "roster error");
}

static void sheet_start(void *ctx, const xmlChar *local_name, const xmlChar *prefix, const xmlChar *uri,
                        int nb_ns, const xmlChar **ns, int nb_attr, int nb_def, const xmlChar **attrs)
{
    sheet_state *s = CK_XML_STATE(ctx);
    const char *local = (const char *)local_name;
    (void)prefix, (void)uri, (void)nb_ns, (void)ns, (void)nb_def;
    if (strcmp(local, "sheetData") == 0) {
        s->in_sheet_data = 1;
    } else if (s->in_sheet_data && strcmp(local, "row") == 0) {
        char *r = ck_xml_attr(nb_attr, attrs, NULL, "r");
        long n = r ? strtol(r, NULL, 10) : 0;
        s->row = (n >= 1 && n <= MAX_SHEET_ROW) ? n : s->row + 1;
        free(r);
        s->in_row = 1;
        s->next_column = 0;
        ck_roster_builder_row(s->builder, s->row);
    } else if (s->in_row && strcmp(local, "c") == 0) {
        char *r = ck_xml_attr(nb_attr, attrs, NULL, "r");
        char *t = ck_xml_attr(nb_attr, attrs, NULL, "t");
        char *st = ck_xml_attr(nb_attr, attrs, NULL, "s");
        long col = r ? parse_reference(r, NULL) : -1;
        s->column = col >= 0 ? col : s->next_column;
        s->next_column = s->column + 1;
        snprintf(s->type, sizeof s->type, "%s", t ? t : "n");
        s->style = st ? strtol(st, NULL, 10) : 0;
        free(r);
        free(t);
        free(st);
        s->in_cell = 1;
        s->has_formula = s->has_value = 0;
        ck_buf_clear(&s->text);
    } else if (s->in_cell && strcmp(local, "v") == 0) {
        s->in_value = 1;
        s->has_value = 1;
    } else if (s->in_cell && strcmp(local, "f") == 0) {
        s->has_formula = 1;
    } else if (s->in_cell && strcmp(local, "is") == 0) {
        s->in_inline = 1;
        s->has_value = 1;
    } else if (s->in_inline && strcmp(local, "rPh") == 0) {
        s->in_phonetic = 1;
    } else if (s->in_inline && strcmp(local, "t") == 0) {
        s->in_t = 1;
    }
}

/* Number text as a person reads it: integers without a fraction or
 * exponent (12345678, not 1.2345678E7), other numbers as stored. */
static void number_text(const char *v, int zero_pad, char *out, size_t size)
{
    char *end;
    double d = strtod(v, &end);
    if (*v && *end == '\0' && isfinite(d) && d == floor(d) && d >= 0 && d < 1e15 && zero_pad)
        snprintf(out, size, "%0*.0f", zero_pad, d);
    else if (*v && *end == '\0' && isfinite(d) && d == floor(d) && fabs(d) < 1e15)
        snprintf(out, size, "%.0f", d);
    else
        snprintf(out, size, "%s", v);
}

static int finish_cell(sheet_state *s)
{
    const char *v = s->text.data ? s->text.data : "";
    char number[64], name[16];
    xlsx_book *book = s->book;

    if (s->has_formula && !s->has_value) {
        return ck_roster_builder_fail(s->builder, CK_EDATA, s->row,
                                      "儲存格 %s%ld 的公式沒有儲存結果；請在 Excel 開啟後重新儲存",
                                      "cell %s%ld has a formula without a saved result; open the file in Excel "
                                      "and save it again",
                                      ck_roster_column_name((size_t)s->column, name, sizeof name), s->row);
    }
    if (!*v)
        return 0; /* a styled but empty cell */
    if (strcmp(s->type, "s") == 0) {
        char *end;
        unsigned long i = strtoul(v, &end, 10);
        if (end == v || *end || i >= book->string_count) {
            return ck_roster_builder_fail(s->builder, CK_EINPUT, s->row,
                                          "儲存格 %s%ld 指向不存在的共用字串；檔案可能已損壞",
                                          "cell %s%ld points to a shared string that does not exist; the file may "
                                          "be damaged",
                                          ck_roster_column_name((size_t)s->column, name, sizeof name), s->row);
        }
        v = book->strings[i];
        return ck_roster_builder_cell(s->builder, (size_t)s->column, v, strlen(v), CK_CELL_TEXT, NULL);
    }
    if (strcmp(s->type, "b") == 0) {
        v = strcmp(v, "1") == 0 ? "TRUE" : strcmp(v, "0") == 0 ? "FALSE" : v;
        return ck_roster_builder_cell(s->builder, (size_t)s->column, v, strlen(v), CK_CELL_TEXT, NULL);
    }
    if (strcmp(s->type, "e") == 0) {
        return ck_roster_builder_fail(s->builder, CK_EDATA, s->row,
                                      "儲存格 %s%ld 是公式錯誤（%s）；請在試算表中修正",
                                      "cell %s%ld holds a formula error (%s); fix it in the spreadsheet",
                                      ck_roster_column_name((size_t)s->column, name, sizeof name), s->row, v);
    }
    if (strcmp(s->type, "n") == 0 && *v) {
        ck_date date;
        char *end;
        double serial = strtod(v, &end);
        if (*end == '\0' && s->style >= 0 && (size_t)s->style < book->xf_count && book->xf_is_date[s->style] &&
            ck_date_from_serial(serial, book->date1904, &date) == 0) {
            char iso[16];
            ck_date_format(&date, CK_DATE_ISO, iso, sizeof iso);
            return ck_roster_builder_cell(s->builder, (size_t)s->column, iso, strlen(iso), CK_CELL_DATE, &date);
        }
        number_text(v, s->style >= 0 && (size_t)s->style < book->xf_count ? book->xf_zero_pad[s->style] : 0,
                    number, sizeof number);
        v = number;
    }
    if (strcmp(s->type, "d") == 0) {
        /* An ISO 8601 date cell (strict OOXML, some generators). */
        ck_date date;
        char iso[16];
        if (ck_date_parse(v, &date, NULL, 0) == 0) {
            ck_date_format(&date, CK_DATE_ISO, iso, sizeof iso);
            return ck_roster_builder_cell(s->builder, (size_t)s->column, iso, strlen(iso), CK_CELL_DATE, &date);
        }
    }
    /* inlineStr and str (a formula's text) are text. */
    return ck_roster_builder_cell(s->builder, (size_t)s->column, v, strlen(v), CK_CELL_TEXT, NULL);
}

static void sheet_end(void *ctx, const xmlChar *local_name, const xmlChar *prefix, const xmlChar *uri)
{
    sheet_state *s = CK_XML_STATE(ctx);
    const char *local = (const char *)local_name;
    int rc = 0;
    (void)prefix, (void)uri;
    if (strcmp(local, "sheetData") == 0) {
        s->in_sheet_data = 0;
    } else if (s->in_row && strcmp(local, "row") == 0) {
        s->in_row = 0;
        rc = ck_roster_builder_end_row(s->builder, 1);
    } else if (s->in_cell && strcmp(local, "c") == 0) {
        s->in_cell = 0;
        rc = finish_cell(s);
    } else if (strcmp(local, "v") == 0) {
        s->in_value = 0;
    } else if (strcmp(local, "is") == 0) {
        s->in_inline = 0;
    } else if (strcmp(local, "rPh") == 0) {
        s->in_phonetic = 0;
    } else if (strcmp(local, "t") == 0) {
        s->in_t = 0;
    }
    if (rc)
        sheet_stop(ctx, s, rc);
}

static void sheet_chars(void *ctx, const xmlChar *ch, int len)
{
    sheet_state *s = CK_XML_STATE(ctx);
    if (s->text.len > s->max_bytes)
        return;
    if (s->in_value || (s->in_inline && s->in_t && !s->in_phonetic))
        ck_buf_append(&s->text, ch, (size_t)len);
}

int ck_roster_read_xlsx(const char *path, const ck_data_options *opts, ck_roster **out, ck_error *err)
{
    xlsx_book book;
    ck_roster_builder builder;
    sheet_state s;
    int rc;

    *out = NULL;
    memset(&book, 0, sizeof book);
    memset(&s, 0, sizeof s);
    ck_roster_builder_init(&builder, path, NULL, opts, err);
    rc = ck_zip_open(&book.zip, path, opts ? opts->limits : NULL, err);
    if (rc)
        goto done;
    if ((rc = read_workbook(&book, err)) != 0 || (rc = read_styles(&book, err)) != 0 ||
        (rc = read_shared_strings(&book, builder.max_cell_bytes, err)) != 0)
        goto done;
    ck_roster_builder_set_sheet(&builder, book.sheet_name);
    s.book = &book;
    s.builder = &builder;
    s.max_bytes = builder.max_cell_bytes;
    rc = ck_data_parse_part(book.zip, book.sheet_part, sheet_start, sheet_end, sheet_chars, &s, err);
done:
    rc = ck_roster_builder_end(&builder, rc, path, out, err);
    ck_buf_free(&s.text);
    for (size_t i = 0; i < book.string_count; i++)
        free(book.strings[i]);
    free(book.strings);
    free(book.xf_is_date);
    free(book.xf_zero_pad);
    free(book.sheet_part);
    free(book.sheet_name);
    ck_zip_close(book.zip);
    return rc;
}
