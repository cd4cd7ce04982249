#include "util/uuid.h"

#include "util/sha1.h"

#include "util/text.h"

#include <string.h>

const unsigned char lt_uuid_ns_url[LT_UUID_LEN] = {0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                                                   0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};

void lt_uuid_v5_bin(const unsigned char ns[LT_UUID_LEN], const void *name, size_t len,
                    unsigned char out[LT_UUID_LEN])
{
    unsigned char digest[LT_SHA1_LEN];
    lt_sha1_ctx ctx;
    lt_sha1_init(&ctx);
    lt_sha1_update(&ctx, ns, LT_UUID_LEN);
    lt_sha1_update(&ctx, name, len);
    lt_sha1_final(&ctx, digest);
    memcpy(out, digest, LT_UUID_LEN);
    out[6] = (unsigned char)((out[6] & 0x0f) | 0x50); /* version 5 */
    out[8] = (unsigned char)((out[8] & 0x3f) | 0x80); /* RFC 4122 variant */
}

void lt_uuid_v5(const unsigned char ns[LT_UUID_LEN], const char *name, char out[LT_UUID_STR])
{
    unsigned char u[LT_UUID_LEN];
    lt_uuid_v5_bin(ns, name, strlen(name), u);
    lt_uuid_format(u, out);
}

/* Dashes go before these byte positions. */
static int dash_before(int byte)
{
    return byte == 4 || byte == 6 || byte == 8 || byte == 10;
}

void lt_uuid_format(const unsigned char u[LT_UUID_LEN], char out[LT_UUID_STR])
{
    static const char hex[] = "0123456789abcdef";
    char *o = out;
    for (int i = 0; i < LT_UUID_LEN; i++) {
        if (dash_before(i))
            *o++ = '-';
        *o++ = hex[u[i] >> 4];
        *o++ = hex[u[i] & 0x0f];
    }
    *o = '\0';
}

int lt_uuid_parse(const char *s, unsigned char out[LT_UUID_LEN])
{
    unsigned char u[LT_UUID_LEN];
    for (int i = 0; i < LT_UUID_LEN; i++) {
        if (dash_before(i) && *s++ != '-')
            return -1;
        int hi = lt_hex_value(s[0]);
        int lo = hi < 0 ? -1 : lt_hex_value(s[1]);
        if (lo < 0)
            return -1;
        u[i] = (unsigned char)(hi << 4 | lo);
        s += 2;
    }
    if (*s != '\0')
        return -1;
    memcpy(out, u, sizeof u);
    return 0;
}
