/* Parsing of untrusted request text: percent-decoding, UTF-8 validation and
 * application/x-www-form-urlencoded bodies and query strings. */
#ifndef DXHUB_HTTP_FORM_H
#define DXHUB_HTTP_FORM_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

struct kv {
    const char *key;
    const char *value;
};

/* An ordered list of key/value pairs allocated from an arena. */
struct kvlist {
    struct kv *items;
    size_t n, cap;
};

/* Appends a pair (pointers are kept, not copied). */
void kvlist_add(struct arena *a, struct kvlist *list, const char *key, const char *value);
/* First value for key, or NULL. */
const char *kvlist_get(const struct kvlist *list, const char *key);

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
bool utf8_valid(const char *s, size_t len);

/* Percent-decodes s[0..len) into a new arena string; with plus_is_space,
 * '+' becomes ' ' (query strings and form bodies, not paths). Returns NULL
 * when a %-escape is malformed, the result holds a NUL byte, or the result
 * is not valid UTF-8. *outlen (optional) receives the decoded length. */
char *url_decode(struct arena *a, const char *s, size_t len, bool plus_is_space, size_t *outlen);

/* Percent-encodes s for use as a query value (everything but A-Z a-z 0-9
 * - . _ ~ and /, which a query may hold as they are, is escaped). Returns an
 * arena string. */
char *url_encode(struct arena *a, const char *s);
/* The request target again: raw_path, then "?" and the query pairs
 * re-encoded, when there are any. */
struct request;
const char *request_target(struct request *req);

/* Parses "k=v&k2=v2" (len bytes) into list. Returns 0, or -1 when any part
 * is malformed (see url_decode); pairs parsed before the error stay added.
 * Empty segments ("a=1&&b=2") are skipped; a key without '=' gets "". */
int form_parse_urlencoded(struct arena *a, const char *s, size_t len, struct kvlist *list);

#endif
