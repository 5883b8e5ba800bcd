/* fuzz_pack — libFuzzer harness: any bytes as a rule pack (YAML). Loading
 * must give a pack or an error, and lint must list problems, never crash,
 * hang or leak; a loaded pack's patterns are run once over its own text. */
#include <stdint.h>
#include <stdlib.h>

#include "rules/pack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    ck_rule_pack *pack = NULL;
    ck_rule_lint_report report = { NULL, 0 };
    ck_error err;

    ck_error_clear(&err);
    if (ck_rule_pack_load_string("fuzz.yaml", text, size, &pack, &err) == 0) {
        /* Every compiled pattern must be usable by the matcher. */
        for (size_t r = 0; r < pack->rule_count; r++)
            for (size_t e = 0; e < pack->rules[r].element_count; e++) {
                const ck_rule_pattern_list *list = &pack->rules[r].elements[e].patterns;
                for (size_t p = 0; p < list->count; p++) {
                    size_t s, t;
                    ck_rule_pattern_find(&list->items[p], text, size, 0, NULL, &s, &t);
                }
            }
    }
    ck_rule_pack_free(pack);
    ck_rule_pack_lint_string("fuzz.yaml", text, size, &report);
    ck_rule_lint_report_free(&report);
    return 0;
}
