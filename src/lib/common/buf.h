/*
 * buf.h - the one growable byte buffer (after git's strbuf and curl's dynbuf).
 *
 * .data is never NULL once initialised and is always NUL-terminated.  A buffer
 * has a size cap; an append that would pass it, or that cannot allocate,
 * fails with R2X_ETOOBIG or R2X_ENOMEM and leaves the buffer as it was.
 */
#ifndef R2X_BUF_H
#define R2X_BUF_H

#include <stdarg.h>
#include <stddef.h>

#define R2X_WARN_UNUSED __attribute__((warn_unused_result))

typedef struct r2x_buf {
    char *data;
    size_t len;
    size_t alloc;   /* 0 while data points at the shared empty string */
    size_t cap;     /* the most len may reach */
} r2x_buf;

#define R2X_BUF_NOCAP ((size_t)-1)

void buf_init(r2x_buf *b, size_t cap);
void buf_release(r2x_buf *b);
void buf_reset(r2x_buf *b);
int buf_add(r2x_buf *b, const void *data, size_t len) R2X_WARN_UNUSED;
int buf_adds(r2x_buf *b, const char *s) R2X_WARN_UNUSED;
int buf_addc(r2x_buf *b, char c) R2X_WARN_UNUSED;
int buf_addf(r2x_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3))) R2X_WARN_UNUSED;
int buf_vaddf(r2x_buf *b, const char *fmt, va_list ap) R2X_WARN_UNUSED;
/* Append a copy of s to a buffer used as a list of char*, which then owns
 * it (free each with free() before buf_release); NULL if out of memory. */
const char *buf_keep_string(r2x_buf *list, const char *s);
/* Hand the memory to the caller (never NULL on success, NULL if out of
 * memory) and leave the buffer empty. */
char *buf_detach(r2x_buf *b, size_t *len);
/* Append everything fd has till its end: R2X_OK, R2X_ETOOBIG past the cap,
 * R2X_ENOMEM, or R2X_EIO with errno set. */
int buf_read_fd(r2x_buf *b, int fd) R2X_WARN_UNUSED;

#endif
