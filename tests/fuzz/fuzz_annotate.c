/* fuzz_annotate — libFuzzer harness: `clausekit check --annotate` on a
 * sample contract with one part replaced by the fuzzed bytes (first byte:
 * which part, as in fuzz_parts). A contract the reader accepts is matched
 * against the default packs, every finding becomes a comment or an
 * insertion (as with --annotate-all), the annotated copy is written, and
 * that copy must be readable again: the writer splices into whatever XML
 * the reader accepted, and must never hand the user a broken file. */
#define _GNU_SOURCE
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz/fuzz_package.h"

#include "annotate/annotate.h"
#include "annotate/review.h"
#include "match/match.h"
#include "model/document.h"
#include "reader/reader.h"
#include "rules/pack.h"
#include "xml/xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static package packages[] = {
    { "maintenance-contract.docx", CONTRACT, NULL, 0 },
    { "draft-with-changes.docx", CONTRACT, NULL, 0 },
    { "service-contract.odt", CONTRACT, NULL, 0 },
};

/* The contract targets of fuzz_parts, same selectors (its seeds fit). */
static const struct target {
    size_t package;
    const char *part;
    const char *copy; /* the annotated copy's name */
} targets[] = {
    { 0, "word/document.xml", "copy.docx" },   { 0, "word/styles.xml", "copy.docx" },
    { 0, "word/numbering.xml", "copy.docx" },  { 0, "word/footnotes.xml", "copy.docx" },
    { 0, "word/_rels/document.xml.rels", "copy.docx" }, { 0, "[Content_Types].xml", "copy.docx" },
    { 1, "word/document.xml", "copy.docx" },   { 1, "word/comments.xml", "copy.docx" },
    { 2, "content.xml", "copy.odt" },          { 2, "styles.xml", "copy.odt" },
    { 2, "META-INF/manifest.xml", "copy.odt" },
};
#define TARGET_COUNT (sizeof targets / sizeof targets[0])

static char out_dir[64];

static void remove_out_dir(void)
{
    char path[128];
    snprintf(path, sizeof path, "%s/copy.docx", out_dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/copy.odt", out_dir);
    unlink(path);
    rmdir(out_dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int fd = -1;
    static ck_rule_set *set;
    char path[64], copy[128];
    void *zip_bytes = NULL;
    size_t zip_len = 0;
    const struct target *t;
    ck_document *doc = NULL, *again = NULL;
    ck_match_result *result = NULL;
    ck_annotation_set annotations;
    ck_error err;

    if (fd < 0) {
        ck_xml_init();
        setenv("CLAUSEKIT_DATA", CK_FUZZ_TOP, 1);
        set = ck_rule_set_new();
        ck_error_clear(&err);
        if (ck_rule_set_add_defaults(set, &err) != 0) {
            ck_error_print(&err, stderr);
            abort();
        }
        for (size_t i = 0; i < sizeof packages / sizeof packages[0]; i++)
            load_package(&packages[i]);
        snprintf(out_dir, sizeof out_dir, "/tmp/fuzz-annotate-XXXXXX");
        if (!mkdtemp(out_dir))
            abort();
        atexit(remove_out_dir);
        fd = memfd_create("fuzz-annotate", 0);
        if (fd < 0)
            return 0;
    }
    if (size < 1)
        return 0;
    t = &targets[data[0] % TARGET_COUNT];
    if (build(&packages[t->package], t->part, data + 1, size - 1, &zip_bytes, &zip_len) != 0)
        return 0;
    if (ftruncate(fd, 0) != 0 || pwrite(fd, zip_bytes, zip_len, 0) != (ssize_t)zip_len) {
        free(zip_bytes);
        return 0;
    }
    free(zip_bytes);
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    snprintf(copy, sizeof copy, "%s/%s", out_dir, t->copy);

    ck_error_clear(&err);
    if (ck_reader_read(path, NULL, &doc, &err) != 0)
        return 0;
    if (ck_match_run(doc, set, NULL, &result, &err) == 0) {
        ck_review_annotations(doc, set, result, 1, &annotations);
        if (ck_annotate_write(path, copy, &annotations, &err) == 0) {
            if (ck_reader_read(copy, NULL, &again, &err) != 0) {
                ck_error_print(&err, stderr);
                assert(!"the annotated copy of a readable contract cannot be read");
            }
            ck_document_free(again);
        }
        ck_annotation_set_free(&annotations);
    }
    ck_match_result_free(result);
    ck_document_free(doc);
    return 0;
}
