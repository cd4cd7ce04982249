#include "util/sha1.h"

#include <string.h>

static uint32_t rol(uint32_t x, unsigned n)
{
    return (x << n) | (x >> (32 - n));
}

/* FIPS 180-1 §7: one 512-bit block. */
static void sha1_block(uint32_t h[5], const unsigned char *p)
{
    uint32_t w[80];
    for (int t = 0; t < 16; t++)
        w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 |
               (uint32_t)p[4 * t + 2] << 8 | (uint32_t)p[4 * t + 3];
    for (int t = 16; t < 80; t++)
        w[t] = rol(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);

    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int t = 0; t < 80; t++) {
        uint32_t f, k;
        if (t < 20) {
            f = (b & c) | (~b & d);
            k = 0x5a827999;
        } else if (t < 40) {
            f = b ^ c ^ d;
            k = 0x6ed9eba1;
        } else if (t < 60) {
            f = (b & c) | (b & d) | (c & d);
            k = 0x8f1bbcdc;
        } else {
            f = b ^ c ^ d;
            k = 0xca62c1d6;
        }
        uint32_t tmp = rol(a, 5) + f + e + k + w[t];
        e = d;
        d = c;
        c = rol(b, 30);
        b = a;
        a = tmp;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
}

void lt_sha1_init(lt_sha1_ctx *ctx)
{
    static const uint32_t iv[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
    memcpy(ctx->h, iv, sizeof iv);
    ctx->nbytes = 0;
    ctx->nblock = 0;
}

void lt_sha1_update(lt_sha1_ctx *ctx, const void *data, size_t len)
{
    const unsigned char *p = data;
    /* Also keeps memcpy away from a NULL pointer with len 0. */
    if (!len)
        return;
    ctx->nbytes += len;
    if (ctx->nblock) {
        size_t take = 64 - ctx->nblock < len ? 64 - ctx->nblock : len;
        memcpy(ctx->block + ctx->nblock, p, take);
        ctx->nblock += take;
        p += take;
        len -= take;
        if (ctx->nblock < 64)
            return;
        sha1_block(ctx->h, ctx->block);
        ctx->nblock = 0;
    }
    for (; len >= 64; p += 64, len -= 64)
        sha1_block(ctx->h, p);
    if (len) {
        memcpy(ctx->block, p, len);
        ctx->nblock = len;
    }
}

void lt_sha1_final(lt_sha1_ctx *ctx, unsigned char out[LT_SHA1_LEN])
{
    uint64_t bits = ctx->nbytes * 8;
    /* Padding: 0x80, zeros up to 56 mod 64, then the bit length big-endian. */
    static const unsigned char pad[64] = {0x80};
    size_t padlen = ctx->nblock < 56 ? 56 - ctx->nblock : 120 - ctx->nblock;
    lt_sha1_update(ctx, pad, padlen);
    unsigned char len[8];
    for (int i = 0; i < 8; i++)
        len[i] = (unsigned char)(bits >> (56 - 8 * i));
    lt_sha1_update(ctx, len, sizeof len);
    for (int i = 0; i < 5; i++) {
        out[4 * i] = (unsigned char)(ctx->h[i] >> 24);
        out[4 * i + 1] = (unsigned char)(ctx->h[i] >> 16);
        out[4 * i + 2] = (unsigned char)(ctx->h[i] >> 8);
        out[4 * i + 3] = (unsigned char)ctx->h[i];
    }
}

void lt_sha1(const void *data, size_t len, unsigned char out[LT_SHA1_LEN])
{
    lt_sha1_ctx ctx;
    lt_sha1_init(&ctx);
    lt_sha1_update(&ctx, data, len);
    lt_sha1_final(&ctx, out);
}
