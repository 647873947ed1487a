#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

#include "release2xbrl.h"

static char buf_empty[1];

void buf_init(r2x_buf *b, size_t cap)
{
    b->data = buf_empty;
    b->len = 0;
    b->alloc = 0;
    b->cap = cap;
}

void buf_release(r2x_buf *b)
{
    if (b->alloc)
        free(b->data);
    buf_init(b, b->cap);
}

void buf_reset(r2x_buf *b)
{
    b->len = 0;
    b->data[0] = '\0';
}

static int buf_grow(r2x_buf *b, size_t extra)
{
    if (extra > b->cap || b->len > b->cap - extra)
        return R2X_ETOOBIG;
    size_t need = b->len + extra + 1;
    if (need <= b->alloc)
        return R2X_OK;
    size_t n = b->alloc ? b->alloc : 32;
    while (n < need)
        n = n > ((size_t)-1) / 2 ? need : n * 2;
    char *p = realloc(b->alloc ? b->data : NULL, n);
    if (!p)
        return R2X_ENOMEM;
    if (!b->alloc)
        p[0] = '\0';
    b->data = p;
    b->alloc = n;
    return R2X_OK;
}

int buf_add(r2x_buf *b, const void *data, size_t len)
{
    int rc = buf_grow(b, len);
    if (rc)
        return rc;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return R2X_OK;
}

int buf_adds(r2x_buf *b, const char *s)
{
    return buf_add(b, s, strlen(s));
}

int buf_addc(r2x_buf *b, char c)
{
    return buf_add(b, &c, 1);
}

int buf_vaddf(r2x_buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0)
        return R2X_EUSAGE;
    int rc = buf_grow(b, (size_t)n);
    if (rc)
        return rc;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return R2X_OK;
}

int buf_addf(r2x_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = buf_vaddf(b, fmt, ap);
    va_end(ap);
    return rc;
}

char *buf_detach(r2x_buf *b, size_t *len)
{
    char *p;
    if (len)
        *len = b->len;
    if (b->alloc) {
        p = b->data;
    } else {
        p = malloc(1);
        if (p)
            p[0] = '\0';
    }
    buf_init(b, b->cap);
    return p;
}

const char *buf_keep_string(r2x_buf *list, const char *s)
{
    size_t n = strlen(s);
    char *copy = malloc(n + 1);
    if (!copy)
        return NULL;
    memcpy(copy, s, n + 1);
    if (buf_add(list, &copy, sizeof copy)) {
        free(copy);
        return NULL;
    }
    return copy;
}

int buf_read_fd(r2x_buf *b, int fd)
{
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return R2X_EIO;
        if (n == 0)
            return R2X_OK;
        int rc = buf_add(b, chunk, (size_t)n);
        if (rc)
            return rc;
    }
}
