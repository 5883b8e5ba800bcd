/* Loading libmicrohttpd for `clausekit serve` (src/serve/mhd.c). */
#include "support.h"

#include "serve/mhd.h"

/* Every entry point is found, and loading again changes nothing. */
static void library_loads_once_with_every_entry_point(void **state)
{
    (void)state;
    char message[300] = "";
    assert_int_equal(ck_mhd_load(message, sizeof message), 0);
    assert_string_equal(message, "");
    const void *const *slot = (const void *const *)&ck_mhd;
    size_t slots = sizeof ck_mhd / sizeof(void *);
    assert_int_equal(slots, 14);
    for (size_t i = 0; i < slots; i++)
        assert_non_null(slot[i]);
    ck_mhd_functions first = ck_mhd;
    assert_int_equal(ck_mhd_load(message, sizeof message), 0);
    assert_memory_equal(&first, &ck_mhd, sizeof first);
}

/* The table reaches the library: a response made and given back. */
static void calls_reach_the_library(void **state)
{
    (void)state;
    char message[300];
    assert_int_equal(ck_mhd_load(message, sizeof message), 0);
    static char body[] = "ok";
    struct MHD_Response *r = MHD_create_response_from_buffer(2, body, MHD_RESPMEM_PERSISTENT);
    assert_non_null(r);
    assert_int_equal(MHD_add_response_header(r, "X-Test", "1"), MHD_YES);
    MHD_destroy_response(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(library_loads_once_with_every_entry_point),
        cmocka_unit_test(calls_reach_the_library),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
