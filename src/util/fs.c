/* fs.c — see fs.h. */
#include "util/fs.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "util/buf.h"
#include "util/lang.h"

int ck_fs_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int ck_fs_has_extension(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    return n > e && strcasecmp(path + n - e, ext) == 0;
}

int ck_fs_read_all(const char *path, size_t max_bytes, const char *what, ck_buf *out, ck_error *err)
{
    FILE *f = fopen(path, "rb");
    char chunk[65536];
    size_t n;
    int rc = 0;

    ck_buf_clear(out);
    if (!f) {
        ck_error_set_file(err, path);
        return ck_error_set(err, CK_EIO, ck_tr("無法開啟%s：%s", "cannot open %s: %s"),
                            what, ck_strerror(errno));
    }
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (out->len + n > max_bytes) {
            ck_error_set_file(err, path);
            rc = ck_error_set(err, CK_ELIMIT, ck_tr("%s超過 %zu MiB；請分成較小的檔案", "%s is larger than %zu MiB; split it"),
                              what, max_bytes / (1024 * 1024));
            break;
        }
        ck_buf_append(out, chunk, n);
    }
    if (!rc && ferror(f)) {
        ck_error_set_file(err, path);
        rc = ck_error_set(err, CK_EIO, ck_tr("無法讀取%s：%s", "cannot read %s: %s"), what, ck_strerror(errno));
    }
    fclose(f);
    if (rc)
        ck_buf_clear(out);
    else
        ck_buf_puts(out, "");
    return rc;
}
