/* fuzz_csv — libFuzzer harness: any bytes as a CSV and as a TSV roster, with
 * the encoding detected (UTF-8, else CP950). The headers of a roster read
 * are matched to a form's fields (with a suggestion for each), and every
 * row is converted to a value, as the template engine does. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>

#include "data/data.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const name_aliases[] = { "執行人員", "立書人", NULL };
static const char *const id_aliases[] = { "身分證統一編號", "統一證號", "居留證號", NULL };
static const ck_field_def fields[] = {
    { "機關名稱", NULL }, { "姓名", name_aliases }, { "身分證字號", id_aliases }, { "簽署日期", NULL },
};
#define FIELD_COUNT (sizeof fields / sizeof fields[0])

static void match_headers(const ck_roster *roster)
{
    int *field_of = malloc((roster->columns ? roster->columns : 1) * sizeof *field_of);
    ck_error err;

    ck_error_clear(&err);
    if (ck_header_match((const char *const *)roster->headers, roster->columns, fields, FIELD_COUNT, NULL,
                        field_of, &err) == 0)
        for (size_t i = 0; i < roster->columns; i++)
            assert(field_of[i] >= -1 && field_of[i] < (int)FIELD_COUNT);
    for (size_t i = 0; i < roster->columns; i++)
        ck_header_suggest(roster->headers[i], fields, FIELD_COUNT);
    free(field_of);
}

static void read_one(const uint8_t *data, size_t size, char delimiter)
{
    ck_roster *roster = NULL;
    ck_error err;

    ck_error_clear(&err);
    if (ck_roster_read_csv_memory((const char *)data, size, "fuzz.csv", delimiter, NULL, &roster,
                                  &err) != 0)
        return;
    match_headers(roster);
    for (size_t i = 0; i < roster->row_count; i++)
        ck_value_free(ck_roster_row_value(roster, i));
    ck_roster_free(roster);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    read_one(data, size, ',');
    read_one(data, size, '\t');
    return 0;
}
