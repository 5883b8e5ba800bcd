#include "util/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/lang.h"

static ck_file_out *open_outputs;

static void unlist(ck_file_out *out)
{
    for (ck_file_out **p = &open_outputs; *p; p = &(*p)->next_open) {
        if (*p == out) {
            *p = out->next_open;
            return;
        }
    }
}

void ck_file_remove_temporaries(void)
{
    for (ck_file_out *o = open_outputs; o; o = o->next_open)
        if (o->tmp_path)
            unlink(o->tmp_path);
}

static int failed(ck_error *err, const char *path, int code)
{
    ck_error_set(err, CK_EIO,
                 ck_tr("無法寫入檔案（%s）；請確認資料夾存在、可寫入且磁碟有空間",
                       "cannot write the file (%s); check that the folder exists, is writable and has space"),
                 ck_strerror(code));
    ck_error_set_file(err, path);
    return CK_EIO;
}

static void finish(ck_file_out *out)
{
    unlist(out);
    if (out->fd >= 0)
        close(out->fd);
    free(out->path);
    free(out->tmp_path);
    memset(out, 0, sizeof *out);
    out->fd = -1;
}

int ck_file_out_open(ck_file_out *out, const char *path, ck_error *err)
{
    struct stat st;

    memset(out, 0, sizeof *out);
    out->fd = -1;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return failed(err, path, EISDIR);
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        out->fd = open(path, O_WRONLY | O_TRUNC);
        if (out->fd < 0)
            return failed(err, path, errno);
        out->path = ck_strdup(path);
        return 0;
    }
    ck_buf tmp = CK_BUF_INIT;
    const char *slash = strrchr(path, '/');
    if (slash)
        ck_buf_append(&tmp, path, (size_t)(slash - path + 1));
    ck_buf_printf(&tmp, ".%s.ck-XXXXXX", slash ? slash + 1 : path);
    out->fd = mkstemp(tmp.data);
    if (out->fd < 0) {
        int code = errno;
        ck_buf_free(&tmp);
        return failed(err, path, code);
    }
    out->path = ck_strdup(path);
    out->tmp_path = ck_buf_detach(&tmp);
    out->next_open = open_outputs;
    open_outputs = out;
    return 0;
}

int ck_file_out_write(ck_file_out *out, const void *data, size_t len, ck_error *err)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(out->fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return failed(err, out->path, n < 0 ? errno : EIO);
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int ck_file_out_commit(ck_file_out *out, ck_error *err)
{
    int rc = 0;

    if (out->tmp_path) {
        /* mkstemp made the file 0600; give it the mode a new file would have. */
        mode_t mask = umask(0);
        umask(mask);
        if (fchmod(out->fd, 0666 & ~mask) != 0)
            rc = failed(err, out->path, errno);
    }
    if (close(out->fd) != 0 && rc == 0)
        rc = failed(err, out->path, errno);
    out->fd = -1;
    if (rc == 0 && out->tmp_path && rename(out->tmp_path, out->path) != 0)
        rc = failed(err, out->path, errno);
    if (rc != 0 && out->tmp_path)
        unlink(out->tmp_path);
    finish(out);
    return rc;
}

void ck_file_out_abort(ck_file_out *out)
{
    if (!out || (!out->path && out->fd <= 0))
        return;
    if (out->tmp_path)
        unlink(out->tmp_path);
    finish(out);
}

int ck_file_write(const char *path, const void *data, size_t len, ck_error *err)
{
    ck_file_out out;
    int rc = ck_file_out_open(&out, path, err);
    if (rc != 0)
        return rc;
    if ((rc = ck_file_out_write(&out, data, len, err)) != 0) {
        ck_file_out_abort(&out);
        return rc;
    }
    return ck_file_out_commit(&out, err);
}
