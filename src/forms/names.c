/* names.c — output file names that are safe on Windows and Linux. */
#include "forms/forms.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
