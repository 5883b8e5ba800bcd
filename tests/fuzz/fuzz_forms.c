/* fuzz_forms — libFuzzer harness: `clausekit form` on any data file. The
 * first byte picks the data's format (bit 0: CSV roster or YAML/JSON record)
 * and the form (the rest modulo 3: 4-016, 4-017, 4-018, loaded once from
 * the checkout's templates/); the other bytes are the file. Its columns or
 * keys are mapped to the form's fields, every record is validated (problems
 * as messages), each valid one is rendered as DOCX and named as its file
 * would be. File names made from the data must be safe. */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmark-gfm.h>

#include "data/data.h"
#include "forms/forms.h"
#include "template/template.h"
#include "util/buf.h"
#include "writer/writer.h"
#include "xml/xml.h"

#ifndef CK_FUZZ_TOP
#error "build with -DCK_FUZZ_TOP=\"/path/to/checkout\" (tests/fuzz/run.sh does)"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const forms[] = { "4-016", "4-017", "4-018" };
#define FORM_COUNT (sizeof forms / sizeof forms[0])

static ck_template *templates[FORM_COUNT];
static char dir[64];

static void remove_dir(void)
{
    char path[128];
    snprintf(path, sizeof path, "%s/data.csv", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/data.yaml", dir);
    unlink(path);
    rmdir(dir);
}

static void init(void)
{
    ck_error err;

    ck_xml_init();
    for (size_t i = 0; i < FORM_COUNT; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/templates/%s.md", CK_FUZZ_TOP, forms[i]);
        ck_error_clear(&err);
        if (ck_template_load(path, &templates[i], &err) != 0) {
            ck_error_print(&err, stderr);
            abort();
        }
    }
    snprintf(dir, sizeof dir, "/tmp/fuzz-forms-XXXXXX");
    if (!mkdtemp(dir))
        abort();
    atexit(remove_dir);
}

/* The file name a record's form gets must be usable on Windows. */
static void check_safe_name(const char *stem)
{
    assert(strlen(stem) <= CK_FORMS_NAME_MAX && stem[0] != '\0');
    assert(!strpbrk(stem, "/\\:*?\"<>|"));
    for (const unsigned char *p = (const unsigned char *)stem; *p; p++)
        assert(*p >= 0x20);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[128];
    const ck_template *t;
    ck_forms_data *records = NULL;
    ck_forms_problems problems = { 0 };
    char **stems = NULL, **unique = NULL;
    ck_error err;
    FILE *f;

    if (!templates[0])
        init();
    if (size < 1)
        return 0;
    t = templates[(data[0] >> 1) % FORM_COUNT];
    snprintf(path, sizeof path, "%s/%s", dir, (data[0] & 1) ? "data.yaml" : "data.csv");
    f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data + 1, 1, size - 1, f);
    fclose(f);

    ck_error_clear(&err);
    if (ck_forms_data_read(t, path, NULL, &records, &err) != 0)
        return 0;
    ck_forms_data_validate(t, records, &problems);
    stems = calloc(records->count + 1, sizeof *stems);
    for (size_t i = 0; i < records->count; i++) {
        const ck_value *name = ck_value_get(records->records[i].value, "姓名");
        ck_buf stem = CK_BUF_INIT;
        ck_forms_safe_name(name && name->kind == CK_VALUE_STRING ? name->string : "", "form", &stem);
        check_safe_name(stem.data);
        stems[i] = ck_buf_detach(&stem);
        if (records->records[i].valid) {
            cmark_node *doc = NULL;
            ck_buf out = CK_BUF_INIT;
            ck_error_clear(&err);
            if (ck_template_render(t, records->records[i].value, &doc, &err) == 0) {
                ck_writer_docx_render(&doc, 1, NULL, &out, NULL, &err);
                cmark_node_free(doc);
            }
            ck_buf_free(&out);
        }
    }
    unique = ck_forms_unique_names((const char *const *)stems, records->count);
    ck_forms_names_free(unique, records->count);
    for (size_t i = 0; i < records->count; i++)
        free(stems[i]);
    free(stems);
    ck_forms_problems_free(&problems);
    ck_forms_data_free(records);
    return 0;
}
