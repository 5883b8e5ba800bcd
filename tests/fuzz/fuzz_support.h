/* fuzz_support.h — shared by the harnesses. For those that fuzz one part
 * of a sample package (fuzz_parts, fuzz_annotate): the samples' entries
 * read once into memory, the package rebuilt with one part replaced
 * (entries stored, in their original order) and written to a memfd read
 * through its path, as a file would be. For those that match (fuzz_match,
 * fuzz_annotate): the default rule set, loaded once. Static functions, as
 * in tests/support.h: each harness is its own program. */
#ifndef CK_FUZZ_SUPPORT_H
#define CK_FUZZ_SUPPORT_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zip.h>

#include "rules/pack.h"

#ifndef CK_FUZZ_TOP
#error "build with -DCK_FUZZ_TOP=\"/path/to/checkout\" (tests/fuzz/run.sh does)"
#endif

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

/* The samples, and which part the selector byte (first input byte) picks;
 * tests/fuzz/run.sh writes one seed per target, selector = index. The
 * contract targets come first: fuzz_annotate takes only those. */
static __attribute__((unused)) package packages[] = {
    { "maintenance-contract.docx", CONTRACT, NULL, 0 },
    { "draft-with-changes.docx", CONTRACT, NULL, 0 },
    { "service-contract.odt", CONTRACT, NULL, 0 },
    { "roster.xlsx", XLSX, NULL, 0 },
    { "roster.ods", ODS, NULL, 0 },
};

static const struct target {
    size_t package;
    const char *part;
} targets[] __attribute__((unused)) = {
    { 0, "word/document.xml" },       { 0, "word/styles.xml" },   { 0, "word/numbering.xml" },
    { 0, "word/footnotes.xml" },      { 0, "word/_rels/document.xml.rels" },
    { 0, "[Content_Types].xml" },     { 1, "word/document.xml" }, { 1, "word/comments.xml" },
    { 2, "content.xml" },             { 2, "styles.xml" },        { 2, "META-INF/manifest.xml" },
    { 3, "xl/worksheets/sheet1.xml" }, { 3, "xl/sharedStrings.xml" }, { 3, "xl/workbook.xml" },
    { 3, "xl/styles.xml" },           { 4, "content.xml" },
};
#define TARGET_COUNT (sizeof targets / sizeof targets[0])
#define CONTRACT_TARGET_COUNT 11

static __attribute__((unused)) void load_package(package *p)
{
    char path[4096];
    zip_t *z;

    snprintf(path, sizeof path, "%s/samples/%s", CK_FUZZ_TOP, p->file);
    z = zip_open(path, ZIP_RDONLY, NULL);
    if (!z) {
        fprintf(stderr, "fuzz: cannot open %s\n", path);
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
static __attribute__((unused)) int build(const package *p, const char *part, const uint8_t *data, size_t size, void **out,
                 size_t *out_len)
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

/* The package of target with its part replaced by data, written to a memfd
 * whose path goes into path. Returns the package, or NULL when it could not
 * be built (the input is then skipped). */
static __attribute__((unused)) const package *write_package(const struct target *target, const uint8_t *data, size_t size,
                                    char *path, size_t path_size)
{
    static int fd = -1;
    package *p = &packages[target->package];
    void *zip_bytes = NULL;
    size_t zip_len = 0;
    int ok;

    if (fd < 0 && (fd = memfd_create("fuzz-package", 0)) < 0)
        abort();
    if (!p->entries)
        load_package(p);
    if (build(p, target->part, data, size, &zip_bytes, &zip_len) != 0)
        return NULL;
    ok = ftruncate(fd, 0) == 0 && pwrite(fd, zip_bytes, zip_len, 0) == (ssize_t)zip_len;
    free(zip_bytes);
    snprintf(path, path_size, "/proc/self/fd/%d", fd);
    return ok ? p : NULL;
}

/* The default rule packs of the checkout, loaded once. */
static __attribute__((unused)) const ck_rule_set *default_rule_set(void)
{
    static ck_rule_set *set;
    ck_error err;

    if (set)
        return set;
    setenv("CLAUSEKIT_DATA", CK_FUZZ_TOP, 1);
    set = ck_rule_set_new();
    ck_error_clear(&err);
    if (ck_rule_set_add_defaults(set, &err) != 0) {
        ck_error_print(&err, stderr);
        abort();
    }
    return set;
}

#endif
