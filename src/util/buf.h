/* buf.h — a growable byte buffer, always NUL-terminated.
 *
 * Allocation failure aborts: on the machines clausekit serves, running out
 * of memory while building a string means the process cannot do anything
 * useful, and every input is bounded by the zip limits long before that.
 */
#ifndef CK_BUF_H
#define CK_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct ck_buf {
    char *data;   /* NUL-terminated; NULL until the first append */
    size_t len;
    size_t cap;
} ck_buf;

#define CK_BUF_INIT { NULL, 0, 0 }

void ck_buf_grow(ck_buf *b, size_t extra);
void ck_buf_append(ck_buf *b, const void *data, size_t len);
void ck_buf_puts(ck_buf *b, const char *s);
void ck_buf_putc(ck_buf *b, char c);
void ck_buf_printf(ck_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Appends text escaped for XML character data and attribute values. */
void ck_buf_put_xml(ck_buf *b, const char *s, size_t len);
/* Appends text escaped for HTML. */
void ck_buf_put_html(ck_buf *b, const char *s, size_t len);
/* Appends text as a JSON string literal, quotes included. */
void ck_buf_put_json(ck_buf *b, const char *s, size_t len);
/* Appends NUL-terminated s as a JSON string literal, or null when s is NULL. */
void ck_buf_put_json_str(ck_buf *b, const char *s);
/* Appends a text in both languages as the object {"zh": ..., "en": ...},
 * each a string or null (see ck_buf_put_json_str). compact leaves out the
 * spaces after the colons and the comma. */
void ck_buf_put_json_bilingual(ck_buf *b, const char *zh, const char *en, int compact);
void ck_buf_truncate(ck_buf *b, size_t len);
void ck_buf_clear(ck_buf *b);
/* Returns the data (caller owns it, free()) and resets b. Never NULL. */
char *ck_buf_detach(ck_buf *b);
void ck_buf_free(ck_buf *b);

/* Allocation helpers that abort on failure. */
void *ck_malloc(size_t n);
void *ck_calloc(size_t n, size_t size);
void *ck_realloc(void *p, size_t n);
char *ck_strdup(const char *s);
char *ck_strndup(const char *s, size_t n);

#endif
