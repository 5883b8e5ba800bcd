/* http.c — the small, pure pieces of the server: sizes, addresses, names
 * a client sent, Content-Disposition, error answers. */
#include "serve/serve.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

int ck_serve_parse_size(const char *text, uint64_t *bytes)
{
    char *end;
    unsigned long long n;
    uint64_t unit = 1;

    if (!text || !isdigit((unsigned char)text[0]))
        return -1;
    errno = 0;
    n = strtoull(text, &end, 10);
    if (errno)
        return -1;
    if (*end) {
        switch (toupper((unsigned char)*end)) {
        case 'K': unit = 1024ULL; break;
        case 'M': unit = 1024ULL * 1024; break;
        case 'G': unit = 1024ULL * 1024 * 1024; break;
        default: return -1;
        }
        end++;
        if (*end == 'B' || *end == 'b')
            end++;
        if (*end)
            return -1;
    }
    if (n == 0 || n > (4ULL << 30) / unit)
        return -1;
    *bytes = n * unit;
    return 0;
}

int ck_serve_parse_listen(const char *text, char *host, size_t host_size, unsigned *port)
{
    const char *colon, *p;
    size_t host_len;
    unsigned long n;
    char *end;

    if (!text || !*text)
        return -1;
    if (text[0] == '[') {
        const char *close = strchr(text, ']');
        if (!close || close[1] != ':')
            return -1;
        host_len = (size_t)(close - text - 1);
        p = text + 1;
        colon = close + 1;
    } else {
        colon = strrchr(text, ':');
        if (!colon || memchr(text, ':', (size_t)(colon - text)))
            return -1;
        host_len = (size_t)(colon - text);
        p = text;
    }
    if (host_len + 1 > host_size)
        return -1;
    if (!isdigit((unsigned char)colon[1]))
        return -1;
    errno = 0;
    n = strtoul(colon + 1, &end, 10);
    if (errno || *end || n > 65535)
        return -1;
    memcpy(host, p, host_len);
    host[host_len] = '\0';
    *port = (unsigned)n;
    return 0;
}

void ck_serve_display_name(const char *client_name, const char *fallback, ck_buf *out)
{
    const char *base = client_name ? client_name : "";
    size_t start = out->len;

    for (const char *p = base; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    for (const unsigned char *p = (const unsigned char *)base; *p;) {
        int32_t c;
        size_t n = ck_text_utf8_next((const char *)p, strlen((const char *)p), &c);
        if (n == 0) {
            p++;
            continue;
        }
        if (n == 1 && (*p < 0x20 || *p == 0x7f)) {
            p++;
            continue;
        }
        if (out->len - start + n > 200)
            break;
        ck_buf_append(out, p, n);
        p += n;
    }
    /* A name of dots only ("..") names nothing. */
    int only_dots = 1;
    for (size_t i = start; i < out->len; i++)
        if (out->data[i] != '.' && out->data[i] != ' ')
            only_dots = 0;
    if (only_dots) {
        ck_buf_truncate(out, start);
        ck_buf_puts(out, fallback);
    }
}

void ck_serve_safe_extension(const char *name, char *ext, size_t size)
{
    const char *dot = name ? strrchr(name, '.') : NULL;
    size_t n = 0;

    if (dot && dot != name && dot[1]) {
        for (const char *p = dot + 1; *p; p++) {
            if (!isalnum((unsigned char)*p) || n >= 8 || n + 1 >= size) {
                n = 0;
                break;
            }
            ext[n++] = (char)tolower((unsigned char)*p);
        }
    }
    if (n == 0) {
        snprintf(ext, size, "bin");
        return;
    }
    ext[n] = '\0';
}

void ck_serve_content_disposition(const char *name, ck_buf *out)
{
    static const char hex[] = "0123456789ABCDEF";

    ck_buf_puts(out, "attachment; filename=\"");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        /* The fallback keeps printable ASCII; anything else (and the quote
         * and backslash, which would need escaping) becomes _. */
        if (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\')
            ck_buf_putc(out, (char)*p);
        else if (*p < 0x80 || (*p & 0xc0) == 0xc0)
            ck_buf_putc(out, '_');
    }
    ck_buf_puts(out, "\"; filename*=UTF-8''");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        /* RFC 5987 attr-char */
        if (isalnum(*p) || strchr("!#$&+-.^_`|~", *p))
            ck_buf_putc(out, (char)*p);
        else {
            ck_buf_putc(out, '%');
            ck_buf_putc(out, hex[*p >> 4]);
            ck_buf_putc(out, hex[*p & 15]);
        }
    }
}

void ck_serve_error_message_json(const char *message, ck_buf *out)
{
    ck_buf_puts(out, "{\"error\": ");
    ck_buf_put_json_str(out, message);
    ck_buf_puts(out, "}\n");
}

/* "name:18: message" -> 18, with *rest at "message"; 0 when the line does
 * not name file_name with a row. */
static long row_of(const char *line, const char *file_name, const char **rest)
{
    size_t n = strlen(file_name);
    char *end;
    long row;

    if (!*file_name || strncmp(line, file_name, n) != 0 || line[n] != ':' || !isdigit((unsigned char)line[n + 1]))
        return 0;
    row = strtol(line + n + 1, &end, 10);
    if (*end != ':' || row <= 0)
        return 0;
    end++;
    while (*end == ' ')
        end++;
    *rest = end;
    return row;
}

void ck_serve_error_json(const char *stderr_text, const char *file_name, ck_buf *out)
{
    const char *p = stderr_text ? stderr_text : "";
    const char *prefix = "clausekit: ";
    ck_buf last = CK_BUF_INIT, rows = CK_BUF_INIT;
    size_t row_count = 0;

    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char *line = ck_strndup(p, len);
        const char *text = line, *rest;
        long row;

        if (strncmp(text, prefix, strlen(prefix)) == 0)
            text += strlen(prefix);
        if (*text) {
            row = row_of(text, file_name, &rest);
            if (row > 0) {
                ck_buf_printf(&rows, "%s{\"row\": %ld, \"error\": ", row_count++ ? ", " : "", row);
                ck_buf_put_json_str(&rows, rest);
                ck_buf_puts(&rows, "}");
            }
            ck_buf_clear(&last);
            ck_buf_puts(&last, text);
        }
        free(line);
        p += len;
        if (*p == '\n')
            p++;
    }
    ck_buf_puts(out, "{\"error\": ");
    ck_buf_put_json_str(out, last.len ? last.data : "clausekit: ?");
    if (row_count)
        ck_buf_printf(out, ", \"rows\": [%s]", rows.data);
    ck_buf_puts(out, "}\n");
    ck_buf_free(&last);
    ck_buf_free(&rows);
}

char *ck_serve_replace(const char *text, const char *from, const char *to)
{
    ck_buf b = CK_BUF_INIT;
    size_t n = strlen(from);
    const char *p = text, *hit;

    ck_buf_puts(&b, "");
    if (n == 0) {
        ck_buf_puts(&b, text);
        return ck_buf_detach(&b);
    }
    while ((hit = strstr(p, from)) != NULL) {
        ck_buf_append(&b, p, (size_t)(hit - p));
        ck_buf_puts(&b, to);
        p = hit + n;
    }
    ck_buf_puts(&b, p);
    return ck_buf_detach(&b);
}
