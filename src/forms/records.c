/* records.c — a roster or record file mapped to a template's fields, and
 * checked before anything is written. */
#include "forms/forms.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "data/dates.h"
#include "data/ids.h"
#include "util/fs.h"
#include "util/lang.h"

/* The template's fields as ck_header_match wants them. Checklist fields
 * are filled by clausekit, never from data, and are left out. */
typedef struct field_table {
    ck_field_def *defs;
    const ck_template_field **fields;
    const char ***aliases;
    size_t count;
} field_table;

static void field_table_init(field_table *ft, const ck_template *t)
{
    size_t n = ck_template_field_count(t);

    ft->defs = ck_calloc(n ? n : 1, sizeof *ft->defs);
    ft->fields = ck_calloc(n ? n : 1, sizeof *ft->fields);
    ft->aliases = ck_calloc(n ? n : 1, sizeof *ft->aliases);
    ft->count = 0;
    for (size_t i = 0; i < n; i++) {
        const ck_template_field *f = ck_template_field_at(t, i);
        const char **aliases;
        if (f->kind == CK_FIELD_CHECKLIST)
            continue;
        aliases = ck_calloc(f->alias_count + 1, sizeof *aliases);
        for (size_t j = 0; j < f->alias_count; j++)
            aliases[j] = f->aliases[j];
        ft->aliases[ft->count] = aliases;
        ft->fields[ft->count] = f;
        ft->defs[ft->count].name = f->name;
        ft->defs[ft->count].aliases = aliases;
        ft->count++;
    }
}

static void field_table_free(field_table *ft)
{
    for (size_t i = 0; i < ft->count; i++)
        free(ft->aliases[i]);
    free(ft->aliases);
    free(ft->defs);
    free(ft->fields);
}

/* Puts the value of field f into record, names as a LIST. */
static void put_field(ck_value *record, const ck_template_field *f, const ck_value *v, long line)
{
    if (f->kind == CK_FIELD_NAMES && v->kind == CK_VALUE_STRING) {
        ck_value_map_put(record, f->name, ck_template_split_names(v->string, line));
    } else if (f->kind == CK_FIELD_NAMES && v->kind == CK_VALUE_LIST) {
        ck_value *list = ck_value_new_list(line);
        for (size_t i = 0; i < v->count; i++)
            if (v->items[i]->kind == CK_VALUE_STRING && v->items[i]->string[0])
                ck_value_list_append(list, ck_value_new_string(v->items[i]->string, line));
        ck_value_map_put(record, f->name, list);
    } else {
        ck_value_map_put(record, f->name, ck_value_new_string(v->kind == CK_VALUE_STRING ? v->string : "", line));
    }
}

static void data_push(ck_forms_data *d, ck_value *record, long line)
{
    d->records = ck_realloc(d->records, sizeof *d->records * (d->count + 1));
    d->records[d->count].value = record;
    d->records[d->count].line = line;
    d->records[d->count].valid = 1;
    d->count++;
}

/* A required field with no column fails every row alike: say it once, for
 * the header, not once a row. */
static int check_required_columns(const field_table *ft, const int *field_of, size_t columns, ck_error *err)
{
    ck_buf names = CK_BUF_INIT;
    size_t missing = 0;
    int rc = 0;

    for (size_t f = 0; f < ft->count; f++) {
        size_t c = 0;
        if (!ft->fields[f]->required)
            continue;
        while (c < columns && field_of[c] != (int)f)
            c++;
        if (c < columns)
            continue;
        ck_buf_printf(&names, ck_tr("%s「%s」", "%s'%s'"), missing ? ck_tr("、", ", ") : "", ft->fields[f]->name);
        missing++;
    }
    if (missing)
        rc = ck_error_set(err, CK_EDATA,
                          ck_tr("名冊沒有必填欄位%s的欄；請在欄名列加上，並為每位人員填寫",
                                "the roster has no column for the required field(s) %s; add them to the header "
                                "row and fill them in for everyone"),
                          names.data);
    ck_buf_free(&names);
    return rc;
}

/* One note naming the bookkeeping columns that were left out. */
static void note_ignored(ck_forms_data *d, const ck_roster *roster, const int *field_of)
{
    ck_buf names = CK_BUF_INIT;
    for (size_t c = 0; c < roster->columns; c++) {
        if (field_of[c] != CK_HEADER_IGNORED)
            continue;
        ck_buf_printf(&names, ck_tr("%s「%s」", "%s'%s'"), names.len ? ck_tr("、", ", ") : "", roster->headers[c]);
    }
    if (names.len) {
        ck_buf note = CK_BUF_INIT;
        ck_buf_printf(&note, ck_tr("clausekit: %s: 略過記錄用的欄位%s（不是表單的欄位）\n",
                                   "clausekit: %s: left out the bookkeeping column(s) %s (not fields of the form)\n"),
                      d->path, names.data);
        d->note = ck_buf_detach(&note);
    }
    ck_buf_free(&names);
}

static int read_roster(const ck_template *t, const field_table *ft, const char *path, const char *encoding,
                       ck_forms_data *d, ck_error *err)
{
    ck_data_options opts;
    ck_roster *roster = NULL;
    int *field_of = NULL, rc;

    memset(&opts, 0, sizeof opts);
    opts.encoding = encoding;
    if ((rc = ck_roster_read(path, &opts, &roster, err)) != 0)
        return rc;
    if (roster->sheet)
        d->part = ck_strdup(roster->sheet);
    field_of = ck_calloc(roster->columns ? roster->columns : 1, sizeof *field_of);
    if ((rc = ck_header_match((const char *const *)roster->headers, roster->columns, ft->defs, ft->count,
                              ck_template_ignore_columns(t), field_of, err)) == 0)
        rc = check_required_columns(ft, field_of, roster->columns, err);
    if (rc != 0) {
        ck_error_set_file(err, path);
        if (roster->sheet)
            ck_error_set_part(err, roster->sheet);
        ck_error_set_line(err, roster->header_line, 0);
        goto done;
    }
    note_ignored(d, roster, field_of);
    for (size_t r = 0; r < roster->row_count; r++) {
        const ck_row *row = &roster->rows[r];
        ck_value *record = ck_value_new_map(row->line);
        for (size_t c = 0; c < roster->columns; c++) {
            ck_value cell;
            if (field_of[c] < 0)
                continue;
            memset(&cell, 0, sizeof cell);
            cell.kind = CK_VALUE_STRING;
            cell.string = row->cells[c].text;
            put_field(record, ft->fields[field_of[c]], &cell, row->line);
        }
        data_push(d, record, row->line);
    }
done:
    free(field_of);
    ck_roster_free(roster);
    return rc;
}

static int read_records(const ck_template *t, const field_table *ft, const char *path, ck_forms_data *d, ck_error *err)
{
    ck_value *list = NULL;
    int rc;

    if ((rc = ck_record_read(path, NULL, &list, err)) != 0)
        return rc;
    for (size_t i = 0; i < list->count && rc == 0; i++) {
        const ck_value *map = list->items[i];
        int *field_of = ck_calloc(map->count ? map->count : 1, sizeof *field_of);
        ck_value *record = ck_value_new_map(map->line);
        rc = ck_header_match((const char *const *)map->keys, map->count, ft->defs, ft->count,
                             ck_template_ignore_columns(t), field_of, err);
        for (size_t k = 0; k < map->count && rc == 0; k++) {
            const ck_template_field *f;
            const ck_value *v = map->items[k];
            if (field_of[k] < 0)
                continue;
            f = ft->fields[field_of[k]];
            if (v->kind == CK_VALUE_MAP || (v->kind == CK_VALUE_LIST && f->kind != CK_FIELD_NAMES)) {
                rc = ck_error_set(err, CK_EDATA, ck_tr("欄位「%s」的值須是文字，不是清單或對照表",
                                                       "the value of '%s' must be text, not a list or mapping"),
                                  f->name);
                ck_error_set_line(err, v->line ? v->line : map->line, 0);
                break;
            }
            put_field(record, f, v, v->line ? v->line : map->line);
        }
        if (rc != 0) {
            ck_error_set_file(err, path);
            ck_error_set_line(err, map->line, 0);
            ck_value_free(record);
        } else {
            data_push(d, record, map->line);
        }
        free(field_of);
    }
    ck_value_free(list);
    return rc;
}

/* A missing file or a folder is told as such before the file's name decides
 * how it is read: "unknown roster format" would send a clerk the wrong way. */
static int check_data_path(const char *path, ck_error *err)
{
    struct stat st;
    int rc = 0;

    if (stat(path, &st) != 0)
        rc = ck_error_set(err, CK_EINPUT, "%s", ck_tr("找不到檔案；請確認路徑與檔名", "no such file; check the path and name"));
    else if (S_ISDIR(st.st_mode))
        rc = ck_error_set(err, CK_EINPUT, "%s",
                          ck_tr("這是資料夾，不是檔案；請指定名冊（.csv、.xlsx、.ods）或資料檔（.yaml、.json）",
                                "this is a folder, not a file; name a roster (.csv, .xlsx, .ods) or a record file "
                                "(.yaml, .json)"));
    if (rc)
        ck_error_set_file(err, path);
    return rc;
}

int ck_forms_data_read(const ck_template *t, const char *path, const char *encoding, ck_forms_data **out,
                       ck_error *err)
{
    ck_forms_data *d = ck_calloc(1, sizeof *d);
    field_table ft;
    int rc;

    *out = NULL;
    if ((rc = check_data_path(path, err)) != 0) {
        free(d);
        return rc;
    }
    d->path = ck_strdup(path);
    field_table_init(&ft, t);
    if (ck_fs_has_extension(path, ".yaml") || ck_fs_has_extension(path, ".yml") || ck_fs_has_extension(path, ".json"))
        rc = read_records(t, &ft, path, d, err);
    else
        rc = read_roster(t, &ft, path, encoding, d, err);
    field_table_free(&ft);
    if (rc == 0 && d->count == 0) {
        rc = ck_error_set(err, CK_EDATA, "%s",
                          ck_tr("名冊或資料檔中沒有任何一筆資料；名冊請在欄名列下方每列填一位人員",
                                "the roster or record file holds no rows; in a roster, fill in one person a row "
                                "under the header"));
        ck_error_set_file(err, path);
    }
    if (rc != 0) {
        ck_forms_data_free(d);
        return rc;
    }
    *out = d;
    return 0;
}

void ck_forms_data_free(ck_forms_data *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->count; i++)
        ck_value_free(d->records[i].value);
    free(d->records);
    free(d->path);
    free(d->part);
    free(d->note);
    free(d);
}

/* ---- validation -------------------------------------------------------------- */

void ck_forms_problems_free(ck_forms_problems *p)
{
    for (size_t i = 0; i < p->count; i++)
        free(p->items[i].message);
    free(p->items);
    memset(p, 0, sizeof *p);
}

static void problem(ck_forms_problems *problems, long line, const char *message)
{
    ck_forms_problem *item;

    if (problems->count == problems->capacity) {
        problems->capacity = problems->capacity ? problems->capacity * 2 : 8;
        problems->items = ck_realloc(problems->items, problems->capacity * sizeof *problems->items);
    }
    item = &problems->items[problems->count++];
    item->line = line;
    item->message = ck_strdup(message);
    ck_id_mask_in_text(item->message, strlen(item->message));
}

void ck_forms_problem_format(const ck_forms_data *d, const ck_forms_problem *p, ck_buf *out)
{
    ck_error e;
    char text[2048];

    ck_error_clear(&e);
    ck_error_set(&e, CK_EDATA, "%s", p->message);
    ck_error_set_file(&e, d->path);
    if (d->part)
        ck_error_set_part(&e, d->part);
    ck_error_set_line(&e, p->line, 0);
    ck_error_format(&e, text, sizeof text);
    ck_id_mask_in_text(text, strlen(text)); /* a number in the file's name too */
    ck_buf_printf(out, "clausekit: %s\n", text);
}

static int amount_ok(const char *s)
{
    char *out = NULL;
    ck_error e;
    int ok;
    ck_error_clear(&e);
    ok = ck_template_chinese_amount(s, &out, &e) == 0;
    free(out);
    return ok;
}

size_t ck_forms_data_validate(const ck_template *t, ck_forms_data *d, ck_forms_problems *problems)
{
    size_t invalid = 0;
    ck_buf msg = CK_BUF_INIT;

    for (size_t r = 0; r < d->count; r++) {
        ck_forms_record *rec = &d->records[r];
        rec->valid = 1;
        for (size_t i = 0; i < ck_template_field_count(t); i++) {
            const ck_template_field *f = ck_template_field_at(t, i);
            const ck_value *v = ck_value_get(rec->value, f->name);
            const char *s = v && v->kind == CK_VALUE_STRING ? v->string : "";
            int empty = v ? (v->kind == CK_VALUE_STRING ? !*s : v->count == 0) : 1;
            char why[512], line[1024];
            ck_buf_clear(&msg);
            if (f->kind == CK_FIELD_CHECKLIST)
                continue;
            if (empty) {
                if (f->required)
                    ck_buf_printf(&msg, ck_tr("缺少必填欄位「%s」", "the required field '%s' is empty"), f->name);
            } else if (f->kind == CK_FIELD_ID) {
                ck_id_result res;
                if (ck_id_check_person(s, &res) != CK_ID_VALID)
                    ck_buf_puts(&msg, ck_id_describe(&res, f->name, line, sizeof line));
            } else if (f->kind == CK_FIELD_UBN) {
                ck_id_result res;
                if (ck_id_check_business(s, &res) != CK_ID_VALID)
                    ck_buf_puts(&msg, ck_id_describe(&res, f->name, line, sizeof line));
            } else if (f->kind == CK_FIELD_DATE) {
                ck_date date;
                if (ck_date_parse(s, &date, why, sizeof why) != 0)
                    ck_buf_printf(&msg, ck_tr("%s「%s」%s", "%s '%s' %s"), f->name, s, why);
            } else if (f->kind == CK_FIELD_AMOUNT) {
                if (!amount_ok(s))
                    ck_buf_printf(&msg, ck_tr("%s「%s」不是金額（阿拉伯數字，可用千分位逗號）",
                                              "%s '%s' is not an amount (digits, thousands commas allowed)"),
                                  f->name, s);
            }
            if (msg.len) {
                /* A record file names the value's own line, a roster its row. */
                problem(problems, v && v->line ? v->line : rec->line, msg.data);
                rec->valid = 0;
            }
        }
        invalid += !rec->valid;
    }
    ck_buf_free(&msg);
    return invalid;
}
