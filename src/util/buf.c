#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(void)
{
    fputs("clausekit: out of memory\n", stderr);
    abort();
}

void *ck_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *ck_calloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *ck_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        out_of_memory();
    return q;
}

char *ck_strndup(const char *s, size_t n)
{
    char *p = ck_malloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *ck_strdup(const char *s)
{
    return s ? ck_strndup(s, strlen(s)) : NULL;
}

void ck_buf_grow(ck_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap * 2;
    b->data = ck_realloc(b->data, cap);
    b->cap = cap;
}

void ck_buf_append(ck_buf *b, const void *data, size_t len)
{
    ck_buf_grow(b, len);
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void ck_buf_puts(ck_buf *b, const char *s)
{
    ck_buf_append(b, s, strlen(s));
}

void ck_buf_putc(ck_buf *b, char c)
{
    ck_buf_append(b, &c, 1);
}

void ck_buf_printf(ck_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    ck_buf_grow(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

static void put_escaped(ck_buf *b, const char *s, size_t len, int html)
{
    size_t start = 0;

    ck_buf_grow(b, len);
    for (size_t i = 0; i < len; i++) {
        const char *rep = NULL;
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = html ? "&#39;" : "&apos;"; break;
        default:
            /* XML 1.0 forbids most C0 controls; drop them rather than emit
             * a file Word refuses to open. */
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                rep = "";
            break;
        }
        if (rep) {
            ck_buf_append(b, s + start, i - start);
            ck_buf_puts(b, rep);
            start = i + 1;
        }
    }
    ck_buf_append(b, s + start, len - start);
}

void ck_buf_put_xml(ck_buf *b, const char *s, size_t len)
{
    put_escaped(b, s, len, 0);
}

void ck_buf_put_html(ck_buf *b, const char *s, size_t len)
{
    put_escaped(b, s, len, 1);
}

void ck_buf_put_json(ck_buf *b, const char *s, size_t len)
{
    ck_buf_putc(b, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': ck_buf_puts(b, "\\\""); break;
        case '\\': ck_buf_puts(b, "\\\\"); break;
        case '\n': ck_buf_puts(b, "\\n"); break;
        case '\r': ck_buf_puts(b, "\\r"); break;
        case '\t': ck_buf_puts(b, "\\t"); break;
        default:
            if (c < 0x20)
                ck_buf_printf(b, "\\u%04x", c);
            else
                ck_buf_putc(b, (char)c);
        }
    }
    ck_buf_putc(b, '"');
}

void ck_buf_put_json_str(ck_buf *b, const char *s)
{
    if (s)
        ck_buf_put_json(b, s, strlen(s));
    else
        ck_buf_puts(b, "null");
}

void ck_buf_put_json_bilingual(ck_buf *b, const char *zh, const char *en, int compact)
{
    ck_buf_puts(b, compact ? "{\"zh\":" : "{\"zh\": ");
    ck_buf_put_json_str(b, zh);
    ck_buf_puts(b, compact ? ",\"en\":" : ", \"en\": ");
    ck_buf_put_json_str(b, en);
    ck_buf_putc(b, '}');
}

void ck_buf_truncate(ck_buf *b, size_t len)
{
    if (len < b->len) {
        b->len = len;
        b->data[len] = '\0';
    }
}

void ck_buf_clear(ck_buf *b)
{
    ck_buf_truncate(b, 0);
}

char *ck_buf_detach(ck_buf *b)
{
    char *p = b->data ? b->data : ck_strdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void ck_buf_free(ck_buf *b)
{
    if (!b)
        return;
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
