#include "util/error.h"

#include <string.h>

void ck_error_clear(ck_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

int ck_error_is_set(const ck_error *err)
{
    return err && err->code != 0;
}

int ck_error_vset(ck_error *err, int code, const char *fmt, va_list ap)
{
    if (!err || err->code != 0)
        return err && err->code ? err->code : code;
    err->code = code;
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    return code;
}

int ck_error_set(ck_error *err, int code, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = ck_error_vset(err, code, fmt, ap);
    va_end(ap);
    return rc;
}

static void copy_if_empty(char *dst, size_t size, const char *src)
{
    if (dst[0] == '\0' && src)
        snprintf(dst, size, "%s", src);
}

void ck_error_set_file(ck_error *err, const char *file)
{
    if (err)
        copy_if_empty(err->file, sizeof err->file, file);
}

void ck_error_set_part(ck_error *err, const char *part)
{
    if (err)
        copy_if_empty(err->part, sizeof err->part, part);
}

void ck_error_set_line(ck_error *err, long line, long column)
{
    if (err && err->line == 0) {
        err->line = line;
        err->column = column;
    }
}

const char *ck_error_format(const ck_error *err, char *buf, size_t size)
{
    size_t used = 0;

#define APPEND(...)                                                            \
    do {                                                                       \
        if (used < size) {                                                     \
            int n = snprintf(buf + used, size - used, __VA_ARGS__);            \
            if (n > 0)                                                         \
                used += (size_t)n;                                             \
        }                                                                      \
    } while (0)

    if (size == 0)
        return buf;
    buf[0] = '\0';
    if (!err)
        return buf;
    if (err->file[0])
        APPEND("%s", err->file);
    if (err->part[0])
        APPEND("%s%s", used ? ":" : "", err->part);
    if (err->line > 0) {
        APPEND("%s%ld", used ? ":" : "", err->line);
        if (err->column > 0)
            APPEND(":%ld", err->column);
    }
    APPEND("%s%s", used ? ": " : "", err->message[0] ? err->message : "error");
#undef APPEND
    /* One line, always: a message from a library may carry a newline. */
    for (char *p = buf; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    return buf;
}

void ck_error_print(const ck_error *err, FILE *stream)
{
    char buf[2048];

    fprintf(stream, "clausekit: %s\n", ck_error_format(err, buf, sizeof buf));
}
