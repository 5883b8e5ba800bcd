/* fs.h — questions about paths, and reading a whole input file.
 *
 * Writing outputs is file.h's: files that appear whole or not at all.
 */
#ifndef CK_FS_H
#define CK_FS_H

#include <stddef.h>

#include "util/error.h"

struct ck_buf;

/* True when path names a folder (a link to one counts). */
int ck_fs_is_dir(const char *path);

/* True when path's name ends with ext (".docx"), case aside, and has
 * something before it. */
int ck_fs_has_extension(const char *path, const char *ext);

/* Reads the whole file at path into out (cleared first; NUL-terminated).
 * what names the file in messages, in the current language ("規則套件",
 * "the rule pack"). A file larger than max_bytes is CK_ELIMIT; one that
 * cannot be opened or read is CK_EIO (the message says why). err names
 * path. On failure out is empty. */
int ck_fs_read_all(const char *path, size_t max_bytes, const char *what, struct ck_buf *out, ck_error *err);

#endif
