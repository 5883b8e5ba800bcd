#include "support.h"

#include "util/buf.h"

static void json_strings_are_escaped_and_quoted(void **state)
{
    (void)state;
    ck_buf b = CK_BUF_INIT;
    const char s[] = "第\"1\"條\\\n\t\x01";
    ck_buf_put_json(&b, s, sizeof s - 1);
    assert_string_equal(b.data, "\"第\\\"1\\\"條\\\\\\n\\t\\u0001\"");
    ck_buf_free(&b);
}

static void a_missing_json_string_is_null(void **state)
{
    (void)state;
    ck_buf b = CK_BUF_INIT;
    ck_buf_put_json_str(&b, NULL);
    ck_buf_putc(&b, ' ');
    ck_buf_put_json_str(&b, "");
    ck_buf_putc(&b, ' ');
    ck_buf_put_json_str(&b, "甲\"方");
    assert_string_equal(b.data, "null \"\" \"甲\\\"方\"");
    ck_buf_free(&b);
}

static void bilingual_texts_are_objects_spaced_or_compact(void **state)
{
    (void)state;
    ck_buf b = CK_BUF_INIT;
    ck_buf_put_json_bilingual(&b, "稽核權", "Right to audit", 0);
    assert_string_equal(b.data, "{\"zh\": \"稽核權\", \"en\": \"Right to audit\"}");
    ck_buf_clear(&b);
    ck_buf_put_json_bilingual(&b, "稽核權", NULL, 1);
    assert_string_equal(b.data, "{\"zh\":\"稽核權\",\"en\":null}");
    ck_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_strings_are_escaped_and_quoted),
        cmocka_unit_test(a_missing_json_string_is_null),
        cmocka_unit_test(bilingual_texts_are_objects_spaced_or_compact),
    };
    return cmocka_run_group_tests_name("util/buf", tests, NULL, NULL);
}
