#include "support.h"

#include "util/sha256.h"

static void digests_match_the_fips_vectors(void **state)
{
    (void)state;
    char hex[65];
    ck_sha256_hex("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    ck_sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    ck_sha256_hex(two_blocks, strlen(two_blocks), hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    /* A million 'a', fed in uneven pieces. */
    ck_sha256 ctx;
    uint8_t digest[32];
    char chunk[1000];
    memset(chunk, 'a', sizeof chunk);
    ck_sha256_init(&ctx);
    for (size_t done = 0, step = 1; done < 1000000; done += step, step = step % 997 + 1) {
        if (done + step > 1000000)
            step = 1000000 - done;
        ck_sha256_update(&ctx, chunk, step);
    }
    ck_sha256_final(&ctx, digest);
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}


static void update_in_pieces_equals_one_call(void **state)
{
    (void)state;
    const char text[] = "第一條 契約標的\n第二條 資訊安全";
    ck_sha256 ctx;
    uint8_t digest[32];
    char whole[65], pieces[65];
    ck_sha256_hex(text, sizeof text - 1, whole);
    ck_sha256_init(&ctx);
    for (size_t i = 0; i < sizeof text - 1; i++)
        ck_sha256_update(&ctx, text + i, 1);
    ck_sha256_final(&ctx, digest);
    for (int i = 0; i < 32; i++)
        snprintf(pieces + 2 * i, 3, "%02x", digest[i]);
    assert_string_equal(whole, pieces);
    assert_int_equal(strlen(whole), 64);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(digests_match_the_fips_vectors),
        cmocka_unit_test(update_in_pieces_equals_one_call),
    };
    return cmocka_run_group_tests_name("util/sha256", tests, NULL, NULL);
}
