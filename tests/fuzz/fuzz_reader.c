/* fuzz_reader — libFuzzer harness: any bytes, read as a contract file. The
 * reader must return a document or an error, never crash, hang or leak. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "model/document.h"
#include "reader/reader.h"
#include "xml/xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int fd = -1;
    char path[64];
    ck_document *doc = NULL;
    ck_error err;

    if (fd < 0) {
        ck_xml_init();
        fd = memfd_create("fuzz-input", 0);
        if (fd < 0)
            return 0;
    }
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        return 0;
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    ck_error_clear(&err);
    if (ck_reader_read(path, NULL, &doc, &err) == 0)
        ck_document_free(doc);
    return 0;
}
