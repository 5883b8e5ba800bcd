#include "support.h"

#include "serve/serve.h"

static void the_page_and_its_files_are_compiled_in(void **state)
{
    const ck_serve_asset *page = ck_serve_asset_find("/");
    (void)state;
    assert_non_null(page);
    assert_string_equal(page->content_type, "text/html; charset=utf-8");
    assert_true(page->size > 0 && page->size == strlen((const char *)page->data));
    assert_non_null(strstr((const char *)page->data, "/app.js"));
    assert_non_null(strstr((const char *)page->data, "/app.css"));
    assert_non_null(ck_serve_asset_find("/app.css"));
    assert_non_null(ck_serve_asset_find("/app.js"));
    assert_null(ck_serve_asset_find("/../src/serve/page.html"));
    assert_null(ck_serve_asset_find("/page.html"));
}

static void the_page_fetches_nothing_from_elsewhere(void **state)
{
    (void)state;
    for (const char *path = "/"; path; path = strcmp(path, "/") == 0 ? "/app.js" : strcmp(path, "/app.js") == 0 ? "/app.css" : NULL) {
        const char *text = (const char *)ck_serve_asset_find(path)->data;
        assert_null(strstr(text, "http://"));
        assert_null(strstr(text, "https://"));
        assert_null(strstr(text, "//cdn"));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_page_and_its_files_are_compiled_in),
        cmocka_unit_test(the_page_fetches_nothing_from_elsewhere),
    };
    return cmocka_run_group_tests_name("serve/assets", tests, NULL, NULL);
}
