/* error.h — errors that carry their place.
 *
 * Every fallible function takes a `ck_error *` and returns 0 or a negative
 * CK_E* code. The message says what is wrong and what to do; the place
 * (file, part inside a package, line, column, roster row) is kept apart so
 * that each layer can add what it knows without overwriting what a lower
 * layer said. ck_error_print() writes the one line a user sees.
 */
#ifndef CK_ERROR_H
#define CK_ERROR_H

#include <stdarg.h>
#include <stdio.h>

enum {
    CK_OK = 0,
    CK_EUSAGE = -1,   /* bad command line */
    CK_EINPUT = -2,   /* the input file is not usable */
    CK_ELIMIT = -3,   /* the input exceeds a safety limit (zip bomb, depth) */
    CK_EIO = -4,      /* the system refused a read or write */
    CK_ENOMEM = -5,   /* out of memory */
    CK_EDATA = -6     /* a rule pack, template or roster is wrong */
};

typedef struct ck_error {
    int code;
    char file[512];    /* the user's file, as they named it */
    char part[256];    /* entry inside a package, e.g. word/document.xml */
    long line;         /* 1-based, 0 when unknown (a roster row for data files) */
    long column;       /* 1-based, 0 when unknown */
    char message[1024];
} ck_error;

/* Clears err. Safe on NULL. */
void ck_error_clear(ck_error *err);

/* Sets code and message (printf format); returns code so callers can
 * `return ck_error_set(err, CK_EINPUT, "...")`. Keeps any place already set.
 * If err already holds an error, the first one wins and is kept. */
int ck_error_set(ck_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
int ck_error_vset(ck_error *err, int code, const char *fmt, va_list ap);

/* Fill in the place, only where it is still empty (lower layers win). */
void ck_error_set_file(ck_error *err, const char *file);
void ck_error_set_part(ck_error *err, const char *part);
void ck_error_set_line(ck_error *err, long line, long column);

/* True when err holds an error. */
int ck_error_is_set(const ck_error *err);

/* Formats "file:part:line:column: message" into buf (always NUL-terminated). */
const char *ck_error_format(const ck_error *err, char *buf, size_t size);

/* Prints "clausekit: <formatted>\n" to stream. */
void ck_error_print(const ck_error *err, FILE *stream);

#endif
