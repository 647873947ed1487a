/* taxonomy.c - read the concept dictionary (taxonomy/README.md). */
#include "taxonomy.h"

#include <ctype.h>
#include <libxml/hash.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "linefile.h"
#include "xml_hash.h"

typedef struct prefixed {
    char *prefix;
    char *value;
    int entry;            /* @schema (an entry point), not only @import */
} prefixed;

struct taxonomy {
    xmlHashTablePtr by_qname;     /* qname -> concept* (libxml2's hash) */
    r2x_buf concepts;             /* concept*[], declaration order, owned */
    r2x_buf namespaces;           /* prefixed[] */
    r2x_buf schemas;              /* prefixed[] */
    r2x_buf files;                /* char*[] names kept for concept.file */
    r2x_buf extensions;           /* concept*[] declared by the company */
};

int taxonomy_new(taxonomy **out, r2x_error *err)
{
    taxonomy *t = calloc(1, sizeof *t);
    if (!t || !(t->by_qname = xml_hash_new(512))) {
        free(t);
        return r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    }
    buf_init(&t->concepts, R2X_BUF_NOCAP);
    buf_init(&t->namespaces, R2X_BUF_NOCAP);
    buf_init(&t->schemas, R2X_BUF_NOCAP);
    buf_init(&t->files, R2X_BUF_NOCAP);
    buf_init(&t->extensions, R2X_BUF_NOCAP);
    *out = t;
    return R2X_OK;
}

static void free_prefixed(r2x_buf *b)
{
    prefixed *p = (prefixed *)(void *)b->data;
    for (size_t i = 0; i < b->len / sizeof *p; i++) {
        free(p[i].prefix);
        free(p[i].value);
    }
    buf_release(b);
}

void taxonomy_free(taxonomy *t)
{
    if (!t)
        return;
    xmlHashFree(t->by_qname, NULL);
    concept **c = (concept **)(void *)t->concepts.data;
    for (size_t i = 0; i < t->concepts.len / sizeof *c; i++) {
        free(c[i]->qname);
        free(c[i]->type);
        free(c[i]);
    }
    buf_release(&t->concepts);
    free_prefixed(&t->namespaces);
    free_prefixed(&t->schemas);
    char **f = (char **)(void *)t->files.data;
    for (size_t i = 0; i < t->files.len / sizeof *f; i++)
        free(f[i]);
    buf_release(&t->files);
    buf_release(&t->extensions);
    free(t);
}

static const char *find_prefixed(const r2x_buf *b, const char *prefix)
{
    const prefixed *p = (const prefixed *)(const void *)b->data;
    for (size_t i = 0; i < b->len / sizeof *p; i++)
        if (!strcmp(p[i].prefix, prefix))
            return p[i].value;
    return NULL;
}

static int add_prefixed(r2x_buf *b, const char *prefix, const char *value, int entry)
{
    prefixed p = {r2x_strdup(prefix), r2x_strdup(value), entry};
    if (!p.prefix || !p.value || buf_add(b, &p, sizeof p)) {
        free(p.prefix);
        free(p.value);
        return R2X_ENOMEM;
    }
    return R2X_OK;
}

int taxonomy_declare(taxonomy *t, const char *prefix, const char *uri, r2x_error *err)
{
    const char *have = find_prefixed(&t->namespaces, prefix);
    if (have) {
        if (strcmp(have, uri))
            return r2x_fail(err, R2X_EPROFILE, NULL, 0,
                            "prefix '%s' is declared twice, as '%s' and '%s'", prefix,
                            have, uri);
        return R2X_OK;
    }
    if (add_prefixed(&t->namespaces, prefix, uri, 0))
        return r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    return R2X_OK;
}

const char *taxonomy_namespace(const taxonomy *t, const char *prefix)
{
    return find_prefixed(&t->namespaces, prefix);
}

const concept *taxonomy_find(const taxonomy *t, const char *qname)
{
    return xmlHashLookup(t->by_qname, (const xmlChar *)qname);
}

/* A QName with a declared prefix and an NCName-ish local part. */
static int valid_qname(const taxonomy *t, const char *q)
{
    const char *colon = strchr(q, ':');
    if (!colon || colon == q || !colon[1])
        return 0;
    for (const char *p = colon + 1; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-' && *p != '.')
            return 0;
    char prefix[64];
    size_t n = (size_t)(colon - q);
    if (n >= sizeof prefix)
        return 0;
    memcpy(prefix, q, n);
    prefix[n] = '\0';
    return taxonomy_namespace(t, prefix) != NULL;
}

int taxonomy_load(taxonomy *t, const char *path, int extension, r2x_error *err)
{
    linefile lf;
    int rc = linefile_open(&lf, path, "concept dictionary", err);
    if (rc)
        return rc;
    const char *fname = buf_keep_string(&t->files, path);
    if (!fname) {
        linefile_close(&lf);
        return r2x_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    }
    while (!rc && linefile_next(&lf, err)) {
        long lineno = lf.lineno;
        char *line = lf.line;
        /* a comment starts at a '#' that begins a word (URIs may hold '#') */
        char *hash = NULL;
        for (char *q = line; *q && !hash; q++)
            if (*q == '#' && (q == line || *(q - 1) == ' ' || *(q - 1) == '\t'))
                hash = q;
        if (hash)
            *hash = '\0';
        char *f[6];
        int nf = 0;
        char *save = NULL;
        for (char *tok = strtok_r(line, " \t\r\n", &save); tok && nf < 6;
             tok = strtok_r(NULL, " \t\r\n", &save))
            f[nf++] = tok;
        if (!nf)
            continue;
        if (f[0][0] == '@') {
            if (nf != 3 || (strcmp(f[0], "@namespace") && strcmp(f[0], "@schema") &&
                            strcmp(f[0], "@import"))) {
                rc = r2x_fail(err, R2X_EPROFILE, path, lineno,
                              "expected '@namespace PREFIX URI', '@schema PREFIX URL' or "
                              "'@import PREFIX URL'");
                break;
            }
            if (!strcmp(f[0], "@namespace"))
                rc = taxonomy_declare(t, f[1], f[2], err);
            else if (add_prefixed(&t->schemas, f[1], f[2], !strcmp(f[0], "@schema")))
                rc = r2x_fail(err, R2X_ENOMEM, path, lineno, "out of memory");
            if (rc && err && !err->file[0]) {
                r2x_strlcpy(err->file, path, sizeof err->file);
                err->line = lineno;
            }
            continue;
        }
        if (nf < 4 || nf > 5 || (nf == 5 && strcmp(f[4], "abstract"))) {
            rc = r2x_fail(err, R2X_EPROFILE, path, lineno,
                          "expected 'PREFIX:Name TYPE PERIOD-TYPE BALANCE [abstract]'");
            break;
        }
        if (!valid_qname(t, f[0]) || !valid_qname(t, f[1])) {
            rc = r2x_fail(err, R2X_EPROFILE, path, lineno,
                          "'%s' or '%s' is not a QName with a declared prefix", f[0], f[1]);
            break;
        }
        int pt = !strcmp(f[2], "instant") ? R2X_PERIOD_INSTANT
                 : !strcmp(f[2], "duration") ? R2X_PERIOD_DURATION : 0;
        int bal = !strcmp(f[3], "debit") ? BALANCE_DEBIT
                  : !strcmp(f[3], "credit") ? BALANCE_CREDIT
                  : !strcmp(f[3], "-") ? BALANCE_NONE : -1;
        if (!pt || bal < 0) {
            rc = r2x_fail(err, R2X_EPROFILE, path, lineno,
                          "period type must be instant or duration and balance debit, "
                          "credit or -");
            break;
        }
        if (taxonomy_find(t, f[0])) {
            rc = r2x_fail(err, R2X_EPROFILE, path, lineno, "concept '%s' is declared twice",
                          f[0]);
            break;
        }
        concept *c = calloc(1, sizeof *c);
        if (c) {
            c->qname = r2x_strdup(f[0]);
            c->type = r2x_strdup(f[1]);
        }
        if (!c || !c->qname || !c->type || buf_add(&t->concepts, &c, sizeof c)) {
            if (c) {
                free(c->qname);
                free(c->type);
            }
            free(c);
            rc = r2x_fail(err, R2X_ENOMEM, path, lineno, "out of memory");
            break;
        }
        c->period_type = pt;
        c->balance = bal;
        c->abstract = nf == 5;
        c->extension = extension;
        c->file = fname;
        c->line = lineno;
        /* libxml2 before 2.12 ignores a failed copy of the key and still
         * says it added the entry: look it up again. */
        if (xmlHashAddEntry(t->by_qname, (const xmlChar *)c->qname, c) ||
            taxonomy_find(t, c->qname) != c ||
            (extension && buf_add(&t->extensions, &c, sizeof c)))
            rc = r2x_fail(err, R2X_ENOMEM, path, lineno, "out of memory");
    }
    if (!rc)
        rc = lf.status;
    linefile_close(&lf);
    return rc;
}

size_t taxonomy_schema_count(const taxonomy *t)
{
    return t->schemas.len / sizeof(prefixed);
}

const char *taxonomy_schema(const taxonomy *t, size_t i, const char **prefix)
{
    return taxonomy_schema_entry(t, i, prefix, NULL);
}

const char *taxonomy_schema_entry(const taxonomy *t, size_t i, const char **prefix,
                                  int *entry)
{
    const prefixed *p = (const prefixed *)(const void *)t->schemas.data;
    if (prefix)
        *prefix = p[i].prefix;
    if (entry)
        *entry = p[i].entry;
    return p[i].value;
}

size_t taxonomy_namespace_count(const taxonomy *t)
{
    return t->namespaces.len / sizeof(prefixed);
}

const char *taxonomy_namespace_at(const taxonomy *t, size_t i, const char **prefix)
{
    const prefixed *p = (const prefixed *)(const void *)t->namespaces.data;
    if (prefix)
        *prefix = p[i].prefix;
    return p[i].value;
}

size_t taxonomy_extension_count(const taxonomy *t)
{
    return t->extensions.len / sizeof(concept *);
}

const concept *taxonomy_extension_at(const taxonomy *t, size_t i)
{
    return ((concept **)(void *)t->extensions.data)[i];
}
