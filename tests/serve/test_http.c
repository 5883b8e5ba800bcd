#include "support.h"

#include "serve/serve.h"
#include "util/lang.h"

static void sizes_take_units_and_refuse_the_rest(void **state)
{
    uint64_t n = 0;
    (void)state;
    assert_int_equal(ck_serve_parse_size("50M", &n), 0);
    assert_true(n == 50ULL * 1024 * 1024);
    assert_int_equal(ck_serve_parse_size("200k", &n), 0);
    assert_true(n == 200ULL * 1024);
    assert_int_equal(ck_serve_parse_size("1G", &n), 0);
    assert_true(n == 1ULL << 30);
    assert_int_equal(ck_serve_parse_size("1234", &n), 0);
    assert_true(n == 1234);
    assert_int_equal(ck_serve_parse_size("4G", &n), 0);
    assert_int_equal(ck_serve_parse_size("5G", &n), -1);
    assert_int_equal(ck_serve_parse_size("0", &n), -1);
    assert_int_equal(ck_serve_parse_size("-1M", &n), -1);
    assert_int_equal(ck_serve_parse_size("10X", &n), -1);
    assert_int_equal(ck_serve_parse_size("10MM", &n), -1);
    assert_int_equal(ck_serve_parse_size("", &n), -1);
}

static void listen_addresses_split_into_host_and_port(void **state)
{
    char host[64];
    unsigned port = 1;
    (void)state;
    assert_int_equal(ck_serve_parse_listen("127.0.0.1:8080", host, sizeof host, &port), 0);
    assert_string_equal(host, "127.0.0.1");
    assert_int_equal(port, 8080);
    assert_int_equal(ck_serve_parse_listen("[::1]:0", host, sizeof host, &port), 0);
    assert_string_equal(host, "::1");
    assert_int_equal(port, 0);
    assert_int_equal(ck_serve_parse_listen(":9000", host, sizeof host, &port), 0);
    assert_string_equal(host, "");
    assert_int_equal(port, 9000);
    assert_int_equal(ck_serve_parse_listen("localhost", host, sizeof host, &port), -1);
    assert_int_equal(ck_serve_parse_listen("::1:80", host, sizeof host, &port), -1);
    assert_int_equal(ck_serve_parse_listen("host:70000", host, sizeof host, &port), -1);
    assert_int_equal(ck_serve_parse_listen("host:8o", host, sizeof host, &port), -1);
}

static void client_names_lose_folders_and_control_characters(void **state)
{
    ck_buf b = CK_BUF_INIT;
    (void)state;
    ck_serve_display_name("../../etc/passwd.docx", "upload", &b);
    assert_string_equal(b.data, "passwd.docx");
    ck_buf_clear(&b);
    ck_serve_display_name("C:\\Users\\王\\契約\x01草案.docx", "upload", &b);
    assert_string_equal(b.data, "契約草案.docx");
    ck_buf_clear(&b);
    ck_serve_display_name("..", "upload", &b);
    assert_string_equal(b.data, "upload");
    ck_buf_clear(&b);
    ck_serve_display_name(NULL, "upload", &b);
    assert_string_equal(b.data, "upload");
    ck_buf_clear(&b);
    ck_serve_display_name("a\xff\xfe.docx", "upload", &b);
    assert_string_equal(b.data, "a.docx");
    ck_buf_clear(&b);
    /* 100 three-byte characters: cut at 66 whole ones (198 bytes) */
    char long_name[400] = "";
    for (int i = 0; i < 100; i++)
        strcat(long_name, "契");
    ck_serve_display_name(long_name, "upload", &b);
    assert_int_equal(b.len, 198);
    ck_buf_free(&b);
}

static void extensions_are_kept_only_when_plain(void **state)
{
    char ext[16];
    (void)state;
    ck_serve_safe_extension("契約.DOCX", ext, sizeof ext);
    assert_string_equal(ext, "docx");
    ck_serve_safe_extension("a.tar/../x", ext, sizeof ext);
    assert_string_equal(ext, "bin");
    ck_serve_safe_extension("noext", ext, sizeof ext);
    assert_string_equal(ext, "bin");
    ck_serve_safe_extension(".docx", ext, sizeof ext);
    assert_string_equal(ext, "bin");
    ck_serve_safe_extension("a.verylongext", ext, sizeof ext);
    assert_string_equal(ext, "bin");
}

static void content_disposition_has_an_ascii_fallback_and_the_utf8_name(void **state)
{
    ck_buf b = CK_BUF_INIT;
    (void)state;
    ck_serve_content_disposition("契約草案-審查.docx", &b);
    assert_string_equal(b.data, "attachment; filename=\"____-__.docx\"; "
                                "filename*=UTF-8''%E5%A5%91%E7%B4%84%E8%8D%89%E6%A1%88-%E5%AF%A9%E6%9F%A5.docx");
    ck_buf_clear(&b);
    ck_serve_content_disposition("a \"b\".md", &b);
    assert_string_equal(b.data, "attachment; filename=\"a _b_.md\"; filename*=UTF-8''a%20%22b%22.md");
    ck_buf_free(&b);
}

static void roster_errors_become_rows(void **state)
{
    ck_buf b = CK_BUF_INIT;
    (void)state;
    ck_serve_error_json("clausekit: 名冊.csv:2: 身分證字號「A10000****」檢查碼不符\n"
                        "clausekit: 名冊.csv:3: 簽署日期「115/13/23」沒有 13 月\n"
                        "clausekit: 名冊.csv: 2 筆資料有誤，未產生任何表單\n",
                        "名冊.csv", &b);
    assert_string_equal(b.data, "{\"error\": \"名冊.csv: 2 筆資料有誤，未產生任何表單\", \"rows\": ["
                                "{\"row\": 2, \"error\": \"身分證字號「A10000****」檢查碼不符\"}, "
                                "{\"row\": 3, \"error\": \"簽署日期「115/13/23」沒有 13 月\"}]}\n");
    ck_buf_clear(&b);
    ck_serve_error_json("clausekit: a.docx:word/document.xml: \"bad\"\n", "a.docx", &b);
    assert_string_equal(b.data, "{\"error\": \"a.docx:word/document.xml: \\\"bad\\\"\"}\n");
    ck_buf_free(&b);
}

static void replace_finds_every_occurrence(void **state)
{
    (void)state;
    char *s = ck_serve_replace("/tmp/x/file.docx: see /tmp/x/file.docx", "/tmp/x/file.docx", "契約.docx");
    assert_string_equal(s, "契約.docx: see 契約.docx");
    free(s);
    s = ck_serve_replace("none here", "/tmp", "x");
    assert_string_equal(s, "none here");
    free(s);
}

int main(void)
{
    ck_lang_set_name("en");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sizes_take_units_and_refuse_the_rest),
        cmocka_unit_test(listen_addresses_split_into_host_and_port),
        cmocka_unit_test(client_names_lose_folders_and_control_characters),
        cmocka_unit_test(extensions_are_kept_only_when_plain),
        cmocka_unit_test(content_disposition_has_an_ascii_fallback_and_the_utf8_name),
        cmocka_unit_test(roster_errors_become_rows),
        cmocka_unit_test(replace_finds_every_occurrence),
    };
    return cmocka_run_group_tests_name("serve/http", tests, NULL, NULL);
}
