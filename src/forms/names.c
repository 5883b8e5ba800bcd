/* names.c — output file names that are safe on Windows and Linux. */
#include "forms/forms.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/ids.h"
#include "util/lang.h"
#include "util/text.h"

static int is_trim_char(const char *s, size_t len, size_t *width)
{
    if (len >= 1 && (s[0] == ' ' || s[0] == '.'))
        return *width = 1, 1;
    if (len >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0) /* U+3000 */
        return *width = 3, 1;
    return 0;
}

/* Removes dots and spaces (ASCII and full-width) at both ends of b. */
static void trim_ends(ck_buf *b)
{
    size_t start = 0, w;

    while (start < b->len && is_trim_char(b->data + start, b->len - start, &w))
        start += w;
    if (start) {
        memmove(b->data, b->data + start, b->len - start);
        ck_buf_truncate(b, b->len - start);
    }
    for (;;) {
        if (b->len >= 1 && (b->data[b->len - 1] == ' ' || b->data[b->len - 1] == '.'))
            ck_buf_truncate(b, b->len - 1);
        else if (b->len >= 3 && memcmp(b->data + b->len - 3, "\xE3\x80\x80", 3) == 0)
            ck_buf_truncate(b, b->len - 3);
        else
            break;
    }
}

static int is_device_name(const char *s)
{
    static const char *const devices[] = { "CON", "PRN", "AUX", "NUL", NULL };
    size_t len = strcspn(s, ".");

    while (len > 0 && s[len - 1] == ' ')
        len--;
    for (int i = 0; devices[i]; i++)
        if (len == 3 && strncasecmp(s, devices[i], 3) == 0)
            return 1;
    if (len == 4 && (strncasecmp(s, "COM", 3) == 0 || strncasecmp(s, "LPT", 3) == 0) && s[3] >= '1' &&
        s[3] <= '9')
        return 1;
    return 0;
}

void ck_forms_safe_name(const char *name, const char *fallback, ck_buf *out)
{
    ck_buf b = CK_BUF_INIT;
    const unsigned char *s = (const unsigned char *)(name ? name : "");
    size_t len = strlen((const char *)s), i = 0;

    ck_buf_puts(&b, "");
    while (i < len) {
        int32_t cp;
        size_t n = ck_text_utf8_next((const char *)s + i, len - i, &cp);
        if (n == 0) { /* invalid UTF-8: dropped */
            i++;
            continue;
        }
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029) {
            /* control characters: dropped */
        } else if (cp < 0x80 && strchr("/\\:*?\"<>|", (int)cp)) {
            ck_buf_putc(&b, '_');
        } else if (cp == '.' && b.len && b.data[b.len - 1] == '.') {
            /* ".." never reaches the file system */
        } else {
            ck_buf_append(&b, s + i, n);
        }
        i += n;
    }
    trim_ends(&b);
    if (b.len > CK_FORMS_NAME_MAX) {
        size_t cut = CK_FORMS_NAME_MAX;
        while (cut > 0 && ((unsigned char)b.data[cut] & 0xC0) == 0x80)
            cut--;
        ck_buf_truncate(&b, cut);
        trim_ends(&b);
    }
    if (b.len == 0 && fallback && fallback != name) {
        ck_buf_free(&b);
        ck_forms_safe_name(fallback, "form", out);
        return;
    }
    if (b.len == 0)
        ck_buf_puts(&b, "form");
    if (is_device_name(b.data))
        ck_buf_putc(out, '_');
    ck_buf_append(out, b.data, b.len);
    ck_buf_free(&b);
}

/* A set of names compared ignoring ASCII case, as Windows compares file
 * names: open addressing over an FNV-1a hash of the folded bytes, so a
 * roster of 10,000 rows is numbered in linear time. */
typedef struct name_set {
    const char **slots;
    size_t cap;
} name_set;

static unsigned long fold_hash(const char *s)
{
    unsigned long h = 2166136261UL;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        h = (h ^ c) * 16777619UL;
    }
    return h;
}

static const char **name_set_slot(name_set *set, const char *name)
{
    size_t i = fold_hash(name) & (set->cap - 1);
    while (set->slots[i] && strcasecmp(set->slots[i], name) != 0)
        i = (i + 1) & (set->cap - 1);
    return &set->slots[i];
}

static int name_set_has(name_set *set, const char *name)
{
    return *name_set_slot(set, name) != NULL;
}

static void name_set_add(name_set *set, const char *name)
{
    const char **slot = name_set_slot(set, name);
    if (!*slot)
        *slot = name;
}

char **ck_forms_unique_names(const char *const *names, size_t count)
{
    char **out = ck_calloc(count ? count : 1, sizeof *out);
    name_set given = { NULL, 16 }, taken = { NULL, 16 };
    ck_buf b = CK_BUF_INIT;

    while (given.cap < count * 2 + 2)
        given.cap *= 2;
    taken.cap = given.cap;
    given.slots = ck_calloc(given.cap, sizeof *given.slots);
    taken.slots = ck_calloc(taken.cap, sizeof *taken.slots);
    for (size_t i = 0; i < count; i++)
        name_set_add(&given, names[i]);
    for (size_t i = 0; i < count; i++) {
        if (!name_set_has(&taken, names[i])) {
            out[i] = ck_strdup(names[i]);
        } else {
            /* "x-2" may be a later row's own name: never hand it out twice */
            for (unsigned long n = 2;; n++) {
                ck_buf_clear(&b);
                ck_buf_printf(&b, "%s-%lu", names[i], n);
                if (!name_set_has(&taken, b.data) && !name_set_has(&given, b.data))
                    break;
            }
            out[i] = ck_strdup(b.data);
        }
        name_set_add(&taken, out[i]);
    }
    free(given.slots);
    free(taken.slots);
    ck_buf_free(&b);
    return out;
}

void ck_forms_names_free(char **names, size_t count)
{
    if (!names)
        return;
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

/* ---- names from a --name pattern ------------------------------------------- */

/* Expands a --name pattern for one record into raw (unsafe) text. Identity
 * numbers are masked: a file name is shown in listings and logs. */
int ck_forms_expand_name(const ck_template *t, const char *pattern, const ck_value *record, size_t index,
                          ck_buf *out, ck_error *err)
{
    const char *p = pattern;

    while (*p) {
        const char *open = strstr(p, "{{"), *close;
        char *inner, *bar, *value = NULL;
        const ck_template_field *field;
        if (!open) {
            ck_buf_puts(out, p);
            break;
        }
        ck_buf_append(out, p, (size_t)(open - p));
        close = strstr(open + 2, "}}");
        if (!close)
            return ck_error_set(err, CK_EUSAGE, ck_tr("--name 的 {{ 沒有以 }} 結束", "--name: {{ is not closed by }}"));
        inner = ck_strndup(open + 2, (size_t)(close - open - 2));
        bar = strchr(inner, '|');
        if (bar)
            *bar = '\0';
        ck_data_trim(inner);
        field = ck_template_find_field(t, inner);
        if (strcmp(inner, "@index") == 0) {
            ck_buf b = CK_BUF_INIT;
            ck_buf_printf(&b, "%zu", index + 1);
            value = ck_buf_detach(&b);
        } else if (strcmp(inner, "表單編號") == 0 || strcmp(inner, "form") == 0) {
            value = ck_strdup(ck_template_form(t));
        } else if (strcmp(inner, "表單名稱") == 0) {
            value = ck_strdup(ck_template_title(t));
        } else if (field && field->kind != CK_FIELD_CHECKLIST) {
            const ck_value *v = ck_value_get(record, field->name);
            ck_buf b = CK_BUF_INIT;
            ck_buf_puts(&b, "");
            if (v && v->kind == CK_VALUE_STRING)
                ck_buf_puts(&b, v->string);
            for (size_t i = 0; v && v->kind == CK_VALUE_LIST && i < v->count; i++)
                ck_buf_printf(&b, "%s%s", i ? "、" : "", v->items[i]->kind == CK_VALUE_STRING ? v->items[i]->string : "");
            value = ck_buf_detach(&b);
            if (field->kind == CK_FIELD_ID && *value) {
                char masked[128];
                ck_id_mask(value, masked, sizeof masked);
                free(value);
                value = ck_strdup(masked);
            }
        } else {
            size_t count = ck_template_field_count(t);
            ck_field_def *defs = ck_calloc(count ? count : 1, sizeof *defs);
            for (size_t i = 0; i < count; i++)
                defs[i].name = ck_template_field_at(t, i)->name;
            const char *guess = ck_header_suggest(inner, defs, count);
            if (guess)
                ck_error_set(err, CK_EUSAGE,
                             ck_tr("--name 用到表單沒有的欄位「%s」；是否要用「%s」？",
                                   "--name uses '%s', which is not a field of the form (did you mean '%s'?)"),
                             inner, guess);
            else
                ck_error_set(err, CK_EUSAGE,
                             ck_tr("--name 用到表單沒有的欄位「%s」", "--name uses '%s', which is not a field of the form"),
                             inner);
            free(defs);
            free(inner);
            return CK_EUSAGE;
        }
        /* filters after the name: applied as in templates */
        for (char *f = bar ? bar + 1 : NULL; f && *f;) {
            char *next = strchr(f, '|'), *colon, *arg = NULL, *filtered = NULL;
            int rc;
            if (next)
                *next = '\0';
            colon = strchr(f, ':');
            if (colon) {
                *colon = '\0';
                arg = colon + 1;
                ck_data_trim(arg);
                if (*arg == '"' || *arg == '\'') {
                    size_t al = strlen(arg);
                    if (al >= 2 && arg[al - 1] == *arg)
                        arg[al - 1] = '\0';
                    arg++;
                }
            }
            ck_data_trim(f);
            rc = ck_template_apply_filter(f, arg, value, &filtered, err);
            if (rc != 0) {
                free(value);
                free(inner);
                return CK_EUSAGE;
            }
            free(value);
            value = filtered;
            f = next ? next + 1 : NULL;
        }
        /* a number in any field, not only the ID field, stays out of names */
        ck_id_mask_in_text(value, strlen(value));
        ck_buf_puts(out, value);
        free(value);
        free(inner);
        p = close + 2;
    }
    return 0;
}

const char *ck_forms_default_pattern(const ck_template *t)
{
    if (ck_template_find_field(t, "姓名"))
        return "{{表單編號}}-{{姓名}}";
    if (ck_template_find_field(t, "公司名稱"))
        return "{{表單編號}}-{{公司名稱}}";
    return "{{表單編號}}-{{@index}}";
}
