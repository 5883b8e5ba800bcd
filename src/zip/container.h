/* container.h — the zip layer shared by the readers and the writers.
 *
 * Reading: a package is opened with consistency checks (ZIP_CHECKCONS),
 * its entry names are checked (no duplicates), and every byte inflated is
 * counted against limits on entry size, total size and compression ratio,
 * so a zip bomb is stopped whatever its headers claim. Entry names are only
 * ever used as names inside the package, never as file system paths.
 *
 * Before libzip sees a file, its first bytes are sniffed so that an empty
 * file, a legacy Word 97-2003 document and a password-protected Office file
 * (both OLE compound files) each get their own message.
 *
 * Writing: entries are added from memory or copied raw (compressed bytes
 * untouched) from an open package; the archive appears at its path only
 * when committed, through a temporary file and a rename.
 */
#ifndef CK_ZIP_CONTAINER_H
#define CK_ZIP_CONTAINER_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "util/error.h"

typedef struct ck_zip ck_zip;
typedef struct ck_zip_stream ck_zip_stream;
typedef struct ck_zip_writer ck_zip_writer;

typedef struct ck_zip_limits {
    uint64_t max_entries;      /* entries in the central directory */
    uint64_t max_entry_bytes;  /* inflated bytes of one entry */
    uint64_t max_total_bytes;  /* inflated bytes read from the whole package */
    uint64_t max_ratio;        /* inflated / compressed, checked past ratio_floor */
    uint64_t ratio_floor;      /* bytes an entry may inflate before the ratio applies */
} ck_zip_limits;

/* The largest part a contract has: the 300-page benchmark contract's
 * document.xml is 42 MB and real contracts stay under 10 MB, so a part that
 * inflates past 256 MiB is not a contract (docs/reader.md, "Limits"). */
#define CK_ZIP_MAX_PART_MB 256
/* Real parts deflate 5 to 40 times; deflate cannot pass about 1032. */
#define CK_ZIP_MAX_RATIO 250

/* Defaults: 10,000 entries, CK_ZIP_MAX_PART_MB per entry and twice that in
 * total, ratio CK_ZIP_MAX_RATIO past the first 1 MiB of an entry, measured
 * against the compressed bytes consumed so far (not the headers). */
void ck_zip_limits_default(ck_zip_limits *limits);

/* Opens path for reading. limits may be NULL for the defaults. On failure
 * *out is NULL and err names the file and what to do. Caller owns *out. */
int ck_zip_open(ck_zip **out, const char *path, const ck_zip_limits *limits, ck_error *err);
void ck_zip_close(ck_zip *zip);

const char *ck_zip_path(const ck_zip *zip);
size_t ck_zip_count(const ck_zip *zip);
/* Name of entry i (owned by zip). */
const char *ck_zip_name(const ck_zip *zip, size_t i);
/* Index of the entry with this exact name, or -1. */
long ck_zip_find(const ck_zip *zip, const char *name);
/* The same, ignoring ASCII case (OPC part names are case-insensitive). */
long ck_zip_find_nocase(const ck_zip *zip, const char *name);

/* Reads a whole entry into a NUL-terminated buffer the caller frees.
 * max_bytes caps this read (0: the entry limit). */
int ck_zip_read(ck_zip *zip, const char *name, size_t max_bytes, char **data, size_t *len,
                ck_error *err);

/* Streams an entry. read returns bytes read (0 at the end) or a negative
 * code with err set when a limit is crossed or the data is corrupt. */
int ck_zip_stream_open(ck_zip *zip, const char *name, ck_zip_stream **out, ck_error *err);
long ck_zip_stream_read(ck_zip_stream *stream, void *buf, size_t size, ck_error *err);
void ck_zip_stream_close(ck_zip_stream *stream);

/* ---- writing --------------------------------------------------------------- */

/* Starts an archive that will appear at path on commit. Caller owns *out and
 * must commit or abort it. */
int ck_zip_writer_open(ck_zip_writer **out, const char *path, ck_error *err);
/* Starts an archive built in memory, its bytes handed over by
 * ck_zip_writer_commit_memory (append to out; frees w). */
int ck_zip_writer_open_memory(ck_zip_writer **out, ck_error *err);
struct ck_buf;
int ck_zip_writer_commit_memory(ck_zip_writer *w, struct ck_buf *out, ck_error *err);
/* Adds an entry read from file (from its start) when the archive is
 * written; takes ownership of file, which is closed then, or now on error. */
int ck_zip_writer_add_stream(ck_zip_writer *w, const char *name, FILE *file, int store, ck_error *err);
/* Adds an entry; the data is copied. store: 1 to store uncompressed (ODF's
 * mimetype entry), 0 to deflate. Entries keep the order they are added in. */
int ck_zip_writer_add(ck_zip_writer *w, const char *name, const void *data, size_t len, int store,
                      ck_error *err);
/* Adds an entry and takes ownership of data (a malloc'd buffer). */
int ck_zip_writer_add_owned(ck_zip_writer *w, const char *name, void *data, size_t len, int store,
                            ck_error *err);
/* Copies an entry of src as it is stored: compressed bytes are not re-encoded. */
int ck_zip_writer_copy_raw(ck_zip_writer *w, ck_zip *src, const char *name, ck_error *err);
/* Writes the archive and renames it into place. Frees w. */
int ck_zip_writer_commit(ck_zip_writer *w, ck_error *err);
/* Discards everything; nothing appears at the path. Frees w. NULL is a no-op. */
void ck_zip_writer_abort(ck_zip_writer *w);

#endif
