/* SHA-1 (FIPS 180-1), for name-based UUIDs (RFC 4122 §4.3) and content ids.
 * SHA-1 is broken for collision resistance: never use it where an attacker
 * chooses the input and a collision matters. */
#ifndef LT_UTIL_SHA1_H
#define LT_UTIL_SHA1_H

#include <stddef.h>
#include <stdint.h>

#define LT_SHA1_LEN 20

/* Incremental state; plain data, no cleanup needed. */
typedef struct lt_sha1_ctx {
    uint32_t h[5];
    uint64_t nbytes;         /* message length so far */
    unsigned char block[64]; /* pending partial block */
    size_t nblock;           /* bytes used in block */
} lt_sha1_ctx;

void lt_sha1_init(lt_sha1_ctx *ctx);
void lt_sha1_update(lt_sha1_ctx *ctx, const void *data, size_t len);
/* Writes the digest; ctx must be initialised again before reuse. */
void lt_sha1_final(lt_sha1_ctx *ctx, unsigned char out[LT_SHA1_LEN]);

/* One-shot digest of data[0..len). */
void lt_sha1(const void *data, size_t len, unsigned char out[LT_SHA1_LEN]);

#endif
