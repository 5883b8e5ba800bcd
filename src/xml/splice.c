#include "xml/splice.h"

#include <stdlib.h>
#include <string.h>

void ck_xml_scanner_init(ck_xml_scanner *s, const char *text, size_t len)
{
    s->text = text;
    s->len = len;
    s->pos = 0;
}

const char *ck_xml_find(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, n) == 0)
            return hay + i;
    return NULL;
}

static int is_name_char(char c)
{
    return c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '>' && c != '/' && c != '\0';
}

int ck_xml_scan_next(ck_xml_scanner *s, ck_xml_tag *tag)
{
    const char *t = s->text;

    for (;;) {
        const char *lt = memchr(t + s->pos, '<', s->len - s->pos);
        if (!lt)
            return 0;
        size_t at = (size_t)(lt - t), rest = s->len - at;
        const char *close = NULL;
        size_t skip = 0;

        if (rest >= 4 && memcmp(lt, "<!--", 4) == 0) {
            close = ck_xml_find(lt + 4, rest - 4, "-->");
            skip = 3;
        } else if (rest >= 9 && memcmp(lt, "<![CDATA[", 9) == 0) {
            close = ck_xml_find(lt + 9, rest - 9, "]]>");
            skip = 3;
        } else if (rest >= 2 && (lt[1] == '?' || lt[1] == '!')) {
            close = ck_xml_find(lt + 2, rest - 2, lt[1] == '?' ? "?>" : ">");
            skip = lt[1] == '?' ? 2 : 1;
        }
        if (skip) {
            if (!close)
                return -1;
            s->pos = (size_t)(close - t) + skip;
            continue;
        }

        /* A tag: find its '>' outside quoted attribute values. */
        size_t i = at + 1;
        char quote = 0;
        for (; i < s->len; i++) {
            char c = t[i];
            if (quote) {
                if (c == quote)
                    quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                break;
            }
        }
        if (i >= s->len)
            return -1;
        tag->start = at;
        tag->end = i + 1;
        if (t[at + 1] == '/') {
            tag->type = CK_TAG_END;
            tag->name = t + at + 2;
        } else {
            tag->type = t[i - 1] == '/' ? CK_TAG_EMPTY : CK_TAG_START;
            tag->name = t + at + 1;
        }
        size_t n = 0;
        while (tag->name + n < t + i && is_name_char(tag->name[n]))
            n++;
        tag->name_len = n;
        s->pos = i + 1;
        return 1;
    }
}

int ck_xml_tag_is(const ck_xml_tag *tag, const char *prefix, const char *local)
{
    size_t p = prefix ? strlen(prefix) : 0, l = strlen(local);
    if (p == 0)
        return tag->name_len == l && memcmp(tag->name, local, l) == 0;
    return tag->name_len == p + 1 + l && memcmp(tag->name, prefix, p) == 0 && tag->name[p] == ':' &&
           memcmp(tag->name + p + 1, local, l) == 0;
}

int ck_xml_tag_attr(const char *text, const ck_xml_tag *tag, const char *qname, const char **value,
                    size_t *len)
{
    size_t n = strlen(qname);
    size_t i = (size_t)(tag->name - text) + tag->name_len;

    while (i < tag->end) {
        while (i < tag->end && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
            i++;
        size_t name_start = i;
        while (i < tag->end && text[i] != '=' && text[i] != '>' && text[i] != '/' && text[i] != ' ')
            i++;
        size_t name_len = i - name_start;
        while (i < tag->end && text[i] != '"' && text[i] != '\'' && text[i] != '>')
            i++;
        if (i >= tag->end || text[i] == '>')
            return 0;
        char quote = text[i++];
        size_t value_start = i;
        while (i < tag->end && text[i] != quote)
            i++;
        if (name_len == n && memcmp(text + name_start, qname, n) == 0) {
            *value = text + value_start;
            *len = i - value_start;
            return 1;
        }
        i++;
    }
    return 0;
}

int ck_xml_root_prefix(const char *text, size_t len, const char *uri, char *out, size_t size)
{
    ck_xml_scanner s;
    ck_xml_tag tag;

    ck_xml_scanner_init(&s, text, len);
    if (ck_xml_scan_next(&s, &tag) != 1 || tag.type == CK_TAG_END)
        return 0;
    size_t ulen = strlen(uri);
    size_t i = (size_t)(tag.name - text) + tag.name_len;
    while (i < tag.end) {
        const char *x = ck_xml_find(text + i, tag.end - i, "xmlns");
        if (!x)
            return 0;
        size_t k = (size_t)(x - text) + 5;
        size_t p_start = k, p_len = 0;
        if (text[k] == ':') {
            p_start = k + 1;
            while (p_start + p_len < tag.end && text[p_start + p_len] != '=')
                p_len++;
            k = p_start + p_len;
        }
        while (k < tag.end && text[k] != '"' && text[k] != '\'')
            k++;
        if (k >= tag.end)
            return 0;
        char quote = text[k++];
        const char *v = text + k;
        const char *vend = memchr(v, quote, tag.end - k);
        if (!vend)
            return 0;
        if ((size_t)(vend - v) == ulen && memcmp(v, uri, ulen) == 0 && p_len < size) {
            memcpy(out, text + p_start, p_len);
            out[p_len] = '\0';
            return 1;
        }
        i = (size_t)(vend - text) + 1;
    }
    return 0;
}

static void push(ck_splice_list *list, size_t at, size_t remove, const char *text)
{
    if (list->count == list->capacity) {
        list->capacity = list->capacity ? list->capacity * 2 : 16;
        list->items = ck_realloc(list->items, list->capacity * sizeof *list->items);
    }
    list->items[list->count] = (ck_splice){ at, remove, ck_strdup(text ? text : ""), list->count };
    list->count++;
}

void ck_splice_insert(ck_splice_list *list, size_t at, const char *text)
{
    push(list, at, 0, text);
}

void ck_splice_remove(ck_splice_list *list, size_t at, size_t len)
{
    push(list, at, len, "");
}

static int by_offset(const void *a, const void *b)
{
    const ck_splice *x = a, *y = b;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    /* At one offset: removals after insertions, then in the order given. */
    if ((x->remove != 0) != (y->remove != 0))
        return x->remove ? 1 : -1;
    return x->order < y->order ? -1 : (x->order > y->order);
}

void ck_splice_apply(ck_splice_list *list, const char *text, size_t len, ck_buf *out)
{
    size_t pos = 0;

    qsort(list->items, list->count, sizeof *list->items, by_offset);
    for (size_t i = 0; i < list->count; i++) {
        ck_splice *s = &list->items[i];
        size_t at = s->at < pos ? pos : s->at;
        if (at > len)
            at = len;
        ck_buf_append(out, text + pos, at - pos);
        ck_buf_puts(out, s->insert);
        pos = at + s->remove > len ? len : at + s->remove;
    }
    ck_buf_append(out, text + pos, len - pos);
}

void ck_splice_list_free(ck_splice_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].insert);
    free(list->items);
    list->items = NULL;
    list->count = list->capacity = 0;
}
