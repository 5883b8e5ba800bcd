/* file.h — output files that appear whole or not at all.
 *
 * An output is written into a temporary file beside its path (same folder,
 * so the rename cannot cross file systems) and renamed into place when
 * complete; an interrupted or failed write leaves the old file, or nothing.
 * A path that names something other than a regular file — /dev/null,
 * /dev/stdout, a FIFO — is written straight into: renaming over it would
 * replace the device itself.
 *
 * Outputs still open are listed so that a signal handler can remove their
 * temporary files (ck_file_remove_temporaries, which only calls unlink).
 */
#ifndef CK_FILE_H
#define CK_FILE_H

#include <stddef.h>

#include "util/error.h"

typedef struct ck_file_out {
    int fd;
    char *path;
    char *tmp_path;               /* NULL when writing straight into path */
    struct ck_file_out *next_open;
} ck_file_out;

/* Opens path for writing (see above). The folder must exist. On failure err
 * names path and says what to check. */
int ck_file_out_open(ck_file_out *out, const char *path, ck_error *err);
int ck_file_out_write(ck_file_out *out, const void *data, size_t len, ck_error *err);
/* Closes and renames into place; the struct is finished either way. */
int ck_file_out_commit(ck_file_out *out, ck_error *err);
/* Discards the output: the temporary file goes, path is untouched. Safe on
 * a zeroed or finished struct. */
void ck_file_out_abort(ck_file_out *out);

/* The whole of data to path, as above. */
int ck_file_write(const char *path, const void *data, size_t len, ck_error *err);

/* Removes the temporary files of outputs not yet committed. Only calls
 * unlink(), so a signal handler may call it. */
void ck_file_remove_temporaries(void);

#endif
