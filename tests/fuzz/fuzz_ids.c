/* fuzz_ids — libFuzzer harness: any string as a person's number, a business
 * number and a date, as roster cells are checked. Masks and descriptions
 * are written into buffers of every small size and must stay inside them. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/dates.h"
#include "data/ids.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    /* The first byte, when there is one, picks a small output size too. */
    size_t small = size ? (size_t)(data[0] % 24) + 1 : 1;
    char *out = malloc(small);
    char line[512], why[128];
    ck_id_result result;
    ck_date date;

    memcpy(text, data, size);
    text[size] = '\0';

    ck_id_check_person(text, &result);
    assert(memchr(result.masked, '\0', sizeof result.masked));
    assert(memchr(result.message, '\0', sizeof result.message));
    ck_id_describe(&result, "身分證字號", line, sizeof line);
    ck_id_describe(&result, "身分證字號", out, small);
    assert(memchr(out, '\0', small));
    ck_id_check_business(text, &result);
    ck_id_describe(&result, "統一編號", line, sizeof line);
    ck_id_mask(text, line, sizeof line);
    ck_id_mask(text, out, small);
    assert(memchr(out, '\0', small));
    if (size)
        ck_id_letter_code((char)data[0]);

    if (ck_date_parse(text, &date, why, sizeof why) == 0) {
        assert(ck_date_valid(date.year, date.month, date.day));
        for (int style = CK_DATE_ROC_LONG; style <= CK_DATE_ISO; style++) {
            ck_date again;
            ck_date_format(&date, (ck_date_style)style, line, sizeof line);
            ck_date_format(&date, (ck_date_style)style, out, small);
            assert(memchr(out, '\0', small));
            /* What we print, we read back as the same day. */
            if (ck_date_parse(line, &again, why, sizeof why) == 0)
                assert(again.year == date.year && again.month == date.month && again.day == date.day);
        }
    }
    ck_date_parse(text, &date, out, small);
    if (size >= sizeof(double)) {
        double serial;
        memcpy(&serial, data, sizeof serial);
        if (ck_date_from_serial(serial, data[size - 1] & 1, &date) == 0)
            assert(ck_date_valid(date.year, date.month, date.day));
    }
    free(out);
    free(text);
    return 0;
}
