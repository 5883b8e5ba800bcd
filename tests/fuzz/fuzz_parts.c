/* fuzz_parts — libFuzzer harness: one part of a valid package replaced by
 * the fuzzed bytes. Mutating a whole zip mostly breaks its checksums, so the
 * readers' XML handling is reached far more often this way: the first byte
 * picks a sample package and one of its parts (a DOCX's document, styles,
 * numbering, comments, footnotes, relationships; an ODT's content and
 * styles; an XLSX's sheet, shared strings, workbook, styles; an ODS's
 * content), the rest is that part's new text. The package is rebuilt in
 * memory (entries stored, in their original order), written to a memfd and
 * read through the path, as a file would be. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz/fuzz_package.h"

#include "data/data.h"
#include "model/document.h"
#include "reader/reader.h"
#include "xml/xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static package packages[] = {
    { "maintenance-contract.docx", CONTRACT, NULL, 0 },
    { "draft-with-changes.docx", CONTRACT, NULL, 0 },
    { "service-contract.odt", CONTRACT, NULL, 0 },
    { "roster.xlsx", XLSX, NULL, 0 },
    { "roster.ods", ODS, NULL, 0 },
};

/* Selector byte -> package and part; keep in step with the seeds that
 * tests/fuzz/run.sh writes (selector = index in this table). */
static const struct target {
    size_t package;
    const char *part;
} targets[] = {
    { 0, "word/document.xml" },       { 0, "word/styles.xml" },   { 0, "word/numbering.xml" },
    { 0, "word/footnotes.xml" },      { 0, "word/_rels/document.xml.rels" },
    { 0, "[Content_Types].xml" },     { 1, "word/document.xml" }, { 1, "word/comments.xml" },
    { 2, "content.xml" },             { 2, "styles.xml" },        { 2, "META-INF/manifest.xml" },
    { 3, "xl/worksheets/sheet1.xml" }, { 3, "xl/sharedStrings.xml" }, { 3, "xl/workbook.xml" },
    { 3, "xl/styles.xml" },           { 4, "content.xml" },
};
#define TARGET_COUNT (sizeof targets / sizeof targets[0])

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int fd = -1;
    char path[64];
    void *zip_bytes = NULL;
    size_t zip_len = 0;
    const struct target *t;
    const package *p;
    ck_error err;

    if (fd < 0) {
        ck_xml_init();
        for (size_t i = 0; i < sizeof packages / sizeof packages[0]; i++)
            load_package(&packages[i]);
        fd = memfd_create("fuzz-parts", 0);
        if (fd < 0)
            return 0;
    }
    if (size < 1)
        return 0;
    t = &targets[data[0] % TARGET_COUNT];
    p = &packages[t->package];
    if (build(p, t->part, data + 1, size - 1, &zip_bytes, &zip_len) != 0)
        return 0;
    if (ftruncate(fd, 0) != 0 || pwrite(fd, zip_bytes, zip_len, 0) != (ssize_t)zip_len) {
        free(zip_bytes);
        return 0;
    }
    free(zip_bytes);
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    ck_error_clear(&err);
    if (p->kind == CONTRACT) {
        ck_document *doc = NULL;
        if (ck_reader_read(path, NULL, &doc, &err) == 0)
            ck_document_free(doc);
    } else {
        ck_roster *roster = NULL;
        int rc = p->kind == XLSX ? ck_roster_read_xlsx(path, NULL, &roster, &err)
                                 : ck_roster_read_ods(path, NULL, &roster, &err);
        if (rc == 0) {
            for (size_t i = 0; i < roster->row_count; i++)
                ck_value_free(ck_roster_row_value(roster, i));
            ck_roster_free(roster);
        }
    }
    return 0;
}
