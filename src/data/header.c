/* header.c — matching a roster's headers (or a record's keys) to a form's
 * fields, with a suggestion for the typo a clerk most likely made. */
#include "data/data.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util/buf.h"
#include "util/lang.h"
#include "util/text.h"

/* Drops a parenthesised note at the end of a header, as clerks write them
 * (姓名（必填）, 電話(公司)): the note is not part of the name. Full-width
 * parentheses are half-width here, after NFKC. A name that is only a note
 * is kept whole. */
static void strip_note(char *key)
{
    size_t len = strlen(key);
    char *open;
    if (len < 2 || key[len - 1] != ')')
        return;
    open = strrchr(key, '(');
    if (!open || open == key)
        return;
    *open = '\0';
    ck_data_trim(key);
}

/* The form a name is compared in: trimmed, without a trailing note, NFKC (full-width Ｅｍａｉｌ ->
 * Email, compatibility ideographs -> unified ones) and case-folded, so
 * EMAIL, email and Ｅｍａｉｌ all match the alias Email. Caller frees. */
static char *comparison_key(const char *name)
{
    char *copy = ck_strdup(name ? name : "");
    utf8proc_uint8_t *mapped = NULL;
    ck_data_trim(copy);
    if (utf8proc_map((const utf8proc_uint8_t *)copy, 0, &mapped,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                         UTF8PROC_CASEFOLD) < 0) {
        /* Not valid UTF-8: compare the bytes as they are. */
        return copy;
    }
    free(copy);
    copy = ck_strdup((const char *)mapped);
    free(mapped);
    strip_note(copy);
    return copy;
}

/* True when key (a comparison key) is the field's name or one of its aliases. */
static int names_match(const ck_field_def *field, const char *key)
{
    char *k = comparison_key(field->name);
    int same = strcmp(k, key) == 0;
    free(k);
    for (size_t a = 0; !same && field->aliases && field->aliases[a]; a++) {
        k = comparison_key(field->aliases[a]);
        same = strcmp(k, key) == 0;
        free(k);
    }
    return same;
}

const char *ck_header_suggest(const char *name, const ck_field_def *fields, size_t field_count)
{
    int32_t points[CK_TEXT_MAX_POINTS];
    char *key = comparison_key(name);
    size_t len = ck_text_code_points(key, points, CK_TEXT_MAX_POINTS);
    /* A plausible typo changes about a third of a name: one character of
     * a 2-4 character Chinese header, two of 電子郵件地址. */
    size_t limit = len <= 4 ? 1 : (len + 2) / 3;
    size_t best = (size_t)-1;
    const char *found = NULL;

    for (size_t f = 0; f < field_count; f++) {
        for (size_t a = 0;; a++) {
            const char *candidate = a == 0 ? fields[f].name : fields[f].aliases ? fields[f].aliases[a - 1] : NULL;
            char *ck;
            size_t d;
            if (!candidate)
                break;
            ck = comparison_key(candidate);
            d = ck_text_edit_distance(key, ck);
            free(ck);
            if (d < best) {
                best = d;
                found = fields[f].name;
            }
        }
    }
    free(key);
    return best <= limit ? found : NULL;
}

/* Columns a spreadsheet carries for its own bookkeeping, never a form's
 * field: ignored with a note (docs/data.md lists them; a template adds its
 * own with ignore_columns: in its front matter). */
static const char *const bookkeeping_columns[] = {
    "序號", "編號", "項次", "流水號", "備註", "說明", "部門", "單位", "No", "No.", "#", NULL
};

static int in_list(const char *const *list, const char *key)
{
    for (size_t i = 0; list && list[i]; i++) {
        char *k = comparison_key(list[i]);
        int same = strcmp(k, key) == 0;
        free(k);
        if (same)
            return 1;
    }
    return 0;
}

/* Appends 「name」 (with its suggestion when one is close) to msg. */
static void add_unknown(ck_buf *msg, const char *name, const ck_field_def *fields, size_t field_count)
{
    const char *suggestion = ck_header_suggest(name, fields, field_count);
    char *shown = ck_data_trim(ck_strdup(name));
    if (msg->len)
        ck_buf_puts(msg, ck_tr("、", ", "));
    if (suggestion)
        ck_buf_printf(msg, ck_tr("「%s」（是否要用「%s」？）", "'%s' (did you mean '%s'?)"), shown, suggestion);
    else
        ck_buf_printf(msg, ck_tr("「%s」", "'%s'"), shown);
    free(shown);
}

int ck_header_match(const char *const *names, size_t count, const ck_field_def *fields, size_t field_count,
                    const char *const *ignore, int *field_of, ck_error *err)
{
    ck_buf unknown = CK_BUF_INIT;
    size_t unknown_count = 0;
    const char *only_unknown = NULL;
    int rc = 0;

    for (size_t i = 0; i < count; i++) {
        char *key = comparison_key(names[i]);
        field_of[i] = -1;
        if (key[0]) {
            for (size_t f = 0; f < field_count; f++) {
                if (names_match(&fields[f], key)) {
                    field_of[i] = (int)f;
                    break;
                }
            }
            if (field_of[i] < 0 && (in_list(bookkeeping_columns, key) || in_list(ignore, key)))
                field_of[i] = CK_HEADER_IGNORED;
        }
        if (key[0] && field_of[i] == -1) {
            add_unknown(&unknown, names[i], fields, field_count);
            only_unknown = names[i];
            unknown_count++;
        }
        free(key);
        for (size_t j = 0; j < i && field_of[i] >= 0; j++) {
            if (field_of[j] == field_of[i]) {
                char *first = ck_data_trim(ck_strdup(names[j]));
                char *second = ck_data_trim(ck_strdup(names[i]));
                rc = ck_error_set(err, CK_EDATA,
                                  ck_tr("欄位「%s」與「%s」都是「%s」；請只保留一欄",
                                        "columns '%s' and '%s' are both '%s'; keep only one of them"),
                                  first, second, fields[field_of[i]].name);
                free(first);
                free(second);
                goto done;
            }
        }
    }
    if (unknown_count == 1) {
        const char *suggestion = ck_header_suggest(only_unknown, fields, field_count);
        char *shown = ck_data_trim(ck_strdup(only_unknown));
        if (suggestion)
            rc = ck_error_set(err, CK_EDATA,
                              ck_tr("欄位「%s」不是此表單的欄位；是否要用「%s」？",
                                    "column '%s' is not a field of this form; did you mean '%s'?"),
                              shown, suggestion);
        else
            rc = ck_error_set(err, CK_EDATA,
                              ck_tr("欄位「%s」不是此表單的欄位；請改用表單的欄位名稱或刪除此欄",
                                    "column '%s' is not a field of this form; rename it to one of the "
                                    "form's fields or delete it"),
                              shown);
        free(shown);
    } else if (unknown_count > 1) {
        rc = ck_error_set(err, CK_EDATA,
                          ck_tr("%zu 個欄位不是此表單的欄位：%s；請改用表單的欄位名稱或刪除這些欄",
                                "%zu columns are not fields of this form: %s; rename them to the form's fields "
                                "or delete them"),
                          unknown_count, unknown.data);
    }
done:
    ck_buf_free(&unknown);
    return rc;
}
