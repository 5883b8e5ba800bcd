/* fuzz_match — libFuzzer harness: the matcher end to end. The input, split
 * into blocks on '\n', is checked against the default rule packs (loaded
 * once from the checkout named by CK_FUZZ_TOP). Every evidence range must
 * lie inside its block's text, and every report format must render the
 * result (quoting and escaping the fuzzed text). */
#define _GNU_SOURCE
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "match/match.h"
#include "model/document.h"
#include "model/locate.h"
#include "report/report.h"
#include "rules/pack.h"
#include "util/buf.h"

#include "fuzz/fuzz_support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_evidence(const ck_document *doc, const ck_evidence *ev)
{
    assert(ev->block < doc->count);
    for (size_t m = 0; m < ev->match_count; m++)
        assert(ev->matches[m].start <= ev->matches[m].end &&
               ev->matches[m].end <= doc->blocks[ev->block].text_len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const ck_rule_set *set = default_rule_set();
    ck_document *doc;
    ck_match_result *result = NULL;
    ck_error err;
    size_t at = 0;

    doc = ck_document_new("fuzz.docx", CK_FORMAT_DOCX);
    /* The first byte of a line picks its kind: headings and list items
     * shape articles as the locator sees them. */
    while (at < size) {
        const char *line = (const char *)data + at;
        const char *nl = memchr(line, '\n', size - at);
        size_t len = nl ? (size_t)(nl - line) : size - at;
        ck_block_kind kind = CK_BLOCK_PARAGRAPH;
        if (len > 0 && line[0] == '#')
            kind = CK_BLOCK_HEADING;
        else if (len > 0 && line[0] == '-')
            kind = CK_BLOCK_LIST_ITEM;
        ck_block *block = ck_document_add(doc, kind, line, len, NULL, NULL);
        if (kind == CK_BLOCK_HEADING)
            block->level = 1;
        at += len + 1;
    }
    ck_document_locate(doc);

    ck_error_clear(&err);
    if (ck_match_run(doc, set, NULL, &result, &err) == 0) {
        assert(result->count == set->rule_count);
        for (size_t f = 0; f < result->count; f++)
            for (size_t e = 0; e < result->findings[f].evidence_count; e++)
                check_evidence(doc, &result->findings[f].evidence[e]);
        for (size_t c = 0; c < result->condition_count; c++)
            if (result->conditions[c].has_evidence)
                check_evidence(doc, &result->conditions[c].evidence);
        ck_report_input in;
        memset(&in, 0, sizeof in);
        in.file = "fuzz.docx";
        in.doc = doc;
        in.set = set;
        in.result = result;
        for (int format = CK_REPORT_TEXT; format <= CK_REPORT_JSON; format++) {
            ck_buf report = CK_BUF_INIT;
            ck_report_render((ck_report_format)format, &in, &report);
            ck_buf_free(&report);
        }
    }
    ck_match_result_free(result);
    ck_document_free(doc);
    return 0;
}
