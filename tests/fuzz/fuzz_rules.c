/* fuzz_rules.c — libFuzzer harness for the rule pack loader: any bytes as a
 * pack file. The loader must return a pack or an error with its place,
 * never crash, leak or hang. Built and run by tests/fuzz/run.sh. */
#include <stddef.h>
#include <stdint.h>

#include "rules/pack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ck_rule_pack *pack = NULL;
    ck_rule_lint_report report = { NULL, 0 };
    ck_error err;

    ck_error_clear(&err);
    if (ck_rule_pack_load_string("fuzz.yaml", (const char *)data, size, &pack, &err) == 0 && !pack)
        __builtin_trap(); /* success must give a pack */
    ck_rule_pack_free(pack);
    ck_rule_pack_lint_string("fuzz.yaml", (const char *)data, size, &report);
    ck_rule_lint_report_free(&report);
    return 0;
}
