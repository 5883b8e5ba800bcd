/* fuzz_rules.c — libFuzzer harness for the rule pack loader: any bytes as a
 * pack file. The loader must return a pack or an error with its place,
 * never crash, leak or hang; every pattern of a pack loaded is run once
 * over the pack's own text, as the matcher would. Built and run by
 * tests/fuzz/run.sh (seeds: the packs in rules/). */
#include <stddef.h>
#include <stdint.h>

#include "rules/pack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void run_patterns(const ck_rule_pattern_list *list, const char *text, size_t len)
{
    for (size_t p = 0; p < list->count; p++) {
        size_t start, end;
        ck_rule_pattern_find(&list->items[p], text, len, 0, NULL, &start, &end);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    ck_rule_pack *pack = NULL;
    ck_rule_lint_report report = { NULL, 0 };
    ck_error err;

    ck_error_clear(&err);
    if (ck_rule_pack_load_string("fuzz.yaml", text, size, &pack, &err) == 0) {
        if (!pack)
            __builtin_trap(); /* success must give a pack */
        for (size_t r = 0; r < pack->rule_count; r++) {
            const ck_rule *rule = &pack->rules[r];
            for (size_t e = 0; e < rule->element_count; e++)
                run_patterns(&rule->elements[e].patterns, text, size);
            run_patterns(&rule->contrary, text, size);
            run_patterns(&rule->exceptions, text, size);
        }
        for (size_t c = 0; c < pack->condition_count; c++)
            run_patterns(&pack->conditions[c].patterns, text, size);
    }
    ck_rule_pack_free(pack);
    ck_rule_pack_lint_string("fuzz.yaml", text, size, &report);
    ck_rule_lint_report_free(&report);
    return 0;
}
