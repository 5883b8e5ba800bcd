/* build.h — zip archives written directly, for many small packages.
 *
 * `clausekit forms` writes thousands of packages that differ in one part:
 * the parts every form shares are compressed once (ck_zip_entry) and their
 * bytes reused in every package, and each package is built in memory
 * (ck_buf) or streamed to a file as entries come, so a --zip of a roster
 * holds only its central directory in memory. One deflate stream is reset
 * between entries rather than set up again for each.
 *
 * The archives are plain zip: no zip64 (each archive stays under 4 GiB and
 * 65,535 entries, or the add fails with a message), names in UTF-8 (flag
 * bit 11), a fixed time on every entry so the same input gives the same
 * bytes. Reading goes through container.h as for any other package.
 */
#ifndef CK_ZIP_BUILD_H
#define CK_ZIP_BUILD_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/error.h"

/* An entry's bytes as they are stored in an archive. */
typedef struct ck_zip_entry {
    int deflated;              /* 1: deflated, 0: stored */
    uint32_t crc;              /* CRC-32 of the uncompressed bytes */
    uint64_t size;             /* uncompressed */
    unsigned char *data;       /* as stored, data_len bytes (owned) */
    size_t data_len;
} ck_zip_entry;

/* Compresses len bytes of data into e (store: 1 keeps them as they are).
 * Free with ck_zip_entry_free; a zeroed entry is safe to free. */
int ck_zip_entry_make(ck_zip_entry *e, const void *data, size_t len, int store, ck_error *err);
void ck_zip_entry_free(ck_zip_entry *e);

/* Where an archive's bytes go: returns 0 or a negative code with err set. */
typedef int (*ck_zip_sink)(void *ctx, const void *data, size_t len, ck_error *err);

typedef struct ck_zip_build {
    ck_zip_sink sink;
    void *ctx;
    uint64_t offset;           /* bytes written so far */
    size_t count;              /* entries so far */
    ck_buf central;            /* the central directory so far */
} ck_zip_build;

/* Starts an archive whose bytes go to sink. */
void ck_zip_build_init(ck_zip_build *b, ck_zip_sink sink, void *ctx);
/* Appends entry name with e's bytes (e stays the caller's). */
int ck_zip_build_add(ck_zip_build *b, const char *name, const ck_zip_entry *e, ck_error *err);
/* Compresses data (unless store) and appends it as name. */
int ck_zip_build_add_data(ck_zip_build *b, const char *name, const void *data, size_t len, int store,
                          ck_error *err);
/* Writes the central directory and the end record. */
int ck_zip_build_finish(ck_zip_build *b, ck_error *err);
/* Frees what b holds (after finish, or to give up). */
void ck_zip_build_free(ck_zip_build *b);

/* A sink appending to the ck_buf ctx. */
int ck_zip_sink_buf(void *ctx, const void *data, size_t len, ck_error *err);

#endif
