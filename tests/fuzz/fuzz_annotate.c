/* fuzz_annotate — libFuzzer harness: `clausekit check --annotate` on a
 * sample contract with one part replaced by the fuzzed bytes (first byte:
 * which part, the contract targets of fuzz_support.h). A contract the reader accepts is matched
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
#include <unistd.h>

#include "fuzz/fuzz_support.h"

#include "annotate/annotate.h"
#include "annotate/review.h"
#include "match/match.h"
#include "model/document.h"
#include "reader/reader.h"
#include "rules/pack.h"
#include "xml/xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
    const ck_rule_set *set;
    char path[64], copy[128];
    const package *p;
    ck_document *doc = NULL, *again = NULL;
    ck_match_result *result = NULL;
    ck_annotation_set annotations;
    ck_error err;

    ck_xml_init();
    set = default_rule_set();
    if (!out_dir[0]) {
        snprintf(out_dir, sizeof out_dir, "/tmp/fuzz-annotate-XXXXXX");
        if (!mkdtemp(out_dir))
            abort();
        atexit(remove_out_dir);
    }
    if (size < 1 || !(p = write_package(&targets[data[0] % CONTRACT_TARGET_COUNT], data + 1, size - 1,
                                        path, sizeof path)))
        return 0;
    /* The copy keeps the original's extension, as --annotate requires. */
    snprintf(copy, sizeof copy, "%s/copy%s", out_dir, strrchr(p->file, '.'));

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
