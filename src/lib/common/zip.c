/*
 * zip.c - a reader of zip archives for taxonomy packages (see zip.h): the
 * end of central directory record (zip64 too), the central directory, and
 * each entry's local header and data, inflated with zlib.  Every offset and
 * size is checked against the file before it is used.
 */
#include "zip.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "error.h"

/* Bounds on what a package may hold: a central directory of 64 MiB, a
 * million entries, names of 4 KiB. */
#define MAX_DIRECTORY ((uint64_t)64 << 20)
#define MAX_ENTRIES 1000000
#define MAX_NAME 4096

typedef struct zip_entry {
    size_t name;              /* offset into names */
    uint64_t local;           /* offset of its local header */
    uint64_t csize, usize;
    uint32_t crc;
    int method;               /* 0 stored, 8 deflated */
    int encrypted;
} zip_entry;

struct zip_archive {
    int fd;
    char *path;
    uint64_t size;            /* of the file */
    size_t max_entry;
    r2x_buf names;            /* NUL-separated */
    size_t n;
    zip_entry *entries;
};

static uint16_t le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const unsigned char *p)
{
    return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* n bytes at off, all of them, or -1. */
static int read_at(int fd, void *buf, size_t n, uint64_t off)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = pread(fd, (char *)buf + got, n - got, (off_t)(off + got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        got += (size_t)r;
    }
    return 0;
}

static int damaged(const zip_archive *z, r2x_error *err, const char *what)
{
    return r2xi_fail(err, R2X_EINPUT, z->path, 0, "not a readable zip archive: %s", what);
}

void zip_close(zip_archive *z)
{
    if (!z)
        return;
    if (z->fd >= 0)
        close(z->fd);
    free(z->path);
    buf_release(&z->names);
    free(z->entries);
    free(z);
}

const char *zip_path(const zip_archive *z)
{
    return z->path;
}

size_t zip_count(const zip_archive *z)
{
    return z->n;
}

const char *zip_name(const zip_archive *z, size_t i)
{
    return i < z->n ? z->names.data + z->entries[i].name : NULL;
}

size_t zip_find(const zip_archive *z, const char *name)
{
    for (size_t i = 0; i < z->n; i++)
        if (!strcmp(z->names.data + z->entries[i].name, name))
            return i;
    return (size_t)-1;
}

int zip_is_package_path(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && !strcasecmp(path + n - 4, ".zip");
}

size_t zip_package_catalog(const zip_archive *z)
{
    static const char tail[] = "META-INF/catalog.xml";
    size_t best = (size_t)-1, best_depth = 0;
    for (size_t i = 0; i < z->n; i++) {
        const char *name = zip_name(z, i);
        size_t n = strlen(name), t = sizeof tail - 1;
        if (n < t || strcmp(name + n - t, tail) || (n > t && name[n - t - 1] != '/'))
            continue;
        size_t depth = 0;
        for (const char *p = name; *p; p++)
            depth += *p == '/';
        /* the top-level one (a package's own), not one nested deeper */
        if (best == (size_t)-1 || depth < best_depth) {
            best = i;
            best_depth = depth;
        }
    }
    return best;
}

/* Where the central directory is, from the end of central directory record
 * (and its zip64 form). */
static int find_directory(zip_archive *z, uint64_t *offset, uint64_t *size, uint64_t *count,
                          r2x_error *err)
{
    unsigned char tail[65536 + 22];
    size_t n = z->size < sizeof tail ? (size_t)z->size : sizeof tail;
    if (n < 22 || read_at(z->fd, tail, n, z->size - n))
        return damaged(z, err, "no end of central directory record");
    size_t at = (size_t)-1;
    for (size_t i = n - 22 + 1; i-- > 0;)
        if (le32(tail + i) == 0x06054b50 && i + 22 + le16(tail + i + 20) == n) {
            at = i;
            break;
        }
    if (at == (size_t)-1)
        return damaged(z, err, "no end of central directory record");
    const unsigned char *e = tail + at;
    if (le16(e + 4) != 0 || le16(e + 6) != 0)
        return damaged(z, err, "archives split over several disks are not read");
    *count = le16(e + 10);
    *size = le32(e + 12);
    *offset = le32(e + 16);
    if (*count == 0xFFFF || *size == 0xFFFFFFFF || *offset == 0xFFFFFFFF) {
        /* zip64: the locator just before, then the record it points at */
        if (at < 20 || le32(e - 20) != 0x07064b50)
            return damaged(z, err, "a zip64 archive without its locator");
        uint64_t rec = le64(e - 20 + 8);
        unsigned char r[56];
        if (rec + 56 > z->size || read_at(z->fd, r, sizeof r, rec) || le32(r) != 0x06064b50)
            return damaged(z, err, "a zip64 end of central directory record out of place");
        *count = le64(r + 32);
        *size = le64(r + 40);
        *offset = le64(r + 48);
    }
    if (*size > MAX_DIRECTORY || *count > MAX_ENTRIES)
        return damaged(z, err, "a central directory larger than this reader takes");
    if (*offset > z->size || *size > z->size - *offset)
        return damaged(z, err, "the central directory lies outside the file");
    return R2X_OK;
}

/* Sizes and offset of a zip64 entry from its extra field. */
static int zip64_extra(const unsigned char *x, size_t n, zip_entry *e, int need_u, int need_c,
                       int need_o)
{
    while (n >= 4) {
        size_t id = le16(x), len = le16(x + 2);
        if (len > n - 4)
            return -1;
        if (id == 1) {
            const unsigned char *p = x + 4, *end = x + 4 + len;
            if (need_u) {
                if (end - p < 8)
                    return -1;
                e->usize = le64(p);
                p += 8;
            }
            if (need_c) {
                if (end - p < 8)
                    return -1;
                e->csize = le64(p);
                p += 8;
            }
            if (need_o) {
                if (end - p < 8)
                    return -1;
                e->local = le64(p);
            }
            return 0;
        }
        x += 4 + len;
        n -= 4 + len;
    }
    return need_u || need_c || need_o ? -1 : 0;
}

static int read_directory(zip_archive *z, r2x_error *err)
{
    uint64_t offset, size, count;
    int rc = find_directory(z, &offset, &size, &count, err);
    if (rc)
        return rc;
    unsigned char *cd = malloc(size ? (size_t)size : 1);
    z->entries = calloc(count ? (size_t)count : 1, sizeof *z->entries);
    if (!cd || !z->entries) {
        free(cd);
        return r2xi_fail(err, R2X_ENOMEM, z->path, 0, "out of memory");
    }
    if (read_at(z->fd, cd, (size_t)size, offset)) {
        free(cd);
        return damaged(z, err, "the central directory cannot be read");
    }
    size_t p = 0;
    for (uint64_t i = 0; i < count && !rc; i++) {
        if (size - p < 46 || le32(cd + p) != 0x02014b50) {
            rc = damaged(z, err, "a central directory entry out of place");
            break;
        }
        const unsigned char *h = cd + p;
        size_t nlen = le16(h + 28), xlen = le16(h + 30), clen = le16(h + 32);
        if (46 + nlen + xlen + clen > size - p || !nlen || nlen > MAX_NAME) {
            rc = damaged(z, err, "a central directory entry runs past its end");
            break;
        }
        zip_entry *e = &z->entries[z->n];
        e->encrypted = le16(h + 8) & 1;
        e->method = le16(h + 10);
        e->crc = le32(h + 16);
        e->csize = le32(h + 20);
        e->usize = le32(h + 24);
        e->local = le32(h + 42);
        if (zip64_extra(h + 46 + nlen, xlen, e, e->usize == 0xFFFFFFFF,
                        e->csize == 0xFFFFFFFF, e->local == 0xFFFFFFFF)) {
            rc = damaged(z, err, "a zip64 entry without its sizes");
            break;
        }
        const char *name = (const char *)h + 46;
        if (memchr(name, '\0', nlen)) {
            rc = damaged(z, err, "an entry name with a NUL byte");
            break;
        }
        e->name = z->names.len;
        if (buf_add(&z->names, name, nlen) || buf_addc(&z->names, '\0')) {
            rc = r2xi_fail(err, R2X_ENOMEM, z->path, 0, "out of memory");
            break;
        }
        z->n++;
        p += 46 + nlen + xlen + clen;
    }
    free(cd);
    return rc;
}

int zip_open(const char *path, size_t max_entry, zip_archive **out, r2x_error *err)
{
    *out = NULL;
    zip_archive *z = calloc(1, sizeof *z);
    if (!z || !(z->path = r2xi_strdup(path))) {
        free(z);
        return r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    }
    buf_init(&z->names, R2X_BUF_NOCAP);
    z->max_entry = max_entry;
    z->fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    int rc = R2X_OK;
    if (z->fd < 0)
        rc = r2xi_fail(err, R2X_EIO, path, 0, "cannot open: %s", strerror(errno));
    else if (fstat(z->fd, &st) || !S_ISREG(st.st_mode))
        rc = r2xi_fail(err, R2X_EIO, path, 0, "cannot read: not a regular file");
    else {
        z->size = (uint64_t)st.st_size;
        rc = read_directory(z, err);
    }
    if (rc) {
        zip_close(z);
        return rc;
    }
    *out = z;
    return R2X_OK;
}

static int inflate_entry(const zip_archive *z, const char *name, const unsigned char *in,
                         size_t csize, char *out, size_t usize, r2x_error *err)
{
    z_stream s;
    memset(&s, 0, sizeof s);
    if (inflateInit2(&s, -MAX_WBITS) != Z_OK)
        return r2xi_fail(err, R2X_ENOMEM, z->path, 0, "out of memory");
    s.next_in = (unsigned char *)(uintptr_t)in;
    s.avail_in = (uInt)csize;
    s.next_out = (unsigned char *)out;
    s.avail_out = (uInt)usize;
    int r = inflate(&s, Z_FINISH);
    size_t produced = usize - s.avail_out;
    inflateEnd(&s);
    if (r == Z_MEM_ERROR)
        return r2xi_fail(err, R2X_ENOMEM, z->path, 0, "out of memory");
    if (r != Z_STREAM_END || produced != usize)
        return r2xi_fail(err, R2X_EINPUT, z->path, 0,
                        "entry '%s' does not inflate to its recorded %zu bytes", name, usize);
    return R2X_OK;
}

int zip_read(const zip_archive *z, size_t i, char **data, size_t *len, r2x_error *err)
{
    *data = NULL;
    *len = 0;
    if (i >= z->n)
        return r2xi_fail(err, R2X_EUSAGE, z->path, 0, "no entry %zu", i);
    const zip_entry *e = &z->entries[i];
    const char *name = zip_name(z, i);
    if (e->encrypted)
        return r2xi_fail(err, R2X_EINPUT, z->path, 0, "entry '%s' is encrypted", name);
    if (e->method != 0 && e->method != 8)
        return r2xi_fail(err, R2X_EINPUT, z->path, 0,
                        "entry '%s' is compressed by method %d; only stored and deflated "
                        "entries are read", name, e->method);
    if (e->usize > z->max_entry || e->usize > UINT32_MAX || e->csize > UINT32_MAX)
        return r2xi_fail(err, R2X_ETOOBIG, z->path, 0,
                        "entry '%s' is larger than the %zu-byte limit (--max-size)", name,
                        z->max_entry);
    if (e->method == 0 && e->csize != e->usize)
        return damaged(z, err, "a stored entry whose two sizes differ");
    unsigned char lh[30];
    if (e->local > z->size || z->size - e->local < 30 || read_at(z->fd, lh, 30, e->local) ||
        le32(lh) != 0x04034b50)
        return damaged(z, err, "a local header out of place");
    uint64_t start = e->local + 30 + le16(lh + 26) + le16(lh + 28);
    if (start > z->size || e->csize > z->size - start)
        return damaged(z, err, "an entry's data runs past the end of the file");
    size_t csize = (size_t)e->csize, usize = (size_t)e->usize;
    unsigned char *in = malloc(csize ? csize : 1);
    char *out = malloc(usize + 1);
    int rc = R2X_OK;
    if (!in || !out)
        rc = r2xi_fail(err, R2X_ENOMEM, z->path, 0, "out of memory");
    else if (read_at(z->fd, in, csize, start))
        rc = damaged(z, err, "an entry's data cannot be read");
    else if (e->method == 0)
        memcpy(out, in, usize);
    else
        rc = inflate_entry(z, name, in, csize, out, usize, err);
    free(in);
    if (!rc && (uint32_t)crc32(0L, (const Bytef *)out, (uInt)usize) != e->crc)
        rc = r2xi_fail(err, R2X_EINPUT, z->path, 0, "entry '%s' fails its CRC check", name);
    if (rc) {
        free(out);
        return rc;
    }
    out[usize] = '\0';
    *data = out;
    *len = usize;
    return R2X_OK;
}
