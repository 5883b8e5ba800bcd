/* fuzz_sheet — libFuzzer harness: any bytes as an XLSX and as an ODS roster,
 * read through a memfd path as a file would be. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "data/data.h"
#include "xml/xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef int (*sheet_reader)(const char *, const ck_data_options *, ck_roster **, ck_error *);

static void read_one(sheet_reader reader, const char *path)
{
    ck_roster *roster = NULL;
    ck_error err;

    ck_error_clear(&err);
    if (reader(path, NULL, &roster, &err) != 0)
        return;
    for (size_t i = 0; i < roster->row_count; i++)
        ck_value_free(ck_roster_row_value(roster, i));
    ck_roster_free(roster);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int fd = -1;
    char path[64];

    if (fd < 0) {
        ck_xml_init();
        fd = memfd_create("fuzz-sheet", 0);
        if (fd < 0)
            return 0;
    }
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        return 0;
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    read_one(ck_roster_read_xlsx, path);
    read_one(ck_roster_read_ods, path);
    return 0;
}
