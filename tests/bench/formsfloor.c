/* formsfloor.c — the floor `clausekit forms` is measured against: writing
 * COUNT files into DIR, each a zip holding one deflated document.xml (the
 * bytes of the file DOCUMENT), and nothing else: no template, no data, no
 * other part, no staging.
 *
 * usage: formsfloor DOCUMENT DIR COUNT
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "zip/build.h"

static int write_all(void *ctx, const void *data, size_t len, ck_error *err)
{
    int fd = *(int *)ctx;
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return ck_error_set(err, CK_EIO, "write: %s", strerror(errno));
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int main(int argc, char **argv)
{
    ck_buf doc = CK_BUF_INIT;
    char chunk[65536], path[4096];
    size_t n;
    long count;
    FILE *f;
    ck_error err;

    if (argc != 4 || (count = strtol(argv[3], NULL, 10)) < 1) {
        fprintf(stderr, "usage: formsfloor DOCUMENT DIR COUNT\n");
        return 2;
    }
    if (!(f = fopen(argv[1], "rb"))) {
        perror(argv[1]);
        return 2;
    }
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        ck_buf_append(&doc, chunk, n);
    fclose(f);
    mkdir(argv[2], 0777);
    ck_error_clear(&err);
    for (long i = 0; i < count; i++) {
        ck_zip_build zip;
        int fd, rc;
        snprintf(path, sizeof path, "%s/%ld.docx", argv[2], i);
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
        if (fd < 0) {
            perror(path);
            return 1;
        }
        ck_zip_build_init(&zip, write_all, &fd);
        rc = ck_zip_build_add_data(&zip, "word/document.xml", doc.data, doc.len, 0, &err);
        if (rc == 0)
            rc = ck_zip_build_finish(&zip, &err);
        ck_zip_build_free(&zip);
        if (close(fd) != 0 || rc != 0) {
            fprintf(stderr, "%s: %s\n", path, err.message);
            return 1;
        }
    }
    ck_buf_free(&doc);
    return 0;
}
