/* sha256.h — SHA-256 (FIPS 180-4), for the digest of a checked file.
 *
 * A small one of our own: the libraries the project links (libxml2,
 * libzip, pcre2, utf8proc, libyaml) do not expose one, and a report digest
 * does not justify a new crypto library dependency.
 */
#ifndef CK_SHA256_H
#define CK_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct ck_sha256 {
    uint32_t state[8];
    uint64_t length;
    uint8_t block[64];
    size_t used;
} ck_sha256;

void ck_sha256_init(ck_sha256 *ctx);
/* Feeds len bytes; any number of calls, any piece sizes. */
void ck_sha256_update(ck_sha256 *ctx, const void *data, size_t len);
/* Writes the digest; ctx is finished (init again to reuse it). */
void ck_sha256_final(ck_sha256 *ctx, uint8_t digest[32]);
/* Lowercase hex of the digest of data, into hex[65]. */
void ck_sha256_hex(const void *data, size_t len, char hex[65]);

#endif
