/* zip.h - read the entries of a zip archive (a taxonomy package): stored and
 * deflated entries, zip64, every size and offset checked, each entry's CRC
 * verified (internal).
 *
 * Why our own reader: taxonomy packages use the two methods zlib already
 * covers (libxml2 links zlib), and a reader of exactly that is some 300
 * lines we can check line by line; libarchive or minizip would be a new
 * dependency for formats and features (encryption, other methods, writing)
 * that packages do not use and that untrusted input would then reach. */
#ifndef R2X_ZIP_H
#define R2X_ZIP_H

#include <stddef.h>

#include "release2xbrl.h"

typedef struct zip_archive zip_archive;

/* Open path and read its central directory.  Entries larger than max_entry
 * bytes (uncompressed) are refused when read.  R2X_EINPUT for a file that is
 * not a zip archive or is damaged, naming what is wrong. */
int zip_open(const char *path, size_t max_entry, zip_archive **out, r2x_error *err);
void zip_close(zip_archive *z);
const char *zip_path(const zip_archive *z);

size_t zip_count(const zip_archive *z);
/* Entry i's name ("us-gaap-2024/META-INF/catalog.xml"). */
const char *zip_name(const zip_archive *z, size_t i);
/* The entry called name: its index, or (size_t)-1. */
size_t zip_find(const zip_archive *z, const char *name);

/* Entry i's bytes, malloc'd and NUL-terminated (*len without the NUL). */
int zip_read(const zip_archive *z, size_t i, char **data, size_t *len, r2x_error *err);

/* True when path names a .zip file (by its name: what --catalog and fetch
 * take as a taxonomy package). */
int zip_is_package_path(const char *path);

/* A taxonomy package's catalog: the entry NAME/META-INF/catalog.xml (or
 * META-INF/catalog.xml at the top), or (size_t)-1. */
size_t zip_package_catalog(const zip_archive *z);

#endif
