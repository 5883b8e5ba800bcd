/* fuzz_record — libFuzzer harness: any bytes as a YAML or JSON record file.
 * A record read must be a LIST of MAPs; looking up each key must find it. */
#include <assert.h>
#include <stdint.h>

#include "data/data.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ck_value *records = NULL;
    ck_error err;

    ck_error_clear(&err);
    if (ck_record_read_memory((const char *)data, size, "fuzz.yaml", NULL, &records, &err) != 0)
        return 0;
    assert(records->kind == CK_VALUE_LIST);
    for (size_t i = 0; i < records->count; i++) {
        const ck_value *map = records->items[i];
        assert(map->kind == CK_VALUE_MAP);
        for (size_t k = 0; k < map->count; k++)
            assert(ck_value_get(map, map->keys[k]) != NULL);
    }
    ck_value_free(records);
    return 0;
}
