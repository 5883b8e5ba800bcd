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

#include "fuzz/fuzz_support.h"

#include "data/data.h"
#include "model/document.h"
#include "reader/reader.h"
#include "xml/xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    const package *p;
    ck_error err;

    ck_xml_init();
    if (size < 1 || !(p = write_package(&targets[data[0] % TARGET_COUNT], data + 1, size - 1, path,
                                        sizeof path)))
        return 0;
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
