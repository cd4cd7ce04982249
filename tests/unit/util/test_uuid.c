#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "util/sha1.h"
#include "util/uuid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Expected values below come from Python's hashlib.sha1 and uuid.uuid5. */

static void hex(const unsigned char *d, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", d[i]);
}

static void check_sha1(const void *data, size_t len, const char *want)
{
    unsigned char d[LT_SHA1_LEN];
    char got[2 * LT_SHA1_LEN + 1];
    lt_sha1(data, len, d);
    hex(d, sizeof d, got);
    assert_string_equal(got, want);
}

static void sha1_known_vectors(void **state)
{
    (void)state;
    check_sha1("", 0, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    check_sha1(NULL, 0, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    check_sha1("abc", 3, "a9993e364706816aba3e25717850c26c9cd0d89d");
    const char *fips2 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    check_sha1(fips2, strlen(fips2), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    const char *fox = "The quick brown fox jumps over the lazy dog";
    check_sha1(fox, strlen(fox), "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12");
}

/* Lengths around the 64-byte block and the 56-byte padding boundary. */
static void sha1_block_boundaries(void **state)
{
    (void)state;
    static const struct {
        size_t n;
        const char *want;
    } cases[] = {
        {55, "aecd1643c9903b9bae8cb94f53c50f8a4e18605b"},
        {56, "f5d65c621c02cc8e785159feff8088e3072da1bc"},
        {63, "4952f0fe097e4d6410ae9eab4855aa836caf3bff"},
        {64, "1e17ae1fc093e5daca033553c97a5192ca164486"},
        {65, "ac44f5dbe3e9b5d2733fc9537fcad715c3c20bc3"},
        {119, "b4a4e69060d0b1e7e8ebbf7041a4211c63438b57"},
        {120, "b651390c2996406336a3f6647e4b590c18cdd6f8"},
    };
    unsigned char buf[120];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (unsigned char)(i * 7);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_sha1(buf, cases[i].n, cases[i].want);
}

/* A million 'a's fed in uneven pieces: exercises the partial-block path. */
static void sha1_incremental(void **state)
{
    (void)state;
    char *a = malloc(1000000);
    assert_non_null(a);
    memset(a, 'a', 1000000);
    check_sha1(a, 1000000, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");

    lt_sha1_ctx ctx;
    lt_sha1_init(&ctx);
    size_t off = 0, step = 1;
    while (off < 1000000) {
        size_t n = step < 1000000 - off ? step : 1000000 - off;
        lt_sha1_update(&ctx, a + off, n);
        off += n;
        step = step * 3 % 199 + 1;
    }
    unsigned char d[LT_SHA1_LEN];
    char got[2 * LT_SHA1_LEN + 1];
    lt_sha1_final(&ctx, d);
    hex(d, sizeof d, got);
    assert_string_equal(got, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    free(a);
}

static void uuid5(const unsigned char *ns, const char *name, const char *want)
{
    char got[LT_UUID_STR];
    lt_uuid_v5(ns, name, got);
    assert_string_equal(got, want);
}

static void uuid_v5_known_vectors(void **state)
{
    (void)state;
    uuid5(lt_uuid_ns_url, "https://example.org/", "527dda32-a0de-5105-a042-cb475b5f7d11");
    uuid5(lt_uuid_ns_url, "http://python.org/", "4c565f0d-3f5a-5890-b41b-20cf47701c5e");
    uuid5(lt_uuid_ns_url, "", "1b4db7eb-4057-5ddf-91e0-36dec72071f5");

    unsigned char dns[LT_UUID_LEN];
    assert_int_equal(lt_uuid_parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8", dns), 0);
    uuid5(dns, "python.org", "886313e1-3b8a-5372-9b90-0c9aee199e5d");
    uuid5(dns, "www.example.com", "2ed6657d-e927-568b-95e1-2665a8aea6a2");

    /* Nested namespaces, as the CASE export uses them; UTF-8 names. */
    unsigned char ns[LT_UUID_LEN];
    const char *base = "https://example.org/";
    lt_uuid_v5_bin(lt_uuid_ns_url, base, strlen(base), ns);
    uuid5(ns, "document", "637f1cff-ea68-5771-80fa-0125a37243a6");
    uuid5(ns, "TG01", "b31751a0-1a48-5b18-9031-3fa544769fbd");
    uuid5(ns, "isChildOf:TG01:U1-MIKRO", "0a544c55-33c3-5df0-921a-1899a1bedd7d");
    uuid5(ns, "module:M1", "7eab0891-6ac5-59f2-a060-951ff88750c2");
    uuid5(ns, "Kesejahteraan \xc3\xa9", "9a1d2f86-5226-5c46-ad03-76fe32bdc900");
}

static void uuid_parse_and_format(void **state)
{
    (void)state;
    unsigned char u[LT_UUID_LEN];
    char s[LT_UUID_STR];
    assert_int_equal(lt_uuid_parse("6BA7B811-9DAD-11D1-80B4-00C04FD430C8", u), 0);
    assert_memory_equal(u, lt_uuid_ns_url, LT_UUID_LEN);
    lt_uuid_format(u, s);
    assert_string_equal(s, "6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    unsigned char keep[LT_UUID_LEN];
    memset(keep, 0xaa, sizeof keep);
    memcpy(u, keep, sizeof u);
    static const char *bad[] = {
        "",
        "6ba7b811",
        "6ba7b811-9dad-11d1-80b4-00c04fd430c",   /* short */
        "6ba7b811-9dad-11d1-80b4-00c04fd430c8a", /* long */
        "6ba7b8119dad-11d1-80b4-00c04fd430c8-",  /* dash misplaced */
        "6ba7b811-9dad-11d1-80b4+00c04fd430c8",
        "6ba7b811-9dad-11d1-80b4-00c04fd430cg",
        "{6ba7b811-9dad-11d1-80b4-00c04fd430c8}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(lt_uuid_parse(bad[i], u), -1);
        assert_memory_equal(u, keep, LT_UUID_LEN);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sha1_known_vectors),    cmocka_unit_test(sha1_block_boundaries),
        cmocka_unit_test(sha1_incremental),      cmocka_unit_test(uuid_v5_known_vectors),
        cmocka_unit_test(uuid_parse_and_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
