/* Small helpers for reading what profile and organisation pages are sent:
 * multi-valued form fields, numeric ids, one-line text, and URL encoding
 * for links that carry it back. (General enough to move to src/http/ one
 * day; kept here until another area needs them.) */
#ifndef DXHUB_PROFILES_FORM_VALUES_H
#define DXHUB_PROFILES_FORM_VALUES_H

#include <jansson.h>
#include <stdint.h>

#include "http/request.h"

/* Every posted value of field (a <select multiple> or checkboxes), in the
 * order sent, without empty values or repeats: a new array of strings. */
json_t *form_values(struct request *req, const char *field);

/* The positive decimal number s ("42"), or 0 for NULL, "", signs, leading
 * zeros, other characters, or a value that does not fit in int64_t. */
int64_t id_parse(const char *s);

/* s trimmed, with control characters and runs of white space made single
 * spaces (arena; NULL gives ""). For names and other one-line text. */
char *text_squeeze(struct arena *a, const char *s);

/* The number of code points in UTF-8 text s (NULL: 0): what people count
 * as characters in a length limit. */
size_t utf8_length(const char *s);

/* s percent-encoded for a query-string value: unreserved characters stay,
 * everything else becomes %XX (arena; NULL gives ""). */
char *url_query_encode(struct arena *a, const char *s);

#endif
