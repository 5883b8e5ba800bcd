/* fuzz_template — libFuzzer harness: any bytes as a form template (front
 * matter and Markdown with placeholders), filled with one fixed record (the
 * sample record plus names and a checklist, so every kind of field has a
 * value) and rendered by the DOCX writer as `clausekit form` does. Loading
 * gives a template or an error, rendering a document or an error. */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmark-gfm.h>

#include "data/data.h"
#include "template/template.h"
#include "util/buf.h"
#include "writer/writer.h"
#include "xml/xml.h"

#ifndef CK_FUZZ_TOP
#error "build with -DCK_FUZZ_TOP=\"/path/to/checkout\" (tests/fuzz/run.sh does)"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const checklist_keys[] = { "項次", "編號", "項目", "依據", "符合", "不符合", "不適用", "說明" };

/* The first record of samples/record.yaml, with list values added. */
static ck_value *fixed_record(void)
{
    ck_value *records = NULL, *record, *names, *checklist;
    ck_error err;

    ck_error_clear(&err);
    if (ck_record_read(CK_FUZZ_TOP "/samples/record.yaml", NULL, &records, &err) != 0) {
        ck_error_print(&err, stderr);
        abort();
    }
    record = records->items[0];
    records->items[0] = ck_value_new_string("", 0); /* keep the list well-formed to free it */
    ck_value_free(records);

    names = ck_value_new_list(0);
    ck_value_list_append(names, ck_value_new_string("王小明", 0));
    ck_value_list_append(names, ck_value_new_string("陳美玲", 0));
    ck_value_map_put(record, "稽核人員", names);
    ck_value_map_put(record, "受稽核人員", ck_template_split_names("林一、黃二,張三", 0));
    ck_value_map_put(record, "稽核日期", ck_value_new_string("115/11/23", 0));
    ck_value_map_put(record, "金額", ck_value_new_string("1,200,000", 0));
    checklist = ck_value_new_list(0);
    for (int row = 0; row < 2; row++) {
        ck_value *item = ck_value_new_map(0);
        for (size_t k = 0; k < sizeof checklist_keys / sizeof checklist_keys[0]; k++)
            ck_value_map_put(item, checklist_keys[k], ck_value_new_string(row ? "V" : "3.4.1", 0));
        ck_value_list_append(checklist, item);
    }
    ck_value_map_put(record, "稽核清單", checklist);
    return record;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ck_value *record;
    ck_template *template = NULL;
    cmark_node *doc = NULL;
    ck_buf out = CK_BUF_INIT, numbering = CK_BUF_INIT;
    ck_error err;

    if (!record) {
        ck_xml_init();
        record = fixed_record();
    }
    ck_error_clear(&err);
    if (ck_template_load_string("fuzz.md", (const char *)data, size, &template, &err) != 0)
        return 0;
    assert(template);
    if (ck_template_render(template, record, &doc, &err) == 0) {
        assert(doc);
        ck_error_clear(&err);
        ck_writer_docx_render(&doc, 1, NULL, &out, &numbering, &err);
        cmark_node_free(doc);
    }
    ck_buf_free(&out);
    ck_buf_free(&numbering);
    ck_template_free(template);
    return 0;
}
