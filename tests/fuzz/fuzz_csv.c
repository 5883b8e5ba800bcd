/* fuzz_csv — libFuzzer harness: any bytes as a CSV and as a TSV roster, with
 * the encoding detected (UTF-8, else CP950). Every row of a roster read is
 * converted to a value as the template engine would. */
#include <stdint.h>

#include "data/data.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void read_one(const uint8_t *data, size_t size, char delimiter)
{
    ck_roster *roster = NULL;
    ck_error err;

    ck_error_clear(&err);
    if (ck_roster_read_csv_memory((const char *)data, size, "fuzz.csv", delimiter, NULL, &roster,
                                  &err) != 0)
        return;
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
