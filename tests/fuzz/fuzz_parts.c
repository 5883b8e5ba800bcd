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
#include <zip.h>

#include "data/data.h"
#include "model/document.h"
#include "reader/reader.h"
#include "xml/xml.h"

#ifndef CK_FUZZ_TOP
#error "build with -DCK_FUZZ_TOP=\"/path/to/checkout\" (tests/fuzz/run.sh does)"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum kind { CONTRACT, XLSX, ODS };

typedef struct entry {
    char *name;
    void *data;
    size_t len;
} entry;

typedef struct package {
    const char *file; /* under samples/ */
    enum kind kind;
    entry *entries;
    size_t count;
} package;

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

static void load_package(package *p)
{
    char path[4096];
    zip_t *z;

    snprintf(path, sizeof path, "%s/samples/%s", CK_FUZZ_TOP, p->file);
    z = zip_open(path, ZIP_RDONLY, NULL);
    if (!z) {
        fprintf(stderr, "fuzz_parts: cannot open %s\n", path);
        abort();
    }
    p->count = (size_t)zip_get_num_entries(z, 0);
    p->entries = calloc(p->count, sizeof *p->entries);
    for (size_t i = 0; i < p->count; i++) {
        zip_stat_t st;
        zip_file_t *f;
        entry *e = &p->entries[i];
        if (zip_stat_index(z, i, 0, &st) != 0 || !(f = zip_fopen_index(z, i, 0)))
            abort();
        e->name = strdup(st.name);
        e->len = (size_t)st.size;
        e->data = malloc(e->len ? e->len : 1);
        if (zip_fread(f, e->data, e->len) != (zip_int64_t)e->len)
            abort();
        zip_fclose(f);
    }
    zip_close(z);
}

/* The package with part replaced, as zip bytes in *out (caller frees).
 * Returns 0, or -1 when libzip fails (then nothing is read). */
static int build(const package *p, const char *part, const uint8_t *data, size_t size,
                 void **out, size_t *out_len)
{
    zip_error_t ze;
    zip_source_t *mem;
    zip_t *z;
    zip_stat_t st;
    int rc = -1;

    zip_error_init(&ze);
    mem = zip_source_buffer_create(NULL, 0, 0, &ze);
    if (!mem)
        goto done;
    zip_source_keep(mem);
    z = zip_open_from_source(mem, ZIP_TRUNCATE, &ze);
    if (!z) {
        zip_source_free(mem);
        goto done;
    }
    for (size_t i = 0; i < p->count; i++) {
        const entry *e = &p->entries[i];
        int replaced = strcmp(e->name, part) == 0;
        zip_source_t *s = replaced ? zip_source_buffer(z, data, size, 0)
                                   : zip_source_buffer(z, e->data, e->len, 0);
        zip_int64_t index;
        if (!s)
            break;
        if (e->name[0] && e->name[strlen(e->name) - 1] == '/') {
            zip_source_free(s);
            index = zip_dir_add(z, e->name, 0);
        } else if ((index = zip_file_add(z, e->name, s, 0)) < 0) {
            zip_source_free(s);
        }
        if (index >= 0)
            zip_set_file_compression(z, (zip_uint64_t)index, ZIP_CM_STORE, 0);
    }
    if (zip_close(z) != 0) {
        zip_discard(z);
        zip_source_free(mem);
        goto done;
    }
    if (zip_source_stat(mem, &st) == 0 && zip_source_open(mem) == 0) {
        *out_len = (size_t)st.size;
        *out = malloc(*out_len ? *out_len : 1);
        if (zip_source_read(mem, *out, *out_len) == (zip_int64_t)*out_len)
            rc = 0;
        else
            free(*out);
        zip_source_close(mem);
    }
    zip_source_free(mem);
done:
    zip_error_fini(&ze);
    return rc;
}

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
