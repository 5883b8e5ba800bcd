/* fuzz_normalise — libFuzzer harness: any bytes as a block's text, with spans
 * of hidden text taken from the input's first bytes. Every byte of the
 * normalised text must map back inside the original with start <= end, and
 * every range must map to an ordered range inside the original. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "normalise/normalise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { SPAN_BYTES = 4 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ck_span spans[SPAN_BYTES / 2];
    size_t span_count = 0;
    ck_normalised n;
    const char *text;
    size_t len;

    if (size < SPAN_BYTES)
        return 0;
    text = (const char *)data + SPAN_BYTES;
    len = size - SPAN_BYTES;
    /* Up to two spans, sorted and apart as the readers make them: a gap
     * and a length, one byte each, clipped to the text. */
    uint32_t pos = 0;
    for (size_t i = 0; i + 1 < SPAN_BYTES; i += 2) {
        uint32_t start = pos + data[i], end = start + data[i + 1];
        if (start >= len || end == start)
            break;
        if (end > len)
            end = (uint32_t)len;
        pos = end + 1;
        memset(&spans[span_count], 0, sizeof spans[span_count]);
        spans[span_count].start = start;
        spans[span_count].end = end;
        spans[span_count].flags = (data[i + 1] & 1) ? CK_SPAN_HIDDEN : CK_SPAN_INSERTED;
        span_count++;
    }

    memset(&n, 0, sizeof n);
    assert(ck_normalise(text, len, spans, span_count, CK_SPAN_HIDDEN, &n) == 0);
    assert(n.text && n.text[n.len] == '\0' && n.original_len == len);
    assert(n.start[n.len] == len && n.end[n.len] == len);
    for (size_t i = 0; i < n.len; i++) {
        assert(n.start[i] <= n.end[i] && n.end[i] <= len);
    }
    /* Every range maps to an in-bounds, ordered original range. */
    for (size_t s = 0; s <= n.len; s += 1 + n.len / 8) {
        for (size_t e = s; e <= n.len; e += 1 + n.len / 8) {
            size_t os, oe;
            ck_normalised_to_original(&n, s, e, &os, &oe);
            assert(os <= oe && oe <= len);
        }
    }
    ck_normalised_free(&n);
    return 0;
}
