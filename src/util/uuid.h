/* Name-based UUIDs, version 5 (RFC 4122 §4.3, SHA-1): the same namespace
 * and name always give the same UUID, so exported identifiers are stable
 * from build to build. Text form is lower-case hex with dashes, 36 chars
 * plus NUL. */
#ifndef LT_UTIL_UUID_H
#define LT_UTIL_UUID_H

#include <stddef.h>

#define LT_UUID_LEN 16
#define LT_UUID_STR 37

/* The RFC 4122 namespace for URLs, 6ba7b811-9dad-11d1-80b4-00c04fd430c8. */
extern const unsigned char lt_uuid_ns_url[LT_UUID_LEN];

/* UUIDv5 of the bytes name[0..len) in namespace ns, in binary. */
void lt_uuid_v5_bin(const unsigned char ns[LT_UUID_LEN], const void *name, size_t len,
                    unsigned char out[LT_UUID_LEN]);
/* UUIDv5 of the NUL-terminated name (its UTF-8 bytes) in ns, as text. */
void lt_uuid_v5(const unsigned char ns[LT_UUID_LEN], const char *name, char out[LT_UUID_STR]);

/* Formats u as lower-case 8-4-4-4-12 text. */
void lt_uuid_format(const unsigned char u[LT_UUID_LEN], char out[LT_UUID_STR]);
/* Parses exactly 36 chars of 8-4-4-4-12 hex (either case) followed by NUL.
 * Returns 0, or -1 with out untouched. */
int lt_uuid_parse(const char *s, unsigned char out[LT_UUID_LEN]);

#endif
