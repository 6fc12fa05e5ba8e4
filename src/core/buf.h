/* A growable byte buffer, always NUL-terminated, for building output. */
#ifndef DXHUB_CORE_BUF_H
#define DXHUB_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
    char *data; /* NUL-terminated once anything was appended; NULL when empty and new */
    size_t len; /* bytes used, excluding the terminating NUL */
    size_t cap; /* bytes allocated */
};

#define BUF_INIT {NULL, 0, 0}

/* Appends len bytes of s. Grows with xrealloc (aborts on OOM). */
void buf_append(struct buf *b, const char *s, size_t len);
/* Appends the NUL-terminated string s; NULL appends nothing. */
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
/* Appends printf-formatted text. Never use it to build SQL or HTML from user text. */
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Appends s with & < > " ' replaced by HTML entities. */
void buf_append_html(struct buf *b, const char *s, size_t len);
/* Returns the contents as a C string ("" when empty); the buffer keeps ownership. */
const char *buf_str(const struct buf *b);
/* Empties the buffer but keeps its memory. */
void buf_reset(struct buf *b);
/* Releases the memory; the buffer is empty and reusable afterwards. */
void buf_free(struct buf *b);
/* Hands the memory to the caller (free() it) and leaves the buffer empty. Never NULL. */
char *buf_detach(struct buf *b, size_t *len);

#endif
